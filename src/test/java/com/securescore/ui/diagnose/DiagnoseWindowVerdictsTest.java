package com.securescore.ui.diagnose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.OpensslServer;
import com.securescore.testsupport.PythonTlsServer;
import com.securescore.testsupport.RevocationAuthority;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.domain.DomainStepView;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Support staff point the Diagnose window at servers set up by someone else, each with one fault the
 * window used to misname: a server demanding a client certificate, a port that never answers TLS, and
 * a revoked certificate stapled by the server. Each shows its own finding, worded without a command line.
 */
@ExtendWith(ApplicationExtension.class)
class DiagnoseWindowVerdictsTest {
    @TempDir
    Path dir;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        DomainStepView domain = new DomainStepView(new WizardState());
        stage.setScene(new Scene((Parent) domain.view(), 700, 400));
        stage.getScene().getStylesheets().add(getClass().getResource("/com/securescore/ui/securescore.css")
                .toExternalForm());
        stage.show();
    }

    @AfterEach
    void closeWindows() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(w -> w != stage).toList()
                .forEach(Window::hide)).get();
    }

    /** Opens the window, fills the endpoint (and the root clients trust, when given), runs, waits for the verdict. */
    private static String diagnose(FxRobot robot, String endpoint, Path trust) throws Exception {
        robot.clickOn("#diagOpen");
        robot.clickOn("#diagEndpoint").write(endpoint);
        robot.clickOn("#diagConnectTo").write("127.0.0.1");
        if (trust != null) {
            robot.interact(() -> robot.lookup("#diagTrust").queryTextInputControl()
                    .setText(trust.toAbsolutePath().toString()));
        }
        robot.clickOn("#diagRun");
        Label title = robot.lookup("#diagVerdictTitle").queryAs(Label.class);
        FxWait.until(40, TimeUnit.SECONDS, () -> !title.getText().isEmpty()
                && !robot.lookup("#diagRun").query().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        return title.getText();
    }

    private static String card(FxRobot robot, String code) {
        String id = "#diagFinding-" + code;
        assertTrue(robot.lookup(id).tryQuery().isPresent(), "no " + code + " card; the findings say: "
                + robot.lookup("#diagFindings .label").queryAllAs(Label.class).stream().map(Label::getText).toList());
        String text = robot.lookup(id + " .label").queryAllAs(Label.class).stream().map(Label::getText).toList()
                .toString();
        assertFalse(GuiFixes.COMMAND_LINE.matcher(text).find(), "no option or variable in the window: " + text);
        return text;
    }

    @Test
    void aServerThatDemandsAClientCertificateIsSaidToBeMutualTlsNotANetworkFault(FxRobot robot) throws Exception {
        TestPki.Issued root = TestPki.rootCa("Verdicts Root");
        TestPki.Issued leaf = TestPki.leaf(root).dns(LocalService.HOST).issue();
        Path rootFile = TestPki.writePem(dir.resolve("root.pem"), root.certificate());
        try (PythonTlsServer s = PythonTlsServer.mutualTls(dir, "1.3", true, List.of(leaf.certificate()),
                leaf.privateKey(), root.certificate())) {
            String verdict = diagnose(robot, LocalService.HOST + ":" + s.port(), rootFile);
            assertTrue(verdict.startsWith("Problems"), verdict);
            String text = card(robot, "client_cert_required");
            assertTrue(text.contains("mutual TLS"), text);
            assertFalse(robot.lookup("#diagFinding-connect_refused").tryQuery().isPresent());
        }
    }

    @Test
    void aPortThatNeverAnswersTlsIsNotCalledAFirewall(FxRobot robot) throws Exception {
        try (PythonTlsServer s = PythonTlsServer.silent(dir)) {
            String verdict = diagnose(robot, LocalService.HOST + ":" + s.port(), null);
            assertTrue(verdict.startsWith("Problems"), verdict);
            String text = card(robot, "tls_no_answer");
            assertTrue(text.contains("accepted the TCP connection"), text);
            assertFalse(robot.lookup("#diagFinding-connect_timeout").tryQuery().isPresent());
        }
    }

    @Test
    void aRevokedCertificateStapledByTheServerIsRevoked(FxRobot robot) throws Exception {
        try (RevocationAuthority ca = RevocationAuthority.start(Files.createDirectories(dir.resolve("ca")))) {
            TestPki.Issued leaf = ca.leaf(LocalService.HOST, true, false);
            ca.revoke(leaf, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS),
                    CRLReason.keyCompromise);
            ca.startResponder();
            Path stapled = ca.ocspResponseFile(leaf);
            Path rootFile = TestPki.writePem(dir.resolve("revocation-root.pem"), ca.root().certificate());
            try (OpensslServer s = OpensslServer.start(dir, ca.chain(leaf), leaf.privateKey(), "-status_file",
                    stapled.toString())) {
                String verdict = diagnose(robot, LocalService.HOST + ":" + s.port(), rootFile);
                assertTrue(verdict.startsWith("Problems"), verdict);
                String text = card(robot, "revoked");
                assertTrue(text.contains("keyCompromise"), text);
            }
        }
    }
}

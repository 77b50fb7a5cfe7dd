package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.revocation.RevocationCheck;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.SilentPort;
import com.securescore.testsupport.RevocationAuthority;
import com.securescore.testsupport.Shots;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.wizard.WizardState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javafx.beans.binding.Bindings;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Check revocation online" as a person uses it, against a real CA on loopback (its CRL over HTTP, the
 * real {@code openssl ocsp} as its responder): offered, not asked until pressed, and its answer shown as
 * a finding card or one plain line. Next is bound as the wizard's shell binds it.
 */
@ExtendWith(ApplicationExtension.class)
class RevocationOnScreenTest {
    private static final String DOMAIN = "scoring.contoso.test";

    private final WizardState state = new WizardState();
    private CertificateStepView view;
    private final Path dir;
    private final RevocationAuthority ca;
    private Scene scene;

    RevocationOnScreenTest() throws IOException {
        dir = Files.createTempDirectory("revocation-on-screen");
        ca = RevocationAuthority.start(dir);
    }

    @Start
    void start(Stage stage) {
        state.domainProperty().set(DOMAIN);
        state.trustPathProperty().set(TestPki.writePem(dir.resolve("root.pem"), ca.root().certificate()));
        view = new CertificateStepView(state);
        ScrollPane scroll = new ScrollPane(view.view());
        scroll.setFitToWidth(true);
        Button next = new Button("Next");
        next.setId("next");
        // As WizardShellViewModel.canGoNext: the step can advance and is not busy.
        next.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !view.canAdvance().get() || view.busy().get(), view.canAdvance(), view.busy()));
        BorderPane page = new BorderPane(scroll);
        page.setBottom(new VBox(next));
        scene = new Scene(page, 1024, 700);
        scene.getStylesheets().add(Objects.requireNonNull(
                getClass().getResource("/com/securescore/ui/securescore.css")).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stopCa() {
        ca.close();
    }

    @Test
    void revokedCertificateIsAnErrorCardAfterPressingAndNextIsDisabled(FxRobot robot) throws Exception {
        TestPki.Issued leaf = ca.leaf(DOMAIN, false, true);
        ca.revoke(leaf, Instant.now().minus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS),
                CRLReason.keyCompromise);
        use(robot, leaf, "revoked");
        assertFalse(robot.lookup("#next").queryButton().isDisabled(), "offline the certificate is ready");
        assertTrue(robot.lookup("#revocationNote").queryAs(Label.class).getText().contains(ca.crlUrl()),
                "the note names where it would ask");
        assertEquals(0, ca.crlRequests(), "nothing asked before the user pressed");

        robot.clickOn("#checkRevocation");
        FxWait.until(20, TimeUnit.SECONDS, () -> !robot.lookup("#finding-revoked").queryAll().isEmpty());

        assertEquals(1, ca.crlRequests());
        assertTrue(robot.lookup("#next").queryButton().isDisabled(), "a revoked certificate blocks Next");
        assertEquals("1 error — must be fixed before deploying",
                robot.lookup("#findings-error").queryAs(Label.class).getText());
        assertEquals("Not ready to deploy for " + DOMAIN + ".",
                robot.lookup("#certStatus").queryAs(Label.class).getText());
        robot.interact(() -> robot.lookup(".scroll-pane").queryAs(ScrollPane.class).setVvalue(0));
        Shots.take(robot, scene, "cert-revoked");
    }

    @Test
    void goodAnswerIsOnePlainLineAndNextStaysEnabled(FxRobot robot) throws Exception {
        TestPki.Issued leaf = ca.leaf(DOMAIN, true, false);
        ca.startResponder();
        use(robot, leaf, "good");

        robot.clickOn("#checkRevocation");
        FxWait.until(20, TimeUnit.SECONDS,
                () -> robot.lookup("#revocationGood").queryAs(Label.class).isVisible());

        assertEquals("Not revoked, says the OCSP responder " + ca.ocspUrl() + ".",
                robot.lookup("#revocationGood").queryAs(Label.class).getText());
        assertTrue(robot.lookup(".finding").queryAll().isEmpty(), "no card for a good answer");
        assertFalse(robot.lookup("#next").queryButton().isDisabled());
        robot.interact(() -> robot.lookup(".scroll-pane").queryAs(ScrollPane.class).setVvalue(0));
        Shots.take(robot, scene, "cert-revocation-good");
    }

    @Test
    void silentResponderIsAWarningCardNamingItWithinTheTimeLimit(FxRobot robot) throws Exception {
        try (SilentPort silent = new SilentPort()) {
            String ocspUrl = "http://127.0.0.1:" + silent.port() + "/";
            String crlUrl = "http://127.0.0.1:" + Ports.unused() + "/issuing.crl";
            TestPki.Issued leaf = TestPki.leaf(ca.issuing()).dns(DOMAIN).ocsp(ocspUrl).crl(crlUrl).issue();
            use(robot, leaf, "dead");

            assertEquals(0, silent.connections(), "nothing asked before the user pressed");
            long start = System.nanoTime();
            robot.clickOn("#checkRevocation");
            FxWait.until(RevocationCheck.DEFAULT_LIMIT.toSeconds() + 5, TimeUnit.SECONDS,
                    () -> !robot.lookup("#finding-revocation_unchecked").queryAll().isEmpty());
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(took.compareTo(RevocationCheck.DEFAULT_LIMIT.plusSeconds(1)) < 0, "within the limit: " + took);
            assertEquals(1, silent.connections(), "the responder was asked once, when the user pressed");
            String card = robot.lookup("#finding-revocation_unchecked .finding-message").queryAs(Label.class).getText();
            assertTrue(card.contains(ocspUrl) && card.contains(crlUrl), card);
            assertFalse(robot.lookup("#next").queryButton().isDisabled(), "a warning does not block Next");
            robot.interact(() -> robot.lookup(".scroll-pane").queryAs(ScrollPane.class).setVvalue(0));
            Shots.take(robot, scene, "cert-revocation-unchecked");
        }
    }

    private void use(FxRobot robot, TestPki.Issued leaf, String name) throws Exception {
        Path chain = TestPki.writePem(dir.resolve(name + "-chain.pem"), leaf.certificate(), ca.issuing().certificate());
        Path key = TestPki.writePem(dir.resolve(name + "-key.pem"), leaf.privateKey());
        robot.interact(() -> view.model().useFiles(List.of(chain, key)));
        FxWait.until(20, TimeUnit.SECONDS, () -> robot.lookup("#certStatus").queryAs(Label.class)
                .getText().startsWith("Ready"));
        assertTrue(robot.lookup("#revocationPane").query().isVisible(), "the check is offered");
    }
}

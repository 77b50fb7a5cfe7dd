package com.securescore.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateRepairs;
import com.securescore.findings.Finding;
import com.securescore.testsupport.AnsweredDialogs;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.Shots;
import com.securescore.testsupport.StepStage;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.certificate.CertificateStepViewModel;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console's Trust as a person new to SecureScore meets it: IT's root as a DER .cer scores; trying
 * another file in the console leaves the Certificate step as it was; a file that cannot be trusted
 * shows as a failed image in the results and the totals.
 */
@ExtendWith(ApplicationExtension.class)
class ConsoleTrustTest {
    @TempDir
    static Path dir;

    static LocalService server;
    static Path red;
    static Path derRoot;

    private WizardState state;
    private CertificateStepViewModel certificate;
    private ConsoleStepView view;

    @BeforeAll
    static void startService() throws Exception {
        server = LocalService.start(dir);
        red = Files.write(dir.resolve("red.png"), LocalService.png(Color.RED, 40));
        derRoot = dir.resolve("WalkRootCA.cer");
        Process p = new ProcessBuilder("openssl", "x509", "-in", server.ca().toString(), "-outform", "DER", "-out",
                derRoot.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), said);
    }

    @AfterAll
    static void stopService() {
        server.close();
    }

    @AfterEach
    void nativeDialogs() {
        FileDialogs.use(FileDialogs.NATIVE);
    }

    @Start
    void start(Stage stage) {
        state = new WizardState();
        state.domainProperty().set(LocalService.HOST);
        state.trustPathProperty().set(server.ca());
        certificate = new CertificateStepViewModel(state, BackgroundRunner.DIRECT, new CertificateRepairs());
        Path tls = server.ca().getParent();
        certificate.useFiles(List.of(tls.resolve("fullchain.pem"), tls.resolve("privkey.pem")));
        view = new ConsoleStepView(state);
        view.onEnter();
        view.model().portProperty().set(String.valueOf(server.port()));
        view.model().connectToProperty().set("127.0.0.1");
        view.model().loadKeyFile(server.keysFile());
        StepStage.show(stage, view.view(), 760, 700);
    }

    /** The next file dialog is answered with {@code file}, as a person choosing it would. */
    private static void nextChoiceIs(Path file) {
        AnsweredDialogs.use(null, List.of(file));
    }

    private void scoreRed(FxRobot robot) throws Exception {
        robot.interact(() -> view.model().score(List.of(red)));
        FxWait.until(20, TimeUnit.SECONDS, () -> !view.model().busyProperty().get()
                && !robot.lookup(".score-card").queryAll().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String cardText(FxRobot robot) {
        return robot.lookup(".score-card .label").queryAllAs(Label.class).stream().map(Label::getText)
                .reduce("", (a, b) -> a + "\n" + b);
    }

    @Test
    void aDerRootChosenAsTrustScoresAnImage(FxRobot robot) throws Exception {
        nextChoiceIs(derRoot);
        robot.clickOn("#consoleChooseTrust");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(derRoot.toString(), robot.lookup("#consoleTrust").queryAs(Label.class).getText());
        scoreRed(robot);
        assertTrue(view.model().results().get(0).ok(), cardText(robot));
        assertEquals("red.png", robot.lookup(".score-card .score-title").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#consoleTotals").queryAs(Label.class).getText().startsWith("1 scored"),
                robot.lookup("#consoleTotals").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#consoleStatus").queryAs(Label.class).getStyleClass().contains("message-error"));
        Shots.take(robot, robot.lookup("#consoleStatus").query().getScene(),
                "console-trust-der-root-scored");
    }

    @Test
    void aConsoleTrustChangeLeavesTheCertificateStepAsItWas(FxRobot robot) throws Exception {
        List<String> findingsBefore = certificate.reportProperty().get().findings().stream().map(Finding::code)
                .map(Enum::name).toList();
        String sourcesBefore = certificate.sourcesTextProperty().get();
        assertTrue(sourcesBefore.endsWith("trusted root: ca.pem"), sourcesBefore);
        Path chain = server.ca().resolveSibling("fullchain.pem");
        nextChoiceIs(chain);
        robot.clickOn("#consoleChooseTrust");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(chain.toString(), robot.lookup("#consoleTrust").queryAs(Label.class).getText());
        assertEquals(server.ca(), state.trustPathProperty().get(), "the wizard's trusted root is kept");
        var handedOn = state.certificateProperty().get();
        // Back to the Certificate step, which checks again, then forward to the console again.
        robot.interact(certificate::onEnter);
        // The Deploy step says "the certificate changed" when this is another check than it started with.
        assertSame(handedOn, state.certificateProperty().get(), "the certificate handed on is the same check");
        assertEquals(findingsBefore, certificate.reportProperty().get().findings().stream().map(Finding::code)
                .map(Enum::name).toList(), "no new findings from what was tried in the console");
        assertEquals(sourcesBefore, certificate.sourcesTextProperty().get());
        robot.interact(view::onEnter);
        assertEquals(chain.toString(), view.model().trustPathProperty().get(), "the console keeps its own choice");
        assertEquals(server.ca().toString(), state.toProgress(StepId.CONSOLE).trustPath(), "saved progress keeps the step's root");
    }

    @Test
    void aTrustFileWithoutACertificateIsAFailedResultCountedInTheTotals(FxRobot robot) throws Exception {
        Path keys = server.keysFile();
        nextChoiceIs(keys);
        robot.clickOn("#consoleChooseTrust");
        WaitForAsyncUtils.waitForFxEvents();
        scoreRed(robot);
        ConsoleStepViewModel.Result r = view.model().results().get(0);
        assertFalse(r.ok());
        assertEquals("TRUST_FILE_UNUSABLE", r.code());
        String card = cardText(robot);
        assertTrue(card.contains("red.png") && card.contains(keys.toString()) && card.contains("holds no certificate")
                && card.contains("root CA certificate"), card);
        assertFalse(card.contains("--trust") || card.contains("GRPC_"), "the wizard names no flag: " + card);
        String totals = robot.lookup("#consoleTotals").queryAs(Label.class).getText();
        assertTrue(totals.contains("1 failed"), totals);
        Label status = robot.lookup("#consoleStatus").queryAs(Label.class);
        assertTrue(status.getText().startsWith("Could not connect") && status.getStyleClass()
                .contains("message-error"), status.getText());
        assertNull(view.model().results().get(0).score());
        Shots.take(robot, status.getScene(), "console-trust-file-without-certificate");
    }

    @Test
    void aRefusedConnectionIsAFailedResultCountedInTheTotals(FxRobot robot) throws Exception {
        robot.interact(() -> view.model().portProperty().set(String.valueOf(Ports.unused())));
        scoreRed(robot);
        ConsoleStepViewModel.Result r = view.model().results().get(0);
        assertFalse(r.ok());
        assertEquals("CONNECT_REFUSED", r.code(), r.error());
        String totals = robot.lookup("#consoleTotals").queryAs(Label.class).getText();
        assertTrue(totals.contains("1 failed"), totals);
        assertTrue(cardText(robot).contains("CONNECT_REFUSED"), cardText(robot));
    }
}

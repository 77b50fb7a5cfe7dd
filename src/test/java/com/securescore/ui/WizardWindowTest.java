package com.securescore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.DevelopmentCertificates;
import com.securescore.resume.ProgressStore;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.Logs;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.Shots;
import com.securescore.ui.certificate.CertificateStepView;
import com.securescore.ui.deploy.DeployStepView;
import com.securescore.ui.wizard.StepId;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Clicks through the real wizard window (headless with Monocle when there is no display). */
@ExtendWith(ApplicationExtension.class)
class WizardWindowTest {
    @TempDir
    static Path configDir;

    private Stage stage;
    private ProgressStore store;
    private WizardWindow window;

    /** Windows a test opens besides the primary one (a restarted wizard); closed after each test. */
    private final List<Stage> opened = new ArrayList<>();

    /**
     * Left open, a restarted wizard's window lies over the primary stage the next test classes use, and
     * their clicks land on it (the Kubernetes journey's Preview did nothing).
     */
    @AfterEach
    void closeOpenedWindows() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> opened.forEach(Stage::close)).get();
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        this.store = new ProgressStore(configDir.resolve("run-" + System.nanoTime()));
        window = new WizardWindow(store, stage);
        // The shared primary stage at the wizard's own size, whatever an earlier test class left it at.
        stage.setWidth(960);
        stage.setHeight(640);
        stage.show();
        stage.toFront();
    }

    @AfterEach
    void stopTheLocalService() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> ((DeployStepView) window.model()
                .step(StepId.DEPLOY)).shutdown()).get();
    }

    private Button next(FxRobot robot) {
        return robot.lookup("#nextButton").queryButton();
    }

    /** Passes the Certificate step the way a developer would: a development certificate in a fresh folder. */
    private void makeDevelopmentCertificate(FxRobot robot, WizardWindow window) throws Exception {
        assertEquals("Certificate", title(robot));
        CertificateStepView step = (CertificateStepView) window.model().step(StepId.CERTIFICATE);
        Path folder = configDir.resolve("dev-" + System.nanoTime());
        robot.interact(() -> step.model().makeDevelopmentCertificate(folder));
        FxWait.until(20, TimeUnit.SECONDS, () -> !next(robot).isDisabled());
    }

    /** Deploys to Local the way a user would: the demo model (nothing to download), a free port, Start. */
    private int startLocalService(FxRobot robot) throws Exception {
        int port = Ports.unused();
        robot.clickOn("#deployModelDemo");
        robot.doubleClickOn("#deployPort").write(String.valueOf(port));
        robot.clickOn("#deployStart");
        FxWait.until(20, TimeUnit.SECONDS, () -> !next(robot).isDisabled());
        String log = Logs.text(robot, "#deployLog");
        assertTrue(log.contains("Listening on 127.0.0.1:" + port), log);
        return port;
    }

    private String title(FxRobot robot) {
        return robot.lookup("#stepTitle").queryAs(Label.class).getText();
    }

    @Test
    void opensOnTheDomainStepWithNextDisabled(FxRobot robot) {
        assertEquals("SecureScore", stage.getTitle());
        assertEquals("Domain", title(robot));
        assertTrue(robot.lookup("#nav-domain").query().getStyleClass().contains("current"));
        assertTrue(next(robot).isDisabled());
        assertTrue(robot.lookup("#backButton").queryButton().isDisabled());
        assertFalse(robot.lookup("#resumeBanner").query().isVisible());
    }

    @Test
    void invalidNameKeepsNextDisabledAndShowsTheReason(FxRobot robot) {
        robot.clickOn("#domainField").write("10.0.0.1");
        assertTrue(next(robot).isDisabled());
        String message = robot.lookup("#domainMessage").queryAs(Label.class).getText();
        assertTrue(message.contains("IP address"), message);
        assertTrue(robot.lookup("#domainFix").queryAs(Label.class).getText().startsWith("Fix: "));
    }

    /** A field emptied after an error is a hint again, not red; a trailing dot is kept out without a false claim. */
    @Test
    void aClearedFieldIsNotAnErrorAndTheTrailingDotNoteIsTrue(FxRobot robot) {
        TextField field = robot.lookup("#domainField").queryAs(TextField.class);
        robot.clickOn(field).write("10.0.0.1");
        Label message = robot.lookup("#domainMessage").queryAs(Label.class);
        assertTrue(message.getStyleClass().contains("message-error"));
        robot.interact(field::clear);
        assertFalse(message.getStyleClass().contains("message-error"), message.getStyleClass().toString());
        assertFalse(field.getPseudoClassStates().toString().contains("invalid"));
        robot.write("scoring.contoso.com.");
        assertFalse(next(robot).isDisabled());
        String notes = robot.lookup(".note").queryAll().stream().map(n -> ((Label) n).getText()).toList().toString();
        assertTrue(notes.contains("The trailing dot is not needed") && !notes.contains("removed"), notes);
    }

    @Test
    void validNameEnablesNextAndShowsPunycodeForInternationalNames(FxRobot robot) {
        robot.clickOn("#domainField").write("bücher.example.com");
        assertFalse(next(robot).isDisabled());
        String message = robot.lookup("#domainMessage").queryAs(Label.class).getText();
        assertTrue(message.contains("xn--bcher-kva.example.com"), message);
    }

    /**
     * The side bar from the keyboard: Shift+Tab from the step's first field reaches the steps one can go
     * to (and only those); Space on one goes there.
     */
    @Test
    void theSideBarIsReachedAndUsedFromTheKeyboard(FxRobot robot) {
        robot.clickOn("#domainField").write("scoring.contoso.com");
        robot.clickOn("#nextButton");
        assertEquals("Certificate", title(robot));
        Button domain = robot.lookup("#nav-domain").queryButton();
        Button console = robot.lookup("#nav-console").queryButton();
        assertTrue(domain.isFocusTraversable() && console.isFocusTraversable(), "done steps and the console");
        assertFalse(robot.lookup("#nav-target").queryButton().isFocusTraversable(), "steps ahead are not reachable");
        robot.interact(() -> robot.lookup("#modeImport").query().requestFocus());

        for (int i = 0; i < 8 && !domain.isFocused(); i++) {
            robot.press(KeyCode.SHIFT).type(KeyCode.TAB)
                    .release(KeyCode.SHIFT);
        }
        assertTrue(domain.isFocused(), "Shift+Tab reaches the side bar");
        robot.type(KeyCode.SPACE);
        assertEquals("Domain", title(robot));
    }

    @Test
    void backAndNextWalkAllSixStepsInOrder(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write("scoring.contoso.com");
        List<String> expected = List.of("Domain", "Certificate", "Target", "Deploy", "DNS", "Scoring console");
        for (int i = 1; i < expected.size(); i++) {
            robot.clickOn("#nextButton");
            assertEquals(expected.get(i), title(robot));
            if (i == 1) {
                assertTrue(next(robot).isDisabled(), "no certificate yet");
                makeDevelopmentCertificate(robot, window);
            }
            if (i == 3) {
                assertTrue(next(robot).isDisabled(), "Local: the service must run first");
                startLocalService(robot);
            }
            if (i == 4) {
                String hosts = robot.lookup("#dnsHostsLine").queryAs(TextField.class).getText();
                assertEquals("127.0.0.1 scoring.contoso.com", hosts);
            }
        }
        assertEquals("Finish", next(robot).getText());
        for (int i = expected.size() - 2; i >= 0; i--) {
            robot.clickOn("#backButton");
            assertEquals(expected.get(i), title(robot));
        }
        assertEquals("scoring.contoso.com", robot.lookup("#domainField").queryAs(TextField.class).getText());
        assertTrue(robot.lookup("#backButton").queryButton().isDisabled());
    }

    private static boolean portFree(int port) {
        try (var again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return again.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** The close question on screen now; a dialog window still closing from the last answer is not it. */
    private DialogPane closeDialog(FxRobot robot) {
        return robot.lookup("#closeConfirm").match((Node n) -> n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).tryQueryAs(DialogPane.class).orElse(null);
    }

    /** Presses the button {@code text} of the close question on screen. */
    private void answer(FxRobot robot, String text) {
        robot.clickOn(robot.from(closeDialog(robot)).lookup((Button b) -> text.equals(b.getText()))
                .queryButton());
    }

    @Test
    void closingWithTheLocalServiceRunningAsksFirstAndClosesOnlyOnClose(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write("scoring.contoso.com");
        robot.clickOn("#nextButton");
        makeDevelopmentCertificate(robot, window);
        robot.clickOn("#nextButton");
        robot.clickOn("#nextButton");
        assertEquals("Deploy", title(robot));
        int port = startLocalService(robot);

        robot.type(KeyCode.ESCAPE);
        FxWait.until(10, TimeUnit.SECONDS, () -> closeDialog(robot) != null);
        DialogPane dialog = closeDialog(robot);
        assertTrue(dialog.getContentText().contains("The scoring service on 127.0.0.1:" + port + " is running")
                && dialog.getContentText().contains("Close anyway?"), dialog.getContentText());
        assertTrue(stage.isShowing(), "the window stays while the question is open");
        Shots.take(robot, dialog.getScene(), "6-close-confirm-dialog");
        answer(robot, "Keep open");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing() && closeDialog(robot) == null, "Keep open keeps it open");
        assertFalse(portFree(port), "and the service keeps running");

        // The window's own close button asks the same.
        Platform.runLater(() -> stage.fireEvent(
                new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        FxWait.until(10, TimeUnit.SECONDS, () -> closeDialog(robot) != null);
        answer(robot, "Keep open");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());

        robot.clickOn("#cancelButton");
        FxWait.until(10, TimeUnit.SECONDS, () -> closeDialog(robot) != null);
        answer(robot, "Close");
        FxWait.until(10, TimeUnit.SECONDS, () -> !stage.isShowing());
        FxWait.until(10, TimeUnit.SECONDS, () -> portFree(port));
    }

    @Test
    void closingWithNothingRunningDoesNotAsk(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write("scoring.contoso.com");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isShowing());
        assertTrue(closeDialog(robot) == null);
    }

    @Test
    void clickingAnEarlierStepInTheListGoesBackButNeverForward(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write("scoring.contoso.com");
        robot.clickOn("#nextButton");
        makeDevelopmentCertificate(robot, window);
        robot.clickOn("#nextButton");
        assertEquals("Target", title(robot));
        robot.clickOn("#nav-dns");
        assertEquals("Target", title(robot));
        robot.clickOn("#nav-domain");
        assertEquals("Domain", title(robot));
    }

    @Test
    void scoringConsoleOpensFromTheStartForAnAlreadySecuredService(FxRobot robot) {
        robot.clickOn("#nav-console");
        assertEquals("Scoring console", title(robot));
        robot.clickOn("#nav-domain");
        assertEquals("Domain", title(robot));
    }

    @Test
    void targetStepPreselectsLocal(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write("scoring.contoso.com");
        robot.clickOn("#nextButton");
        makeDevelopmentCertificate(robot, window);
        robot.clickOn("#nextButton");
        assertEquals("Target", title(robot));
        assertTrue(robot.lookup("#target-local").queryAs(RadioButton.class).isSelected());
        robot.clickOn("#target-aci");
        String note = robot.lookup("#targetNote").queryAs(Label.class).getText();
        assertTrue(note.contains("exact Azure Container Instances requests"), note);
    }

    @Test
    void resumeOfferAppearsAfterARestartAndRestoresTheRun(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write("scoring.contoso.com");
        robot.clickOn("#nextButton");
        makeDevelopmentCertificate(robot, window);
        robot.clickOn("#nextButton");
        robot.clickOn("#target-kubernetes");
        assertEquals("Target", title(robot));
        robot.clickOn("#cancelButton");
        assertFalse(stage.isShowing());

        WizardWindow[] restartedWindow = new WizardWindow[1];
        robot.interact(() -> {
            Stage restarted = new Stage();
            opened.add(restarted);
            restartedWindow[0] = new WizardWindow(store, restarted);
            restarted.show();
        });
        Node banner = robot.lookup("#resumeBanner").query();
        assertTrue(banner.isVisible());
        String text = robot.lookup("#resumeText").queryAs(Label.class).getText();
        assertTrue(text.contains("scoring.contoso.com") && text.contains("Target"), text);
        assertEquals("Domain", title(robot));

        robot.clickOn("#resumeButton");
        assertFalse(robot.lookup("#resumeBanner").query().isVisible());
        // The key is never saved: the run reads the saved files again at Certificate, and with nothing
        // to ask (no password) goes on by itself to where it left off.
        FxWait.until(20, TimeUnit.SECONDS, () -> "Target".equals(title(robot)));
        assertTrue(robot.lookup("#target-kubernetes").queryAs(RadioButton.class).isSelected());
        robot.clickOn("#backButton");
        assertEquals("Certificate", title(robot));
        assertTrue(robot.lookup("#sourcesText").queryAs(Label.class).getText().contains("fullchain.pem"));
        robot.clickOn("#backButton");
        assertEquals("scoring.contoso.com", robot.lookup("#domainField").queryAs(TextField.class).getText());
    }

    @Test
    void openingACertificateFileUsesItInTheCertificateStep(FxRobot robot) throws Exception {
        Path dev = configDir.resolve("opened-" + System.nanoTime());
        new DevelopmentCertificates().create("scoring.contoso.com", 30,
                DevelopmentCertificates.KeyType.EC, dev, false);
        robot.interact(() -> window.openCertificate(dev.resolve("fullchain.pem")));
        robot.clickOn("#domainField").write("scoring.contoso.com");
        robot.clickOn("#nextButton");
        FxWait.until(20, TimeUnit.SECONDS, () -> robot.lookup("#sourcesText").queryAs(Label.class)
                .getText().contains("fullchain.pem"));
        // Opened without its key: the step says what is missing.
        FxWait.until(20, TimeUnit.SECONDS, () -> !robot.lookup("#finding-key_missing").queryAll()
                .isEmpty());
        assertTrue(next(robot).isDisabled());
    }

    @Test
    void startOverForgetsTheSavedRun(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write("scoring.contoso.com");
        robot.clickOn("#nextButton");
        robot.clickOn("#cancelButton");
        robot.interact(() -> {
            Stage restarted = new Stage();
            opened.add(restarted);
            new WizardWindow(store, restarted);
            restarted.show();
        });
        robot.clickOn("#startOverButton");
        // It asks first: the saved run cannot be restored afterwards.
        FxWait.until(10, TimeUnit.SECONDS, () -> robot.lookup("#startOverConfirm").tryQuery().isPresent());
        robot.clickOn("Forget the saved run");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#resumeBanner").query().isVisible());
        assertEquals("", robot.lookup("#domainField").queryAs(TextField.class).getText());
        assertTrue(store.load().isEmpty());
    }
}

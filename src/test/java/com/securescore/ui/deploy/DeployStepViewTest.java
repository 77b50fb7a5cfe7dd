package com.securescore.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.model.ModelCache;
import com.securescore.model.ModelSpec;
import com.securescore.service.AuthKeys;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Logs;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.Shots;
import com.securescore.testsupport.StepStage;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.wizard.WizardState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Deploy step as a data scientist uses it for the Local target: Start, read the log, copy a key. */
@ExtendWith(ApplicationExtension.class)
class DeployStepViewTest {
    @TempDir
    static Path dir;

    private DeployStepView view;

    @Start
    void start(Stage stage) throws Exception {
        LocalService.DevCertificate dev = LocalService.devCertificate(dir.resolve("run-" + System.nanoTime()));
        WizardState state = new WizardState();
        state.domainProperty().set(LocalService.HOST);
        state.certificateProperty().set(dev.report());
        // Offline (no downloader) and an empty cache: ResNet-50 cannot be had, so the demo stands in.
        view = new DeployStepView(new DeployStepViewModel(state, BackgroundRunner.FX,
                new ModelCache(dir.resolve("cache")), null, dir.resolve("keys.json")),
                new KubernetesDeployViewModel(state, BackgroundRunner.FX, dir.resolve("no-kubeconfig"), dir),
                new AzureDeployViewModel(state, BackgroundRunner.FX, dir));
        view.onEnter();
        StepStage.show(stage, view.view(), 760, 640);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(view::shutdown).get();
    }

    @Test
    void offlineWithoutResNetTheDemoIsTheChoiceShownBeforeStartingAndItIsWhatRuns(FxRobot robot) throws Exception {
        RadioButton resnet = robot.lookup("#deployModelResnet").queryAs(
                RadioButton.class);
        RadioButton demo = robot.lookup("#deployModelDemo").queryAs(
                RadioButton.class);
        assertTrue(demo.isSelected() && !resnet.isSelected(), "the choice shown is the model that will run");
        assertTrue(resnet.isDisabled(), "ResNet-50 cannot be had here");
        Label note = robot.lookup("#deployModelNote").queryAs(Label.class);
        assertTrue(note.isVisible() && note.getText().contains("not on this machine")
                && note.getText().contains("Use a copy of ResNet-50…") && !note.getText().contains("--"),
                note.getText());
        assertTrue(robot.lookup("#deployModelFile").query().isVisible(), "the button the note names is there");
        Shots.take(robot, note.getScene(), "2-deploy-offline-before-start");
        robot.doubleClickOn("#deployPort").write(String.valueOf(Ports.unused()));
        robot.clickOn("#deployStart");
        FxWait.until(20, TimeUnit.SECONDS, () -> view.model().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(demo.isSelected() && !resnet.isSelected(), "still the model that runs");
        assertTrue(robot.lookup("#deployStatus").queryAs(Label.class).getText().contains("demo model"));
        Shots.take(robot, note.getScene(), "2-deploy-offline-running-demo");
    }

    /** A file that is not the pinned ResNet-50 is refused by name; nothing lands in the cache; the demo stays. */
    @Test
    void aWrongModelFileIsRefusedByNameAndTheDemoStaysTheChoice(FxRobot robot) throws Exception {
        Path wrong = Files.writeString(dir.resolve("resnet50-v1-7.onnx"), "not a model");
        FileDialogs.use(new FileDialogs() {
            @Override
            public List<File> openFiles(Window owner, String title,
                    List<FileChooser.ExtensionFilter> filters) {
                return List.of(wrong.toFile());
            }

            @Override
            public File folder(Window owner, String title) {
                return null;
            }
        });
        try {
            robot.clickOn("#deployModelFile");
            Label note = robot.lookup("#deployModelNote").queryAs(Label.class);
            FxWait.until(20, TimeUnit.SECONDS, () -> note.getText().contains("cannot be used"));
            assertTrue(note.getText().startsWith(wrong + " cannot be used:") && note.getText().contains(
                    "it is a different file"), note.getText());
            assertTrue(robot.lookup("#deployModelDemo").queryAs(RadioButton.class).isSelected());
            assertFalse(Files.exists(new ModelCache(dir.resolve("cache")).pathOf(
                    ModelSpec.RESNET50_V1)));
        } finally {
            FileDialogs.use(FileDialogs.NATIVE);
        }
    }

    @Test
    void startShowsTheLogTheMaskedKeyAndWhyTheDemoModelAnswers(FxRobot robot) throws Exception {
        int port = Ports.unused();
        assertFalse(robot.lookup("#deployKeyRow").query().isVisible(), "no keys before the service runs");
        robot.doubleClickOn("#deployPort").write(String.valueOf(port));
        robot.clickOn("#deployStart");
        FxWait.until(20, TimeUnit.SECONDS, () -> view.model().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        String log = Logs.text(robot, "#deployLog");
        assertTrue(log.contains("demo model") && log.contains("Listening on 127.0.0.1:" + port), log);
        String keys = robot.lookup("#deployKeys").queryAs(Label.class).getText();
        String primary = AuthKeys.open(dir.resolve("keys.json")).keys().primary();
        assertTrue(robot.lookup("#deployKeyRow").query().isVisible());
        assertFalse(keys.contains(primary) || log.contains(primary), "the key is shown masked only");
        assertTrue(robot.lookup("#deployStart").queryButton().isDisabled());
        String shot = System.getProperty("securescore.shot.deploy");
        if (shot != null) {
            var image = robot.capture(robot.lookup("#deployLog").query().getScene().getRoot()).getImage();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                    new File(shot));
        }
    }

    @Test
    void startAndStopFromTheKeyboardHandFocusToEachOther(FxRobot robot) throws Exception {
        robot.doubleClickOn("#deployPort").write(String.valueOf(Ports.unused()));
        Button start = robot.lookup("#deployStart").queryButton();
        Button stop = robot.lookup("#deployStop").queryButton();
        robot.interact(start::requestFocus);
        robot.type(KeyCode.SPACE);
        FxWait.until(20, TimeUnit.SECONDS, () -> view.model().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stop.isFocused(), "Stop, not " + start.getScene().getFocusOwner() + ", has focus once it runs");
        robot.type(KeyCode.SPACE);
        FxWait.until(20, TimeUnit.SECONDS, () -> !view.model().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(start.isFocused(), "Start, not " + start.getScene().getFocusOwner() + ", has focus once it stopped");
    }

    @Test
    void copyButtonsSayCopiedForAMomentAndCopyTheKey(FxRobot robot) throws Exception {
        robot.doubleClickOn("#deployPort").write(String.valueOf(Ports.unused()));
        robot.clickOn("#deployStart");
        FxWait.until(20, TimeUnit.SECONDS, () -> view.model().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Button copy = robot.lookup("#deployCopyPrimary").queryButton();
        robot.clickOn(copy);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Copied", copy.getText(), "the button says the key was copied");
        String primary = AuthKeys.open(dir.resolve("keys.json")).keys().primary();
        assertEquals(primary, WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard()
                .getString()).get());
        Shots.take(robot, copy.getScene(), "7-deploy-copied");
        FxWait.until(10, TimeUnit.SECONDS, () -> "Copy primary".equals(copy.getText()));
    }
}

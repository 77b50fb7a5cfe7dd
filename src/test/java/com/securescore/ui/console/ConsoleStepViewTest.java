package com.securescore.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.Shots;
import com.securescore.testsupport.StepStage;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.wizard.WizardState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.image.Image;
import javafx.scene.input.KeyCode;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The console as a demo giver uses it: key typed (masked), images scored, cards with bars shown. */
@ExtendWith(ApplicationExtension.class)
class ConsoleStepViewTest {
    @TempDir
    static Path dir;

    private ConsoleStepView view;

    @BeforeAll
    static void startService() throws Exception {
        ConsoleStepViewModelTest.dir = dir;
        ConsoleStepViewModelTest.start();
    }

    @AfterAll
    static void stopService() throws Exception {
        ConsoleStepViewModelTest.stop();
    }

    @Start
    void start(Stage stage) {
        WizardState state = new WizardState();
        state.domainProperty().set("scoring.contoso.test");
        state.trustPathProperty().set(ConsoleStepViewModelTest.ca);
        view = new ConsoleStepView(state);
        view.onEnter();
        StepStage.show(stage, view.view(), 760, 700);
    }

    @Test
    void webPImagesGetAThumbnailThoughJavaFxCannotReadThem() throws Exception {
        Path webp = dir.resolve("blue.webp");
        try (var in = ConsoleStepViewTest.class.getResourceAsStream("/com/securescore/service/blue-lossy.webp")) {
            Files.copy(in, webp, StandardCopyOption.REPLACE_EXISTING);
        }
        Image thumb = WaitForAsyncUtils.asyncFx(() -> ConsoleStepView.thumbnail(webp)).get();
        assertTrue(thumb != null && thumb.getWidth() > 0 && thumb.getWidth() <= 96, "a thumbnail for the WebP");
        int argb = thumb.getPixelReader().getArgb(10, 10);
        assertTrue((argb & 0xFF) > 200 && ((argb >> 16) & 0xFF) < 50, "and it is blue: " + Integer.toHexString(argb));
    }

    @Test
    void scoredImagesAppearAsCardsWithTheirTopLabel(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.model().portProperty().set(String.valueOf(ConsoleStepViewModelTest.server.port()));
            view.model().connectToProperty().set("127.0.0.1");
            view.model().loadKeyFile(ConsoleStepViewModelTest.keys);
        });
        PasswordField key = robot.lookup("#consoleKey").queryAs(PasswordField.class);
        assertEquals(view.model().keyProperty().get(), key.getText());
        robot.interact(() -> view.model().score(List.of(ConsoleStepViewModelTest.red)));
        FxWait.until(20, TimeUnit.SECONDS, () -> !robot.lookup(".score-card").queryAll().isEmpty());
        assertEquals("red.png", robot.lookup(".score-card .score-title").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#consoleTotals").queryAs(Label.class).getText().startsWith("1 scored"),
                view.model().statusProperty().get());
        String shot = System.getProperty("securescore.shot");
        if (shot != null) {
            WaitForAsyncUtils.waitForFxEvents();
            var image = robot.capture(robot.lookup("#consoleResults").query().getScene().getRoot()).getImage();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                    new File(shot));
        }
    }

    @Test
    void afterScoringFocusStaysOnChooseImagesSoAStrayEnterClearsNothing(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.model().portProperty().set(String.valueOf(ConsoleStepViewModelTest.server.port()));
            view.model().connectToProperty().set("127.0.0.1");
            view.model().loadKeyFile(ConsoleStepViewModelTest.keys);
        });
        FileDialogs.use(new FileDialogs() {
            @Override
            public List<File> openFiles(Window owner, String title,
                    List<FileChooser.ExtensionFilter> filters) {
                return List.of(ConsoleStepViewModelTest.red.toFile());
            }

            @Override
            public File folder(Window owner, String title) {
                return null;
            }
        });
        try {
            robot.clickOn("#consoleChoose");
            FxWait.until(20, TimeUnit.SECONDS, () -> !view.model().busyProperty().get()
                    && !robot.lookup(".score-card").queryAll().isEmpty());
            WaitForAsyncUtils.waitForFxEvents();
            Node focused = robot.lookup("#consoleChoose").query().getScene().getFocusOwner();
            assertEquals("consoleChoose", focused == null ? null : focused.getId(),
                    "focus is back on Choose images…, not on " + focused);
            robot.type(KeyCode.ENTER);
            WaitForAsyncUtils.waitForFxEvents();
            // Enter on Choose images… opens the file dialog again (here answered at once): nothing is cleared.
            FxWait.until(20, TimeUnit.SECONDS, () -> !view.model().busyProperty().get());
            WaitForAsyncUtils.waitForFxEvents();
            assertFalse(robot.lookup(".score-card").queryAll().isEmpty(), "a stray Enter cleared nothing");
            assertEquals("red.png", robot.lookup(".score-card .score-title").queryAs(Label.class).getText());
            Shots.take(robot, focused.getScene(), "9-console-focus-after-scoring");
        } finally {
            FileDialogs.use(FileDialogs.NATIVE);
        }
    }

    @Test
    void aFailedRunIsShownAsAFailureAndNoLatencyIsClaimed(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.model().clear();
            view.model().portProperty().set(String.valueOf(ConsoleStepViewModelTest.server.port()));
            view.model().connectToProperty().set("127.0.0.1");
            view.model().keyProperty().set("not-the-key");
            view.model().score(List.of(ConsoleStepViewModelTest.red, ConsoleStepViewModelTest.red));
        });
        FxWait.until(20, TimeUnit.SECONDS, () -> !view.model().busyProperty().get()
                && !robot.lookup(".score-card").queryAll().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup("#consoleStatus").queryAs(Label.class);
        assertTrue(status.getText().contains("failed"), status.getText());
        assertTrue(status.getStyleClass().contains("message-error"), "the failure is styled as one");
        String totals = robot.lookup("#consoleTotals").queryAs(Label.class).getText();
        assertFalse(totals.contains("ms"), "no latency beside nothing scored: " + totals);
        String fix = view.model().results().get(0).fix();
        assertTrue(fix.contains("Send as \"Bearer\"") && !fix.contains("--") && !fix.contains("securescore "),
                "the fix names the console's own controls, no command-line option: " + fix);
    }
}

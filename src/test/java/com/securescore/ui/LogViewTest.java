package com.securescore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.StepStage;
import java.util.stream.IntStream;
import javafx.application.Platform;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A log inside a scrolling step page, as the Deploy step has it: the newest line stays in sight. */
@ExtendWith(ApplicationExtension.class)
class LogViewTest {
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private LogView view;

    @Start
    void start(Stage stage) {
        view = new LogView("testLog", log, 6);
        Region above = new Region();
        above.setMinHeight(500);
        StepStage.show(stage, new VBox(8, above, view), 700, 420);
    }

    private void add(int from, int to) {
        robotRun(() -> IntStream.range(from, to).forEach(i -> log.add("line " + i)));
    }

    private static void robotRun(Runnable r) {
        Platform.runLater(r);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** True when a cell showing {@code text} lies wholly inside the list's visible box. */
    private boolean shown(FxRobot robot, String text) {
        Bounds list = view.lines().localToScreen(view.lines().getBoundsInLocal());
        for (Node n : robot.lookup(".log-line").queryAll()) {
            ListCell<?> cell = (ListCell<?>) n;
            if (text.equals(cell.getText()) && cell.isVisible()) {
                Bounds b = cell.localToScreen(cell.getBoundsInLocal());
                if (b.getMinY() >= list.getMinY() - 1 && b.getMaxY() <= list.getMaxY() + 1) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void followsTheLastLineUntilALineIsSelected(FxRobot robot) {
        add(0, 60);
        assertTrue(shown(robot, "line 59"), "the newest line is in sight");
        assertFalse(shown(robot, "line 0"));

        robot.clickOn(robot.lookup(".log-line").<ListCell<String>>match(c -> "line 57".equals(c.getText()))
                .queryAs(ListCell.class));
        add(60, 90);
        assertTrue(shown(robot, "line 57"), "a person reading a line keeps it in sight");
        assertFalse(shown(robot, "line 89"));

        robotRun(() -> view.lines().getSelectionModel().clearSelection());
        add(90, 91);
        assertTrue(shown(robot, "line 90"), "with nothing selected it follows again");
    }

    @Test
    void copyLogCopiesEveryLineAndSaysCopied(FxRobot robot) {
        Button copy = robot.lookup("#testLogCopy").queryButton();
        assertTrue(copy.isDisabled(), "nothing to copy yet");
        add(0, 3);
        robot.clickOn(copy);
        assertEquals(Confirmations.COPIED, copy.getText());
        String copied = WaitForAsyncUtils.waitFor(WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()));
        assertEquals("line 0\nline 1\nline 2\n", copied);
    }
}

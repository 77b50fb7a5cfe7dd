package com.securescore.ui;

import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.skin.VirtualFlow;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A step's log, as a person reads one: it follows its last line as lines arrive (as {@code tail -f}
 * does) unless the person has selected a line to read, scrolls inside its own box only, and copies
 * whole with one button that says "Copied".
 *
 * <p>A list rather than a text area: a text area inside the wizard's scrolling page ignored
 * {@code setScrollTop} and stayed on its first lines.
 */
public final class LogView extends VBox {
    private final FollowingList lines;

    /**
     * Scrolls to its end once the list has taken a change in, in its own layout pass: before that the
     * flow still has the old number of lines, and the newest line was left out of sight.
     */
    private static final class FollowingList extends ListView<String> {
        private boolean follow;

        FollowingList(ObservableList<String> items) {
            super(items);
        }

        void followSoon() {
            follow = true;
            requestLayout();
        }

        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            if (follow) {
                follow = false;
                // The flow itself: ListView.scrollTo puts the line at the top, then corrects by a stale height.
                if (getSelectionModel().isEmpty() && lookup(".virtual-flow") instanceof VirtualFlow<?> flow) {
                    flow.setPosition(1.0);
                }
            }
        }
    }

    /**
     * @param id   the node id of the list, for tests and the screenshot tour
     * @param log  the lines; the view shows them as they change
     * @param rows how many lines the box shows
     */
    public LogView(String id, ObservableList<String> log, int rows) {
        super(4);
        lines = new FollowingList(log);
        lines.setId(id);
        lines.getStyleClass().add("log");
        lines.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        // Not a Tab stop: a list takes Escape for itself, so with focus on it (where focus fell when Start
        // was disabled) Escape no longer reached the wizard's Cancel. Lines are still selected by mouse,
        // and Copy log copies them all.
        lines.setFocusTraversable(false);
        lines.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
                // A long line wraps inside the box rather than being cut at its right edge.
                setWrapText(true);
                setPrefWidth(0);
                getStyleClass().remove("log-line");
                getStyleClass().add("log-line");
            }
        });
        lines.setPrefHeight(rows * 20 + 4);
        lines.setMinHeight(4 * 20 + 4);
        log.addListener((ListChangeListener<String>) c -> lines.followSoon());
        // The page lays the list out again when the step grows or the window is resized: stay at the end.
        lines.heightProperty().addListener((o, was, now) -> lines.followSoon());
        Label title = new Label("Log");
        title.getStyleClass().add("field-label");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        Button copy = new Button("Copy log");
        copy.setId(id + "Copy");
        copy.setMinWidth(Region.USE_PREF_SIZE);
        copy.disableProperty().bind(Bindings.isEmpty(log));
        Confirmations.copyButton(copy, () -> String.join("\n", log) + "\n");
        HBox head = new HBox(8, title, gap, copy);
        head.setAlignment(Pos.CENTER_LEFT);
        getChildren().addAll(head, lines);
    }

    /** The list that shows the lines. */
    public ListView<String> lines() {
        return lines;
    }
}

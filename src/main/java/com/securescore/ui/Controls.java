package com.securescore.ui;

import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** Small controls every step lays out the same way, so a form's labels look alike on every page. */
public final class Controls {
    private Controls() {
    }

    /** The name of a field, beside or above it: never cut short, whatever the window's width. */
    public static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** A form of two columns: the labels, never cut short, and the fields, taking the width left. */
    public static void labelsAndFields(GridPane form) {
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        form.getColumnConstraints().addAll(labels, fields);
    }
}

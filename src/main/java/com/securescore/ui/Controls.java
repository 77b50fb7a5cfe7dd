package com.securescore.ui;

import javafx.scene.control.Label;
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
}

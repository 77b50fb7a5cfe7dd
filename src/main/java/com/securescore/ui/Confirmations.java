package com.securescore.ui;

import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.util.Duration;

/**
 * How the wizard shows that something happened where the person is looking: a copy button says
 * "Copied" for a moment, in every step.
 */
public final class Confirmations {
    public static final String COPIED = "Copied";
    private static final Duration SHOWN = Duration.seconds(2);

    private Confirmations() {
    }

    /** Copies what {@code text} gives to the clipboard; the button says "Copied" for a moment. */
    public static void copyButton(Button button, Supplier<String> text) {
        String label = button.getText();
        PauseTransition restore = new PauseTransition(SHOWN);
        restore.setOnFinished(e -> button.setText(label));
        button.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text.get());
            Clipboard.getSystemClipboard().setContent(c);
            // Keep the button's width while it says "Copied", so nothing beside it moves.
            button.setMinWidth(Math.max(button.getMinWidth(), button.getWidth()));
            button.setText(COPIED);
            restore.playFromStart();
        });
    }
}

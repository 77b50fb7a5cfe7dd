package com.securescore.ui;

import com.securescore.findings.Finding;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One finding as the wizard shows it everywhere: what is wrong, the fix, and the code to quote
 * (selectable, for support tickets), coloured by severity.
 */
public final class FindingCard {
    private FindingCard() {
    }

    /** @param idPrefix the card's id is this plus the code in lower case, e.g. "finding-key_mismatch" */
    public static VBox of(Finding f, String idPrefix, double maxWidth) {
        Label message = new Label(f.message());
        message.setWrapText(true);
        message.getStyleClass().add("finding-message");
        Label fix = new Label("Fix: " + f.fix());
        fix.setWrapText(true);
        fix.getStyleClass().add("finding-fix");
        fix.setVisible(!f.fix().isBlank());
        fix.setManaged(!f.fix().isBlank());
        TextField code = new TextField(f.code().name());
        code.setEditable(false);
        code.setFocusTraversable(false);
        code.getStyleClass().add("finding-code");
        code.setPrefColumnCount(f.code().name().length() + 2);
        code.setMaxWidth(Region.USE_PREF_SIZE);
        VBox card = new VBox(4, message, fix, code);
        card.getStyleClass().addAll("finding", "finding-" + f.severity().word());
        card.setId(idPrefix + f.code().name().toLowerCase(Locale.ROOT));
        card.setMaxWidth(maxWidth);
        return card;
    }
}

package com.securescore.ui;

import com.securescore.findings.Finding;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * One finding as the wizard shows it everywhere: what is wrong, the fix, and the code to quote
 * (selectable, for support tickets), coloured by severity. Where the wizard can do the fix, the card
 * holds the button or field that does it, right under the fix.
 */
public final class FindingCard {
    private FindingCard() {
    }

    /** @param idPrefix the card's id is this plus the code in lower case, e.g. "finding-key_mismatch" */
    public static VBox of(Finding f, String idPrefix, double maxWidth) {
        return of(f, f.fix(), List.of(), idPrefix, maxWidth);
    }

    /**
     * A card whose fix reads {@code fix} (the wizard's words for it) followed by {@code actions}, the
     * controls that do it.
     */
    public static VBox of(Finding f, String fix, List<? extends Node> actions, String idPrefix, double maxWidth) {
        Label message = new Label(f.message());
        message.setWrapText(true);
        message.getStyleClass().add("finding-message");
        Label fixLabel = new Label("Fix: " + fix);
        fixLabel.setWrapText(true);
        fixLabel.getStyleClass().add("finding-fix");
        fixLabel.setVisible(!fix.isBlank());
        fixLabel.setManaged(!fix.isBlank());
        TextField code = new TextField(f.code().name());
        code.setEditable(false);
        code.setFocusTraversable(false);
        code.getStyleClass().add("finding-code");
        code.setPrefColumnCount(f.code().name().length() + 2);
        code.setMaxWidth(Region.USE_PREF_SIZE);
        VBox card = new VBox(4, message, fixLabel);
        if (!actions.isEmpty()) {
            FlowPane row = new FlowPane(8, 6);
            row.getChildren().addAll(actions);
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("finding-actions");
            card.getChildren().add(row);
        }
        card.getChildren().add(code);
        card.getStyleClass().addAll("finding", "finding-" + f.severity().word());
        card.setId(idPrefix + f.code().name().toLowerCase(Locale.ROOT));
        card.setMaxWidth(maxWidth);
        return card;
    }
}

package com.securescore.ui.certificate;

import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "Check revocation online": a button and a note naming where it asks, shown only when the certificate
 * names an OCSP responder or a CRL; below it, the "not revoked" line. A revoked or unanswered check is a
 * finding card among the step's others.
 */
final class RevocationPane {
    private final VBox view = new VBox(4);

    RevocationPane(RevocationViewModel model) {
        Button ask = new Button();
        ask.setId("checkRevocation");
        ask.setMinWidth(Region.USE_PREF_SIZE);
        ask.textProperty().bind(Bindings.when(model.askingProperty()).then("Asking the CA…")
                .otherwise(Bindings.when(model.answerProperty().isNull()).then("Check revocation online")
                        .otherwise("Check again")));
        ask.disableProperty().bind(model.canAsk().not());
        ask.setOnAction(e -> model.check());
        Label note = new Label();
        note.setId("revocationNote");
        note.setWrapText(true);
        note.getStyleClass().add("help");
        note.textProperty().bind(Bindings.createStringBinding(() -> "Asks the CA's OCSP responder or CRL named in the "
                + "certificate (" + model.addressesProperty().get() + ") whether it was revoked."
                + (model.answerProperty().get() == null ? " Nothing is sent until you press it." : ""),
                model.addressesProperty(), model.answerProperty()));
        HBox row = new HBox(10, ask, note);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(note, Priority.ALWAYS);
        Label good = new Label();
        good.setId("revocationGood");
        good.setWrapText(true);
        good.getStyleClass().add("message-ok");
        good.textProperty().bind(model.goodLineProperty());
        good.visibleProperty().bind(model.goodLineProperty().isNotEmpty());
        good.managedProperty().bind(good.visibleProperty());
        view.getChildren().addAll(row, good);
        view.setId("revocationPane");
        view.visibleProperty().bind(model.availableProperty());
        view.managedProperty().bind(view.visibleProperty());
    }

    Node view() {
        return view;
    }
}

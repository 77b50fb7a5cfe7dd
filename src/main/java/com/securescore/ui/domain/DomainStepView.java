package com.securescore.ui.domain;

import com.securescore.domain.DomainCheck;
import com.securescore.ui.diagnose.DiagnoseWindow;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import javafx.beans.value.ObservableBooleanValue;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** Lays out the Domain step and binds it to its ViewModel; no logic of its own. */
public final class DomainStepView implements WizardStep {
    private final DomainStepViewModel model;
    private final VBox root = new VBox(8);
    private final TextField field = new TextField();
    private final Label message = new Label();
    private final Label fix = new Label();
    private final VBox notes = new VBox(4);
    private final WizardState state;
    private DiagnoseWindow diagnose;

    public DomainStepView(WizardState state) {
        this.state = state;
        this.model = new DomainStepViewModel(state);
        build();
        bind();
    }

    private void build() {
        Label label = new Label("Service name");
        label.getStyleClass().add("field-label");
        label.setLabelFor(field);
        field.setId("domainField");
        field.setPromptText("scoring.contoso.com");
        field.setPrefColumnCount(36);
        field.setMaxWidth(520);
        message.setId("domainMessage");
        message.setWrapText(true);
        message.setMaxWidth(560);
        fix.setId("domainFix");
        fix.setWrapText(true);
        fix.setMaxWidth(560);
        fix.getStyleClass().add("fix");
        notes.setId("domainNotes");
        Label help = new Label("Clients connect to this name and check that the certificate names it. "
                + "Use the name you will point at the service in DNS, not an IP address.");
        help.setWrapText(true);
        help.setMaxWidth(560);
        help.getStyleClass().add("help");
        root.getChildren().addAll(label, field, message, fix, notes, help, diagnoseLink());
        root.getStyleClass().add("step-domain");
    }

    /** For people who deployed nothing here: a live endpoint checked from the first page. */
    private VBox diagnoseLink() {
        Hyperlink open = new Hyperlink("Diagnose an endpoint…");
        open.setId("diagOpen");
        open.setOnAction(e -> openDiagnose());
        Label why = new Label("A service already running, or a client failing? Check any endpoint's TLS, "
                + "certificate and keys, or explain an error message, without deploying anything.");
        why.setWrapText(true);
        why.setMaxWidth(560);
        why.getStyleClass().add("help");
        VBox box = new VBox(2, open, why);
        box.setPadding(new Insets(18, 0, 0, 0));
        return box;
    }

    /** Opens the diagnose window, owned by the wizard's, or brings it back to the front. */
    public void openDiagnose() {
        if (diagnose == null) {
            diagnose = new DiagnoseWindow(root.getScene() == null ? null : root.getScene().getWindow(), state);
        }
        diagnose.show();
    }

    private void bind() {
        field.textProperty().bindBidirectional(model.textProperty());
        model.checkProperty().addListener((obs, old, now) -> render(now));
        render(model.checkProperty().get());
    }

    private void render(DomainCheck c) {
        message.setText(model.message());
        message.getStyleClass().removeAll("message-error", "message-ok", "message-hint");
        message.getStyleClass().add(model.showErrorProperty().get() ? "message-error"
                : c.valid() ? "message-ok" : "message-hint");
        fix.setText(model.showErrorProperty().get() ? "Fix: " + model.fix() : "");
        fix.setVisible(model.showErrorProperty().get());
        fix.setManaged(model.showErrorProperty().get());
        notes.getChildren().setAll(c.notes().stream().map(n -> {
            Label l = new Label("Note: " + n);
            l.setWrapText(true);
            l.setMaxWidth(560);
            l.getStyleClass().add("note");
            return l;
        }).toList());
        field.pseudoClassStateChanged(PseudoClass.getPseudoClass("invalid"),
                model.showErrorProperty().get());
    }

    public DomainStepViewModel model() {
        return model;
    }

    @Override
    public StepId id() {
        return StepId.DOMAIN;
    }

    @Override
    public String subtitle() {
        return "The fully qualified name the scoring service will answer to.";
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public ObservableBooleanValue canAdvance() {
        return model.validProperty();
    }

    @Override
    public ObservableBooleanValue busy() {
        return NEVER_BUSY;
    }

    @Override
    public Node focusTarget() {
        return field;
    }
}

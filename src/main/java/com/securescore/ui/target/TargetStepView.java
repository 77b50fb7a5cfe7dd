package com.securescore.ui.target;

import com.securescore.deploy.TargetKind;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import java.util.Locale;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;

/** Lays out the target choices as radio buttons with a line of explanation each. */
public final class TargetStepView implements WizardStep {
    private final TargetStepViewModel model;
    private final VBox root = new VBox(10);
    private final ToggleGroup group = new ToggleGroup();

    private final Label note = new Label();

    public TargetStepView(WizardState state) {
        this.model = new TargetStepViewModel(state);
        build();
        bind();
    }

    private void build() {
        for (TargetKind kind : TargetKind.values()) {
            RadioButton button = new RadioButton(kind.displayName());
            button.setId("target-" + kind.name().toLowerCase(Locale.ROOT));
            button.setUserData(kind);
            button.setToggleGroup(group);
            Label description = new Label(kind.description());
            description.setWrapText(true);
            description.setMaxWidth(560);
            description.getStyleClass().add("help");
            VBox option = new VBox(2, button, description);
            option.getStyleClass().add("choice");
            root.getChildren().add(option);
        }
        note.setId("targetNote");
        note.setWrapText(true);
        note.setMaxWidth(560);
        note.getStyleClass().add("note");
        root.getChildren().add(note);
    }

    private void bind() {
        note.textProperty().bind(model.deployNote());
        select(model.targetProperty().get());
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.targetProperty().set((TargetKind) now.getUserData());
            }
        });
        model.targetProperty().addListener((obs, old, now) -> select(now));
    }

    private void select(TargetKind kind) {
        for (Toggle t : group.getToggles()) {
            if (t.getUserData() == kind) {
                group.selectToggle(t);
            }
        }
    }

    @Override
    public StepId id() {
        return StepId.TARGET;
    }

    @Override
    public String subtitle() {
        return "Where the scoring service will run.";
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public ObservableBooleanValue canAdvance() {
        return model.canAdvance();
    }

    @Override
    public ObservableBooleanValue busy() {
        return NEVER_BUSY;
    }
}

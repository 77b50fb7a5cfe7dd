package com.securescore.ui.target;

import com.securescore.deploy.TargetKind;
import com.securescore.ui.wizard.WizardState;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;

/** The Target step: which target, and what choosing it means. Local is preselected. */
public final class TargetStepViewModel {
    private final WizardState state;

    public TargetStepViewModel(WizardState state) {
        this.state = state;
    }

    public ObjectProperty<TargetKind> targetProperty() {
        return state.targetProperty();
    }

    public BooleanBinding canAdvance() {
        return state.targetProperty().isNotNull();
    }

    /** What the Deploy step will do for the chosen target, in one honest sentence. */
    public StringBinding deployNote() {
        return Bindings.createStringBinding(() -> {
            TargetKind t = state.getTarget();
            if (t == null) {
                return "Choose where the service will run.";
            }
            return t.deployable()
                    ? "SecureScore will deploy to " + t.displayName() + " for real in the Deploy step."
                    : "SecureScore will produce the exact " + t.displayName()
                        + " requests to send, with notes on what is still live; it cannot deploy there itself.";
        }, state.targetProperty());
    }
}

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
            return switch (t) {
                case LOCAL -> "The Deploy step starts the service on this machine; it stops when SecureScore closes.";
                case KUBERNETES -> "The Deploy step applies the service to the cluster you choose and waits until its "
                        + "pods are ready; it asks for the kubeconfig context, namespace, service type, replicas and "
                        + "image.";
                default -> "The Deploy step produces the exact " + t.displayName() + " requests, with notes on "
                        + "what is still live: export them to a folder, or send them with your Azure token.";
            };
        }, state.targetProperty());
    }
}

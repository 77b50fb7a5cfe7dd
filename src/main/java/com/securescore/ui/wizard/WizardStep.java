package com.securescore.ui.wizard;

import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * One page of the wizard. The shell binds Next to {@link #canAdvance()} and disables navigation
 * while {@link #busy()} is true; the step's ViewModel owns both.
 */
public interface WizardStep {
    /** For steps that never run background work. */
    ObservableBooleanValue NEVER_BUSY = new ReadOnlyBooleanWrapper(false);

    /** For steps that never hold the user back. */
    ObservableBooleanValue ALWAYS_READY = new ReadOnlyBooleanWrapper(true);

    StepId id();

    /** One sentence under the title saying what this step is for. */
    String subtitle();

    /** The step's content; created once and reused when the user comes back. */
    Node view();

    ObservableBooleanValue canAdvance();

    ObservableBooleanValue busy();

    /** Called each time the step is shown, e.g. to pick up what earlier steps decided. */
    default void onEnter() {
    }

    /**
     * What closing the wizard now would stop, as one sentence ("The scoring service on ... is running;
     * closing SecureScore stops it."), or null when nothing of this step is running.
     */
    default String whatClosingStops() {
        return null;
    }

    /** What {@link #commandOnItsOwn()} names in place of the file holding a locked key's password. */
    String PASSWORD_FILE = "PASSWORD-FILE";

    /**
     * The terminal command that runs, on its own, what closing the wizard stops (the Local service), with
     * the run's files filled in ({@link #PASSWORD_FILE} for a locked key's password); null when there is none.
     */
    default String commandOnItsOwn() {
        return null;
    }

    /**
     * Why a resumed run stops at this step rather than going on to where it left off (the service stopped
     * when SecureScore closed), or null when the step shows the reason itself or needs nothing.
     */
    default String whyResumeStopsHere() {
        return null;
    }

    /** The node that should have keyboard focus when the step is shown. */
    default Node focusTarget() {
        return null;
    }
}

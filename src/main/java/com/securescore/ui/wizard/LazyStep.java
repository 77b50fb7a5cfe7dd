package com.securescore.ui.wizard;

import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;

/**
 * A step made the first time it is needed (shown, or asked by the side bar whether it is complete)
 * rather than when the window opens: the wizard's first window needs only the first step. Until then
 * it has nothing running, so it stops nothing when the wizard closes, and its flags say false.
 */
public final class LazyStep implements WizardStep {
    private final StepId id;
    private final Supplier<? extends WizardStep> factory;
    private WizardStep step;
    private final Flag canAdvance = new Flag();
    private final Flag busy = new Flag();

    public LazyStep(StepId id, Supplier<? extends WizardStep> factory) {
        this.id = id;
        this.factory = factory;
    }

    /** The step itself, made now if it was not yet. */
    public WizardStep step() {
        if (step == null) {
            step = factory.get();
            if (step.id() != id) {
                throw new IllegalStateException("made " + step.id() + " for " + id);
            }
            canAdvance.follow(step.canAdvance());
            busy.follow(step.busy());
        }
        return step;
    }

    /** The step if it was made, else empty (nothing of it runs). */
    public Optional<WizardStep> made() {
        return Optional.ofNullable(step);
    }

    /** The step behind {@code s}, made now if needed; {@code s} itself when it is not lazy. */
    public static WizardStep unwrap(WizardStep s) {
        return s instanceof LazyStep lazy ? lazy.step() : s;
    }

    @Override
    public StepId id() {
        return id;
    }

    @Override
    public String subtitle() {
        return step().subtitle();
    }

    @Override
    public Node view() {
        return step().view();
    }

    @Override
    public ObservableBooleanValue canAdvance() {
        return canAdvance;
    }

    @Override
    public ObservableBooleanValue busy() {
        return busy;
    }

    @Override
    public void onEnter() {
        step().onEnter();
    }

    @Override
    public String whatClosingStops() {
        return step == null ? null : step.whatClosingStops();
    }

    @Override
    public String commandOnItsOwn() {
        return step == null ? null : step.commandOnItsOwn();
    }

    @Override
    public String whyResumeStopsHere() {
        return step().whyResumeStopsHere();
    }

    @Override
    public Node focusTarget() {
        return step().focusTarget();
    }

    /**
     * One of the step's flags: false until the step is made (JavaFX reads a value when a listener is
     * added, so reading cannot be what makes the step), then the step's own.
     */
    private static final class Flag extends BooleanBinding {
        private ObservableBooleanValue source;

        void follow(ObservableBooleanValue own) {
            source = own;
            bind(own);
            invalidate();
        }

        @Override
        protected boolean computeValue() {
            return source != null && source.get();
        }
    }
}

package com.securescore.ui.wizard;

import com.securescore.resume.ProgressStore;
import com.securescore.resume.SavedProgress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Navigation and resume for the wizard: which step is current, whether Back and Next may be used,
 * and the offer to continue a saved run. The shell view only binds to this.
 */
public final class WizardShellViewModel {
    private final WizardState state;
    private final WizardFlow flow;
    private final ProgressStore store;
    private final Map<StepId, WizardStep> steps = new EnumMap<>(StepId.class);
    private final ReadOnlyObjectWrapper<WizardStep> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<SavedProgress> resumeOffer = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canGoNext;
    private final BooleanBinding canGoBack;
    private final BooleanBinding busy;
    private final BooleanBinding last;

    public WizardShellViewModel(WizardState state, WizardFlow flow, ProgressStore store, Iterable<WizardStep> all) {
        this.state = state;
        this.flow = flow;
        this.store = store;
        for (WizardStep s : all) {
            steps.put(s.id(), s);
        }
        current.set(steps.get(flow.first()));
        // Depend on every step's flags: the set of steps is fixed, so this stays simple and exact. Each
        // step's flags are asked for once and those same objects are read below: a lazy binding that is
        // never read fires no second invalidation, so reading a fresh one would miss later changes.
        List<Observable> deps = new ArrayList<>();
        deps.add(current);
        for (WizardStep s : steps.values()) {
            ObservableBooleanValue advance = s.canAdvance();
            ObservableBooleanValue stepBusy = s.busy();
            canAdvance.put(s.id(), advance);
            busyOf.put(s.id(), stepBusy);
            deps.add(advance);
            deps.add(stepBusy);
        }
        Observable[] on = deps.toArray(Observable[]::new);
        busy = Bindings.createBooleanBinding(() -> flag(busyOf.get(current.get().id())), on);
        canGoNext = Bindings.createBooleanBinding(() -> flag(canAdvance.get(current.get().id()))
                && !flag(busyOf.get(current.get().id())), on);
        canGoBack = Bindings.createBooleanBinding(() -> !flag(busyOf.get(current.get().id()))
                && flow.previous(current.get().id(), state).isPresent(), on);
        last = Bindings.createBooleanBinding(this::isLast, current);
        store.load().ifPresent(resumeOffer::set);
    }

    private final java.util.Map<StepId, ObservableBooleanValue> canAdvance = new java.util.EnumMap<>(StepId.class);
    private final java.util.Map<StepId, ObservableBooleanValue> busyOf = new java.util.EnumMap<>(StepId.class);

    private static boolean flag(ObservableBooleanValue v) {
        return v != null && v.get();
    }

    private boolean isLast() {
        return flow.next(current.get().id(), state).isEmpty();
    }

    public ReadOnlyObjectProperty<WizardStep> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public WizardStep step(StepId id) {
        return steps.get(id);
    }

    public WizardFlow flow() {
        return flow;
    }

    public ObservableBooleanValue canGoNext() {
        return canGoNext;
    }

    public ObservableBooleanValue canGoBack() {
        return canGoBack;
    }

    public ObservableBooleanValue busy() {
        return busy;
    }

    public ObservableBooleanValue onLastStep() {
        return last;
    }

    /** The saved run offered for resuming, or null when there is none (or it was answered). */
    public ReadOnlyObjectProperty<SavedProgress> resumeOfferProperty() {
        return resumeOffer.getReadOnlyProperty();
    }

    /** Goes to the next step; on the last step there is none, and the caller finishes the wizard. */
    public void next() {
        if (canGoNext.get()) {
            flow.next(current.get().id(), state).ifPresent(this::show);
            save();
        }
    }

    public void back() {
        if (canGoBack.get()) {
            flow.previous(current.get().id(), state).ifPresent(this::show);
            save();
        }
    }

    /**
     * Opens the scoring console directly, for people whose service is already secured: the
     * console needs only an endpoint, a key and trust, not the steps before it.
     */
    public void openConsole() {
        if (!busy.get()) {
            show(StepId.CONSOLE);
        }
    }

    /** Jumps back to an earlier step, as clicking it in the step list does; never forward. */
    public void goBackTo(StepId id) {
        List<StepId> order = flow.steps();
        if (id == StepId.CONSOLE) {
            openConsole();
        } else if (!busy.get() && order.indexOf(id) < order.indexOf(current.get().id())) {
            show(id);
            save();
        }
    }

    private void show(StepId id) {
        WizardStep s = steps.get(id);
        current.set(s);
        s.onEnter();
    }

    /** What closing the wizard now would stop (a running service, a deployment under way), or empty. */
    public Optional<String> whatClosingStops() {
        for (StepId id : flow.steps()) {
            WizardStep s = steps.get(id);
            String what = s == null ? null : s.whatClosingStops();
            if (what != null) {
                return Optional.of(what);
            }
        }
        return Optional.empty();
    }

    /** Restores the offered run and opens the step it was on (or the furthest one still valid). */
    public void resume() {
        SavedProgress p = resumeOffer.get();
        if (p == null) {
            return;
        }
        resumeOffer.set(null);
        state.restore(p);
        show(flow.resumeAt(WizardState.parse(StepId.class, p.step(), flow.first()), state));
    }

    /** Hides the offer without forgetting the saved run (the next save replaces it). */
    public void declineOffer() {
        resumeOffer.set(null);
    }

    /** Declines the offer and forgets the saved run. */
    public void startOver() {
        resumeOffer.set(null);
        try {
            store.clear();
        } catch (IOException e) {
            // Nothing to lose: the next save replaces the file anyway.
        }
    }

    /** Saves the non-secret progress; a failure only costs the resume offer, so it is not an error. */
    public Optional<IOException> save() {
        if (resumeOffer.get() != null) {
            // Do not overwrite a saved run the user has not answered yet.
            return Optional.empty();
        }
        SavedProgress p = state.toProgress(current.get().id());
        try {
            if (p.isEmpty()) {
                store.clear();
            } else {
                store.save(p);
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e);
        }
    }
}

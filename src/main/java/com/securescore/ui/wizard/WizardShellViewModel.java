package com.securescore.ui.wizard;

import com.securescore.resume.ProgressStore;
import com.securescore.resume.SavedProgress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;

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
    /** The furthest step this run has reached: the side bar goes forward to it while the steps before stay valid. */
    private final ReadOnlyObjectWrapper<StepId> reached = new ReadOnlyObjectWrapper<>();
    /** Where a resumed run left off, while the wizard is still on its way there; null otherwise. */
    private StepId resumeTarget;
    /** Why a resumed run stopped short of where it left off, in words; empty when it did not. */
    private final ReadOnlyStringWrapper resumeNote = new ReadOnlyStringWrapper("");
    /** Changes whenever a side-bar step may have become reachable or unreachable. */
    private final ObjectBinding<Object> navigation;
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
        reached.set(flow.first());
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
        deps.add(reached);
        navigation = Bindings.createObjectBinding(Object::new, deps.toArray(Observable[]::new));
        // A resumed run goes on by itself while each step is still valid, up to where it left off.
        canGoNext.addListener((o, was, now) -> {
            if (now && resumeTarget != null) {
                Platform.runLater(this::continueResume);
            }
        });
        busy.addListener((o, was, now) -> {
            if (!now && resumeTarget != null) {
                Platform.runLater(this::continueResume);
            }
        });
        store.load().ifPresent(resumeOffer::set);
    }

    private final Map<StepId, ObservableBooleanValue> canAdvance = new EnumMap<>(StepId.class);
    private final Map<StepId, ObservableBooleanValue> busyOf = new EnumMap<>(StepId.class);

    private static boolean flag(ObservableBooleanValue v) {
        return v != null && v.get();
    }

    private boolean isLast() {
        return flow.next(current.get().id(), state).isEmpty();
    }

    public ReadOnlyObjectProperty<WizardStep> currentProperty() {
        return current.getReadOnlyProperty();
    }

    /** The step itself (made now if it was not yet). */
    public WizardStep step(StepId id) {
        WizardStep s = steps.get(id);
        return s == null ? null : LazyStep.unwrap(s);
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
            resumeTarget = null;
            resumeNote.set("");
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
            resumeTarget = null;
            show(StepId.CONSOLE);
        }
    }

    /** Changes whenever {@link #whyNotTo} may answer differently; the side bar listens to it. */
    public ObservableValue<Object> navigation() {
        return navigation;
    }

    /**
     * Why the side bar cannot go to {@code id} now, in words, or null when it can: earlier steps and the
     * console always; a later step once it was reached (or is the next one) and every step before it is
     * still complete.
     */
    public String whyNotTo(StepId id) {
        List<StepId> order = flow.steps();
        StepId here = current.get().id();
        if (busy.get() && id != here) {
            return "Wait until " + here.title() + " has finished.";
        }
        if (id == StepId.CONSOLE || order.indexOf(id) <= order.indexOf(here)) {
            return null;
        }
        for (int i = order.indexOf(here); i < order.indexOf(id); i++) {
            StepId before = order.get(i);
            // Made now if it was not yet (a step made when first needed says false until then).
            step(before);
            if (!flag(canAdvance.get(before))) {
                return "Complete " + before.title() + " first.";
            }
        }
        boolean nextOne = order.indexOf(id) == order.indexOf(here) + 1;
        if (!nextOne && order.indexOf(id) > order.indexOf(reached.get())) {
            return "Not reached yet: go on with Next.";
        }
        return null;
    }

    /**
     * Goes to {@code id}, as clicking it in the step list does: back to any earlier step, to the console,
     * or forward to a step reached before while the steps in between are still complete.
     */
    public void goTo(StepId id) {
        if (whyNotTo(id) != null || id == current.get().id()) {
            return;
        }
        resumeTarget = null;
        resumeNote.set("");
        show(id);
        save();
    }

    private void show(StepId id) {
        WizardStep s = steps.get(id);
        List<StepId> order = flow.steps();
        if (id != StepId.CONSOLE && order.indexOf(id) > order.indexOf(reached.get())) {
            reached.set(id);
        }
        if (resumeTarget != null && order.indexOf(id) >= order.indexOf(resumeTarget)) {
            // Back where the run left off.
            resumeTarget = null;
            resumeNote.set("");
        }
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

    /** The terminal command that runs, on its own, what closing stops (the Local service), or empty. */
    public Optional<String> commandOnItsOwn() {
        for (StepId id : flow.steps()) {
            WizardStep s = steps.get(id);
            String command = s == null ? null : s.commandOnItsOwn();
            if (command != null) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    /**
     * Restores the offered run and goes on, step by step while each is still complete, to where it left
     * off; where a step needs the person again (a password that is never saved, a service that stopped
     * with the wizard), it stops there and {@link #resumeNoteProperty()} says why.
     */
    public void resume() {
        SavedProgress p = resumeOffer.get();
        if (p == null) {
            return;
        }
        resumeOffer.set(null);
        state.restore(p);
        StepId savedStep = WizardState.parse(StepId.class, p.step(), flow.first());
        StepId savedReach = WizardState.parse(StepId.class, p.reached(), savedStep == StepId.CONSOLE ? StepId.DNS
                : savedStep);
        List<StepId> order = flow.steps();
        if (savedStep == StepId.CONSOLE && order.indexOf(savedReach) < order.indexOf(StepId.DNS)) {
            // The console was opened directly, for a service secured elsewhere: it needs none of the steps.
            show(StepId.CONSOLE);
            return;
        }
        StepId furthest = order.indexOf(savedReach) > order.indexOf(savedStep) ? savedReach : savedStep;
        reached.set(furthest == StepId.CONSOLE ? StepId.DNS : furthest);
        resumeTarget = savedStep;
        show(flow.resumeAt(savedStep, state));
        continueResume();
    }

    /** Why a resumed run stopped short of where it left off; empty when it did not (or the person moved on). */
    public ReadOnlyStringProperty resumeNoteProperty() {
        return resumeNote.getReadOnlyProperty();
    }

    /** Goes on towards where a resumed run left off while the current step is complete. */
    private void continueResume() {
        if (resumeTarget == null) {
            return;
        }
        List<StepId> order = flow.steps();
        StepId here = current.get().id();
        if (order.indexOf(here) >= order.indexOf(resumeTarget)) {
            resumeTarget = null;
            resumeNote.set("");
            return;
        }
        if (canGoNext.get()) {
            resumeNote.set("");
            flow.next(here, state).ifPresent(this::show);
            // Showing the next step may already have made it complete (nothing to wait for): go on.
            Platform.runLater(this::continueResume);
            return;
        }
        if (busy.get()) {
            resumeNote.set("Continuing where you left off (" + resumeTarget.title() + ")…");
            return;
        }
        String why = current.get().whyResumeStopsHere();
        resumeNote.set(why != null ? why : "You left off at " + resumeTarget.title() + ": complete "
                + here.title() + " to continue there.");
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
        // On the way back to where a resumed run left off (a password to type): that is still where it is.
        StepId step = resumeTarget != null ? resumeTarget : current.get().id();
        SavedProgress p = state.toProgress(step, reached.get());
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

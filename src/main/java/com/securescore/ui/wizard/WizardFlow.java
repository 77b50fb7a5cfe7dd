package com.securescore.ui.wizard;

import java.util.List;
import java.util.Optional;

/**
 * Decides which step comes after or before the current one. The order is fixed today; every step
 * applies to every target (a Local deployment still needs its name to resolve, for example), but the
 * decision lives here so that later rules do not leak into the shell or the steps.
 */
public final class WizardFlow {
    private final List<StepId> order = List.of(StepId.values());

    public List<StepId> steps() {
        return order;
    }

    public StepId first() {
        return order.get(0);
    }

    public Optional<StepId> next(StepId current, WizardState state) {
        int i = order.indexOf(current);
        return i + 1 < order.size() ? Optional.of(order.get(i + 1)) : Optional.empty();
    }

    public Optional<StepId> previous(StepId current, WizardState state) {
        int i = order.indexOf(current);
        return i > 0 ? Optional.of(order.get(i - 1)) : Optional.empty();
    }

    /** The furthest step a restored run may reopen at: never past a step whose input is missing. */
    public StepId resumeAt(StepId saved, WizardState state) {
        if (saved == null || state.getDomain() == null) {
            return first();
        }
        // The key is never saved, so a resumed run re-reads the certificate files before going further.
        if (order.indexOf(saved) > order.indexOf(StepId.CERTIFICATE) && state.certificateProperty().get() == null) {
            return StepId.CERTIFICATE;
        }
        return saved;
    }
}

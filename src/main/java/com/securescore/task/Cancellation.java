package com.securescore.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/** A flag that long work checks between steps; cancelling it stops the work at the next check. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link CancellationException} if cancelled, so work unwinds at a safe point. */
    public void check() {
        if (cancelled.get()) {
            throw new CancellationException("Cancelled by the user");
        }
    }
}

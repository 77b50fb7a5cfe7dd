package com.securescore.task;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cancel button's flag, checked by long work between its steps and while it waits. Cancelling
 * wakes any {@link #sleep} at once, so Cancel is felt immediately, not at the next poll.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Object lock = new Object();

    /** A token nobody cancels. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public void cancel() {
        cancelled.set(true);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws when cancelled; called between steps. */
    public void check() {
        if (cancelled.get()) {
            throw new CancellationException("Cancelled.");
        }
    }

    /** Waits up to {@code millis}, returning early (by throwing) when cancelled. */
    public void sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        synchronized (lock) {
            while (!cancelled.get()) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("Interrupted.");
                }
            }
        }
        check();
    }
}

package com.securescore.task;

/**
 * A piece of long work (import, deploy, DNS checks, scoring) written once in the core and run by
 * both front ends: the wizard wraps it in a JavaFX task on the app's executor, the CLI runs it on
 * the calling thread and prints its messages.
 *
 * @param <T> the result
 */
@FunctionalInterface
public interface BackgroundTask<T> {
    /**
     * Does the work, reporting through {@code progress} and checking {@code cancellation} between
     * steps. Throws {@link java.util.concurrent.CancellationException} when cancelled.
     */
    T run(ProgressListener progress, Cancellation cancellation) throws Exception;
}

package com.securescore.cli;

import com.securescore.task.Cancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C during long work cancels it, and the JVM waits up to 5 s for the work to say so before it
 * exits. {@link #close()} in a {@code finally}, after the command has printed how it ended.
 */
final class CtrlCCancels implements AutoCloseable {
    private final Cancellation cancel = new Cancellation();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    CtrlCCancels(String threadName) {
        hook = new Thread(() -> {
            cancel.cancel();
            try {
                finished.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Cancellation cancellation() {
        return cancel;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down: the hook cancelled the work.
        }
    }
}

package com.securescore.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A server process a test started (knotd, pebble): stopped by {@link #close}, or by a shutdown
 * hook if the JVM ends first, so no server outlives the test run.
 */
final class ServerProcess implements AutoCloseable {
    private final Process process;
    private final Thread hook;

    ServerProcess(Process process, String name) {
        this.process = process;
        this.hook = new Thread(process::destroyForcibly, name + "-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    Process process() {
        return process;
    }

    /**
     * Polls {@code ready} until it answers true; fails at once, with the server's log, when the
     * process exits, and when {@code deadline} (a {@link System#nanoTime} value) passes.
     *
     * @param name what the failure calls the server ("knotd", "pebble")
     * @param what what it should have answered, for the failure ("" or " for zone x.test")
     */
    void awaitReady(String name, String what, BooleanSupplier ready, long deadline, Duration limit,
                    Supplier<String> log) {
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " before it answered:\n"
                        + log.get());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not answer" + what + " within " + limit.toSeconds()
                        + " s:\n" + log.get());
            }
            try {
                process.waitFor(20, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    /** Asks the server to stop, forces it after 5 s, and drops the shutdown hook. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook does the same.
        }
    }
}

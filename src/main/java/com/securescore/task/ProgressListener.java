package com.securescore.task;

/**
 * How long-running core work (import, deploy, DNS checks, scoring) reports what it is doing. The
 * GUI adapts it to a JavaFX {@code Task}; the CLI prints lines. Core code never prints itself.
 */
public interface ProgressListener {
    /** Does nothing: for callers that do not care about progress. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void progress(double workDone, double totalWork) {
        }

        @Override
        public void message(String text) {
        }
    };

    /** Fraction done as {@code workDone / totalWork}; a negative total means "unknown". */
    void progress(double workDone, double totalWork);

    /** A line for the log shown to the user. Never pass secrets. */
    void message(String text);
}

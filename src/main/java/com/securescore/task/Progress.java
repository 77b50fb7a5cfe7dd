package com.securescore.task;

/**
 * Where long work (a deployment, DNS re-checks, an ACME order) reports what it does. The core calls
 * it from its own thread; the wizard adapts it to the FX thread, the CLI to console lines.
 */
public interface Progress {
    /** Reports nothing; for callers that only want the result. */
    Progress NONE = new Progress() {
        @Override
        public void stage(String name, double fraction) {
        }

        @Override
        public void line(String text) {
        }
    };

    /**
     * A named stage of the work and how far it is, 0..1, or -1 when that cannot be told.
     *
     * @param name a short phrase a person reads ("Waiting for 2 replicas")
     */
    void stage(String name, double fraction);

    /** One line for the log. Never a secret: keys and passwords are masked by the caller. */
    void line(String text);
}

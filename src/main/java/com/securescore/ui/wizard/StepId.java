package com.securescore.ui.wizard;

/** The wizard's steps, in the order the user meets them. */
public enum StepId {
    DOMAIN("Domain"),
    CERTIFICATE("Certificate"),
    TARGET("Target"),
    DEPLOY("Deploy"),
    DNS("DNS"),
    CONSOLE("Scoring console");

    private final String title;

    StepId(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}

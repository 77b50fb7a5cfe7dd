package com.securescore.acme;

/** The states an order goes through, in order; the GUI shows one line each, the CLI one line per change. */
public enum AcmeStage {
    ACCOUNT("Account"),
    ORDER("Order"),
    AUTHORISATIONS("Authorisations"),
    CHALLENGE("Challenge"),
    FINALISE("Finalise"),
    DOWNLOAD("Download");

    private final String label;

    AcmeStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** How far the work is when this stage starts, 0..1. */
    public double fraction() {
        return (double) ordinal() / values().length;
    }

    /** The stage a {@code Progress.stage} name belongs to, or null. */
    public static AcmeStage ofLabel(String name) {
        for (AcmeStage s : values()) {
            if (name != null && name.startsWith(s.label)) {
                return s;
            }
        }
        return null;
    }
}

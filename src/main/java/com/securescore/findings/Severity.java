package com.securescore.findings;

import java.util.Locale;

/** How much a finding matters: errors block deployment, warnings and infos do not. */
public enum Severity {
    ERROR, WARNING, INFO;

    /** Lower-case word used in JSON and in the CLI ("error", "warning", "info"). */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package com.securescore.findings;

import java.util.Objects;

/**
 * One problem (or note) found in the user's input, with a stable code support staff can quote, a
 * plain-language message that names the file, certificate or name concerned, and the fix.
 *
 * <p>The GUI and the CLI show exactly these texts, so the same problem reads the same everywhere.
 */
public record Finding(FindingCode code, Severity severity, String message, String fix) implements Fixable {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
    }

    /** A finding with the code's usual severity. */
    public static Finding of(FindingCode code, String message, String fix) {
        return new Finding(code, code.defaultSeverity(), message, fix);
    }

    /** The registry's wizard text for the code: this finding's message carries its facts. */
    @Override
    public String fixOnScreen() {
        return code.guiFix();
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}

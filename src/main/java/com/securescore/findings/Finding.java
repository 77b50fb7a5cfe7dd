package com.securescore.findings;

import java.util.Objects;

/**
 * One problem (or note) found in the user's input, with a stable code support staff can quote, a
 * plain-language message that names the file, certificate or name concerned, and the fix.
 *
 * <p>The GUI and the CLI show exactly these texts, so the same problem reads the same everywhere.
 *
 * @param screenFix the fix on screen when this finding's facts call for other words than its code's
 *                  wizard text ({@link FindingCode#guiFix()}); null for the code's
 */
public record Finding(FindingCode code, Severity severity, String message, String fix, String screenFix)
        implements Fixable {
    public Finding {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        fix = fix == null ? "" : fix;
    }

    /** A finding whose fix on screen is its code's wizard text. */
    public Finding(FindingCode code, Severity severity, String message, String fix) {
        this(code, severity, message, fix, null);
    }

    /** A finding with the code's usual severity. */
    public static Finding of(FindingCode code, String message, String fix) {
        return new Finding(code, code.defaultSeverity(), message, fix);
    }

    /** Its own fix on screen when it has one, else the registry's wizard text for the code (the message carries the facts). */
    @Override
    public String fixOnScreen() {
        return screenFix != null ? screenFix : code.guiFix();
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}

package com.securescore.cli;

/** The exit codes every command keeps to, so scripts can rely on them. */
public final class ExitCodes {
    /** Everything checked out. */
    public static final int OK = 0;
    /** The command ran and found at least one error (an invalid name, an error finding, a failed call). */
    public static final int FINDINGS = 1;
    /** Bad usage, or input that could not be read at all (missing file, no permission). */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}

package com.securescore.scoring;

import com.securescore.findings.FindingCode;
import com.securescore.findings.Fixable;
import java.io.IOException;

/**
 * The file a client was told to trust cannot be used as its roots: missing, unreadable, or with no
 * certificate in it. Input to correct, not a connection failure: the message names the file and what
 * it holds; the fixes say what to choose instead, on the command line and in the wizard.
 */
public final class TrustFileException extends IOException implements Fixable {
    private static final long serialVersionUID = 1L;
    private final String fix;
    private final String fixOnScreen;

    TrustFileException(String message, String fix, String fixOnScreen, Throwable cause) {
        super(message, cause);
        this.fix = fix;
        this.fixOnScreen = fixOnScreen;
    }

    public FindingCode code() {
        return FindingCode.TRUST_FILE_UNUSABLE;
    }

    /** What to do, in the command line's words. */
    @Override
    public String fix() {
        return fix;
    }

    /** What to do, in the wizard's words (its fields and buttons). */
    @Override
    public String fixOnScreen() {
        return fixOnScreen;
    }
}

package com.securescore.findings;

/**
 * A problem a person can act on, with its fix said twice: in the command line's words (its options and
 * commands) and on screen (the wizard's fields and buttons, never an option or an environment variable).
 * The one way every problem type answers "what do I do": a {@link Finding}, a failed scoring call, an
 * unusable trust file. The CLI prints {@link #fix()}; the wizard shows {@link #fixOnScreen()}.
 */
public interface Fixable {
    /** What to do, in the command line's words. */
    String fix();

    /** What to do, in the wizard's words. */
    String fixOnScreen();
}

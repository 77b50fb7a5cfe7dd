package com.securescore.ui.certificate;

/**
 * What saving the certificate's files came to, with the words to show: the view asks whether to
 * replace files by the outcome, never by reading the words.
 */
public record SaveResult(Outcome outcome, String message) {
    /** How saving ended. */
    public enum Outcome {
        SAVED,
        /** Files of those names are there already: nothing was written; saving again may replace them. */
        WOULD_OVERWRITE,
        /** No certificate with its matching key yet. */
        NOTHING_TO_SAVE,
        FAILED
    }

    /** Whether saving again with replacing allowed would write the files. */
    public boolean wouldOverwrite() {
        return outcome == Outcome.WOULD_OVERWRITE;
    }
}

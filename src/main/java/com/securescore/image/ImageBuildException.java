package com.securescore.image;

/**
 * An image could not be built or pushed; the message says why in plain words and what to do, in
 * terms that hold for every face. {@link #kind()} lets a face add its own way to do it (the CLI's
 * option, the wizard's field).
 */
public final class ImageBuildException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of fix the person needs, where a face has its own control for it. */
    public enum Kind {
        /** The registry's CA must be given. */
        UNTRUSTED_REGISTRY,
        /** Registry credentials must be given or corrected. */
        CREDENTIALS,
        /** Anything else: the message is the whole story. */
        OTHER
    }

    private final Kind kind;

    public ImageBuildException(String message) {
        this(Kind.OTHER, message, null);
    }

    public ImageBuildException(String message, Throwable cause) {
        this(Kind.OTHER, message, cause);
    }

    public ImageBuildException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

package com.securescore.image;

/** An image could not be built or pushed; the message says why in plain words and what to do. */
public final class ImageBuildException extends Exception {
    private static final long serialVersionUID = 1L;

    public ImageBuildException(String message) {
        super(message);
    }

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}

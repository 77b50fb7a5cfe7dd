package com.securescore.scoring;

/**
 * A scoring call that failed, explained: what happened in plain words, and what to do. The gRPC
 * status code is kept for scripts ({@code --json}) and support staff.
 */
public final class ScoringException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final String fix;

    public ScoringException(String code, String message, String fix, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.fix = fix;
    }

    /** The gRPC status code name (UNAUTHENTICATED, UNAVAILABLE, ...) or a SecureScore code. */
    public String code() {
        return code;
    }

    /**
     * The endpoint fails (trust, name, port, reachability), not the image: after the client's
     * retries, other images would fail the same way.
     */
    public boolean endpointFailure() {
        return FailureExplainer.endpointFailure(code);
    }

    public String fix() {
        return fix;
    }
}

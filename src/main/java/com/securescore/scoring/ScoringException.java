package com.securescore.scoring;

import com.securescore.findings.FindingCode;
import com.securescore.findings.Fixable;
import io.grpc.Status;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * A scoring call that failed, explained: what happened in plain words, and what to do. The code is
 * kept for scripts ({@code --json}) and support staff: a {@link FindingCode} when the cause is known
 * (the one registry, shared with {@code check} and {@code diagnose}), else gRPC's status name.
 */
public final class ScoringException extends Exception implements Fixable {
    private static final long serialVersionUID = 1L;
    /** Causes that are the endpoint's (trust, name, port, reachability), not the image's. */
    private static final Set<FindingCode> ENDPOINT = EnumSet.of(FindingCode.CERT_UNTRUSTED,
            FindingCode.HOSTNAME_MISMATCH, FindingCode.PLAINTEXT_PORT, FindingCode.DNS_FAILED, FindingCode.EXPIRED,
            FindingCode.NOT_YET_VALID, FindingCode.CONNECT_REFUSED, FindingCode.CONNECT_TIMEOUT,
            FindingCode.TLS_HANDSHAKE_FAILED, FindingCode.NO_HTTP2);

    private final FindingCode finding;
    private final Status.Code status;
    private final String fix;
    /** The fix in the wizard's words (its fields and buttons, no command-line options); null: as {@link #fix}. */
    private final String fixOnScreen;

    /** A failure whose cause is known: one of the registry's codes. */
    public ScoringException(FindingCode code, String message, String fix, Throwable cause) {
        this(code, message, fix, null, cause);
    }

    /** A failure whose cause is known, with its fix told apart for the command line and for the wizard. */
    public ScoringException(FindingCode code, String message, String fix, String fixOnScreen, Throwable cause) {
        super(message, cause);
        this.finding = code;
        this.status = null;
        this.fix = fix;
        this.fixOnScreen = fixOnScreen;
    }

    /** A failure known only by its gRPC status. */
    public ScoringException(Status.Code status, String message, String fix, Throwable cause) {
        this(status, message, fix, null, cause);
    }

    /** A failure known only by its gRPC status, with its fix for the command line and for the wizard. */
    public ScoringException(Status.Code status, String message, String fix, String fixOnScreen, Throwable cause) {
        super(message, cause);
        this.finding = null;
        this.status = status;
        this.fix = fix;
        this.fixOnScreen = fixOnScreen;
    }

    /** The fix as the wizard's scoring console says it: its fields and buttons, never a command-line option. */
    @Override
    public String fixOnScreen() {
        return fixOnScreen != null ? fixOnScreen : fix;
    }

    /** The finding code's name, or the gRPC status name (DEADLINE_EXCEEDED, UNAVAILABLE, ...). */
    public String code() {
        return finding != null ? finding.name() : status.name();
    }

    /** The cause as a registry code, when it is known. */
    public Optional<FindingCode> finding() {
        return Optional.ofNullable(finding);
    }

    /** The gRPC status, when only that is known. */
    public Optional<Status.Code> status() {
        return Optional.ofNullable(status);
    }

    /**
     * The endpoint fails (trust, name, port, reachability), not the image: after the client's
     * retries, other images would fail the same way.
     */
    public boolean endpointFailure() {
        return finding != null ? ENDPOINT.contains(finding) : status == Status.Code.UNAVAILABLE;
    }

    @Override
    public String fix() {
        return fix;
    }
}

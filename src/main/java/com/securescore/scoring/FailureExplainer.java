package com.securescore.scoring;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;

/**
 * Turns a failed call into what a person can act on. gRPC often says only "UNAVAILABLE" with no
 * reason; the cause chain usually holds it (an untrusted certificate, a name mismatch, a refused
 * connection, an unknown host, a plaintext port), and this reads it out.
 */
final class FailureExplainer {
    /** Explained causes that retrying cannot cure. */
    static final java.util.Set<String> PERMANENT = java.util.Set.of("CERT_UNTRUSTED", "HOSTNAME_MISMATCH",
            "PLAINTEXT_PORT", "DNS_FAILURE", "CERT_EXPIRED");

    private static final java.util.Set<String> ENDPOINT = java.util.Set.of("CERT_UNTRUSTED", "HOSTNAME_MISMATCH",
            "PLAINTEXT_PORT", "DNS_FAILURE", "CERT_EXPIRED", "CONNECTION_REFUSED", "UNAVAILABLE");

    private FailureExplainer() {
    }

    /**
     * The failure is the endpoint's (trust, name, port, reachability), not the image's: after the
     * client's retries, sending more images would only fail the same way.
     */
    static boolean endpointFailure(String code) {
        return ENDPOINT.contains(code);
    }

    static ScoringException explain(StatusRuntimeException e, ScoringChannel channel) {
        Status status = e.getStatus();
        String code = status.getCode().name();
        String desc = status.getDescription() == null ? "" : status.getDescription();
        String causes = causeText(e);
        String target = channel.target();
        return switch (status.getCode()) {
            case UNAUTHENTICATED -> new ScoringException(code, "The service refused the key: " + desc + ".",
                    "Use the service's primary or secondary key (securescore keys show --keys-file FILE on the "
                    + "service's machine); if the service expects \"Bearer\", add --bearer.", e);
            case INVALID_ARGUMENT -> new ScoringException(code, "The service rejected the request: " + desc + ".",
                    "Send JPEG or PNG files; check the image it names.", e);
            case RESOURCE_EXHAUSTED -> new ScoringException(code, "The request is too large for the service: " + desc
                    + ".", "Send fewer or smaller images per request (--batch), or raise the service's "
                    + "--max-request-size.", e);
            case DEADLINE_EXCEEDED -> new ScoringException(code, "The service did not answer within the deadline.",
                    "Raise --deadline, or check the service's load.", e);
            case UNAVAILABLE -> unavailable(code, desc, causes, target, channel, e);
            default -> new ScoringException(code, "The call failed: " + code + (desc.isEmpty() ? "" : ": " + desc)
                    + ".", "Check the service's log.", e);
        };
    }

    private static ScoringException unavailable(String code, String desc, String causes, String target,
                                                ScoringChannel channel, Throwable e) {
        String all = (desc + " " + causes).toLowerCase(Locale.ROOT);
        if (all.contains("pkix path") || all.contains("unable to find valid certification path")
                || all.contains("certificate_unknown") && all.contains("trust")) {
            return new ScoringException("CERT_UNTRUSTED", "The service's certificate is not trusted by this client "
                    + "(trusted roots: " + channel.trustDescription() + ").", "If the service uses a development or "
                    + "private CA, give its root with --trust FILE (for a SecureScore development certificate: "
                    + "ca.pem). Run securescore check on the service's files for details.", e);
        }
        if (all.contains("no subject alternative") || all.contains("no name matching")
                || all.contains("doesn't match any of the subject alternative names")) {
            return new ScoringException("HOSTNAME_MISMATCH", "The service's certificate does not name the host you "
                    + "connected to (" + target + ").", "Connect by the name the certificate lists (not by IP), or "
                    + "use a certificate for this name.", e);
            }
        if (all.contains("not an ssl/tls record") || all.contains("unexpected message") && all.contains("http")
                || all.contains("first record does not look like a tls handshake")) {
            return new ScoringException("PLAINTEXT_PORT", "The port " + target + " does not speak TLS.",
                    "Check the port: the secured service listens elsewhere, or TLS is not enabled on it.", e);
        }
        if (all.contains("connection refused")) {
            return new ScoringException("CONNECTION_REFUSED", "Nothing accepts connections at " + target + ".",
                    "Check that the service is running and the host and port are right.", e);
        }
        if (all.contains("unresolved") || all.contains("unknownhost") || all.contains("name or service not known")
                || all.contains("nodename nor servname")) {
            return new ScoringException("DNS_FAILURE", "The host name in " + target + " does not resolve.",
                    "Check the name, and the DNS record (the DNS step shows what to point where).", e);
        }
        if (all.contains("expired") || all.contains("notafter")) {
            return new ScoringException("CERT_EXPIRED", "The service's certificate has expired or is not yet "
                    + "valid.", "Renew the service's certificate.", e);
        }
        return new ScoringException(code, "The service is unavailable: " + (desc.isEmpty() ? "no reason given" : desc)
                + ".", "Check that the service runs, that host and port are right, and that this client trusts its "
                + "certificate (--trust).", e);
    }

    private static String causeText(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null && b.length() < 4000; t = t.getCause()) {
            b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(' ');
            if (t.getCause() == t) {
                break;
            }
        }
        return b.toString();
    }
}

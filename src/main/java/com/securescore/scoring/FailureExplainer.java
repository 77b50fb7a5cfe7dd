package com.securescore.scoring;

import com.securescore.findings.FindingCode;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a failed call into what a person can act on. gRPC often says only "UNAVAILABLE" with no
 * reason; the cause chain usually holds it (an untrusted certificate, a name mismatch, a refused
 * connection, an unknown host, a plaintext port), and this reads it out.
 */
final class FailureExplainer {
    /** Explained causes that retrying cannot cure. */
    private static final Set<FindingCode> PERMANENT = EnumSet.of(FindingCode.CERT_UNTRUSTED,
            FindingCode.HOSTNAME_MISMATCH, FindingCode.PLAINTEXT_PORT, FindingCode.DNS_FAILED, FindingCode.EXPIRED,
            FindingCode.NOT_YET_VALID, FindingCode.AUTH_REJECTED);

    private FailureExplainer() {
    }

    /** True when waiting and retrying cannot cure the failure. */
    static boolean permanent(ScoringException e) {
        return e.finding().map(PERMANENT::contains).orElse(false);
    }

    static ScoringException explain(StatusRuntimeException e, ScoringChannel channel) {
        Status status = e.getStatus();
        Status.Code code = status.getCode();
        String desc = status.getDescription() == null ? "" : status.getDescription();
        String causes = causeText(e);
        String target = channel.target();
        return switch (status.getCode()) {
            case UNAUTHENTICATED -> new ScoringException(FindingCode.AUTH_REJECTED, "The service refused the key: " + desc + ".",
                    "Use the service's primary or secondary key (securescore keys show --keys-file FILE on the "
                    + "service's machine); if the service expects \"Bearer\", add --bearer.",
                    "Use the service's primary or secondary key (Deploy shows them for a service started here; "
                    + "otherwise the service's owner has them); if the service expects \"Bearer\", tick Send as "
                    + "\"Bearer\".", e);
            case INVALID_ARGUMENT -> new ScoringException(code, "The service rejected the request: " + desc + ".",
                    "Send JPEG or PNG files; check the image it names.", e);
            case RESOURCE_EXHAUSTED -> new ScoringException(code, "The request is too large for the service: " + desc
                    + ".", "Send fewer or smaller images per request (--batch), or raise the service's "
                    + "--max-request-size.", "Send fewer or smaller images at a time, or raise the service's "
                    + "request size limit.", e);
            case DEADLINE_EXCEEDED -> new ScoringException(code, "The service did not answer within the deadline.",
                    "Raise --deadline, or check the service's load.",
                    "Try again, and check the service's load.", e);
            case UNAVAILABLE -> unavailable(code, desc, causes, target, channel, e);
            default -> new ScoringException(code, "The call failed: " + code.name() + (desc.isEmpty() ? "" : ": " + desc)
                    + ".", "Check the service's log.", e);
        };
    }

    private static ScoringException unavailable(Status.Code code, String desc, String causes, String target,
                                                ScoringChannel channel, Throwable e) {
        String all = (desc + " " + causes).toLowerCase(Locale.ROOT);
        if (all.contains("pkix path") || all.contains("unable to find valid certification path")
                || all.contains("certificate_unknown") && all.contains("trust")) {
            return new ScoringException(FindingCode.CERT_UNTRUSTED, "The service's certificate is not trusted by this client "
                    + "(trusted roots: " + channel.trustDescription() + ").", "If the service uses a development or "
                    + "private CA, give its root with --trust FILE (for a SecureScore development certificate: "
                    + "ca.pem). Run securescore check on the service's files for details.",
                    "If the service uses a development or private CA, choose its root under Trust (for a SecureScore "
                    + "development certificate: ca.pem), or use \"Diagnose an endpoint…\" on the Domain step for "
                    + "details.", e);
        }
        if (all.contains("no subject alternative") || all.contains("no name matching")
                || all.contains("doesn't match any of the subject alternative names")) {
            return new ScoringException(FindingCode.HOSTNAME_MISMATCH, "The service's certificate does not name the host you "
                    + "connected to (" + target + ").", "Connect by the name the certificate lists (not by IP), or "
                    + "use a certificate for this name.", e);
            }
        if (all.contains("not an ssl/tls record") || all.contains("unexpected message") && all.contains("http")
                || all.contains("first record does not look like a tls handshake")) {
            return new ScoringException(FindingCode.PLAINTEXT_PORT, "The port " + target + " does not speak TLS.",
                    "Check the port: the secured service listens elsewhere, or TLS is not enabled on it.", e);
        }
        if (all.contains("connection refused")) {
            return new ScoringException(FindingCode.CONNECT_REFUSED, "Nothing accepts connections at " + target + ".",
                    "Check that the service is running and the host and port are right.", e);
        }
        if (all.contains("unresolved") || all.contains("unknownhost") || all.contains("name or service not known")
                || all.contains("nodename nor servname")) {
            return new ScoringException(FindingCode.DNS_FAILED, "The host name in " + target + " does not resolve.",
                    "Check the name, and the DNS record (the DNS step shows what to point where).", e);
        }
        if (all.contains("notbefore") || all.contains("not yet valid")) {
            return new ScoringException(FindingCode.NOT_YET_VALID, "The service's certificate is not valid yet.",
                    "Check this machine's clock, and the certificate's start date.", e);
        }
        if (all.contains("expired") || all.contains("notafter")) {
            return new ScoringException(FindingCode.EXPIRED, "The service's certificate has expired.",
                    "Renew the service's certificate.", e);
        }
        return new ScoringException(code, "The service is unavailable: " + (desc.isEmpty() ? "no reason given" : desc)
                + ".", "Check that the service runs, that host and port are right, and that this client trusts its "
                + "certificate (--trust).", "Check that the service runs, that host and port are right, and that "
                + "the root under Trust is the one the service's certificate chains to.", e);
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

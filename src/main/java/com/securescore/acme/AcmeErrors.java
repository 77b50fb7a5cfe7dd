package com.securescore.acme;

import com.securescore.findings.FindingCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;

/**
 * Turns what acme4j throws, and a CA's problem documents (RFC 8555 section 6.7), into
 * {@link AcmeFailure}s a person can act on. Problem types are matched by their last segment
 * ({@code urn:ietf:params:acme:error:connection} is "connection").
 */
final class AcmeErrors {
    private AcmeErrors() {
    }

    /** A failure talking to the CA at {@code directory}. */
    static AcmeFailure of(Throwable t, URI directory, Clock clock) {
        if (t instanceof AcmeRateLimitedException r) {
            return rateLimited(r, clock);
        }
        if (t instanceof AcmeServerException s) {
            return refused(s.getProblem());
        }
        if (t instanceof AcmeNetworkException || t instanceof IOException) {
            return network(t, directory);
        }
        if (t instanceof AcmeProtocolException || isJsonTrouble(t)) {
            return notDirectory(directory, t.getMessage());
        }
        if (t instanceof AcmeException a && a.getCause() != null && a.getCause() != a) {
            return of(a.getCause(), directory, clock);
        }
        // A server that answers the directory's address with "not found" (or "gone") has no ACME
        // directory there: the usual typo in the URL's path.
        if (t.getMessage() != null && t.getMessage().matches("(?s).*\\bHTTP (404|410)\\b.*")) {
            return notDirectory(directory, t.getMessage());
        }
        return new AcmeFailure(FindingCode.ACME_CA_ERROR, "The certificate authority at " + directory
                + " could not be used: " + oneLine(t.getMessage()) + ".",
                "Check the directory URL and try again later; if it keeps failing, quote this message to the CA.");
    }

    static AcmeFailure rateLimited(AcmeRateLimitedException r, Clock clock) {
        Optional<Instant> after = r.getRetryAfter();
        String when = after.map(a -> "Try again after " + a + " (in " + humanDuration(Duration.between(clock.instant(),
                a)) + ").").orElse("The CA did not say when; wait an hour before trying again.");
        String detail = r.getProblem().getDetail().orElse(r.getMessage());
        String docs = r.getDocuments().isEmpty() ? "" : " The CA explains its limits at " + r.getDocuments().iterator()
                .next() + ".";
        return new AcmeFailure(FindingCode.ACME_RATE_LIMITED, "The certificate authority refused the order: too many "
                + "requests (its rate limit). The CA said: " + oneLine(detail) + ". " + when + docs,
                "Wait until then; meanwhile try things out against Let's Encrypt's staging directory, which has "
                        + "much higher limits. Certificates already issued are still valid and can be reused.");
    }

    /** The CA answered with a problem outside a challenge (bad CSR, rejected name, account trouble). */
    static AcmeFailure refused(Problem p) {
        String type = type(p);
        String detail = detail(p);
        return switch (type) {
            case "rejectedIdentifier", "caa" -> new AcmeFailure(FindingCode.ACME_CA_ERROR,
                    "The certificate authority will not issue for this name. The CA said: " + detail + ".",
                    "Check the name; if the zone has CAA records, add one allowing this CA.");
            case "userActionRequired", "agreementRequired" -> new AcmeFailure(FindingCode.ACME_TERMS_NOT_AGREED,
                    "The certificate authority asks for an action first: " + detail + ".",
                    "Read and agree to the CA's current terms of service, then try again.");
            case "accountDoesNotExist", "unauthorized" -> new AcmeFailure(FindingCode.ACME_CA_ERROR,
                    "The certificate authority did not accept the account. The CA said: " + detail + ".",
                    "Use the account key registered with this CA, or let SecureScore create a new one.");
            default -> new AcmeFailure(FindingCode.ACME_CA_ERROR,
                    "The certificate authority refused the request (" + type + "). The CA said: " + detail + ".",
                    "Check the name and settings; if it keeps failing, quote this message to the CA.");
        };
    }

    /**
     * A challenge the CA could not validate, with what that usually means.
     *
     * @param http true for HTTP-01 (the CA called this machine), false for DNS-01 (the CA read a TXT record)
     */
    static AcmeFailure challengeFailed(String domain, Problem p, boolean http, int httpPort) {
        Problem inner = p.getSubProblems().isEmpty() ? p : p.getSubProblems().get(0);
        String type = type(inner);
        String said = " The CA said: " + detail(inner) + ".";
        String head = "The certificate authority could not confirm that you control " + domain + ".";
        if (http) {
            String forward = httpPort == 80 ? "" : " (forwarded to port " + httpPort + " on this machine)";
            return switch (type) {
                case "connection", "timeout" -> new AcmeFailure(FindingCode.ACME_CHALLENGE_FAILED, head + said
                        + " It could not connect to port 80 of " + domain + ": the port is closed, blocked by a "
                        + "firewall, or not forwarded to this machine.",
                        "Open port 80 for " + domain + " from the internet" + forward + ", then try again.");
                case "dns" -> new AcmeFailure(FindingCode.ACME_CHALLENGE_FAILED, head + said
                        + " The name does not resolve to an address the CA can reach: no A/AAAA record, or the "
                        + "wrong address.",
                        "Point " + domain + " at this machine's public address (the DNS step checks it), then try "
                                + "again.");
                case "unauthorized", "incorrectResponse" -> new AcmeFailure(FindingCode.ACME_CHALLENGE_FAILED,
                        head + said + " Something answered on port 80, but not SecureScore's responder: another web "
                                + "server or a proxy is answering for that name, or the name points at another "
                                + "machine.",
                        "Stop the other server or forward port 80 to this machine" + forward + ", and check that "
                                + domain + " points here.");
                default -> new AcmeFailure(FindingCode.ACME_CHALLENGE_FAILED, head + said,
                        "Check that " + domain + " points at this machine and port 80 reaches it" + forward + ".");
            };
        }
        return switch (type) {
            case "dns" -> new AcmeFailure(FindingCode.ACME_CHALLENGE_FAILED, head + said
                    + " The CA's resolvers could not read the TXT record: it is not there yet for them, or in the "
                    + "wrong zone.",
                    "Check the TXT record's name and zone, wait for it to reach the zone's name servers, then try "
                            + "again.");
            case "unauthorized", "incorrectResponse" -> new AcmeFailure(FindingCode.ACME_CHALLENGE_FAILED,
                    head + said + " The TXT record the CA found does not hold the value asked for: an old "
                            + "value, or a typo.",
                    "Replace the TXT record's value with the one shown (old values may be removed), then try "
                            + "again.");
            default -> new AcmeFailure(FindingCode.ACME_CHALLENGE_FAILED, head + said,
                    "Check the TXT record's name and value, then try again.");
        };
    }

    private static AcmeFailure network(Throwable t, URI directory) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            if (root instanceof SSLHandshakeException) {
                break;
            }
            root = root.getCause();
        }
        if (root instanceof SSLHandshakeException || hasCause(t, SSLHandshakeException.class)) {
            return new AcmeFailure(FindingCode.ACME_DIRECTORY_UNTRUSTED, "The certificate authority's server at "
                    + directory.getHost() + " presented a TLS certificate this machine does not trust, so "
                    + "nothing was sent to it.",
                    "If this is your organisation's or a test CA, trust its root certificate (the PEM file of the "
                            + "CA that signed the directory's certificate); otherwise check the URL.");
        }
        String why;
        if (hasCause(t, UnknownHostException.class)) {
            why = "the name " + directory.getHost() + " does not resolve";
        } else if (hasCause(t, ConnectException.class)) {
            why = "nothing answers at " + directory.getHost() + (directory.getPort() > 0 ? ":" + directory.getPort()
                    : "");
        } else if (hasCause(t, HttpConnectTimeoutException.class) || hasCause(t, HttpTimeoutException.class)) {
            why = "it did not answer in time";
        } else {
            why = oneLine(root.getMessage() == null ? root.toString() : root.getMessage());
        }
        return new AcmeFailure(FindingCode.ACME_DIRECTORY_UNREACHABLE, "The ACME directory " + directory
                + " could not be reached: " + why + ".",
                "Check the URL, this machine's network and any proxy; Let's Encrypt needs access to the "
                        + "internet.");
    }

    static AcmeFailure notDirectory(URI directory, String detail) {
        return new AcmeFailure(FindingCode.ACME_DIRECTORY_INVALID, directory + " answered, but not as an ACME "
                + "directory (" + oneLine(detail) + ").",
                "Use the CA's ACME directory URL (it returns a JSON document with newAccount and newOrder), "
                        + "e.g. one ending in /directory.");
    }

    private static boolean isJsonTrouble(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String n = c.getClass().getName();
            if (n.startsWith("org.jose4j.json") || n.contains("JoseException") || n.contains("ParseException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    static String type(Problem p) {
        String s = p.getType() == null ? "" : p.getType().toString();
        int colon = s.lastIndexOf(':');
        return colon >= 0 ? s.substring(colon + 1) : s;
    }

    private static String detail(Problem p) {
        return oneLine(p.getDetail().orElse(p.getTitle().orElse(type(p))));
    }

    static String oneLine(String s) {
        if (s == null || s.isBlank()) {
            return "no detail given";
        }
        String t = s.replaceAll("\\s+", " ").trim();
        return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
    }

    static String humanDuration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 90) {
            return s + " s";
        }
        if (s < 90 * 60) {
            return (s + 59) / 60 + " min";
        }
        return (s + 1799) / 3600 + " h";
    }
}

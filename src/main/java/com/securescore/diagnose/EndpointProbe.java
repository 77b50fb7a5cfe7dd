package com.securescore.diagnose;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Material;
import com.securescore.cert.Source;
import com.securescore.cert.TrustAnchors;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.scoring.ScoringException;
import io.grpc.Status;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Finds out why a TLS connection to a service fails, where gRPC only says "UNAVAILABLE": it
 * connects itself, takes whatever chain the server presents (trusting nothing, checking nothing),
 * and runs the certificate findings on it against the host name and the trust the client uses.
 */
public final class EndpointProbe {
    /** What the probe saw: one record per outcome, each with the findings it leads to. */
    public sealed interface Outcome permits Unreachable, NoTlsAnswer, NotTls, HandshakeFailed, ClientCertRequired,
            Presented {
        /** Errors first; empty only when the presented chain has nothing to say. */
        List<Finding> findings();
    }

    /** No TCP connection: the name does not resolve, nothing listens, or nothing answers. */
    public record Unreachable(Finding finding) implements Outcome {
        @Override
        public List<Finding> findings() {
            return List.of(finding);
        }
    }

    /** The TCP connection was made, but nothing answered the TLS handshake within {@code waited}. */
    public record NoTlsAnswer(Finding finding, Duration waited) implements Outcome {
        @Override
        public List<Finding> findings() {
            return List.of(finding);
        }
    }

    /** Something answered, but not with TLS (a plaintext port, often HTTP or h2c). */
    public record NotTls(Finding finding, String detail) implements Outcome {
        @Override
        public List<Finding> findings() {
            return List.of(finding);
        }
    }

    /** The server broke off the handshake before showing a certificate; {@code alert} as TLS names it. */
    public record HandshakeFailed(Finding finding, String alert) implements Outcome {
        @Override
        public List<Finding> findings() {
            return List.of(finding);
        }
    }

    /**
     * The server asked for a client certificate (its CertificateRequest) and broke off the handshake
     * when none came: mutual TLS. {@code issuers} the distinguished names it accepts client
     * certificates from (empty when it named none); {@code chain} what it presented itself.
     */
    public record ClientCertRequired(Finding finding, List<String> issuers, List<X509Certificate> chain)
            implements Outcome {
        public ClientCertRequired {
            issuers = List.copyOf(issuers);
            chain = List.copyOf(chain);
        }

        @Override
        public List<Finding> findings() {
            return List.of(finding);
        }
    }

    /**
     * The handshake completed. {@code chain} is exactly what the server sent, in its order;
     * {@code alpn} the protocol it picked from our "h2" offer ("" when it picked none);
     * {@code report} the certificate check of that chain for the host and the trust in use;
     * {@code findings} those of the report, and {@code NO_HTTP2} first when ALPN did not give h2.
     */
    public record Presented(InetSocketAddress address, List<X509Certificate> chain, String tlsVersion, String alpn,
                            CheckReport report, List<Finding> findings) implements Outcome {
        public Presented {
            chain = List.copyOf(chain);
            findings = List.copyOf(findings);
        }

        public boolean offersHttp2() {
            return "h2".equals(alpn);
        }
    }

    /** Causes (from a failed scoring call) that what the server presents can explain. */
    private static final Set<FindingCode> EXPLAINED = EnumSet.of(FindingCode.CERT_UNTRUSTED,
            FindingCode.HOSTNAME_MISMATCH, FindingCode.EXPIRED, FindingCode.NOT_YET_VALID, FindingCode.PLAINTEXT_PORT);

    /** The longest wait for a TLS answer once TCP is connected: a TLS server answers in a few round trips. */
    static final Duration HANDSHAKE_LIMIT = Duration.ofSeconds(5);
    /** After a TLS 1.3 handshake with a certificate request: how long to wait for the server's verdict on it. */
    private static final Duration CLIENT_CERT_VERDICT = Duration.ofSeconds(2);

    private final CertificateService certificates = new CertificateService();
    private final Duration timeout;
    private final Duration handshakeLimit;

    /** @param timeout the limit for the TCP connect; the TLS handshake gets at most {@link #HANDSHAKE_LIMIT} */
    public EndpointProbe(Duration timeout) {
        this.timeout = timeout;
        this.handshakeLimit = timeout.compareTo(HANDSHAKE_LIMIT) < 0 ? timeout : HANDSHAKE_LIMIT;
    }

    public EndpointProbe() {
        this(Duration.ofSeconds(5));
    }

    /** True when a call that failed so is worth a probe of the endpoint. */
    public static boolean explains(ScoringException e) {
        return e.finding().map(EXPLAINED::contains)
                .orElse(e.status().map(s -> s == Status.Code.UNAVAILABLE).orElse(false));
    }

    /**
     * @param connectTo the address to connect to, or null to resolve {@code host}
     * @param trust     the roots the client uses (PEM files), or empty for the system's roots
     */
    public Outcome probe(String host, int port, InetAddress connectTo, List<Path> trust) {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(connectTo != null ? connectTo : InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            return new Unreachable(Finding.of(FindingCode.DNS_FAILED, host + " does not resolve to an address ("
                    + "asked this machine's resolver).", "Check the name and its DNS record (securescore dns); to "
                    + "test before DNS is set up, give the service's address with --connect-to."));
        }
        String where = address.getAddress().getHostAddress() + ":" + port;
        Handshake handshake = handshake(host, port, address, where);
        if (handshake instanceof Stopped stopped) {
            return stopped.outcome();
        }
        return presented(host, address, where, trust, (Completed) handshake);
    }

    /** How far the handshake got: stopped with an outcome that says why, or completed. */
    private sealed interface Handshake permits Stopped, Completed {
    }

    private record Stopped(Outcome outcome) implements Handshake {
    }

    /** {@code chain} exactly as the server sent it; {@code alpn} "" when it picked no protocol. */
    private record Completed(List<X509Certificate> chain, String version, String alpn) implements Handshake {
    }

    /** Connects over TCP, then shakes hands trusting anything, recording what the server presents. */
    private Handshake handshake(String host, int port, InetSocketAddress address, String where) {
        List<X509Certificate> chain = new ArrayList<>();
        ClientCertificateRequest asked = new ClientCertificateRequest();
        try (Socket raw = new Socket()) {
            try {
                raw.connect(address, (int) timeout.toMillis());
            } catch (SocketTimeoutException e) {
                return new Stopped(new Unreachable(Finding.of(FindingCode.CONNECT_TIMEOUT, "No answer from " + where
                        + " within " + seconds(timeout) + ": the TCP connection was neither accepted nor refused.",
                        "Check firewalls and network security groups (the port must be open), and that the service "
                        + "is running.")));
            }
            raw.setSoTimeout((int) handshakeLimit.toMillis());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(new KeyManager[] {asked}, new TrustManager[] {new Recorder(chain)}, new SecureRandom());
            return tlsHandshake(ctx, raw, host, port, where, asked, chain);
        } catch (ConnectException | NoRouteToHostException e) {
            return new Stopped(new Unreachable(Finding.of(FindingCode.CONNECT_REFUSED, "Nothing accepts connections "
                    + "at " + where + " (" + e.getMessage() + ").", "Check that the service is running, and the "
                    + "host and port.")));
        } catch (SSLException e) {
            return new Stopped(handshakeProblem(where, port, e));
        } catch (IOException | GeneralSecurityException e) {
            return new Stopped(new Unreachable(Finding.of(FindingCode.CONNECT_REFUSED, "Could not connect to " + where
                    + ": " + e.getMessage() + ".", "Check the host and port.")));
        }
    }

    /** The TLS handshake on the connected socket, offering h2 and naming {@code host} (SNI). */
    private Handshake tlsHandshake(SSLContext ctx, Socket raw, String host, int port, String where,
                                   ClientCertificateRequest asked, List<X509Certificate> chain) throws IOException {
        try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, false)) {
            SSLParameters params = tls.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(host)));
            params.setApplicationProtocols(new String[] {"h2"});
            tls.setSSLParameters(params);
            try {
                tls.startHandshake();
                if (asked.asked() && refusedWithoutCertificate(tls)) {
                    return new Stopped(clientCertRequired(where, asked, chain));
                }
            } catch (SocketTimeoutException e) {
                return new Stopped(noTlsAnswer(where));
            } catch (IOException e) {
                if (asked.asked()) {
                    return new Stopped(clientCertRequired(where, asked, chain));
                }
                throw e;
            }
            String version = tls.getSession().getProtocol();
            String alpn = tls.getApplicationProtocol() == null ? "" : tls.getApplicationProtocol();
            List<X509Certificate> sent = new ArrayList<>();
            for (Certificate c : tls.getSession().getPeerCertificates()) {
                sent.add((X509Certificate) c);
            }
            return new Completed(sent, version, alpn);
        }
    }

    /** The certificate findings on the presented chain, and NO_HTTP2 first when the server did not pick h2. */
    private Presented presented(String host, InetSocketAddress address, String where, List<Path> trust,
                                Completed handshake) {
        List<X509Certificate> chain = handshake.chain();
        String version = handshake.version();
        String alpn = handshake.alpn();
        CheckReport report = certificates.check(host, Material.of(chain, "the chain " + host + " presents"),
                anchors(trust));
        report = report.withFindings(report.findings().stream().filter(f -> f.code() != FindingCode.KEY_MISSING)
                .toList());
        report = SentChain.judge(report, chain, trustedBy(trust));
        List<Finding> findings = new ArrayList<>(report.findings());
        if (!"h2".equals(alpn)) {
            findings.add(0, Finding.of(FindingCode.NO_HTTP2, where + " completed the TLS handshake (" + version
                    + ") but " + (alpn.isEmpty() ? "chose no protocol" : "chose \"" + alpn + "\"") + " when offered "
                    + "HTTP/2 (ALPN \"h2\"): gRPC clients will fail with UNAVAILABLE.", "Serve gRPC on this port with "
                    + "TLS and HTTP/2; behind a proxy or ingress, enable HTTP/2 (ingress-nginx: backend-protocol GRPCS,"
                    + " or TLS passthrough)."));
        }
        return new Presented(address, chain, version, alpn, report, findings);
    }

    /** How the message names the roots the client was given. */
    private static String trustedBy(List<Path> trust) {
        return trust.isEmpty() ? "this machine's trusted roots"
                : "the trusted roots given (" + String.join(", ", trust.stream().map(Path::toString).toList()) + ")";
    }

    private static String seconds(Duration d) {
        long s = Math.max(1, Math.round(d.toMillis() / 1000.0));
        return s + (s == 1 ? " second" : " seconds");
    }

    private Outcome noTlsAnswer(String where) {
        return new NoTlsAnswer(Finding.of(FindingCode.TLS_NO_ANSWER, where + " accepted the TCP connection, but "
                + "nothing answered the TLS handshake (waited " + seconds(handshakeLimit) + "). Something listens "
                + "on the port, but no TLS server is answering: a load balancer with no healthy backend, a "
                + "service still starting, or a protocol that waits for the client to speak first.", "Check that "
                + "the service behind this port is running and healthy (the load balancer's or ingress's "
                + "backends, the service's log), and that this is its TLS port."),
                handshakeLimit);
    }

    /**
     * TLS 1.3: the client's side of the handshake ends before the server has judged the (empty)
     * certificate it was sent, so a server that requires one says so in the first record after it.
     * True when that record is an alert or the end of the connection; false when the server sends
     * data or stays quiet (it asked, but goes on without a certificate).
     */
    private static boolean refusedWithoutCertificate(SSLSocket tls) throws IOException {
        if (!"TLSv1.3".equals(tls.getSession().getProtocol())) {
            return false;
        }
        int before = tls.getSoTimeout();
        tls.setSoTimeout((int) CLIENT_CERT_VERDICT.toMillis());
        try {
            return tls.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        } finally {
            tls.setSoTimeout(before);
        }
    }

    private static Outcome clientCertRequired(String where, ClientCertificateRequest asked,
                                              List<X509Certificate> chain) {
        List<String> issuers = asked.issuers();
        String named = issuers.isEmpty() ? "It named no issuers it accepts client certificates from."
                : "It accepts client certificates issued by: " + String.join("; ", issuers) + ".";
        return new ClientCertRequired(Finding.of(FindingCode.CLIENT_CERT_REQUIRED, where + " asked for a client "
                + "certificate during the TLS handshake and broke it off when none was sent: it requires mutual "
                + "TLS. " + named, "This is mutual TLS, usually an ingress, gateway or load balancer in front of "
                + "the service that demands client certificates. The FPGA scoring protocol's clients send a key, "
                + "not a certificate: turn client-certificate verification off for this service's route, or put "
                + "the service behind a route that does not require it."), issuers, chain);
    }

    /** The roots a client uses: the given files replace the system's, as gRPC clients do. */
    TrustAnchors anchors(List<Path> trust) {
        if (trust.isEmpty()) {
            return TrustAnchors.withDefaults(List.of());
        }
        List<Source> sources = new ArrayList<>();
        for (Path p : trust) {
            try {
                sources.add(Source.file(p));
            } catch (IOException e) {
                // An unreadable trust file trusts nothing; the findings then say the root is not trusted.
            }
        }
        return certificates.anchorsOnly(sources);
    }

    private static Outcome handshakeProblem(String where, int port, SSLException e) {
        String text = e.getMessage() == null ? e.toString() : e.getMessage();
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("unrecognized ssl message") || lower.contains("plaintext")
                || lower.contains("not an ssl/tls record")) {
            return new NotTls(Finding.of(FindingCode.PLAINTEXT_PORT, "The port " + port + " at " + where
                    + " answers, but not with TLS (" + text + "): it is a plaintext port.", "Connect to the port "
                    + "where the service has TLS (443 or 50051), or enable TLS on the service."), text);
        }
        String alert = alert(text);
        String said = alert.isEmpty() ? "broke off the TLS handshake (" + text + ")"
                : "refused the TLS handshake with the alert \"" + alert + "\"";
        return new HandshakeFailed(Finding.of(FindingCode.TLS_HANDSHAKE_FAILED, where + " " + said
                + " before showing a certificate.", fixFor(alert)), alert);
    }

    /** "handshake_failure" from "Received fatal alert: handshake_failure". */
    static String alert(String message) {
        int at = message.indexOf("fatal alert: ");
        return at < 0 ? "" : message.substring(at + "fatal alert: ".length()).strip();
    }

    private static String fixFor(String alert) {
        return switch (alert) {
            case "handshake_failure" -> "The server found nothing in common with this client (no shared cipher "
                    + "or key type), or wants a client certificate: check the server's TLS settings.";
            case "protocol_version" -> "The server speaks only TLS versions this client refuses (before 1.2): "
                    + "enable TLS 1.2 or 1.3 on the server.";
            case "unrecognized_name" -> "The server has no certificate for this name (SNI): check the domain, "
                    + "or the server's (ingress's) host configuration.";
            case "certificate_required", "bad_certificate" -> "The server requires a client certificate (mutual "
                    + "TLS); the FPGA protocol uses keys, not client certificates: turn client authentication off.";
            default -> "Check the server's TLS configuration and its log around this time.";
        };
    }

    /**
     * Offers no client certificate and remembers that the server asked for one: the JDK calls
     * {@code chooseClientAlias} only when a CertificateRequest arrives, with the issuers it names.
     */
    private static final class ClientCertificateRequest extends X509ExtendedKeyManager {
        private volatile boolean asked;
        private volatile List<String> issuers = List.of();

        boolean asked() {
            return asked;
        }

        List<String> issuers() {
            return issuers;
        }

        private String record(Principal[] named) {
            asked = true;
            if (named != null && named.length > 0 && issuers.isEmpty()) {
                issuers = Arrays.stream(named).map(Principal::getName).distinct().toList();
            }
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] named, Socket socket) {
            return record(named);
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] named, SSLEngine engine) {
            return record(named);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] named) {
            record(named);
            return new String[0];
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] named) {
            return new String[0];
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] named, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return null;
        }
    }

    /** Accepts any chain and remembers it: the probe judges the chain afterwards, with findings. */
    private static final class Recorder implements X509TrustManager {
        private final List<X509Certificate> seen;

        Recorder(List<X509Certificate> seen) {
            this.seen = seen;
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client certificates are not part of this probe");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            seen.clear();
            seen.addAll(List.of(chain));
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

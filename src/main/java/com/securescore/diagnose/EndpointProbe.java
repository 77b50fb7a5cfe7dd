package com.securescore.diagnose;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Material;
import com.securescore.cert.Source;
import com.securescore.cert.TrustAnchors;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Finds out why a TLS connection to a service fails, where gRPC only says "UNAVAILABLE": it
 * connects itself, takes whatever chain the server presents (trusting nothing, checking nothing),
 * and runs the certificate findings on it against the host name and the trust the client uses.
 */
public final class EndpointProbe {
    /** What the probe saw: a connection-level problem, or the presented chain and its findings. */
    public record Result(String problem, String fix, List<X509Certificate> presented, List<Finding> findings) {
        public boolean connected() {
            return problem == null;
        }
    }

    /** Failure codes (from the scoring client) where what the server presents tells the real cause. */
    private static final java.util.Set<String> CONNECTION_CODES = java.util.Set.of("UNAVAILABLE", "CERT_UNTRUSTED",
            "HOSTNAME_MISMATCH", "CERT_EXPIRED", "PLAINTEXT_PORT");

    private final CertificateService certificates = new CertificateService();

    /** True when a call that failed with {@code code} is worth a probe of the endpoint. */
    public static boolean explains(String code) {
        return CONNECTION_CODES.contains(code);
    }

    /**
     * @param connectTo the address to connect to, or null to resolve {@code host}
     * @param trust     the roots the client uses (a PEM file), or null for the system's roots
     */
    public Result probe(String host, int port, InetAddress connectTo, Path trust) {
        InetSocketAddress address;
        try {
            address = new InetSocketAddress(connectTo != null ? connectTo : InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            return new Result(host + " does not resolve to an address.", "Check the name and its DNS record.",
                    List.of(), List.of());
        }
        List<X509Certificate> chain = new ArrayList<>();
        try (Socket raw = new Socket()) {
            raw.connect(address, 5000);
            raw.setSoTimeout(5000);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new Recorder(chain)}, new SecureRandom());
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, false)) {
                SSLParameters params = tls.getSSLParameters();
                params.setServerNames(List.of(new SNIHostName(host)));
                params.setApplicationProtocols(new String[] {"h2"});
                tls.setSSLParameters(params);
                tls.startHandshake();
                for (Certificate c : tls.getSession().getPeerCertificates()) {
                    if (!chain.contains(c)) {
                        chain.add((X509Certificate) c);
                    }
                }
            }
        } catch (ConnectException e) {
            return new Result("Nothing accepts connections at " + address.getAddress().getHostAddress() + ":" + port
                    + ".", "Check that the service is running, and the host and port.", List.of(), List.of());
        } catch (SocketTimeoutException e) {
            return new Result("No answer from " + host + ":" + port + " within 5 seconds.",
                    "Check firewalls and that the service is running.", List.of(), List.of());
        } catch (SSLException e) {
            if (chain.isEmpty()) {
                return new Result("The port " + port + " does not complete a TLS handshake (" + e.getMessage() + "): "
                        + "it may be a plaintext port.", "Check the port of the TLS service.", List.of(), List.of());
            }
        } catch (IOException | java.security.GeneralSecurityException e) {
            return new Result("Could not connect: " + e.getMessage() + ".", "Check the host and port.", List.of(),
                    List.of());
        }
        TrustAnchors anchors;
        try {
            anchors = trust == null ? TrustAnchors.withDefaults(List.of())
                    : certificates.anchorsOnly(List.of(Source.file(trust)));
        } catch (IOException e) {
            anchors = TrustAnchors.withDefaults(List.of());
        }
        CheckReport report = certificates.check(host, Material.of(chain, "the chain " + host + " presents"), anchors);
        List<Finding> findings = report.findings().stream()
                .filter(f -> f.code() != FindingCode.KEY_MISSING)
                .toList();
        return new Result(null, null, List.copyOf(chain), findings);
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

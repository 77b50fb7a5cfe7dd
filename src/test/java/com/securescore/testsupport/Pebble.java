package com.securescore.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real ACME server for tests: Let's Encrypt's Pebble (Debian's {@code pebble}) on free loopback
 * ports, with a TLS certificate for its own HTTPS made by the test ({@link #tlsRoot()} is the CA that
 * signed it), validating HTTP-01 on {@link #httpPort()} and looking names up on the DNS server given
 * (Knot, in these tests). Its issuing root is new at every start: {@link #issuingRoot()}.
 *
 * <p>Started with {@code PEBBLE_VA_NOSLEEP=1} (no random wait before validating) and
 * {@code PEBBLE_WFE_NONCEREJECT=0} (no nonces rejected on purpose). {@link #start} waits until the
 * directory answers and fails at once with Pebble's log when the process exits instead; a shutdown
 * hook stops it if the JVM ends before {@link #close}.
 */
public final class Pebble implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(20);

    private final Path dir;
    private final int acmePort;
    private final int managementPort;
    private final int httpPort;
    private final ServerProcess server;
    private final TestPki.Issued tlsCa;

    private Pebble(Path dir, int acmePort, int managementPort, int httpPort, Process process, TestPki.Issued tlsCa) {
        this.dir = dir;
        this.acmePort = acmePort;
        this.managementPort = managementPort;
        this.httpPort = httpPort;
        this.tlsCa = tlsCa;
        this.server = new ServerProcess(process, "pebble");
    }

    /**
     * Starts Pebble.
     *
     * @param httpPort  where its validator connects for HTTP-01 (the product's responder, or a stand-in)
     * @param dnsServer {@code 127.0.0.1:PORT} of the DNS server it resolves names with
     */
    public static Pebble start(Path dir, int httpPort, String dnsServer) {
        try {
            Files.createDirectories(dir);
            TestPki.Issued ca = TestPki.rootCa("Pebble test TLS CA");
            TestPki.Issued tls = TestPki.leaf(ca).dns("localhost").ip("127.0.0.1").issue();
            Path cert = TestPki.writePem(dir.resolve("localhost.pem"), tls.certificate(), ca.certificate());
            Path key = TestPki.writePem(dir.resolve("localhost.key"), tls.privateKey());
            TestPki.writePem(dir.resolve("tls-root.pem"), ca.certificate());
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int acme = Ports.unused();
                int mgmt = Ports.unused();
                int tlsAlpn = Ports.unused();
                Path config = dir.resolve("pebble-config.json");
                Files.writeString(config, "{\"pebble\": {\"listenAddress\": \"127.0.0.1:" + acme + "\", "
                        + "\"managementListenAddress\": \"127.0.0.1:" + mgmt + "\", "
                        + "\"certificate\": \"" + cert.toAbsolutePath() + "\", "
                        + "\"privateKey\": \"" + key.toAbsolutePath() + "\", "
                        + "\"httpPort\": " + httpPort + ", \"tlsPort\": " + tlsAlpn + ", "
                        + "\"ocspResponderURL\": \"\", \"externalAccountBindingRequired\": false}}");
                ProcessBuilder pb = new ProcessBuilder("pebble", "-config", config.toString(), "-dnsserver", dnsServer)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("pebble.log").toFile());
                pb.environment().put("PEBBLE_VA_NOSLEEP", "1");
                pb.environment().put("PEBBLE_WFE_NONCEREJECT", "0");
                Pebble pebble = new Pebble(dir, acme, mgmt, httpPort, pb.start(), ca);
                try {
                    pebble.awaitDirectory();
                    return pebble;
                } catch (IllegalStateException e) {
                    pebble.close();
                    last = e;
                    if (!pebble.log().contains("address already in use")) {
                        throw e;
                    }
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start pebble (is Debian's pebble package installed? "
                    + "tools/test.sh installs it)", e);
        }
    }

    private void awaitDirectory() {
        HttpClient client = client();
        server.awaitReady("pebble", "", () -> answersDirectory(client), System.nanoTime() + START_LIMIT.toNanos(),
                START_LIMIT, this::log);
    }

    /** Whether the ACME directory answers now. */
    private boolean answersDirectory(HttpClient client) {
        try {
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(directory())
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("newOrder");
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An HTTPS client that trusts only the test CA that signed Pebble's own certificate. */
    public HttpClient client() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", tlsCa.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(2)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The ACME directory URL. */
    public URI directory() {
        return URI.create("https://127.0.0.1:" + acmePort + "/dir");
    }

    /** The management interface's base URL (roots, intermediates). */
    public URI management() {
        return URI.create("https://127.0.0.1:" + managementPort);
    }

    /** The root of the CA that signed Pebble's HTTPS certificate, as a PEM file. */
    public Path tlsRoot() {
        return dir.resolve("tls-root.pem");
    }

    public X509Certificate tlsRootCertificate() {
        return tlsCa.certificate();
    }

    /** The root Pebble issues under in this run, fetched from its management interface into a PEM file. */
    public Path issuingRoot() {
        try {
            HttpResponse<String> r = client().send(HttpRequest.newBuilder(management().resolve("/roots/0"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("pebble's /roots/0 answered " + r.statusCode() + ":\n" + r.body());
            }
            Path file = dir.resolve("issuing-root.pem");
            Files.writeString(file, r.body(), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Where Pebble's validator connects for HTTP-01. */
    public int httpPort() {
        return httpPort;
    }

    /** What Pebble has logged so far. */
    public String log() {
        try {
            return Files.readString(dir.resolve("pebble.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        server.close();
    }
}

package com.securescore.testsupport;

import com.securescore.cert.Certificates;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private CA as a real one runs it, on loopback: a root, an issuing intermediate, and a delegated OCSP
 * responder certificate (id-kp-OCSPSigning); its CRL served over HTTP (the JDK's HttpServer, signed
 * anew on every revocation) and its OCSP responder the real {@code openssl ocsp -index ... -rsigner}.
 * Leaves name those addresses in Authority Information Access and CRL Distribution Points.
 */
public final class RevocationAuthority implements AutoCloseable {
    private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private record Revocation(Instant at, int reason) {
    }

    private final Path dir;
    private final TestPki.Issued root;
    private final TestPki.Issued issuing;
    private final TestPki.Issued responder;
    private final HttpServer http;
    private final int ocspPort = Ports.unused();
    private final Map<BigInteger, TestPki.Issued> leaves = new LinkedHashMap<>();
    private final Map<BigInteger, Revocation> revoked = new LinkedHashMap<>();
    private final AtomicInteger crlRequests = new AtomicInteger();
    private volatile byte[] crl;
    private Process ocsp;

    private RevocationAuthority(Path dir) throws IOException {
        this.dir = dir;
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/issuing.crl", exchange -> {
            crlRequests.incrementAndGet();
            byte[] body = crl;
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-crl");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        http.start();
        root = TestPki.rootCa("Revocation Test Root");
        issuing = TestPki.intermediate(root, "Revocation Test Issuing CA");
        responder = TestPki.builder(issuing).subject("CN=Revocation Test OCSP Responder").ocspSigning().issue();
        signCrl();
    }

    /** The CA with its CRL server running; the OCSP responder starts with {@link #startResponder()}. */
    public static RevocationAuthority start(Path dir) throws IOException {
        return new RevocationAuthority(dir);
    }

    public String ocspUrl() {
        return "http://127.0.0.1:" + ocspPort + "/";
    }

    public String crlUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/issuing.crl";
    }

    public TestPki.Issued root() {
        return root;
    }

    public TestPki.Issued issuing() {
        return issuing;
    }

    /** How many times the CRL was fetched: zero proves nothing asked. */
    public int crlRequests() {
        return crlRequests.get();
    }

    /** A server leaf for {@code dns} issued by the intermediate, naming the responder and/or the CRL. */
    public TestPki.Issued leaf(String dns, boolean withOcsp, boolean withCrl) {
        TestPki.Builder b = TestPki.leaf(issuing).dns(dns);
        if (withOcsp) {
            b.ocsp(ocspUrl());
        }
        if (withCrl) {
            b.crl(crlUrl());
        }
        TestPki.Issued leaf = b.issue();
        leaves.put(leaf.certificate().getSerialNumber(), leaf);
        return leaf;
    }

    /** Revokes the leaf in the CRL and in the responder's index (before {@link #startResponder()}). */
    public void revoke(TestPki.Issued leaf, Instant at, int reason) {
        revoked.put(leaf.certificate().getSerialNumber(), new Revocation(at, reason));
        signCrl();
    }

    /** The leaf first, then the intermediate: what a server sends. */
    public List<X509Certificate> chain(TestPki.Issued leaf) {
        return List.of(leaf.certificate(), issuing.certificate());
    }

    /** Root and intermediate in one PEM file (for openssl -CAfile). */
    public Path caFile() {
        return TestPki.writePem(dir.resolve("ca-bundle.pem"), issuing.certificate(), root.certificate());
    }

    /** The current CRL as PEM (for openssl verify -CRLfile). */
    public Path crlFile() throws IOException {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(crl);
        return Files.writeString(dir.resolve("issuing-crl.pem"), "-----BEGIN X509 CRL-----\n" + b64
                + "\n-----END X509 CRL-----\n");
    }

    /** Starts {@code openssl ocsp} on the leaves issued so far, as a CA's index.txt lists them. */
    public void startResponder() throws IOException {
        StringBuilder index = new StringBuilder();
        for (TestPki.Issued leaf : leaves.values()) {
            X509Certificate c = leaf.certificate();
            Revocation r = revoked.get(c.getSerialNumber());
            index.append(r == null ? "V" : "R").append('\t')
                    .append(INDEX_TIME.format(c.getNotAfter().toInstant())).append('\t')
                    .append(r == null ? "" : INDEX_TIME.format(r.at()) + "," + reasonName(r.reason())).append('\t')
                    .append(c.getSerialNumber().toString(16).toUpperCase(Locale.ROOT)).append('\t')
                    .append("unknown").append('\t')
                    .append("/CN=").append(Certificates.name(c)).append('\n');
        }
        Path indexFile = Files.writeString(dir.resolve("index.txt"), index.toString());
        Path rsigner = TestPki.writePem(dir.resolve("ocsp-signer.pem"), responder.certificate());
        Path rkey = TestPki.writePem(dir.resolve("ocsp-signer.key"), responder.privateKey());
        Path ca = TestPki.writePem(dir.resolve("ocsp-ca.pem"), issuing.certificate());
        ocsp = new ProcessBuilder("openssl", "ocsp", "-index", indexFile.toString(), "-port", String.valueOf(ocspPort),
                "-rsigner", rsigner.toString(), "-rkey", rkey.toString(), "-CA", ca.toString(), "-nmin", "10",
                "-ignore_err").redirectErrorStream(true).start();
        StartedLine.await(ocsp, "ACCEPT", "openssl ocsp");
    }

    /** What {@code openssl ocsp} as a client says about the leaf (e.g. "leaf.pem: revoked"), an oracle. */
    public String opensslOcspSays(TestPki.Issued leaf) throws IOException, InterruptedException {
        Path cert = TestPki.writePem(dir.resolve("asked.pem"), leaf.certificate());
        Path issuer = TestPki.writePem(dir.resolve("asked-issuer.pem"), issuing.certificate());
        return run("openssl", "ocsp", "-issuer", issuer.toString(), "-cert", cert.toString(), "-url", ocspUrl(),
                "-CAfile", caFile().toString());
    }

    /** A DER OCSP response from the real responder, for s_server -status_file. */
    public Path ocspResponseFile(TestPki.Issued leaf) throws IOException, InterruptedException {
        Path cert = TestPki.writePem(dir.resolve("stapled-cert.pem"), leaf.certificate());
        Path issuer = TestPki.writePem(dir.resolve("stapled-issuer.pem"), issuing.certificate());
        Path out = dir.resolve("stapled.der");
        run("openssl", "ocsp", "-issuer", issuer.toString(), "-cert", cert.toString(), "-url", ocspUrl(),
                "-CAfile", caFile().toString(), "-respout", out.toString());
        return out;
    }

    /** What {@code openssl verify -crl_check} says about the leaf with the current CRL, an oracle. */
    public String opensslVerifyCrlSays(TestPki.Issued leaf) throws IOException, InterruptedException {
        Path cert = TestPki.writePem(dir.resolve("verified.pem"), leaf.certificate());
        return run("openssl", "verify", "-crl_check", "-CAfile", caFile().toString(), "-CRLfile",
                crlFile().toString(), cert.toString());
    }

    private static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return text;
    }

    private void signCrl() {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder b = new X509v2CRLBuilder(X500Name.getInstance(
                    issuing.certificate().getSubjectX500Principal().getEncoded()), Date.from(now.minusSeconds(60)));
            b.setNextUpdate(Date.from(now.plus(Duration.ofDays(1))));
            for (Map.Entry<BigInteger, Revocation> e : revoked.entrySet()) {
                b.addCRLEntry(e.getKey(), Date.from(e.getValue().at()), e.getValue().reason());
            }
            crl = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuing.privateKey())).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("could not sign the test CRL", e);
        }
    }

    private static String reasonName(int reason) {
        return switch (reason) {
            case CRLReason.keyCompromise -> "keyCompromise";
            case CRLReason.superseded -> "superseded";
            case CRLReason.cessationOfOperation -> "cessationOfOperation";
            default -> "unspecified";
        };
    }

    @Override
    public void close() {
        http.stop(0);
        if (ocsp != null) {
            ocsp.destroy();
            try {
                if (!ocsp.waitFor(5, TimeUnit.SECONDS)) {
                    ocsp.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ocsp.destroyForcibly();
            }
        }
    }
}

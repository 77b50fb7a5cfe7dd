package com.securescore.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Material;
import com.securescore.cert.TrustAnchors;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.findings.Severity;
import com.securescore.testsupport.OpensslServer;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.SilentPort;
import com.securescore.testsupport.RevocationAuthority;
import com.securescore.testsupport.TestPki;
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revocation against a real CA on loopback: its CRL over HTTP, the real {@code openssl ocsp} as the
 * responder, {@code openssl s_server -status_file} for a stapled answer. Each expected verdict is first
 * asked of OpenSSL itself ({@code openssl verify -crl_check}, {@code openssl ocsp}).
 */
class RevocationCheckTest {
    @TempDir
    Path dir;

    private RevocationAuthority ca;
    private final Instant revokedAt = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void startCa() throws Exception {
        ca = RevocationAuthority.start(dir);
    }

    @AfterEach
    void stopCa() {
        ca.close();
    }

    @Test
    void leafRevokedInItsCrlIsRevokedWithDateReasonAndTheCrlAddress() throws Exception {
        TestPki.Issued leaf = ca.leaf("crl-revoked.contoso.test", false, true);
        ca.revoke(leaf, revokedAt, CRLReason.keyCompromise);
        assertTrue(ca.opensslVerifyCrlSays(leaf).contains("certificate revoked"), "openssl verify -crl_check agrees");

        RevocationReport report = RevocationCheck.check(ca.chain(leaf), RevocationCheck.DEFAULT_LIMIT);

        Finding f = only(report.findings());
        assertEquals(FindingCode.REVOKED, f.code());
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("revoked on " + revokedAt), f.message());
        assertTrue(f.message().contains("keyCompromise"), f.message());
        assertTrue(f.message().contains("the CRL " + ca.crlUrl()), f.message());
        assertTrue(f.fix().contains("new key"), "a compromised key needs a new key: " + f.fix());
    }

    @Test
    void leafRevokedByTheOcspResponderIsRevoked() throws Exception {
        TestPki.Issued leaf = ca.leaf("ocsp-revoked.contoso.test", true, false);
        ca.revoke(leaf, revokedAt, CRLReason.superseded);
        ca.startResponder();
        assertTrue(ca.opensslOcspSays(leaf).contains(": revoked"), "openssl ocsp agrees: " + ca.opensslOcspSays(leaf));

        RevocationReport report = RevocationCheck.check(ca.chain(leaf), RevocationCheck.DEFAULT_LIMIT);

        Finding f = only(report.findings());
        assertEquals(FindingCode.REVOKED, f.code());
        assertTrue(f.message().contains("the OCSP responder " + ca.ocspUrl()), f.message());
        assertTrue(f.message().contains("revoked on " + revokedAt) && f.message().contains("superseded"), f.message());
    }

    @Test
    void goodLeafGivesNoFindingAndSaysHowItWasChecked() throws Exception {
        TestPki.Issued leaf = ca.leaf("good.contoso.test", true, true);
        ca.startResponder();
        assertTrue(ca.opensslOcspSays(leaf).contains(": good"), "openssl ocsp agrees");
        assertTrue(ca.opensslVerifyCrlSays(leaf).contains(": OK"), "openssl verify -crl_check agrees");

        RevocationReport report = RevocationCheck.check(ca.chain(leaf), RevocationCheck.DEFAULT_LIMIT);

        assertEquals(List.of(), report.findings());
        RevocationReport.Good good = assertInstanceOf(RevocationReport.Good.class, report.leaf().orElseThrow().status());
        assertEquals(new RevocationReport.Source(RevocationReport.Kind.OCSP, ca.ocspUrl()), good.source(),
                "OCSP first");
        assertEquals(0, ca.crlRequests(), "the CRL is not fetched once OCSP answered");
    }

    @Test
    void silentResponderAndRefusedCrlGiveAWarningNamingBothWithinTheTimeLimit() throws Exception {
        try (SilentPort silent = new SilentPort()) {
            String ocspUrl = "http://127.0.0.1:" + silent.port() + "/";
            String crlUrl = "http://127.0.0.1:" + Ports.unused() + "/issuing.crl";
            TestPki.Issued leaf = TestPki.leaf(ca.issuing()).dns("dead.contoso.test").ocsp(ocspUrl).crl(crlUrl).issue();

            long start = System.nanoTime();
            RevocationReport report = RevocationCheck.check(ca.chain(leaf), RevocationCheck.DEFAULT_LIMIT);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            Finding f = only(report.findings());
            assertEquals(FindingCode.REVOCATION_UNCHECKED, f.code());
            assertEquals(Severity.WARNING, f.severity());
            assertTrue(f.message().contains(ocspUrl + " did not answer within 3 s"), f.message());
            assertTrue(f.message().contains(crlUrl + " refused the connection"), f.message());
            // 3 s for the silent responder, the refused CRL at once; the rest is slack for a loaded build machine.
            assertTrue(took.compareTo(RevocationCheck.PER_SOURCE.plusMillis(2500)) < 0,
                    "bounded by the 3 s per source: " + took);
            assertTrue(took.compareTo(Duration.ofMillis(2900)) > 0, "the responder was given its 3 s: " + took);
        }
    }

    @Test
    void crlAddressServingGarbageIsAWarningNamingIt() throws Exception {
        HttpServer garbage = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        garbage.createContext("/", ex -> {
            byte[] body = "<html>maintenance</html>".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        garbage.start();
        try {
            String url = "http://127.0.0.1:" + garbage.getAddress().getPort() + "/ca.crl";
            TestPki.Issued leaf = TestPki.leaf(ca.issuing()).dns("garbage.contoso.test").crl(url).issue();
            Finding f = only(RevocationCheck.check(ca.chain(leaf), RevocationCheck.DEFAULT_LIMIT).findings());
            assertEquals(FindingCode.REVOCATION_UNCHECKED, f.code());
            assertTrue(f.message().contains("the CRL " + url + " sent something that is not a CRL"), f.message());
        } finally {
            garbage.stop(0);
        }
    }

    @Test
    void crlSignedByAnotherKeyIsNotBelieved() throws Exception {
        TestPki.Issued leaf = ca.leaf("forged.contoso.test", false, true);
        ca.revoke(leaf, revokedAt, CRLReason.keyCompromise);
        // The same CA name, another key: a CRL that would say "revoked" must not be believed.
        TestPki.Issued impostor = TestPki.intermediate(ca.root(), "Revocation Test Issuing CA");
        TestPki.Issued leafOfImpostor = TestPki.leaf(impostor).dns("forged.contoso.test").crl(ca.crlUrl()).issue();
        RevocationReport report = RevocationCheck.check(List.of(leafOfImpostor.certificate(),
                impostor.certificate()), RevocationCheck.DEFAULT_LIMIT);
        Finding f = only(report.findings());
        assertEquals(FindingCode.REVOCATION_UNCHECKED, f.code(), f.message());
        assertTrue(f.message().contains("signature does not check out"), f.message());
    }

    @Test
    void certificateWithoutPointersGivesNoFinding() {
        TestPki.Issued leaf = TestPki.leaf(ca.issuing()).dns("private.contoso.test").issue();
        RevocationReport report = RevocationCheck.check(ca.chain(leaf), RevocationCheck.DEFAULT_LIMIT);
        assertEquals(List.of(), report.findings());
        assertInstanceOf(RevocationReport.NoPointers.class, report.leaf().orElseThrow().status());
    }

    @Test
    void revokedResponseStapledByTheServerIsRevokedEvenWithTheResponderGone() throws Exception {
        TestPki.Issued leaf = ca.leaf("stapled.contoso.test", true, false);
        ca.revoke(leaf, revokedAt, CRLReason.keyCompromise);
        ca.startResponder();
        Path stapled = ca.ocspResponseFile(leaf);
        ca.close(); // from here on only the stapled answer can tell
        try (OpensslServer server = OpensslServer.start(dir, ca.chain(leaf), leaf.privateKey(), "-status_file",
                stapled.toString())) {
            CheckReport checked = new CertificateService().check(
                    "stapled.contoso.test", Material.of(ca.chain(leaf), "served"),
                    TrustAnchors.withDefaults(List.of(ca.root().certificate())));
            RevocationReport report = new RevocationCheck().checkEndpoint(checked,
                    new InetSocketAddress("127.0.0.1", server.port()), "stapled.contoso.test",
                    RevocationCheck.DEFAULT_LIMIT);
            Finding f = only(report.findings());
            assertEquals(FindingCode.REVOKED, f.code());
            assertTrue(f.message().contains("says " + RevocationReport.STAPLED_WORDS), f.message());
        }
    }

    private static Finding only(List<Finding> findings) {
        assertEquals(1, findings.size(), findings.toString());
        return findings.get(0);
    }
}

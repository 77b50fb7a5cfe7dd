package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.testsupport.OpensslServer;
import com.securescore.testsupport.RevocationAuthority;
import com.securescore.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Revocation in {@code check} (offline unless --online) and {@code diagnose}, against a real CRL and openssl ocsp. */
class RevocationCommandsTest extends CliRunner {
    private final Instant revokedAt = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path dir;

    private RevocationAuthority ca;

    @BeforeEach
    void startCa() throws Exception {
        ca = RevocationAuthority.start(dir);
    }

    @AfterEach
    void stopCa() {
        ca.close();
    }

    private Path[] files(TestPki.Issued leaf) {
        Path cert = TestPki.writePem(dir.resolve("fullchain.pem"), leaf.certificate(), ca.issuing().certificate());
        Path key = TestPki.writePem(dir.resolve("privkey.pem"), leaf.privateKey());
        Path root = TestPki.writePem(dir.resolve("root.pem"), ca.root().certificate());
        return new Path[] {cert, key, root};
    }

    @Test
    void checkIsOfflineByDefaultAndSaysSoInOneLine() throws Exception {
        TestPki.Issued leaf = ca.leaf("scoring.contoso.test", false, true);
        ca.revoke(leaf, revokedAt, CRLReason.keyCompromise);
        Path[] f = files(leaf);
        int code = run("check", "--domain", "scoring.contoso.test", "--cert", f[0].toString(), "--key",
                f[1].toString(), "--trust", f[2].toString());
        assertEquals(0, code, out.toString());
        assertEquals(0, ca.crlRequests(), "no network touched without --online");
        assertTrue(out.toString().contains("Revocation not checked (offline); --online asks the certificate's OCSP "
                + "responder or CRL."), out.toString());
        assertFalse(out.toString().contains("REVOKED"), out.toString());
    }

    @Test
    void checkSaysNothingAboutRevocationForACertificateWithoutPointers() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(ca.issuing()).dns("scoring.contoso.test").issue();
        Path[] f = files(leaf);
        int code = run("check", "--domain", "scoring.contoso.test", "--cert", f[0].toString(), "--key",
                f[1].toString(), "--trust", f[2].toString());
        assertEquals(0, code, out.toString());
        assertFalse(out.toString().contains("Revocation not checked") || out.toString().contains("--online"),
                out.toString());
    }

    @Test
    void checkOnlineFindsTheCrlRevocationAndExitsOne() throws Exception {
        TestPki.Issued leaf = ca.leaf("scoring.contoso.test", false, true);
        ca.revoke(leaf, revokedAt, CRLReason.keyCompromise);
        Path[] f = files(leaf);
        int code = run("check", "--domain", "scoring.contoso.test", "--cert", f[0].toString(), "--key",
                f[1].toString(), "--trust", f[2].toString(), "--online");
        assertEquals(1, code, out.toString());
        assertTrue(out.toString().startsWith("NOT READY: 1 error"), out.toString());
        assertTrue(out.toString().contains("ERROR REVOKED: The certificate \"scoring.contoso.test\""), out.toString());
        assertTrue(out.toString().contains("revoked on " + revokedAt + ", reason keyCompromise, says the CRL "
                + ca.crlUrl()), out.toString());
        assertTrue(out.toString().contains("REFUSES Browsers") || out.toString().contains("accepts Browsers"),
                out.toString());
        assertTrue(out.toString().contains("does not check revocation unless com.sun.net.ssl.checkRevocation=true"),
                "the client table says what Java does: " + out);
    }

    @Test
    void checkOnlineJsonCarriesTheRevocation() throws Exception {
        TestPki.Issued leaf = ca.leaf("scoring.contoso.test", true, true);
        ca.revoke(leaf, revokedAt, CRLReason.superseded);
        ca.startResponder();
        Path[] f = files(leaf);
        int code = run("check", "--domain", "scoring.contoso.test", "--cert", f[0].toString(), "--key",
                f[1].toString(), "--trust", f[2].toString(), "--online", "--json");
        assertEquals(1, code, out.toString());
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertTrue(json.get("findings").findValuesAsText("code").contains("REVOKED"), out.toString());
        JsonNode leafStatus = json.get("revocation").get("certificates").get(0);
        assertEquals("revoked", leafStatus.get("status").asText());
        assertEquals("ocsp", leafStatus.get("source").asText());
        assertEquals(ca.ocspUrl(), leafStatus.get("url").asText());
        assertEquals(revokedAt.toString(), leafStatus.get("revokedAt").asText());
        assertEquals("superseded", leafStatus.get("reason").asText());
    }

    @Test
    void diagnoseFindsAStapledRevocationInTextJsonAndReport() throws Exception {
        TestPki.Issued leaf = ca.leaf("scoring.contoso.test", true, false);
        ca.revoke(leaf, revokedAt, CRLReason.keyCompromise);
        ca.startResponder();
        Path stapled = ca.ocspResponseFile(leaf);
        Path root = TestPki.writePem(dir.resolve("root.pem"), ca.root().certificate());
        Path report = dir.resolve("report.html");
        try (OpensslServer s = OpensslServer.start(dir, ca.chain(leaf), leaf.privateKey(), "-status_file",
                stapled.toString())) {
            int code = run("diagnose", "scoring.contoso.test:" + s.port(), "--connect-to", "127.0.0.1", "--trust",
                    root.toString(), "--report", report.toString());
            assertEquals(1, code, out.toString());
            String text = out.toString();
            assertTrue(text.contains("ERROR REVOKED: The certificate \"scoring.contoso.test\""), text);
            assertTrue(text.contains("says the OCSP response the server stapled"), text);
            assertTrue(text.contains("Revocation (OCSP, else the CRL):"), text);
            assertTrue(text.contains("REFUSES Browsers (Chrome, Edge, Firefox, Safari): NET::ERR_CERT_REVOKED"), text);

            out.getBuffer().setLength(0);
            code = run("diagnose", "scoring.contoso.test:" + s.port(), "--connect-to", "127.0.0.1", "--trust",
                    root.toString(), "--json");
            assertEquals(1, code, out.toString());
            JsonNode json = Json.MAPPER.readTree(out.toString());
            assertEquals("stapled", json.get("revocation").get("certificates").get(0).get("source").asText());
        }
        String html = Files.readString(report);
        assertTrue(html.contains("<h2>Revocation</h2>") && html.contains("REVOKED on " + revokedAt), html);
    }

    @Test
    void diagnoseOfAGoodCertificateSaysHowItWasChecked() throws Exception {
        TestPki.Issued leaf = ca.leaf("scoring.contoso.test", true, true);
        ca.startResponder();
        Path root = TestPki.writePem(dir.resolve("root.pem"), ca.root().certificate());
        try (OpensslServer s = OpensslServer.start(dir, ca.chain(leaf), leaf.privateKey(), "-alpn", "h2")) {
            run("diagnose", "scoring.contoso.test:" + s.port(), "--connect-to", "127.0.0.1", "--trust",
                    root.toString());
        }
        String text = out.toString();
        assertFalse(text.contains("REVOKED") || text.contains("REVOCATION_UNCHECKED"), text);
        assertTrue(text.contains("leaf \"scoring.contoso.test\": not revoked, says the OCSP responder "
                + ca.ocspUrl()), text);
    }
}

package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.OpensslServer;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.PythonTlsServer;
import com.securescore.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code securescore diagnose} end to end: verdicts, exit codes, JSON, and the HTML report. */
class DiagnoseCommandTest extends CliRunner {
    @TempDir
    Path dir;

    @Test
    void ownServiceWithItsKeyWorksAndExitsZero() throws Exception {
        try (LocalService service = LocalService.start(dir)) {
            int code = run("diagnose", LocalService.HOST + ":" + service.port(), "--connect-to", "127.0.0.1",
                    "--trust", service.ca().toString(), "--key-file", service.keysFile().toString());
            assertEquals(0, code, out + "\n" + err);
            assertTrue(out.toString().startsWith("WORKS: "), out.toString());
            assertTrue(out.toString().contains("without a key: failed, AUTH_REJECTED"), out.toString());
            assertTrue(out.toString().contains("Which clients accept it"), out.toString());
            assertFalse(out.toString().contains(service.keys().primary()), "the key is never printed");
        }
    }

    @Test
    void wrongKeyGivesAuthRejectedInJsonAndExitsOne() throws Exception {
        try (LocalService service = LocalService.start(dir)) {
            Path wrong = Files.writeString(dir.resolve("wrong.key"), "not-the-key\n");
            int code = run("diagnose", LocalService.HOST + ":" + service.port(), "--connect-to", "127.0.0.1",
                    "--trust", service.ca().toString(), "--key-file", wrong.toString(), "--json");
            assertEquals(1, code, err.toString());
            JsonNode json = Json.MAPPER.readTree(out.toString());
            assertFalse(json.get("works").asBoolean());
            assertTrue(json.get("findings").findValuesAsText("code").contains("AUTH_REJECTED"), out.toString());
            assertEquals("h2", json.get("alpn").asText());
            assertEquals(7, json.get("clients").size());
            assertEquals("AUTH_REJECTED", json.get("auth").get("withKey").get("code").asText());
        }
    }

    @Test
    void reportIsSelfContainedEscapedHtmlWithChainAndClientTable() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Report <Root> & Co");
        TestPki.Issued leaf = TestPki.leaf(root).subject("CN=scoring.contoso.test,O=<script>alert(1)</script>")
                .dns("scoring.contoso.test").issue();
        Path trust = TestPki.writePem(dir.resolve("root.pem"), root.certificate());
        Path report = dir.resolve("report.html");
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate()), leaf.privateKey())) {
            int code = run("diagnose", "scoring.contoso.test:" + s.port(), "--connect-to", "127.0.0.1", "--trust",
                    trust.toString(), "--report", report.toString());
            assertEquals(1, code, out.toString());
        }
        String html = Files.readString(report);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("NO_HTTP2") && html.contains("Fix: "), "findings with codes and fixes");
        assertTrue(html.contains("class=\"cert"), "the chain as a picture");
        assertTrue(html.contains("Which clients accept it") && html.contains("Go crypto/x509"), "the client table");
        assertTrue(html.contains("by SecureScore ") && html.contains(" from "), "when, from where and which version");
        assertFalse(html.contains("<script"), "all text escaped: " + html);
        // RFC 2253 names put a backslash before < and >; the report escapes what is left for HTML.
        assertTrue(html.contains("\\&lt;script\\&gt;alert(1)") && html.contains("&amp; Co"), html);
        assertFalse(html.contains("http://") || html.contains("https://") || html.contains("src="),
                "no external resources");
    }

    @Test
    void refusedPortExitsOneWithTheCode() {
        assertEquals(1, run("diagnose", "127.0.0.1:" + Ports.unused(), "--domain", "scoring.contoso.test"));
        assertTrue(out.toString().contains("CONNECT_REFUSED"), out.toString());
    }

    @Test
    void unresolvableNameExitsOneWithDnsFailed() {
        assertEquals(1, run("diagnose", "nonexistent.invalid:443", "--json"));
        assertTrue(out.toString().contains("\"DNS_FAILED\""), out.toString());
    }

    @Test
    void badPortOrMissingTrustFileIsUsage() {
        assertEquals(2, run("diagnose", "scoring.contoso.test:99999"));
        assertTrue(err.toString().contains("no valid port"), err.toString());
        assertEquals(2, run("diagnose", "scoring.contoso.test", "--trust", dir.resolve("none.pem").toString()));
        assertEquals(2, run("diagnose"));
    }
    @Test
    void serverDemandingAClientCertificateIsClientCertRequiredInTextAndReportAndExitsOne() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Diagnose CLI Root");
        TestPki.Issued leaf = TestPki.leaf(root).dns("scoring.contoso.test").issue();
        Path trust = TestPki.writePem(dir.resolve("root.pem"), root.certificate());
        Path report = dir.resolve("mtls.html");
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate()), leaf.privateKey(), "-alpn", "h2",
                "-Verify", "1")) {
            int code = run("diagnose", "scoring.contoso.test:" + s.port(), "--connect-to", "127.0.0.1", "--trust",
                    trust.toString(), "--report", report.toString());
            assertEquals(1, code, out.toString());
        }
        assertTrue(out.toString().startsWith("PROBLEMS: 1 error"), out.toString());
        assertTrue(out.toString().contains("CLIENT_CERT_REQUIRED"), out.toString());
        assertFalse(out.toString().contains("CONNECT_REFUSED") || out.toString().contains("TLS_HANDSHAKE_FAILED"),
                out.toString());
        String html = Files.readString(report);
        assertTrue(html.contains("CLIENT_CERT_REQUIRED") && html.contains("mutual TLS")
                && html.contains("requires a client certificate"), html);
    }

    @Test
    void portThatNeverAnswersTlsIsTlsNoAnswerInJsonAndReportAndExitsOne() throws Exception {
        Path report = dir.resolve("silent.html");
        try (PythonTlsServer silent = PythonTlsServer.silent(dir)) {
            int code = run("diagnose", "127.0.0.1:" + silent.port(), "--json", "--report", report.toString());
            assertEquals(1, code, out.toString());
        }
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertEquals("no TLS answer", json.get("connection").asText());
        assertEquals(List.of("TLS_NO_ANSWER"), json.get("findings").findValuesAsText("code"));
        String html = Files.readString(report);
        assertTrue(html.contains("TLS_NO_ANSWER") && html.contains("no TLS answer within 5 s"), html);
    }

    @Test
    void leafAndIntermediateUnderAnUngivenRootIsUntrustedRootInTextAndReport() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Diagnose CLI Private Root");
        TestPki.Issued ca = TestPki.intermediate(root, "Diagnose CLI Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(ca).dns("scoring.contoso.test").issue();
        Path report = dir.resolve("root.html");
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), ca.certificate()),
                leaf.privateKey(), "-alpn", "h2")) {
            int code = run("diagnose", "scoring.contoso.test:" + s.port(), "--connect-to", "127.0.0.1", "--report",
                    report.toString());
            assertEquals(1, code, out.toString());
        }
        assertTrue(out.toString().contains("UNTRUSTED_ROOT"), out.toString());
        assertFalse(out.toString().contains("CHAIN_INCOMPLETE"), out.toString());
        assertTrue(out.toString().contains("--trust"), "the CLI names its own option: " + out);
        String html = Files.readString(report);
        assertTrue(html.contains("UNTRUSTED_ROOT") && html.contains("The server is fine")
                && html.contains("Diagnose CLI Private Root"), html);
        assertFalse(html.contains("CHAIN_INCOMPLETE"), html);
    }
}

package com.securescore.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.FindingCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files made by a tool no one on the team wrote — the openssl command line, as users make them —
 * read and judged the way openssl itself judges them. CI installs openssl (.ci/run).
 */
class OpensslInteropTest {
    private static final String DOMAIN = "scoring.contoso.test";

    @TempDir
    static Path dir;

    private final CertificateService service = new CertificateService();

    static void openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }

    @BeforeAll
    static void makeFiles() throws Exception {
        Files.writeString(dir.resolve("int.ext"), "basicConstraints=critical,CA:TRUE\n"
                + "keyUsage=critical,keyCertSign,cRLSign\n");
        Files.writeString(dir.resolve("leaf.ext"), "subjectAltName=DNS:" + DOMAIN + "\n"
                + "extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.pem",
                "-days", "3650", "-subj", "/CN=OpenSSL Test Root");
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", "int.key",
                "-out", "int.csr", "-subj", "/CN=OpenSSL Issuing CA");
        openssl("x509", "-req", "-in", "int.csr", "-CA", "root.pem", "-CAkey", "root.key", "-CAcreateserial",
                "-out", "int.pem", "-days", "1000", "-extfile", "int.ext");
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj",
                "/CN=" + DOMAIN);
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "int.pem", "-CAkey", "int.key", "-CAcreateserial",
                "-out", "leaf.pem", "-days", "200", "-extfile", "leaf.ext");
        Files.writeString(dir.resolve("chain.pem"), Files.readString(dir.resolve("leaf.pem"))
                + Files.readString(dir.resolve("int.pem")));
        openssl("pkcs12", "-export", "-in", "leaf.pem", "-inkey", "leaf.key", "-certfile", "int.pem", "-out",
                "bundle.pfx", "-passout", "pass:s3cret");
        openssl("rsa", "-in", "leaf.key", "-traditional", "-aes256", "-passout", "pass:s3cret", "-out",
                "legacy.key");
        openssl("crl2pkcs7", "-nocrl", "-certfile", "chain.pem", "-outform", "DER", "-out", "chain.p7b");
        openssl("ec", "-in", "int.key", "-out", "int-sec1.key");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "self.key", "-out", "self.pem",
                "-days", "30", "-subj", "/CN=" + DOMAIN, "-addext", "subjectAltName=DNS:" + DOMAIN);
    }

    private CheckReport check(char[] password, String... files) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (String f : files) {
            sources.add(Source.file(dir.resolve(f)));
        }
        return service.check(new CertificateService.Request(DOMAIN, sources, null, password,
                List.of(Source.file(dir.resolve("root.pem")))));
    }

    @Test
    void agreesWithOpensslVerifyOnTheChain() throws Exception {
        openssl("verify", "-CAfile", "root.pem", "-untrusted", "int.pem", "leaf.pem");
        CheckReport r = check(null, "chain.pem", "leaf.key");
        assertTrue(r.findings().isEmpty(), r.findings().toString());
    }

    @Test
    void opensOpensslPkcs12AndLegacyEncryptedKeys() throws Exception {
        assertTrue(check("s3cret".toCharArray(), "bundle.pfx").ok());
        assertTrue(check(null, "bundle.pfx").has(FindingCode.KEY_ENCRYPTED));
        assertTrue(check("s3cret".toCharArray(), "chain.pem", "legacy.key").ok());
        assertTrue(check("nope".toCharArray(), "chain.pem", "legacy.key").has(FindingCode.KEY_PASSWORD_WRONG));
    }

    @Test
    void readsDerPkcs7AndSec1AndSeesTheMismatch() throws Exception {
        CheckReport p7 = check(null, "chain.p7b", "leaf.key");
        assertTrue(p7.ok(), p7.findings().toString());
        assertTrue(p7.has(FindingCode.FORMAT_CONVERTED));
        CheckReport sec1 = check(null, "chain.pem", "int-sec1.key");
        assertTrue(sec1.findings().get(0).message().contains("belongs to the CA certificate \"OpenSSL Issuing CA\""),
                sec1.findings().toString());
        assertFalse(sec1.has(FindingCode.NOT_SERVER_AUTH), "the server certificate is still judged as the leaf");
    }

    @Test
    void selfSignedDevelopmentCertificateFromOpensslIsAWarningOnly() throws Exception {
        CheckReport r = check(null, "self.pem", "self.key");
        assertTrue(r.ok(), r.findings().toString());
        assertTrue(r.has(FindingCode.SELF_SIGNED));
        assertTrue(r.has(FindingCode.EXPIRES_SOON));
        assertFalse(r.has(FindingCode.NOT_SERVER_AUTH), "openssl req -x509 marks it CA by default; it still works");
    }

    @Test
    void fullchainWeWriteIsAcceptedByOpenssl() throws Exception {
        CheckReport r = check(null, "chain.pem", "leaf.key");
        Path out = dir.resolve("export");
        new CertificateExporter().export(r, out, new CertificateExporter.Options(null, null, false));
        openssl("verify", "-CAfile", "root.pem", "-untrusted", "export/fullchain.pem", "export/fullchain.pem");
        openssl("pkey", "-in", "export/privkey.pem", "-noout");
        assertEquals(2, Files.readString(out.resolve("fullchain.pem")).split("BEGIN CERTIFICATE").length - 1);
    }
}

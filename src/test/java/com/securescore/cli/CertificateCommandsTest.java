package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The certificate verbs as a support engineer or a script uses them: exit codes, JSON, files written. */
class CertificateCommandsTest extends CliRunner {
    private static final String DOMAIN = "scoring.contoso.test";

    @TempDir
    Path dir;

    private TestPki.Issued root;
    private TestPki.Issued leaf;
    private Path chain;
    private Path key;
    private Path rootFile;

    @BeforeEach
    void files() {
        root = TestPki.rootCa("Contoso Test Root");
        TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
        leaf = TestPki.leaf(inter).dns(DOMAIN).issue();
        chain = TestPki.writePem(dir.resolve("chain.pem"), leaf.certificate(), inter.certificate());
        key = TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
        rootFile = TestPki.writePem(dir.resolve("root.pem"), root.certificate());
    }

    @Test
    void checkPassesAGoodChainAndPrintsOneJsonDocumentWithoutKeyMaterial() throws Exception {
        assertEquals(0, run("check", "--domain", DOMAIN, "--cert", chain.toString(), "--key", key.toString(),
                "--trust", rootFile.toString(), "--json"));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertTrue(doc.get("ok").asBoolean());
        assertEquals(DOMAIN, doc.get("domain").asText());
        JsonNode first = doc.get("chain").get(0);
        for (String field : new String[] {"subject", "issuer", "serialNumber", "notBefore", "notAfter", "dnsNames",
            "keyType", "keyBits", "sha256"}) {
            assertTrue(first.has(field), field);
        }
        assertEquals(DOMAIN, first.get("dnsNames").get(0).asText());
        String keyBase64 = Files.readString(key).lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        assertFalse(out.toString().contains(keyBase64), "no private key material in the output");
        assertFalse(out.toString().contains("PRIVATE KEY"));
    }

    @Test
    void checkExitsOneWithTheFindingCodeWhenTheNameDoesNotMatch() throws Exception {
        assertEquals(1, run("check", "--domain", "other.contoso.test", "--cert", chain.toString(), "--key",
                key.toString(), "--trust", rootFile.toString(), "--json"));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertFalse(doc.get("ok").asBoolean());
        assertEquals("HOSTNAME_MISMATCH", doc.get("findings").get(0).get("code").asText());
        assertEquals("error", doc.get("findings").get(0).get("severity").asText());
    }

    @Test
    void checkExitsTwoForAMissingFileWithoutAStackTrace() {
        assertEquals(2, run("check", "--domain", DOMAIN, "--cert", dir.resolve("nope.pem").toString()));
        assertTrue(err.toString().contains("nope.pem"), err.toString());
        assertFalse(err.toString().contains("Exception"), err.toString());
    }

    @Test
    void checkOpensAPfxWithThePasswordFile() throws Exception {
        Path pfx = dir.resolve("bundle.pfx");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("k", leaf.privateKey(), "pw".toCharArray(), new Certificate[] {
            leaf.certificate()});
        try (var o = Files.newOutputStream(pfx)) {
            ks.store(o, "pw".toCharArray());
        }
        Path pw = Files.writeString(dir.resolve("pw.txt"), "pw\n");
        assertEquals(1, run("check", "--domain", DOMAIN, "--cert", pfx.toString()));
        assertTrue(out.toString().contains("KEY_ENCRYPTED"), out.toString());
        out.getBuffer().setLength(0);
        run("check", "--domain", DOMAIN, "--cert", pfx.toString(), "--key-password-file", pw.toString());
        assertFalse(out.toString().contains("KEY_ENCRYPTED"), out.toString());
        assertTrue(out.toString().contains("FORMAT_CONVERTED"), out.toString());
    }

    @Test
    void convertWritesFullchainAndOwnerOnlyKeyAndNeverOverwrites() throws Exception {
        Path target = dir.resolve("out");
        assertEquals(0, run("convert", "--cert", chain.toString(), "--key", key.toString(), "--out", target.toString(),
                "--k8s-secret", "scoring-tls"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                target.resolve("privkey.pem"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                target.resolve("tls-secret.yaml"))));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                target.resolve("fullchain.pem"))));
        String yaml = Files.readString(target.resolve("tls-secret.yaml"));
        assertTrue(yaml.contains("type: kubernetes.io/tls") && yaml.contains("tls.crt: ") && yaml.contains("tls.key: "));
        assertTrue(Files.readString(target.resolve("privkey.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));

        Files.writeString(target.resolve("privkey.pem"), "user's own file");
        assertEquals(2, run("convert", "--cert", chain.toString(), "--key", key.toString(), "--out", target.toString()));
        assertEquals("user's own file", Files.readString(target.resolve("privkey.pem")));
        assertTrue(err.toString().contains("--force"), err.toString());
    }

    @Test
    void selfSignedMakesADevelopmentCaThatCheckAccepts() throws Exception {
        Path target = dir.resolve("dev");
        assertEquals(0, run("selfsigned", "--domain", DOMAIN, "--out", target.toString(), "--key-type", "rsa"));
        assertTrue(out.toString().contains("DEVELOPMENT ONLY"));
        Set<String> names = new HashSet<>();
        try (var s = Files.list(target)) {
            s.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertEquals(Set.of("ca.pem", "fullchain.pem", "privkey.pem"), names);
        out.getBuffer().setLength(0);
        assertEquals(0, run("check", "--domain", DOMAIN, "--cert", target.resolve("fullchain.pem").toString(), "--key",
                target.resolve("privkey.pem").toString(), "--trust", target.resolve("ca.pem").toString()));
        assertEquals(2, run("selfsigned", "--domain", "10.0.0.1", "--out", dir.resolve("x").toString()));
        assertTrue(err.toString().contains("IP address"), err.toString());
        assertFalse(Files.exists(dir.resolve("x").resolve("privkey.pem")));
    }
}

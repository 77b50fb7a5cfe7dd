package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.cert.Material;
import com.securescore.cert.MaterialReader;
import com.securescore.cert.ReadOptions;
import com.securescore.cert.Source;
import com.securescore.testsupport.Keytool;
import com.securescore.testsupport.TestPki;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check and convert on the keystores Tomcat, Spring Boot and Kafka use, and convert --jks read back by keytool. */
class KeystoreCommandsTest extends CliRunner {
    private static final String DOMAIN = "scoring.contoso.test";

    @TempDir
    Path dir;

    private TestPki.Issued root;
    private TestPki.Issued inter;
    private TestPki.Issued leaf;
    private Path rootFile;
    private Path serverJks;
    private Path storePw;
    private Path keyPw;

    @BeforeEach
    void files() throws Exception {
        root = TestPki.rootCa("Contoso Test Root");
        inter = TestPki.intermediate(root, "Contoso Issuing CA");
        leaf = TestPki.leaf(inter).dns(DOMAIN).issue();
        rootFile = TestPki.writePem(dir.resolve("root.pem"), root.certificate());
        KeyStore ks = KeyStore.getInstance("JKS");
        ks.load(null, null);
        ks.setKeyEntry("tomcat", leaf.privateKey(), "key-secret".toCharArray(),
                new Certificate[] {leaf.certificate(), inter.certificate()});
        serverJks = dir.resolve("server.jks");
        try (var o = Files.newOutputStream(serverJks)) {
            ks.store(o, "store-secret".toCharArray());
        }
        storePw = Files.writeString(dir.resolve("store.pw"), "store-secret\n");
        keyPw = Files.writeString(dir.resolve("key.pw"), "key-secret\n");
    }

    @Test
    void checkPassesAJksWithItsStoreAndKeyPasswords() throws Exception {
        assertEquals(0, run("check", "--domain", DOMAIN, "--cert", serverJks.toString(), "--store-password-file",
                storePw.toString(), "--key-password-file", keyPw.toString(), "--trust", rootFile.toString(), "--json"),
                out + err.toString());
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertTrue(doc.get("ok").asBoolean());
        assertEquals(3, doc.get("chain").size(), "leaf, intermediate and the trusted root");
    }

    @Test
    void checkWithOnlyTheStorePasswordSaysTheKeyNeedsItsOwn() throws Exception {
        assertEquals(1, run("check", "--domain", DOMAIN, "--cert", serverJks.toString(), "--key-password-file",
                storePw.toString(), "--trust", rootFile.toString(), "--json"));
        JsonNode f = Json.MAPPER.readTree(out.toString()).get("findings").get(0);
        assertEquals("KEY_ENCRYPTED", f.get("code").asText());
        assertTrue(f.get("message").asText().contains("password of its own"), f.toString());
    }

    @Test
    void checkNamesTheAliasesAndTakesAlias() throws Exception {
        Path shared = dir.resolve("kafka.jks");
        Keytool.genKeyPair(shared, "JKS", "store-secret", "store-secret", "broker-1", "b1.contoso.test");
        Keytool.genKeyPair(shared, "JKS", "store-secret", "store-secret", "broker-2", DOMAIN);
        assertEquals(1, run("check", "--domain", DOMAIN, "--cert", shared.toString(), "--key-password-file",
                storePw.toString(), "--json"));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        JsonNode f = doc.get("findings").get(0);
        assertEquals("KEYSTORE_ALIAS", f.get("code").asText(), doc.toString());
        assertTrue(f.get("message").asText().contains("\"broker-1\", \"broker-2\""), f.toString());
        out.getBuffer().setLength(0);
        // Self-signed by keytool: a warning, not an error.
        assertEquals(0, run("check", "--domain", DOMAIN, "--cert", shared.toString(), "--key-password-file",
                storePw.toString(), "--alias", "broker-2", "--json"), out.toString());
    }

    @Test
    void convertWritesAPkcs12KeystoreThatKeytoolAndOurReaderRead() throws Exception {
        Path jksOut = dir.resolve("out/tomcat.jks");
        Files.createDirectories(jksOut.getParent());
        Path outPw = Files.writeString(dir.resolve("out.pw"), "changeit\n");
        assertEquals(0, run("convert", "--cert", serverJks.toString(), "--store-password-file", storePw.toString(),
                "--key-password-file", keyPw.toString(), "--trust", rootFile.toString(), "--jks", jksOut.toString(),
                "--jks-password-file", outPw.toString()), out + err.toString());
        assertTrue(out.toString().contains("PKCS12, alias \"" + DOMAIN + "\""), out.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jksOut)));

        String listing = Keytool.run("-list", "-v", "-keystore", jksOut.toString(), "-storepass", "changeit");
        assertTrue(listing.contains("Keystore type: PKCS12"), listing);
        assertTrue(listing.contains("Alias name: " + DOMAIN), listing);
        assertTrue(listing.contains("Entry type: PrivateKeyEntry"), listing);
        assertTrue(listing.contains("Certificate chain length: 2"), listing);
        // Servers configured with keystoreType=JKS read it too (the JDK's keystore.type.compat).
        KeyStore asJks = KeyStore.getInstance("JKS");
        try (var in = Files.newInputStream(jksOut)) {
            asJks.load(in, "changeit".toCharArray());
        }
        assertTrue(asJks.isKeyEntry(DOMAIN));

        Material back = new MaterialReader().readWith(Source.file(jksOut), ReadOptions.password("changeit".toCharArray()));
        assertEquals(1, back.keys().size(), back.findings().toString());
        assertEquals(2, back.certificates().size());
    }

    @Test
    void convertWritesARealJksWhenAskedAndNeverOverwritesWithoutForce() throws Exception {
        Path jksOut = dir.resolve("kafka.keystore.jks");
        Path outPw = Files.writeString(dir.resolve("out.pw"), "changeit\n");
        String[] args = {"convert", "--cert", serverJks.toString(), "--store-password-file", storePw.toString(),
            "--key-password-file", keyPw.toString(), "--trust", rootFile.toString(), "--jks", jksOut.toString(),
            "--jks-password-file", outPw.toString(), "--jks-type", "jks", "--jks-alias", "kafka"};
        assertEquals(0, run(args), out + err.toString());
        byte[] written = Files.readAllBytes(jksOut);
        assertEquals(0xFEEDFEED, ByteBuffer.wrap(written).getInt());
        String listing = Keytool.run("-list", "-v", "-keystore", jksOut.toString(), "-storepass", "changeit");
        assertTrue(listing.contains("Keystore type: JKS") && listing.contains("Alias name: kafka"), listing);
        assertTrue(listing.contains("Certificate chain length: 2"), listing);

        assertEquals(2, run(args));
        assertTrue(err.toString().contains("already exists"), err.toString());
        assertEquals(0, run(appended(args, "--force")), err.toString());
    }

    @Test
    void convertJksNeedsAPasswordFileAndAKnownType() throws Exception {
        assertEquals(2, run("convert", "--cert", serverJks.toString(), "--jks", dir.resolve("x.jks").toString()));
        assertTrue(err.toString().contains("--jks-password-file"), err.toString());
        assertEquals(2, run("convert", "--cert", serverJks.toString(), "--jks", dir.resolve("x.jks").toString(),
                "--jks-password-file", storePw.toString(), "--jks-type", "bks"));
        assertTrue(err.toString().contains("pkcs12, jks or jceks"), err.toString());
        assertEquals(2, run("convert", "--cert", serverJks.toString()));
        assertFalse(Files.exists(dir.resolve("x.jks")));
    }

    private static String[] appended(String[] args, String more) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = more;
        return all;
    }
}

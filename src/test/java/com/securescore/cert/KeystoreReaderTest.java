package com.securescore.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.testsupport.Keytool;
import com.securescore.testsupport.TestPki;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Java keystores as keytool and the KeyStore API write them, read by content, with both passwords and aliases. */
class KeystoreReaderTest {
    private static final String DNS = "scoring.contoso.test";

    @TempDir
    Path dir;

    private final MaterialReader reader = new MaterialReader();

    private Material read(Path file, String storePassword, String keyPassword, String alias) throws Exception {
        return reader.readWith(Source.file(file), new ReadOptions(chars(storePassword), chars(keyPassword), alias));
    }

    private static char[] chars(String s) {
        return s == null ? null : s.toCharArray();
    }

    private static Finding only(Material m, FindingCode code) {
        List<Finding> found = m.findings().stream().filter(f -> f.code() == code).toList();
        assertEquals(1, found.size(), () -> "expected one " + code + " in " + m.findings());
        return found.get(0);
    }

    @Test
    void readsAKeytoolJksWhoseKeyPasswordDiffersFromTheStorePassword() throws Exception {
        // Named .bin: detection is by the magic number, not the extension.
        Path jks = Keytool.genKeyPair(dir.resolve("tomcat.bin"), "JKS", "storepass1", "keypass22", "tomcat", DNS);
        Material m = read(jks, "storepass1", "keypass22", null);
        assertEquals(1, m.keys().size(), m.findings().toString());
        assertEquals(1, m.certificates().size());
        assertEquals(List.of(DNS), Certificates.dnsNames(m.certificates().get(0)));
        assertTrue(only(m, FindingCode.FORMAT_CONVERTED).message().contains("JKS"));
        assertTrue(new CertificateChecker(Clock.systemUTC()).check(DNS, m, TrustAnchors.withDefaults(
                List.of())).key() != null, "the key belongs to the certificate");
    }

    @Test
    void theStorePasswordAloneSaysTheKeyEntryHasAPasswordOfItsOwn() throws Exception {
        Path jks = Keytool.genKeyPair(dir.resolve("tomcat.jks"), "JKS", "storepass1", "keypass22", "tomcat", DNS);
        Material m = read(jks, "storepass1", null, null);
        Finding f = only(m, FindingCode.KEY_ENCRYPTED);
        assertTrue(f.message().contains("\"tomcat\"") && f.message().contains("tomcat.jks"), f.message());
        assertTrue(f.fix().contains("--store-password-file") && f.fix().contains("--key-password-file"), f.fix());
        assertEquals("tomcat", m.keyPasswordAlias());
        assertTrue(m.keys().isEmpty());
        assertTrue(m.isKeyLocked());
        assertEquals(1, m.certificates().size(), "the entry's certificate is readable without the key password");
    }

    @Test
    void saysWhichPasswordIsWrong() throws Exception {
        Path jks = Keytool.genKeyPair(dir.resolve("tomcat.jks"), "JKS", "storepass1", "keypass22", "tomcat", DNS);
        Finding store = only(read(jks, "wrong-store", "keypass22", null), FindingCode.KEY_PASSWORD_WRONG);
        assertTrue(store.message().contains("store password") && store.message().contains("tomcat.jks"),
                store.message());
        Finding key = only(read(jks, "storepass1", "wrong-key", null), FindingCode.KEY_PASSWORD_WRONG);
        assertTrue(key.message().contains("key password") && key.message().contains("\"tomcat\""), key.message());
        assertTrue(key.fix().contains("store password is right"), key.fix());
    }

    @Test
    void noPasswordAtAllIsKeyEncryptedNamingTheKeystore() throws Exception {
        Path jks = Keytool.genKeyPair(dir.resolve("tomcat.jks"), "JKS", "storepass1", "storepass1", "tomcat", DNS);
        Material m = read(jks, null, null, null);
        assertTrue(only(m, FindingCode.KEY_ENCRYPTED).message().contains("tomcat.jks (Java keystore (JKS))"));
        assertTrue(m.isKeyLocked());
        // One password for store and key, as keytool makes them by default.
        assertEquals(1, read(jks, "storepass1", null, null).keys().size());
    }

    @Test
    void readsJceksMadeByKeytoolImportkeystore() throws Exception {
        Path jks = Keytool.genKeyPair(dir.resolve("src.jks"), "JKS", "storepass1", "keypass22", "kafka", DNS);
        Path jceks = dir.resolve("kafka.keystore");
        Keytool.run("-importkeystore", "-srckeystore", jks.toString(), "-srcstoretype", "JKS", "-srcstorepass",
                "storepass1", "-srcalias", "kafka", "-srckeypass", "keypass22", "-destkeystore", jceks.toString(),
                "-deststoretype", "JCEKS", "-deststorepass", "jceksstore", "-destkeypass", "jcekskey");
        assertEquals(0xCE, Files.readAllBytes(jceks)[0] & 0xFF);
        Material m = read(jceks, "jceksstore", "jcekskey", null);
        assertEquals(1, m.keys().size(), m.findings().toString());
        assertTrue(only(m, FindingCode.FORMAT_CONVERTED).message().contains("JCEKS"));
        assertTrue(only(read(jceks, "jceksstore", null, null), FindingCode.KEY_ENCRYPTED).message()
                .contains("\"kafka\""));
    }

    @Test
    void severalKeyEntriesAreNamedAndOneIsChosenByAlias() throws Exception {
        Path jks = dir.resolve("shared.jks");
        Keytool.genKeyPair(jks, "JKS", "storepass1", "storepass1", "old-2025", "old.contoso.test");
        Keytool.genKeyPair(jks, "JKS", "storepass1", "storepass1", "scoring", DNS);
        Material m = read(jks, "storepass1", null, null);
        Finding f = only(m, FindingCode.KEYSTORE_ALIAS);
        assertTrue(f.message().contains("\"old-2025\", \"scoring\""), f.message());
        assertTrue(f.fix().contains("--alias"), f.fix());
        assertEquals(List.of("old-2025", "scoring"), m.aliasChoices());
        assertTrue(m.keys().isEmpty());

        Material chosen = read(jks, "storepass1", null, "SCORING");
        assertEquals(1, chosen.keys().size(), chosen.findings().toString());
        assertEquals(List.of(DNS), Certificates.dnsNames(chosen.certificates().get(0)));
        assertTrue(chosen.aliasChoices().isEmpty());

        Finding missing = only(read(jks, "storepass1", null, "nope"), FindingCode.KEYSTORE_ALIAS);
        assertTrue(missing.message().contains("no entry named \"nope\""), missing.message());
    }

    @Test
    void trustedCertificateEntriesBecomeCertificatesEvenWithoutThePassword() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
        Path rootPem = TestPki.writePem(dir.resolve("root.pem"), root.certificate());
        Path trust = dir.resolve("truststore.jks");
        Keytool.run("-importcert", "-noprompt", "-alias", "contoso-root", "-file", rootPem.toString(), "-keystore",
                trust.toString(), "-storetype", "JKS", "-storepass", "changeit");
        for (String pw : new String[] {null, "changeit"}) {
            Material m = read(trust, pw, null, null);
            assertEquals(List.of(root.certificate()), m.certificates(), "password " + pw);
            assertTrue(m.keys().isEmpty());
            assertTrue(m.findings().stream().noneMatch(Finding::isError), m.findings().toString());
        }
        // And as a --trust file, through the one entry point.
        TestPki.Issued leaf = TestPki.leaf(root).dns(DNS).issue();
        CertificateService service = new CertificateService();
        CheckReport r = service.check(new CertificateService.Request(DNS,
                List.of(Source.bytes("leaf.pem", TestPki.pem(leaf.certificate(), leaf.privateKey())
                        .getBytes(StandardCharsets.US_ASCII))), null, (char[]) null, List.of(Source.file(trust))));
        assertTrue(r.ok(), r.findings().toString());
    }

    @Test
    void aKeyEntryBesideTrustedEntriesAndItsChainFromTheKeyStoreApi() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
        TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(inter).dns(DNS).issue();
        KeyStore ks = KeyStore.getInstance("JKS");
        ks.load(null, null);
        ks.setKeyEntry("server", leaf.privateKey(), "keypw".toCharArray(),
                new Certificate[] {leaf.certificate(), inter.certificate()});
        ks.setCertificateEntry("root", root.certificate());
        Path file = dir.resolve("server.jks");
        try (var out = Files.newOutputStream(file)) {
            ks.store(out, "storepw".toCharArray());
        }
        Material m = read(file, "storepw", "keypw", null);
        assertEquals(3, m.certificates().size());
        CheckReport r = new CertificateService().check(DNS, m, List.of(Source.bytes("root.pem",
                TestPki.pem(root.certificate()).getBytes(StandardCharsets.US_ASCII))));
        assertTrue(r.findings().stream().noneMatch(Finding::isError), r.findings().toString());
        assertEquals(leaf.privateKey(), r.key());
    }

    @Test
    void aTruncatedKeystoreIsCutShortNotAPasswordProblem() throws Exception {
        Path jks = Keytool.genKeyPair(dir.resolve("tomcat.jks"), "JKS", "storepass1", "storepass1", "tomcat", DNS);
        byte[] bytes = Files.readAllBytes(jks);
        Path cut = Files.write(dir.resolve("cut.jks"), Arrays.copyOf(bytes, bytes.length / 2));
        for (String pw : new String[] {null, "storepass1"}) {
            Material m = read(cut, pw, null, null);
            assertTrue(only(m, FindingCode.PEM_UNREADABLE).message().contains("cut short"), m.findings().toString());
            assertTrue(m.findings().stream().noneMatch(f -> f.code() == FindingCode.KEY_PASSWORD_WRONG));
        }
        assertEquals(FindingCode.PEM_UNREADABLE, reader.read(Source.bytes("x.jks",
                new byte[] {(byte) 0xFE, (byte) 0xED, (byte) 0xFE, (byte) 0xED}), "pw".toCharArray())
                .findings().get(0).code());
    }

    @Test
    void keystoresOfOtherKindsAreNamedWithTheWayOut() throws Exception {
        KeyStore bks = KeyStore.getInstance("BKS", BouncyCastle.PROVIDER);
        bks.load(null, null);
        bks.setCertificateEntry("root", TestPki.rootCa("Android Root").certificate());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bks.store(out, "pw".toCharArray());
        Finding b = only(reader.read(Source.bytes("android.bks", out.toByteArray()), (char[]) null),
                FindingCode.PEM_UNREADABLE);
        assertTrue(b.message().contains("Bouncy Castle keystore (BKS"), b.message());
        assertTrue(b.fix().contains("-srcstoretype BKS"), b.fix());

        Finding ppk = only(reader.read(Source.text("server.ppk", "PuTTY-User-Key-File-3: ssh-ed25519\n"
                + "Encryption: none\nComment: me\nPublic-Lines: 2\nAAAA\nBBBB\n"), (char[]) null),
                FindingCode.PEM_UNREADABLE);
        assertTrue(ppk.message().contains("PuTTY private key (.ppk)"), ppk.message());

        byte[] sst = new byte[64];
        System.arraycopy("CERT".getBytes(StandardCharsets.US_ASCII), 0, sst, 4, 4);
        Finding w = only(reader.read(Source.bytes("roots.sst", sst), (char[]) null), FindingCode.PEM_UNREADABLE);
        assertTrue(w.message().contains("Windows serialized certificate store"), w.message());
    }

    @Test
    void aPkcs12WithASeparateKeyPasswordFileStillOpensWithTheStorePassword() throws Exception {
        Path jks = Keytool.genKeyPair(dir.resolve("src.jks"), "JKS", "storepass1", "storepass1", "tomcat", DNS);
        Path p12 = dir.resolve("server.p12");
        Keytool.run("-importkeystore", "-srckeystore", jks.toString(), "-srcstorepass", "storepass1",
                "-destkeystore", p12.toString(), "-deststoretype", "PKCS12", "-deststorepass", "p12pass");
        Material m = read(p12, "p12pass", null, null);
        assertEquals(1, m.keys().size(), m.findings().toString());
        assertNull(m.keyPasswordAlias());
    }

    @Test
    void aliasAlsoPicksAKeyEntryOfAPkcs12() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
        TestPki.Issued a = TestPki.leaf(root).dns("a.contoso.test").issue();
        TestPki.Issued b = TestPki.leaf(root).dns(DNS).issue();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("a", a.privateKey(), "pw".toCharArray(), new Certificate[] {a.certificate()});
        ks.setKeyEntry("b", b.privateKey(), "pw".toCharArray(), new Certificate[] {b.certificate()});
        Path p12 = dir.resolve("two.p12");
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, "pw".toCharArray());
        }
        assertEquals(2, read(p12, "pw", null, null).keys().size(), "without --alias every key is read, as before");
        Material chosen = read(p12, "pw", null, "B");
        assertEquals(List.of(b.privateKey()), chosen.keys());
        assertEquals(List.of(b.certificate()), chosen.certificates());
        Finding missing = only(read(p12, "pw", null, "c"), FindingCode.KEYSTORE_ALIAS);
        assertTrue(missing.message().contains("\"a\", \"b\""), missing.message());
    }
}

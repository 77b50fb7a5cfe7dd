package com.securescore.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.testsupport.TestPki;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaterialReaderTest {
    private static final char[] PASSWORD = "s3cret".toCharArray();
    private final CertFixtures pki = new CertFixtures();
    private final MaterialReader reader = new MaterialReader();

    private Material read(String name, byte[] bytes, char[] password) {
        return reader.read(Source.bytes(name, bytes), password);
    }

    private Material read(String name, String text) {
        return read(name, text.getBytes(StandardCharsets.UTF_8), null);
    }

    private static Finding only(Material m, FindingCode code) {
        List<Finding> found = m.findings().stream().filter(f -> f.code() == code).toList();
        assertEquals(1, found.size(), () -> "expected one " + code + " in " + m.findings());
        return found.get(0);
    }

    @Test
    void readsAPemChainInOrder() {
        Material m = read("chain.pem", pki.chainPem());
        assertEquals(List.of(pki.leaf.certificate(), pki.intermediate.certificate()), m.certificates());
        assertTrue(m.findings().isEmpty(), m.findings().toString());
    }

    @Test
    void readsCertificatesAndKeyFromOneCombinedFile() {
        Material m = read("combined.pem", pki.keyPem() + pki.chainPem());
        assertEquals(2, m.certificates().size());
        assertEquals(1, m.keys().size());
    }

    @Test
    void readsDerCertificateAndSaysItWasConverted() throws Exception {
        Material m = read("leaf.cer", CertFixtures.der(pki.leaf.certificate()), null);
        assertEquals(List.of(pki.leaf.certificate()), m.certificates());
        assertTrue(only(m, FindingCode.FORMAT_CONVERTED).message().contains("DER"));
    }

    @Test
    void readsPkcs7InPemAndDer() throws Exception {
        X509Certificate[] certs = {pki.leaf.certificate(), pki.intermediate.certificate()};
        for (boolean pem : new boolean[] {true, false}) {
            Material m = read("chain.p7b", CertFixtures.pkcs7(pem, certs), null);
            assertEquals(2, m.certificates().size(), "pem=" + pem);
            assertTrue(only(m, FindingCode.FORMAT_CONVERTED).message().contains("PKCS#7"));
        }
    }

    @Test
    void readsPkcs12WithItsPasswordAndAsksForItWithout() throws Exception {
        byte[] pfx = CertFixtures.pkcs12(pki.leaf.privateKey(), PASSWORD,
                CertFixtures.chainOf(pki.leaf, pki.intermediate));
        Material open = read("bundle.pfx", pfx, PASSWORD);
        assertEquals(2, open.certificates().size());
        assertEquals(1, open.keys().size());

        Material locked = read("bundle.pfx", pfx, null);
        assertTrue(only(locked, FindingCode.KEY_ENCRYPTED).message().contains("bundle.pfx"));
        assertTrue(locked.isKeyLocked());

        Material wrong = read("bundle.pfx", pfx, "nope".toCharArray());
        only(wrong, FindingCode.KEY_PASSWORD_WRONG);
    }

    @Test
    void readsEncryptedPkcs8OnlyWithTheRightPassword() throws Exception {
        String pem = CertFixtures.encryptedPkcs8(pki.leaf.privateKey(), PASSWORD);
        assertEquals(1, read("key.pem", pem.getBytes(StandardCharsets.US_ASCII), PASSWORD).keys().size());
        only(read("key.pem", pem.getBytes(StandardCharsets.US_ASCII), null), FindingCode.KEY_ENCRYPTED);
        only(read("key.pem", pem.getBytes(StandardCharsets.US_ASCII), "wrong".toCharArray()),
                FindingCode.KEY_PASSWORD_WRONG);
    }

    @Test
    void readsPkcs1AndSec1AndLegacyEncryptedKeys() throws Exception {
        Material rsa = read("rsa.key", CertFixtures.traditional(pki.leaf.privateKey(), null));
        assertEquals(pki.leaf.privateKey().getEncoded().length > 0, rsa.keys().size() == 1);
        assertTrue(only(rsa, FindingCode.FORMAT_CONVERTED).message().contains("PKCS#1"));

        TestPki.Issued ec = TestPki.selfSignedLeaf().dns(CertFixtures.DOMAIN).issue();
        Material sec1 = read("ec.key", CertFixtures.traditional(ec.privateKey(), null));
        assertEquals(1, sec1.keys().size(), () -> sec1.findings() + CertFixtures.traditional0(ec.privateKey()));
        assertTrue(only(sec1, FindingCode.FORMAT_CONVERTED).message().contains("SEC1"));

        String legacy = CertFixtures.traditional(pki.leaf.privateKey(), PASSWORD);
        assertTrue(legacy.contains("Proc-Type: 4,ENCRYPTED"));
        assertEquals(1, read("legacy.key", legacy.getBytes(StandardCharsets.US_ASCII), PASSWORD).keys().size());
        only(read("legacy.key", legacy.getBytes(StandardCharsets.US_ASCII), null), FindingCode.KEY_ENCRYPTED);
    }

    @Test
    void readsDerPkcs8Key() {
        Material m = read("key.der", pki.leaf.privateKey().getEncoded(), null);
        assertEquals(1, m.keys().size());
        only(m, FindingCode.FORMAT_CONVERTED);
    }

    @Test
    void cleansBomCrlfIndentationAndStrayTextAndSaysSo() {
        String messy = "\uFEFFsubject=CN = scoring\nissuer=CN = Contoso\n"
                + pki.chainPem().replace("\n", "\r\n").replaceAll("(?m)^(?!-----)", "    ") + "\r\nThanks, IT";
        Material m = read("messy.pem", messy.substring(0, messy.length()));
        assertEquals(2, m.certificates().size());
        String msg = only(m, FindingCode.PEM_CLEANED).message();
        assertTrue(msg.contains("byte-order mark") && msg.contains("CRLF") && msg.contains("outside")
                && msg.contains("indentation"), msg);
    }

    @Test
    void acceptsAMissingFinalNewline() {
        Material m = read("chain.pem", pki.chainPem().strip());
        assertEquals(2, m.certificates().size());
        assertTrue(m.findings().isEmpty(), m.findings().toString());
    }

    @Test
    void explainsAnHtmlPageSavedAsPem() {
        Material m = read("cert.pem", "<!DOCTYPE html><html><body>Please sign in</body></html>");
        assertTrue(only(m, FindingCode.PEM_UNREADABLE).message().contains("HTML web page"));
    }

    @Test
    void pointsAtTheLineWhereBase64IsDamaged() {
        String[] lines = pki.chainPem().split("\n");
        lines[3] = lines[3].substring(0, 10) + "#" + lines[3].substring(11);
        Material m = read("pasted text", String.join("\n", lines));
        assertTrue(only(m, FindingCode.PEM_UNREADABLE).message().contains("line 3"),
                m.findings().toString());
        assertEquals(1, m.certificates().size());
    }

    @Test
    void saysWhenABlockWasCutShort() {
        String pem = pki.chainPem();
        Material m = read("cut.pem", pem.substring(0, pem.length() - 200));
        assertTrue(only(m, FindingCode.PEM_UNREADABLE).message().contains("cut short"));
    }

    @Test
    void describesEmptyBinaryCsrAndPublicKeyFiles() throws Exception {
        assertTrue(only(read("empty.pem", ""), FindingCode.PEM_UNREADABLE).message().contains("empty"));
        assertTrue(only(read("junk.bin", TestPki.randomBytes(512), null), FindingCode.PEM_UNREADABLE).message()
                .contains("binary data"));
        String csr = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
        assertTrue(only(read("req.pem", csr), FindingCode.PEM_UNREADABLE).message().contains("signing request"));
        String pub = TestPki.pem(pki.leaf.certificate().getPublicKey());
        assertTrue(only(read("pub.pem", pub), FindingCode.PEM_UNREADABLE).message().contains("public key"));
    }

    @Test
    void readsBase64WithoutItsPemLines() throws Exception {
        String bare = Base64.getMimeEncoder().encodeToString(CertFixtures.der(pki.leaf.certificate()));
        Material m = read("bare.txt", bare);
        assertEquals(1, m.certificates().size());
        only(m, FindingCode.PEM_CLEANED);
    }
}

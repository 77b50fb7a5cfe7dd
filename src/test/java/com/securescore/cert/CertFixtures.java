package com.securescore.cert;

import com.securescore.testsupport.TestPki;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/** A realistic three-level PKI for scoring.contoso.test, and every file form it can be written in. */
final class CertFixtures {
    static final String DOMAIN = "scoring.contoso.test";

    final TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
    final TestPki.Issued intermediate = TestPki.intermediate(root, "Contoso Issuing CA");
    final TestPki.Issued leaf = TestPki.leaf(intermediate).dns(DOMAIN).key(TestPki.rsaKey(2048)).issue();

    String chainPem() {
        return TestPki.pem(leaf.certificate(), intermediate.certificate());
    }

    String keyPem() {
        return TestPki.pem(leaf.privateKey());
    }

    Source chain() {
        return Source.text("chain.pem", chainPem());
    }

    Source key() {
        return Source.text("key.pem", keyPem());
    }

    Source rootTrust() {
        return Source.text("root.pem", TestPki.pem(root.certificate()));
    }

    static byte[] der(X509Certificate c) throws Exception {
        return c.getEncoded();
    }

    static byte[] pkcs7(boolean pem, X509Certificate... certs) throws Exception {
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addCertificates(new JcaCertStore(List.of(certs)));
        byte[] der = gen.generate(new CMSProcessableByteArray(new byte[0])).getEncoded();
        if (!pem) {
            return der;
        }
        StringWriter sw = new StringWriter();
        try (PemWriter w = new PemWriter(sw)) {
            w.writeObject(new PemObject("PKCS7", der));
        }
        return sw.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] pkcs12(PrivateKey key, char[] password, Certificate... chain) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, password, chain);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ks.store(out, password);
        return out.toByteArray();
    }

    static String encryptedPkcs8(PrivateKey key, char[] password) throws Exception {
        var enc = new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword(password).build();
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaPKCS8Generator(key, enc));
        }
        return sw.toString();
    }

    /** PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY"), optionally with legacy OpenSSL encryption. */
    static String traditional(PrivateKey key, char[] password) throws Exception {
        StringWriter sw = new StringWriter();
        if (key.getAlgorithm().equals("EC") && password == null) {
            // SEC1 as openssl writes it: with the curve named, which the JDK's PKCS#8 keeps elsewhere.
            var info = PrivateKeyInfo.getInstance(key.getEncoded());
            var sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
            var full = new ECPrivateKey(256, sec1.getKey(),
                    info.getPrivateKeyAlgorithm().getParameters());
            try (PemWriter w = new PemWriter(sw)) {
                w.writeObject(new PemObject("EC PRIVATE KEY", full.getEncoded()));
            }
            return sw.toString();
        }
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            if (password == null) {
                w.writeObject(key);
            } else {
                w.writeObject(new JcaMiscPEMGenerator(key, new JcePEMEncryptorBuilder("AES-128-CBC").setProvider(new BouncyCastleProvider()).build(password)));
            }
        }
        return sw.toString();
    }

    static String traditional0(PrivateKey k) {
        try {
            return traditional(k, null);
        } catch (Exception e) {
            return e.toString();
        }
    }

    static Certificate[] chainOf(TestPki.Issued... issued) {
        Certificate[] out = new Certificate[issued.length];
        for (int i = 0; i < issued.length; i++) {
            out[i] = issued[i].certificate();
        }
        return out;
    }
}

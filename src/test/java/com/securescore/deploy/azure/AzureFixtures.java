package com.securescore.deploy.azure;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Source;
import com.securescore.testsupport.TestPki;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;

/** A checked certificate for the service name and the helpers to read back what Azure would receive. */
final class AzureFixtures {
    static final String DOMAIN = "scoring.contoso.test";
    static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";

    final TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
    final TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
    final TestPki.Issued leaf = TestPki.leaf(inter).dns(DOMAIN).issue();

    /** Checked from files as a user would give them: intermediate first, then the leaf, then the root. */
    CheckReport report() {
        return report(DOMAIN);
    }

    CheckReport report(String domain) {
        String chain = TestPki.pem(inter.certificate(), leaf.certificate(), root.certificate());
        return new CertificateService().check(new CertificateService.Request(domain,
                List.of(Source.text("chain.pem", chain)), Source.text("key.pem", TestPki.pem(leaf.privateKey())),
                null, List.of(Source.text("root.pem", TestPki.pem(root.certificate())))));
    }

    static AzureSettings.Builder workspace() {
        return AzureSettings.builder().workspace(SUBSCRIPTION, "rg-scoring", "ws-scoring").region("eastus");
    }

    static List<X509Certificate> certificates(String pem) throws Exception {
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        for (var c : f.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    static PrivateKey privateKey(String pem) throws Exception {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) o);
        }
    }

    /** True when {@code key} signs what {@code pub} verifies: the key belongs to the certificate. */
    static boolean matches(PrivateKey key, PublicKey pub) throws GeneralSecurityException {
        String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] data = "securescore".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(data);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(pub);
        v.update(data);
        return v.verify(sig);
    }
}

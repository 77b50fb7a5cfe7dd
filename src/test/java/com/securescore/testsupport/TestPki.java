package com.securescore.testsupport;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes real keys and certificates at test time, so every fixture documents itself.
 *
 * <pre>{@code
 * TestPki.Issued root = TestPki.rootCa("Test Root");
 * TestPki.Issued inter = TestPki.intermediate(root, "Test Intermediate");
 * TestPki.Issued leaf = TestPki.leaf(inter).dns("scoring.contoso.test").issue();
 * TestPki.writePem(dir.resolve("chain.pem"), leaf.certificate(), inter.certificate());
 * TestPki.writePem(dir.resolve("key.pem"), leaf.keyPair().getPrivate());
 * }</pre>
 */
public final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime() & 0xFFFFFFFFL);

    private TestPki() {
    }

    /** A certificate together with its key pair. */
    public record Issued(X509Certificate certificate, KeyPair keyPair, String signatureAlgorithm) {
        public PrivateKey privateKey() {
            return keyPair.getPrivate();
        }
    }

    public static KeyPair ecKey() {
        return ecKey("secp256r1");
    }

    public static KeyPair ecKey(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static KeyPair rsaKey(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issued rootCa(String cn) {
        return builder(null).subject("CN=" + cn).ca(true).issue();
    }

    public static Issued intermediate(Issued issuer, String cn) {
        return builder(issuer).subject("CN=" + cn).ca(true).issue();
    }

    /**
     * A cross-signed copy of {@code ca}, as CAs make them for old clients: the same subject and key,
     * signed by {@code by} instead. Set its validity on the builder before {@link Builder#issue}.
     */
    public static Builder crossSign(Issued ca, Issued by) {
        return builder(by).sameSubjectAs(ca.certificate()).key(ca.keyPair()).ca(true);
    }

    /** A TLS server leaf signed by {@code issuer}; add names with {@link Builder#dns}. */
    public static Builder leaf(Issued issuer) {
        return builder(issuer).serverAuth(true);
    }

    /** A self-signed TLS server leaf (not a CA). */
    public static Builder selfSignedLeaf() {
        return builder(null).serverAuth(true);
    }

    public static Builder builder(Issued issuer) {
        return new Builder(issuer);
    }

    /** Fluent description of one certificate; every field has a sensible default. */
    public static final class Builder {
        private final Issued issuer;
        private String subject;
        private X500Name subjectName;
        private final List<String> dnsNames = new ArrayList<>();
        private final List<String> ipAddresses = new ArrayList<>();
        private KeyPair keyPair;
        private boolean ca;
        private boolean serverAuth;
        private boolean clientAuthOnly;
        private Instant notBefore = Instant.now().minus(Duration.ofDays(1));
        private Instant notAfter = Instant.now().plus(Duration.ofDays(365));
        private String signatureAlgorithm;
        private Integer keyUsage;
        private final List<String> ocspUrls = new ArrayList<>();
        private final List<String> crlUrls = new ArrayList<>();
        private boolean ocspSigning;

        private Builder(Issued issuer) {
            this.issuer = issuer;
        }

        public Builder subject(String x500) {
            this.subject = x500;
            return this;
        }

        /** The subject exactly as {@code other} has it (same attributes, order and encoding). */
        public Builder sameSubjectAs(X509Certificate other) {
            this.subjectName = X500Name.getInstance(other.getSubjectX500Principal().getEncoded());
            return this;
        }

        public Builder dns(String... names) {
            dnsNames.addAll(List.of(names));
            if (subject == null && names.length > 0) {
                subject = "CN=" + names[0];
            }
            return this;
        }

        /** IP address entries in the subjectAltName, beside any DNS names. */
        public Builder ip(String... addresses) {
            ipAddresses.addAll(List.of(addresses));
            return this;
        }

        public Builder key(KeyPair kp) {
            this.keyPair = kp;
            return this;
        }

        public Builder ca(boolean value) {
            this.ca = value;
            return this;
        }

        public Builder serverAuth(boolean value) {
            this.serverAuth = value;
            return this;
        }

        /** Extended key usage that lists clientAuth only (not usable by a TLS server). */
        public Builder clientAuthOnly() {
            this.clientAuthOnly = true;
            this.serverAuth = false;
            return this;
        }

        public Builder validity(Instant from, Instant to) {
            this.notBefore = from;
            this.notAfter = to;
            return this;
        }

        /** Key usage bits ({@link KeyUsage} constants) instead of the usual ones. */
        public Builder keyUsage(int bits) {
            this.keyUsage = bits;
            return this;
        }

        /** An OCSP responder address in Authority Information Access. */
        public Builder ocsp(String url) {
            ocspUrls.add(url);
            return this;
        }

        /** A CRL address in CRL Distribution Points. */
        public Builder crl(String url) {
            crlUrls.add(url);
            return this;
        }

        /** Extended key usage id-kp-OCSPSigning only: a delegated OCSP responder's certificate. */
        public Builder ocspSigning() {
            this.ocspSigning = true;
            return this;
        }

        /** For example "SHA1withRSA" to make a weak signature (the signer's key must be RSA). */
        public Builder signatureAlgorithm(String alg) {
            this.signatureAlgorithm = alg;
            return this;
        }

        public Issued issue() {
            try {
                KeyPair kp = keyPair != null ? keyPair : ecKey();
                X500Name subj = subjectName != null ? subjectName
                        : new X500Name(subject != null ? subject : "CN=SecureScore Test " + SERIAL.get());
                // The issuer's name byte for byte: a name read back from its string form can come out
                // in another order or encoding, and then no client matches it.
                X500Name iss = issuer == null ? subj
                        : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
                PrivateKey signingKey = issuer == null ? kp.getPrivate() : issuer.privateKey();
                PublicKey signingPub = issuer == null ? kp.getPublic() : issuer.certificate().getPublicKey();
                String alg = signatureAlgorithm != null ? signatureAlgorithm
                        : signingKey.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
                X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(iss,
                        BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(notBefore), Date.from(notAfter),
                        subj, kp.getPublic());
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
                b.addExtension(Extension.authorityKeyIdentifier, false,
                        ext.createAuthorityKeyIdentifier(signingPub));
                b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
                if (keyUsage != null) {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
                } else if (ca) {
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                } else {
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                            | (kp.getPublic().getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0)));
                }
                if (!ocspUrls.isEmpty()) {
                    b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                            ocspUrls.stream().map(u -> new AccessDescription(AccessDescription.id_ad_ocsp,
                                    new GeneralName(GeneralName.uniformResourceIdentifier, u)))
                                    .toArray(AccessDescription[]::new)));
                }
                if (!crlUrls.isEmpty()) {
                    b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(crlUrls.stream()
                            .map(u -> new DistributionPoint(new DistributionPointName(new GeneralNames(
                                    new GeneralName(GeneralName.uniformResourceIdentifier, u))), null, null))
                            .toArray(DistributionPoint[]::new)));
                }
                if (ocspSigning) {
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                } else if (clientAuthOnly) {
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                } else if (serverAuth) {
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
                }
                if (!dnsNames.isEmpty() || !ipAddresses.isEmpty()) {
                    GeneralName[] names = Stream.concat(
                            dnsNames.stream().map(n -> new GeneralName(GeneralName.dNSName, n)),
                            ipAddresses.stream().map(a -> new GeneralName(GeneralName.iPAddress, a)))
                            .toArray(GeneralName[]::new);
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                }
                ContentSigner signer = new JcaContentSignerBuilder(alg).build(signingKey);
                X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
                return new Issued(cert, kp, alg);
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("Could not make test certificate", e);
            }
        }
    }

    /** PEM text of certificates, keys (PKCS#8 "PRIVATE KEY" for JCA keys) or any BC-writable object. */
    public static String pem(Object... objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                if (o instanceof PrivateKey k) {
                    w.writeObject(new JcaPKCS8Generator(k, null));
                } else {
                    w.writeObject(o);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    public static Path writePem(Path file, Object... objects) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, pem(objects));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Random bytes, for damaged-input fixtures. */
    public static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new SecureRandom().nextBytes(b);
        return b;
    }
}

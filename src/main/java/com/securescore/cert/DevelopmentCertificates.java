package com.securescore.cert;

import com.securescore.domain.DomainCheck;
import com.securescore.domain.DomainNames;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Development-only certificates, the way mkcert makes them: a small local CA and a server
 * certificate for the domain signed by it. Clients trust the CA file, so the server certificate
 * can be replaced without touching clients. Never for production.
 */
public final class DevelopmentCertificates {
    public static final String CA_FILE = "ca.pem";
    public static final String NOTICE = "DEVELOPMENT ONLY: no client trusts this certificate unless given ca.pem "
            + "as its root (securescore score --trust ca.pem, or GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=ca.pem). "
            + "The CA's private key is not kept, so ca.pem vouches for this one certificate only; use a certificate "
            + "from a real CA in production.";

    /** The same caution in the wizard's words: the Scoring console trusts ca.pem by itself. */
    public static final String NOTICE_GUI = "Development only: no client trusts this certificate unless it is given "
            + "ca.pem as its trusted root (the Scoring console does this by itself). The CA's private key is not "
            + "kept, so ca.pem vouches for this one certificate only. Use a certificate from a real CA in production.";

    /** The kind of key to make. */
    public enum KeyType { EC, RSA }

    /** What was made: the local CA and the server certificate with its key. */
    public record Result(X509Certificate ca, X509Certificate server, PrivateKey serverKey, List<Path> files) {
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DevelopmentCertificates(Clock clock) {
        this.clock = clock;
    }

    public DevelopmentCertificates() {
        this(Clock.systemUTC());
    }

    /** Makes the CA and server certificate; writes ca.pem, fullchain.pem and privkey.pem when {@code out} is set. */
    public Result create(String domain, int days, KeyType type, Path out, boolean force) throws IOException {
        DomainCheck dc = DomainNames.check(domain);
        if (!dc.valid()) {
            throw new IllegalArgumentException(dc.reason());
        }
        if (days < 1 || days > 825) {
            throw new IllegalArgumentException("Days must be between 1 and 825 (clients refuse longer server "
                    + "certificates).");
        }
        try {
            Instant now = clock.instant();
            KeyPair caKey = keyPair(type);
            X500Name caName = new X500Name("CN=SecureScore Development CA " + dc.name() + ",O=SecureScore development");
            X509Certificate ca = sign(caName, caName, caKey.getPublic(), caKey, now, now.plus(Duration.ofDays(
                    Math.max(days, 3650))), true, null);
            KeyPair serverKey = keyPair(type);
            X509Certificate server = sign(new X500Name("CN=" + dc.name()), caName, serverKey.getPublic(), caKey, now,
                    now.plus(Duration.ofDays(days)), false, dc.name());
            List<Path> files = List.of();
            if (out != null) {
                files = List.of(out.resolve(CA_FILE), out.resolve(CertificateExporter.FULLCHAIN),
                        out.resolve(CertificateExporter.PRIVKEY));
                List<Path> existing = SecureFiles.existing(files);
                if (!force && !existing.isEmpty()) {
                    throw new CertificateExporter.WouldOverwriteException(existing);
                }
                SecureFiles.write(files.get(0), CertificateExporter.pem(ca).getBytes(StandardCharsets.US_ASCII),
                        false, force);
                SecureFiles.write(files.get(1), CertificateExporter.pem(server).getBytes(StandardCharsets.US_ASCII),
                        false, force);
                SecureFiles.write(files.get(2), CertificateExporter.privateKeyPem(serverKey.getPrivate())
                        .getBytes(StandardCharsets.US_ASCII), true, force);
            }
            return new Result(ca, server, serverKey.getPrivate(), files);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("Could not make the development certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair(KeyType type) throws GeneralSecurityException {
        if (type == KeyType.RSA) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        }
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private X509Certificate sign(X500Name subject, X500Name issuer, PublicKey key, KeyPair signer, Instant from,
                                 Instant to, boolean ca, String dnsName)
            throws GeneralSecurityException, OperatorCreationException, IOException {
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random),
                Date.from(from.minus(Duration.ofMinutes(5))), Date.from(to), subject, key);
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
        b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(signer.getPublic()));
        b.addExtension(Extension.basicConstraints, true, ca ? new BasicConstraints(0) : new BasicConstraints(false));
        if (ca) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature
                    | (key.getAlgorithm().equals("RSA") ? KeyUsage.keyEncipherment : 0)));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.dNSName, dnsName)));
        }
        String alg = signer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(signer.getPrivate())));
    }
}

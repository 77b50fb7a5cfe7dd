package com.securescore.cert;

import com.securescore.domain.DomainCheck;
import com.securescore.domain.DomainNames;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.findings.Severity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a certificate set for one domain the way a TLS client and a deployment will, before either
 * sees it: key match, chain completeness and order, trust, names, dates, strength and usage. The
 * same report drives the wizard's Certificate step and {@code securescore check}.
 */
public final class CertificateChecker {
    static final Duration EXPIRES_SOON = Duration.ofDays(30);

    private final Clock clock;
    private final Set<ClientSupport.Client> clients;

    public CertificateChecker(Clock clock) {
        this(clock, ClientSupport.DEFAULT_CLIENTS);
    }

    /** A checker that judges what depends on the client (a name only in the Common Name) for these clients. */
    public CertificateChecker(Clock clock, Set<ClientSupport.Client> clients) {
        this.clock = clock;
        this.clients = Set.copyOf(clients);
    }

    public CertificateChecker() {
        this(Clock.systemUTC());
    }

    /** Checks material already read; {@code material.findings()} are carried into the report. */
    public CheckReport check(String domain, Material material, TrustAnchors trust) {
        List<Finding> findings = new ArrayList<>(material.findings());
        DomainCheck dc = DomainNames.check(domain == null ? "" : domain);
        findings.addAll(dc.findings());
        List<X509Certificate> certs = material.certificates();
        if (certs.isEmpty()) {
            // A locked .pfx holds its certificates behind the password: the password finding says it all.
            if (!material.isKeyLocked() || !material.keys().isEmpty()) {
                findings.add(Finding.of(FindingCode.CERT_MISSING, "No certificate was found in the files given.",
                        "Add the certificate file your CA issued (it may also hold the chain)."));
            }
            return report(dc, findings, List.of(), List.of(), null, null);
        }
        if (material.isKeyLocked() && material.keys().isEmpty() && certs.stream().allMatch(Certificates::isCa)) {
            // A locked .pfx (or keystore) given with its root or intermediate: the server certificate is behind
            // the password, and checking a CA certificate as if it were the server's ("no DNS names", "have it
            // reissued") told people their files were wrong. The checks wait for the password.
            return report(dc, findings, List.of(), certs, null, null);
        }
        Optional<KeyAndLeaf> server = serverCertificate(material, certs, findings);
        if (server.isEmpty()) {
            return report(dc, findings, List.of(), certs, null, null);
        }
        PrivateKey key = server.get().key();
        X509Certificate leaf = server.get().leaf();
        keyProblems(material, key, leaf, findings);
        ChainBuilder.Path path = ChainBuilder.build(leaf, certs, trust, clock.instant());
        findings.addAll(new ChainFindings(material, path, trust, clock.instant()).findings());
        findings.addAll(new LeafFindings(clock.instant(), dc, leaf, path, clients).findings());
        List<Finding> sorted = sorted(findings);
        return new CheckReport(dc.valid() ? dc.name() : dc.input(), sorted, path.certificates(), path.extras(), key,
                path.anchor(), path.pastAnchor(), path.alternatives());
    }

    /** The server certificate, and its private key or null when no key given belongs to it. */
    private record KeyAndLeaf(PrivateKey key, X509Certificate leaf) {
    }

    /** The first key given that belongs to a certificate given, with that certificate; both null when none does. */
    private static KeyAndLeaf matchingPair(Material material, List<X509Certificate> certs) {
        for (PrivateKey k : material.keys()) {
            for (X509Certificate c : certs) {
                if (KeyMatch.matches(k, c.getPublicKey())) {
                    return new KeyAndLeaf(k, c);
                }
            }
        }
        return new KeyAndLeaf(null, null);
    }

    /**
     * The certificate the checks are about, with its key: the one a key belongs to, or else the leaf of
     * those given. Empty when only CA certificates were given (a CERT_MISSING finding says so).
     */
    private static Optional<KeyAndLeaf> serverCertificate(Material material, List<X509Certificate> certs,
                                                          List<Finding> findings) {
        KeyAndLeaf match = matchingPair(material, certs);
        PrivateKey key = match.key();
        X509Certificate leaf = match.leaf();
        if (leaf != null && Certificates.isCa(leaf) && certs.stream().anyMatch(c -> !Certificates.isCa(c))) {
            // The key of an issuing CA, given beside a server certificate: a mix-up, not a CA used as server.
            X509Certificate server = pickLeaf(certs);
            findings.add(Finding.of(FindingCode.KEY_MISMATCH, "The private key in " + material.originOf(key)
                    + " belongs to the CA certificate \"" + Certificates.name(leaf) + "\", not to the server "
                    + "certificate \"" + Certificates.name(server) + "\".", "Use the key that was created together "
                    + "with the server certificate's request (the CA's key must stay with the CA)."));
            return Optional.of(new KeyAndLeaf(null, server));
        }
        if (leaf == null) {
            leaf = pickLeaf(certs);
            if (Certificates.isCa(leaf) && !Certificates.isSelfSigned(leaf)) {
                // Only CA certificates: the server certificate is missing (or was the unreadable block).
                boolean unreadable = findings.stream().anyMatch(f -> f.code() == FindingCode.PEM_UNREADABLE);
                findings.add(Finding.of(FindingCode.CERT_MISSING, "No server certificate was found: the "
                        + "certificates given are CA certificates (\"" + Certificates.name(leaf) + "\")"
                        + (unreadable ? "; the unreadable block above may be the server certificate" : "") + ".",
                        "Add the certificate issued for the service name (the leaf), not only the CA bundle."));
                return Optional.empty();
            }
        }
        return Optional.of(new KeyAndLeaf(key, leaf));
    }

    /** A key that belongs to no certificate given, or no key at all (unless the key is behind a password). */
    private static void keyProblems(Material material, PrivateKey key, X509Certificate leaf, List<Finding> findings) {
        if (key == null && findings.stream().noneMatch(f -> f.code() == FindingCode.KEY_MISMATCH)) {
            if (!material.keys().isEmpty()) {
                PrivateKey k = material.keys().get(0);
                findings.add(Finding.of(FindingCode.KEY_MISMATCH, "The private key in " + material.originOf(k)
                        + " does not belong to the certificate \"" + Certificates.name(leaf) + "\" (nor to any other "
                        + "certificate given).", "Use the key that was created together with this certificate's "
                        + "request, or the certificate that was issued for this key."));
            } else if (!material.isKeyLocked()) {
                findings.add(Finding.of(FindingCode.KEY_MISSING, "No private key was found for \""
                        + Certificates.name(leaf) + "\".", "Add the private key file (often privkey.pem or "
                        + "server.key), or a .pfx bundle that holds it."));
            }
        }
    }

    /** The certificate no other given certificate was issued by; end-entity certificates first. */
    private static X509Certificate pickLeaf(List<X509Certificate> certs) {
        return certs.stream()
                .filter(c -> certs.stream().noneMatch(o -> o != c && Certificates.isIssuedBy(o, c)))
                .min(Comparator.comparing(Certificates::isCa))
                .orElse(certs.get(0));
    }

    private static CheckReport report(DomainCheck dc, List<Finding> findings, List<X509Certificate> path,
                                      List<X509Certificate> extras, PrivateKey key, X509Certificate anchor) {
        return new CheckReport(dc.valid() ? dc.name() : dc.input(), sorted(findings), path, extras, key, anchor);
    }

    private static List<Finding> sorted(List<Finding> findings) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing(Finding::severity, Comparator.comparingInt(Severity::ordinal)));
        return sorted;
    }

    /** Key match by comparing public keys and by signing and verifying a challenge. */
    static final class KeyMatch {
        private KeyMatch() {
        }

        static boolean matches(PrivateKey key, PublicKey pub) {
            if (!key.getAlgorithm().equals(pub.getAlgorithm()) && !(key.getAlgorithm().startsWith("EC")
                    && pub.getAlgorithm().startsWith("EC"))) {
                return false;
            }
            String alg = switch (pub.getAlgorithm()) {
                case "RSA" -> "SHA256withRSA";
                case "EC", "ECDSA" -> "SHA256withECDSA";
                case "Ed25519", "EdDSA" -> "Ed25519";
                default -> null;
            };
            if (alg == null) {
                return false;
            }
            // Compare the keys themselves where the private key carries its public half (RSA), then
            // prove possession with a signature for every key type.
            if (key instanceof RSAPrivateCrtKey rsa
                    && pub instanceof RSAPublicKey rsaPub
                    && (!rsa.getModulus().equals(rsaPub.getModulus())
                        || !rsa.getPublicExponent().equals(rsaPub.getPublicExponent()))) {
                return false;
            }
            byte[] challenge = "SecureScore key match".getBytes(StandardCharsets.US_ASCII);
            try {
                return signThenVerify(Signature.getInstance(alg), Signature.getInstance(alg), key, pub, challenge);
            } catch (Exception e) {
                // A key the JDK's providers cannot use (e.g. made by Bouncy Castle): try Bouncy Castle.
                try {
                    return signThenVerify(Signature.getInstance(alg, BouncyCastle.PROVIDER),
                            Signature.getInstance(alg, BouncyCastle.PROVIDER), key, pub, challenge);
                } catch (Exception e2) {
                    return false;
                }
            }
        }

        private static boolean signThenVerify(Signature signer, Signature verifier, PrivateKey key, PublicKey pub,
                                              byte[] challenge) throws GeneralSecurityException {
            signer.initSign(key);
            signer.update(challenge);
            byte[] sig = signer.sign();
            verifier.initVerify(pub);
            verifier.update(challenge);
            return verifier.verify(sig);
        }
    }

    static boolean within(Instant now, X509Certificate c) {
        return !now.isBefore(c.getNotBefore().toInstant()) && !now.isAfter(c.getNotAfter().toInstant());
    }
}

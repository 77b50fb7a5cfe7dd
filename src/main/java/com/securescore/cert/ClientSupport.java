package com.securescore.cert;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * What real TLS clients do with shapes of chains that they do not all treat alike, in words. Kept in
 * one place so that the client-compatibility table (endpoint diagnosis) can take these sentences
 * over without a second wording drifting from the first.
 */
public final class ClientSupport {
    private ClientSupport() {
    }

    /** A cross-signature that CAs hand out, recognised by subject and issuer, and who still needs it. */
    record KnownCrossSignature(String subject, String issuer, String bundle, String neededBy) {
    }

    private static final List<KnownCrossSignature> KNOWN = List.of(
            new KnownCrossSignature("ISRG Root X1", "DST Root CA X3", "Let's Encrypt's long chain",
                    "Android before 7.1.1, which does not have ISRG Root X1 and reached DST Root CA X3 through it"),
            new KnownCrossSignature("USERTrust RSA Certification Authority", "AAA Certificate Services",
                    "Sectigo's bundle", "old devices whose trust store has AAA Certificate Services but not USERTrust"),
            new KnownCrossSignature("USERTrust ECC Certification Authority", "AAA Certificate Services",
                    "Sectigo's bundle", "old devices whose trust store has AAA Certificate Services but not USERTrust"));

    /** The chain ends at a trusted certificate that is not self-signed (a private intermediate as anchor). */
    public static String partialChainAnchor(String anchor, String anchorIssuer) {
        return "The chain ends at \"" + anchor + "\", a trusted certificate that is not self-signed (it was issued by \""
                + anchorIssuer + "\"). Java and Go accept a chain that ends there; OpenSSL accepts it only with its "
                + "partial-chain option (openssl verify -partial_chain, X509_V_FLAG_PARTIAL_CHAIN), so clients built "
                + "on OpenSSL that do not set it refuse the connection.";
    }

    public static String partialChainAnchorFix(String anchor, String anchorIssuer) {
        return "Give clients the root \"" + anchorIssuer + "\" (or the root above it) as their trusted certificate "
                + "instead of \"" + anchor + "\", or make sure every client accepts a partial chain.";
    }

    /**
     * Who still needs the cross-signed certificate {@code c}, when it is one CAs are known to hand out,
     * e.g. "Let's Encrypt's long chain: Android before 7.1.1 ...".
     */
    public static Optional<String> neededBy(X509Certificate c) {
        String subject = Certificates.name(c);
        String issuer = Certificates.issuerName(c);
        return KNOWN.stream().filter(k -> k.subject().equals(subject) && k.issuer().equals(issuer)).findFirst()
                .map(k -> k.bundle() + ": " + k.neededBy());
    }
}

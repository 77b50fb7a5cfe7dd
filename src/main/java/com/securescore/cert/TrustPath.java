package com.securescore.cert;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * One way from the leaf to a trust anchor through the certificates given, as a client can build it.
 *
 * @param certificates leaf first, then each issuer from the files; the anchor is not among them
 *                     unless the files hold it too
 * @param anchor       the trusted certificate that issued the last one (or is the leaf itself)
 * @param expired      certificates on this path (the leaf aside) outside their validity period now;
 *                     a client cannot use the path while this is not empty
 */
public record TrustPath(List<X509Certificate> certificates, X509Certificate anchor, List<X509Certificate> expired) {
    public TrustPath {
        certificates = List.copyOf(certificates);
        expired = List.copyOf(expired);
    }

    public boolean usable() {
        return expired.isEmpty();
    }
}

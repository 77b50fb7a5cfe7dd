package com.securescore.cert;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Builds the leaf's path from the certificates given, then looks for the trust anchor that ends it. */
final class ChainBuilder {
    /**
     * @param certificates leaf first, each issuer after its subject, as found in the files
     * @param anchor       the trust anchor that issued the last certificate (or the last certificate
     *                     itself when it is a trusted root); null when none
     * @param extras       given certificates that are not on the path
     */
    record Path(List<X509Certificate> certificates, X509Certificate anchor, List<X509Certificate> extras) {
        X509Certificate last() {
            return certificates.get(certificates.size() - 1);
        }

        boolean endsSelfSigned() {
            return Certificates.isSelfSigned(last());
        }
    }

    private ChainBuilder() {
    }

    static Path build(X509Certificate leaf, List<X509Certificate> given, TrustAnchors trust) {
        List<X509Certificate> path = new ArrayList<>();
        path.add(leaf);
        X509Certificate current = leaf;
        while (!Certificates.isSelfSigned(current) && path.size() <= given.size()) {
            X509Certificate issuer = null;
            for (X509Certificate c : given) {
                if (!path.contains(c) && Certificates.isIssuedBy(current, c)) {
                    issuer = c;
                    break;
                }
            }
            if (issuer == null) {
                break;
            }
            path.add(issuer);
            current = issuer;
        }
        X509Certificate anchor;
        if (Certificates.isSelfSigned(current)) {
            anchor = trust.contains(current) ? current : null;
        } else {
            anchor = trust.issuerOf(current);
        }
        List<X509Certificate> extras = new ArrayList<>(given);
        extras.removeAll(path);
        return new Path(path, anchor, extras);
    }
}

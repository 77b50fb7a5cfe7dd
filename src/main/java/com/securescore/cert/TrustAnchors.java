package com.securescore.cert;

import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/** The roots a chain may end at: the JDK's default store plus anything the user adds. */
public final class TrustAnchors {
    private static volatile List<X509Certificate> jdkDefaults;

    private final List<X509Certificate> anchors;

    private TrustAnchors(List<X509Certificate> anchors) {
        this.anchors = List.copyOf(anchors);
    }

    /** The JDK's default roots plus {@code extra}. */
    public static TrustAnchors withDefaults(List<X509Certificate> extra) {
        List<X509Certificate> all = new ArrayList<>(jdkDefaults());
        all.addAll(extra);
        return new TrustAnchors(all);
    }

    /** Only the given roots, as a client does when handed a PEM file as its roots. */
    public static TrustAnchors only(List<X509Certificate> roots) {
        return new TrustAnchors(roots);
    }

    public List<X509Certificate> certificates() {
        return anchors;
    }

    /**
     * True when {@code c} is one of the anchors for path purposes: same subject and key, as PKIX
     * compares them. A cross-signed copy of a trusted root therefore counts as that root.
     */
    public boolean contains(X509Certificate c) {
        return anchors.stream().anyMatch(a -> Certificates.sameSubjectAndKey(a, c));
    }

    /** The anchor that issued {@code c}, a self-signed one when several did; or null. */
    public X509Certificate issuerOf(X509Certificate c) {
        X509Certificate found = null;
        for (X509Certificate a : anchors) {
            if (Certificates.isIssuedBy(c, a)) {
                if (Certificates.isSelfSigned(a)) {
                    return a;
                }
                found = found == null ? a : found;
            }
        }
        return found;
    }

    static List<X509Certificate> jdkDefaults() {
        List<X509Certificate> d = jdkDefaults;
        if (d == null) {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                List<X509Certificate> found = new ArrayList<>();
                for (TrustManager tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x) {
                        found.addAll(List.of(x.getAcceptedIssuers()));
                    }
                }
                d = List.copyOf(found);
            } catch (Exception e) {
                d = List.of();
            }
            jdkDefaults = d;
        }
        return d;
    }
}

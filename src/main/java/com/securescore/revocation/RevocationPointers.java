package com.securescore.revocation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Where a certificate says its revocation status can be asked: OCSP responders (Authority
 * Information Access) and CRLs (CRL Distribution Points), HTTP(S) addresses only, as clients use them.
 */
record RevocationPointers(List<String> ocsp, List<String> crl) {
    RevocationPointers {
        ocsp = List.copyOf(ocsp);
        crl = List.copyOf(crl);
    }

    boolean none() {
        return ocsp.isEmpty() && crl.isEmpty();
    }

    /** True when the certificate names a responder or a CRL, i.e. a revocation check could say something. */
    static boolean present(X509Certificate c) {
        return !of(c).none();
    }

    static RevocationPointers of(X509Certificate c) {
        List<String> ocsp = new ArrayList<>();
        List<String> crl = new ArrayList<>();
        try {
            byte[] aia = c.getExtensionValue(Extension.authorityInfoAccess.getId());
            if (aia != null) {
                for (AccessDescription d : AuthorityInformationAccess.getInstance(
                        ASN1OctetString.getInstance(aia).getOctets()).getAccessDescriptions()) {
                    if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                        http(d.getAccessLocation(), ocsp);
                    }
                }
            }
        } catch (RuntimeException e) {
            // A damaged extension names no responder we could ask.
        }
        try {
            byte[] dp = c.getExtensionValue(Extension.cRLDistributionPoints.getId());
            if (dp != null) {
                for (DistributionPoint p : CRLDistPoint.getInstance(ASN1OctetString.getInstance(dp).getOctets())
                        .getDistributionPoints()) {
                    DistributionPointName n = p.getDistributionPoint();
                    if (n != null && n.getType() == DistributionPointName.FULL_NAME) {
                        for (GeneralName g : GeneralNames.getInstance(n.getName()).getNames()) {
                            http(g, crl);
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // As above.
        }
        return new RevocationPointers(ocsp, crl);
    }

    private static void http(GeneralName g, List<String> into) {
        if (g.getTagNo() != GeneralName.uniformResourceIdentifier) {
            return;
        }
        String url = g.getName().toString();
        String lower = url.toLowerCase(Locale.ROOT);
        if ((lower.startsWith("http://") || lower.startsWith("https://")) && !into.contains(url)) {
            into.add(url);
        }
    }
}

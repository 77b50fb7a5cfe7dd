package com.securescore.cert;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/** Small facts about certificates that messages and checks need, in one place. */
public final class Certificates {
    private Certificates() {
    }

    /** The subject's common name, or the whole subject when it has none. */
    public static String name(X509Certificate c) {
        return commonName(c.getSubjectX500Principal().getName());
    }

    public static String issuerName(X509Certificate c) {
        return commonName(c.getIssuerX500Principal().getName());
    }

    /** The CN of a distinguished name (RFC 2253 form), or the whole name when it has none. */
    public static String commonName(String dn) {
        try {
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // Fall through to the full name.
        }
        return dn;
    }

    public static List<String> dnsNames(X509Certificate c) {
        return subjectAltNames(c, 2);
    }

    /** The IP addresses in the subjectAltName, as written (e.g. "10.0.0.5", "0:0:0:0:0:0:0:1"). */
    public static List<String> ipAddresses(X509Certificate c) {
        return subjectAltNames(c, 7);
    }

    private static List<String> subjectAltNames(X509Certificate c, int type) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(type).equals(san.get(0))) {
                        names.add(san.get(1).toString());
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A broken SAN extension reads as no names, which NO_SAN then reports.
        }
        return names;
    }

    public static boolean isSelfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) && isIssuedBy(c, c);
    }

    /** True when {@code issuer}'s name matches and its key verifies {@code c}'s signature. */
    public static boolean isIssuedBy(X509Certificate c, X509Certificate issuer) {
        if (!c.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            try {
                c.verify(issuer.getPublicKey(), BouncyCastle.PROVIDER);
                return true;
            } catch (Exception e2) {
                return false;
            }
        }
    }

    /**
     * True when both certificates stand for the same CA for path purposes: same subject and same
     * public key, whoever signed them (a cross-signed root and its self-signed version).
     */
    public static boolean sameSubjectAndKey(X509Certificate a, X509Certificate b) {
        return a.getSubjectX500Principal().equals(b.getSubjectX500Principal())
                && a.getPublicKey().equals(b.getPublicKey());
    }

    public static boolean isCa(X509Certificate c) {
        return c.getBasicConstraints() >= 0;
    }

    public static String sha256(X509Certificate c) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(c.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String keyType(PublicKey k) {
        return switch (k.getAlgorithm()) {
            case "EC" -> "EC";
            case "RSA" -> "RSA";
            default -> k.getAlgorithm();
        };
    }

    /** Key size in bits: the modulus for RSA, the field for EC; 0 when unknown. */
    public static int keyBits(PublicKey k) {
        if (k instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (k instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (k.getAlgorithm().equals("Ed25519")) {
            return 255;
        }
        if (k.getAlgorithm().equals("Ed448")) {
            return 448;
        }
        return 0;
    }

    /** The caIssuers address from Authority Information Access, or null. */
    public static String caIssuersUrl(X509Certificate c) {
        byte[] ext = c.getExtensionValue(Extension.authorityInfoAccess.getId());
        if (ext == null) {
            return null;
        }
        try {
            AuthorityInformationAccess aia = AuthorityInformationAccess.getInstance(
                    ASN1OctetString.getInstance(ext).getOctets());
            for (AccessDescription d : aia.getAccessDescriptions()) {
                if (d.getAccessMethod().equals(AccessDescription.id_ad_caIssuers)
                        && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                    return d.getAccessLocation().getName().toString();
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    /** True when a certificate name (possibly a wildcard) covers the host; both in ASCII form. */
    public static boolean covers(String pattern, String host) {
        String p = pattern.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.startsWith("*.")) {
            return p.equals(h);
        }
        int dot = h.indexOf('.');
        return dot > 0 && h.substring(dot + 1).equals(p.substring(2)) && p.substring(2).contains(".");
    }
}

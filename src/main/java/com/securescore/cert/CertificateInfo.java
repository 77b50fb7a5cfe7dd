package com.securescore.cert;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * The public facts of one certificate, as the CLI's JSON and the wizard's chain picture show them.
 * Never holds key material.
 */
public record CertificateInfo(String role, String subject, String issuer, String serialNumber, Instant notBefore,
                              Instant notAfter, List<String> dnsNames, String keyType, int keyBits, String sha256) {
    public CertificateInfo {
        dnsNames = List.copyOf(dnsNames);
    }

    public static CertificateInfo of(X509Certificate c, String role) {
        return new CertificateInfo(role, c.getSubjectX500Principal().getName(), c.getIssuerX500Principal().getName(),
                c.getSerialNumber().toString(16), c.getNotBefore().toInstant(), c.getNotAfter().toInstant(),
                Certificates.dnsNames(c), Certificates.keyType(c.getPublicKey()),
                Certificates.keyBits(c.getPublicKey()), Certificates.sha256(c));
    }
}

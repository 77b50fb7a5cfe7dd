package com.securescore.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * A CRL from a distribution point, judged as clients judge it: issued and signed by the certificate's
 * issuer, current (thisUpdate not in the future, nextUpdate not past), then looked up by serial number.
 */
final class CrlQuery {
    private CrlQuery() {
    }

    static Answer ask(RevocationHttp http, String url, X509Certificate cert, X509Certificate issuer, Instant now,
                      Duration limit) {
        byte[] body;
        try {
            body = http.get(url, limit);
        } catch (RevocationHttp.Failure f) {
            return Answer.failed(f.getMessage());
        }
        return judge(body, cert, issuer, now, new RevocationReport.Source(RevocationReport.Kind.CRL, url));
    }

    static Answer judge(byte[] body, X509Certificate cert, X509Certificate issuer, Instant now,
                        RevocationReport.Source source) {
        X509CRLHolder crl;
        try {
            crl = parse(body);
        } catch (IOException | RuntimeException e) {
            return Answer.failed("sent something that is not a CRL (" + e.getMessage() + ")");
        }
        X500Name issuerName = X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        if (!crl.getIssuer().equals(issuerName)) {
            return Answer.failed("sent the CRL of another CA (" + crl.getIssuer() + ")");
        }
        try {
            if (!crl.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                return Answer.failed("sent a CRL whose signature does not check out against the issuer's key");
            }
        } catch (CertException | OperatorCreationException | RuntimeException e) {
            return Answer.failed("sent a CRL whose signature could not be checked (" + e.getMessage() + ")");
        }
        Instant thisUpdate = crl.getThisUpdate().toInstant();
        if (thisUpdate.isAfter(now.plus(OcspQuery.SKEW))) {
            return Answer.failed("sent a CRL dated in the future (thisUpdate " + thisUpdate + ")");
        }
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now.minus(OcspQuery.SKEW))) {
            return Answer.failed("sent an out-of-date CRL (nextUpdate " + crl.getNextUpdate().toInstant() + ")");
        }
        X509CRLEntryHolder entry = crl.getRevokedCertificate(cert.getSerialNumber());
        if (entry == null) {
            return Answer.good(source);
        }
        String reason = "";
        Extension ext = entry.getExtensions() == null ? null : entry.getExtensions().getExtension(Extension.reasonCode);
        if (ext != null) {
            int code = CRLReason.getInstance(ext.getParsedValue()).getValue().intValue();
            if (code == CRLReason.removeFromCRL) {
                return Answer.good(source);
            }
            reason = Reasons.name(code);
        }
        return Answer.revoked(entry.getRevocationDate().toInstant(), reason, source);
    }

    private static X509CRLHolder parse(byte[] body) throws IOException {
        String start = new String(body, 0, Math.min(body.length, 64), StandardCharsets.US_ASCII);
        if (start.contains("-----BEGIN")) {
            try (PEMParser pem = new PEMParser(new InputStreamReader(new ByteArrayInputStream(body),
                    StandardCharsets.US_ASCII))) {
                Object o = pem.readObject();
                if (o instanceof X509CRLHolder h) {
                    return h;
                }
                throw new IOException("a PEM block that is not a CRL");
            }
        }
        return new X509CRLHolder(body);
    }
}

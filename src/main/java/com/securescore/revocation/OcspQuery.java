package com.securescore.revocation;

import java.io.IOException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * One OCSP question (RFC 6960) and the judging of its answer, asked of a responder or stapled by the
 * server: the response must be signed by the issuer, or by a responder certificate the issuer issued
 * for OCSP signing (id-kp-OCSPSigning) that is valid now, must be about this certificate, and must be
 * current (thisUpdate not in the future, nextUpdate not past).
 */
final class OcspQuery {
    /** Clocks differ; responders pre-date their answers a little. */
    static final Duration SKEW = Duration.ofMinutes(5);

    private OcspQuery() {
    }

    static Answer ask(RevocationHttp http, String url, X509Certificate cert, X509Certificate issuer, Instant now,
                      Duration limit) {
        byte[] request;
        try {
            request = new OCSPReqBuilder().addRequest(id(cert, issuer)).build().getEncoded();
        } catch (OCSPException | IOException | CertificateException | OperatorCreationException e) {
            return Answer.failed("could not be asked: " + e.getMessage());
        }
        try {
            byte[] body = http.post(url, "application/ocsp-request", request, limit);
            return judge(body, cert, issuer, now, new RevocationReport.Source(RevocationReport.Kind.OCSP, url));
        } catch (RevocationHttp.Failure f) {
            return Answer.failed(f.getMessage());
        }
    }

    static CertificateID id(X509Certificate cert, X509Certificate issuer)
            throws OperatorCreationException, OCSPException, CertificateException {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        return new CertificateID(digests.get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
                cert.getSerialNumber());
    }

    /** Judges a DER OCSP response about {@code cert}. */
    static Answer judge(byte[] der, X509Certificate cert, X509Certificate issuer, Instant now,
                        RevocationReport.Source source) {
        try {
            OCSPResp resp = new OCSPResp(der);
            if (resp.getStatus() != OCSPResp.SUCCESSFUL) {
                return Answer.failed("answered with the OCSP error " + statusName(resp.getStatus()));
            }
            if (!(resp.getResponseObject() instanceof BasicOCSPResp basic)) {
                return Answer.failed("answered with an OCSP response of an unknown type");
            }
            String signer = verifySignature(basic, issuer, now);
            if (!signer.isEmpty()) {
                return Answer.failed(signer);
            }
            JcaX509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            for (SingleResp single : basic.getResponses()) {
                CertificateID id = single.getCertID();
                if (!id.getSerialNumber().equals(cert.getSerialNumber()) || !id.matchesIssuer(issuerHolder, digests)) {
                    continue;
                }
                Instant thisUpdate = single.getThisUpdate().toInstant();
                if (thisUpdate.isAfter(now.plus(SKEW))) {
                    return Answer.failed("answered with a response dated in the future (thisUpdate " + thisUpdate + ")");
                }
                if (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(now.minus(SKEW))) {
                    return Answer.failed("answered with an out-of-date response (nextUpdate "
                            + single.getNextUpdate().toInstant() + ")");
                }
                CertificateStatus status = single.getCertStatus();
                if (status == CertificateStatus.GOOD) {
                    return Answer.good(source);
                }
                if (status instanceof RevokedStatus r) {
                    return Answer.revoked(r.getRevocationTime().toInstant(),
                            r.hasRevocationReason() ? Reasons.name(r.getRevocationReason()) : "", source);
                }
                if (status instanceof UnknownStatus) {
                    return Answer.failed("does not know this certificate (status \"unknown\")");
                }
            }
            return Answer.failed("answered about other certificates, not this one");
        } catch (IOException | OCSPException | OperatorCreationException | CertificateException | CertException
                 | RuntimeException e) {
            return Answer.failed("answered with something that is not an OCSP response (" + e.getMessage() + ")");
        }
    }

    /** "" when the response is signed by the issuer or by a responder it delegated to; else what is wrong. */
    private static String verifySignature(BasicOCSPResp basic, X509Certificate issuer, Instant now)
            throws OCSPException, OperatorCreationException, CertificateException, CertException {
        if (signedBy(basic, issuer.getPublicKey())) {
            return "";
        }
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<String> seen = new ArrayList<>();
        for (X509CertificateHolder holder : basic.getCerts()) {
            X509Certificate responder = converter.getCertificate(holder);
            if (!signedBy(basic, responder.getPublicKey())) {
                continue;
            }
            if (!holder.isSignatureValid(new JcaContentVerifierProviderBuilder().build(issuer.getPublicKey()))) {
                seen.add("its responder certificate \"" + responder.getSubjectX500Principal().getName()
                        + "\" was not issued by the certificate's issuer");
            } else if (responder.getExtendedKeyUsage() == null
                    || !responder.getExtendedKeyUsage().contains(KeyPurposeId.id_kp_OCSPSigning.getId())) {
                seen.add("its responder certificate lacks OCSP signing (id-kp-OCSPSigning)");
            } else if (now.isBefore(responder.getNotBefore().toInstant())
                    || now.isAfter(responder.getNotAfter().toInstant())) {
                seen.add("its responder certificate is not valid now");
            } else {
                return "";
            }
        }
        return "answered with a response whose signature does not check out" + (seen.isEmpty()
                ? " (signed neither by the issuer nor by a responder certificate it sent)" : ": " + seen.get(0));
    }

    private static boolean signedBy(BasicOCSPResp basic, PublicKey key) {
        try {
            return basic.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        } catch (OCSPException | OperatorCreationException | RuntimeException e) {
            return false;
        }
    }

    private static String statusName(int status) {
        return switch (status) {
            case OCSPResp.MALFORMED_REQUEST -> "malformedRequest";
            case OCSPResp.INTERNAL_ERROR -> "internalError";
            case OCSPResp.TRY_LATER -> "tryLater";
            case OCSPResp.SIG_REQUIRED -> "sigRequired";
            case OCSPResp.UNAUTHORIZED -> "unauthorized";
            default -> String.valueOf(status);
        };
    }
}

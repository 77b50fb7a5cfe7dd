package com.securescore.cert;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Findings about the chain as a whole: completeness, trust, order, strangers and the root. */
final class ChainFindings {
    private final Material material;
    private final ChainBuilder.Path path;
    private final TrustAnchors trust;

    ChainFindings(Material material, ChainBuilder.Path path, TrustAnchors trust) {
        this.material = material;
        this.path = path;
        this.trust = trust;
    }

    List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        List<X509Certificate> certs = path.certificates();
        X509Certificate leaf = certs.get(0);
        X509Certificate last = path.last();
        boolean leafSelfSigned = certs.size() == 1 && Certificates.isSelfSigned(leaf);
        if (leafSelfSigned) {
            if (!trust.contains(leaf)) {
                out.add(Finding.of(FindingCode.SELF_SIGNED, "The certificate \"" + Certificates.name(leaf)
                        + "\" is self-signed: fine for development, but no client trusts it by default.",
                        "Give clients this certificate as their trusted root (securescore score --trust FILE, or "
                        + "GRPC_DEFAULT_SSL_ROOTS_FILE_PATH). For production, use a certificate from a CA."));
            }
        } else if (path.endsSelfSigned() && path.anchor() == null) {
            out.add(Finding.of(FindingCode.UNTRUSTED_ROOT, "The chain ends at the root \"" + Certificates.name(last)
                    + "\", which is not a trusted root on this machine.", "If this is your organisation's private "
                    + "CA, add its root with --trust FILE (and give it to every client). Otherwise get the "
                    + "certificate from a publicly trusted CA."));
        } else if (!path.endsSelfSigned() && path.anchor() == null) {
            String url = Certificates.caIssuersUrl(last);
            out.add(Finding.of(FindingCode.CHAIN_INCOMPLETE, "The chain is incomplete: the issuer of \""
                    + Certificates.name(last) + "\", \"" + Certificates.issuerName(last) + "\", is neither in the "
                    + "files nor a trusted root" + (url != null ? " (the certificate says it can be downloaded from "
                    + url + ")" : "") + ".", "Add the issuing certificate \"" + Certificates.issuerName(last)
                    + "\" from your CA's bundle (often chain.pem or ca-bundle.crt)"
                    + (url != null ? ", or fetch it from " + url : "") + "."));
        }
        if (!inOrder()) {
            out.add(Finding.of(FindingCode.CHAIN_ORDER, "The certificates are not in order: a server must present "
                    + "the leaf \"" + Certificates.name(leaf) + "\" first, then each issuer after the certificate "
                    + "it issued.", "Reorder them (the Certificate step's \"Put in order\", or securescore convert, "
                    + "writes fullchain.pem in the right order)."));
        }
        for (X509Certificate extra : path.extras()) {
            out.add(Finding.of(FindingCode.CHAIN_EXTRA_CERT, "The certificate \"" + Certificates.name(extra) + "\" in "
                    + material.originOf(extra) + " is not on the path from \"" + Certificates.name(leaf)
                    + "\" to its root.", "Remove it; servers should send only the leaf and its issuers."));
        }
        if (!leafSelfSigned && path.endsSelfSigned()) {
            out.add(Finding.of(FindingCode.ROOT_INCLUDED, "The root \"" + Certificates.name(last) + "\" is included "
                    + "in the chain. This is harmless but unnecessary: clients must already have it.",
                    "Nothing needed; fullchain.pem written by SecureScore leaves the root out."));
        }
        return out;
    }

    /** Each path certificate appears after the one it issued, in the order given (strangers aside). */
    private boolean inOrder() {
        List<X509Certificate> given = material.certificates();
        int previous = -1;
        for (X509Certificate c : path.certificates()) {
            int i = given.indexOf(c);
            if (i < previous) {
                return false;
            }
            previous = i;
        }
        return true;
    }
}

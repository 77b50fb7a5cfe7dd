package com.securescore.cert;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Findings about the chain as a whole: completeness, trust, order, what is sent past the anchor,
 * strangers and the root.
 */
final class ChainFindings {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Material material;
    private final ChainBuilder.Path path;
    private final TrustAnchors trust;
    private final Instant now;

    ChainFindings(Material material, ChainBuilder.Path path, TrustAnchors trust, Instant now) {
        this.material = material;
        this.path = path;
        this.trust = trust;
        this.now = now;
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
        X509Certificate anchor = path.anchor();
        if (anchor != null && !Certificates.isSelfSigned(anchor) && !reachesTrustedRoot(anchor)) {
            String issuer = Certificates.issuerName(anchor);
            out.add(Finding.of(FindingCode.ANCHOR_NOT_SELF_SIGNED,
                    ClientSupport.partialChainAnchor(Certificates.name(anchor), issuer),
                    ClientSupport.partialChainAnchorFix(Certificates.name(anchor), issuer)));
        }
        for (X509Certificate past : path.pastAnchor()) {
            out.add(pastAnchor(past, anchor));
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

    /**
     * True when the trusted (not self-signed) {@code anchor} leads on, through trusted or given
     * certificates, to a trusted self-signed root: then clients that need a root, OpenSSL without its
     * partial-chain option among them, find one.
     */
    private boolean reachesTrustedRoot(X509Certificate anchor) {
        List<X509Certificate> pool = new ArrayList<>(trust.certificates());
        pool.addAll(material.certificates());
        List<X509Certificate> seen = new ArrayList<>(List.of(anchor));
        for (int i = 0; i < seen.size() && seen.size() <= pool.size() + 1; i++) {
            X509Certificate c = seen.get(i);
            if (Certificates.isSelfSigned(c)) {
                if (trust.contains(c)) {
                    return true;
                }
                continue;
            }
            for (X509Certificate issuer : pool) {
                if (!seen.contains(issuer) && Certificates.isIssuedBy(c, issuer)) {
                    seen.add(issuer);
                }
            }
        }
        return false;
    }

    /** Why a certificate past the anchor is there, what it costs, and that dropping it is the repair. */
    private Finding pastAnchor(X509Certificate c, X509Certificate anchor) {
        String name = "\"" + Certificates.name(c) + "\"";
        String anchorName = "\"" + Certificates.name(anchor) + "\"";
        String oldRoot = "\"" + Certificates.issuerName(c) + "\"";
        StringBuilder m = new StringBuilder("The certificate ").append(name).append(" in ")
                .append(material.originOf(c)).append(" is sent but not needed: ");
        boolean crossSigned = Certificates.sameSubjectAndKey(c, anchor);
        if (crossSigned) {
            m.append("it is the trusted ").append(Certificates.isSelfSigned(anchor) ? "root " : "certificate ")
                    .append(anchorName).append(" cross-signed by ").append(oldRoot)
                    .append(", and clients that trust ").append(anchorName).append(" stop there, before it. A "
                    + "cross-signature is sent for old clients that trust only ").append(oldRoot);
            ClientSupport.neededBy(c).ifPresent(who -> m.append(" (").append(who).append(")"));
            m.append(".");
        } else {
            X509Certificate issued = path.pastAnchor().stream().filter(p -> p != c && Certificates.isIssuedBy(p, c))
                    .findFirst().orElse(anchor);
            m.append("it issued \"").append(Certificates.name(issued)).append("\" and lies beyond the trusted ")
                    .append(Certificates.isSelfSigned(anchor) ? "root " : "certificate ").append(anchorName)
                    .append(", where clients stop.");
        }
        m.append(" It adds ").append(String.format(Locale.ENGLISH, "%,d", encodedLength(c)))
                .append(" bytes to every TLS handshake.");
        if (now.isAfter(c.getNotAfter().toInstant())) {
            m.append(" It expired on ").append(DAY.format(c.getNotAfter().toInstant()))
                    .append(", so no client can use it any more.");
        }
        String fix = "Drop it (the Certificate step's \"Drop what is past the trusted root\"; fullchain.pem from "
                + "securescore convert leaves it out)" + (crossSigned && !now.isAfter(c.getNotAfter().toInstant())
                ? ", unless the service must still reach clients that trust only " + oldRoot : "") + ".";
        return Finding.of(FindingCode.CHAIN_PAST_ANCHOR, m.toString(), fix);
    }

    private static int encodedLength(X509Certificate c) {
        try {
            return c.getEncoded().length;
        } catch (CertificateEncodingException e) {
            return 0;
        }
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

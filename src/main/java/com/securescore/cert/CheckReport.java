package com.securescore.cert;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on a certificate set for one domain: every finding, the chain in the order a server
 * should present it, and the parsed material for export and repairs.
 *
 * @param domain       the domain as checked (ASCII form when valid)
 * @param findings     errors first, then warnings, then notes
 * @param path         the path clients take: leaf first, then each issuer found in the files, up to
 *                     the trust anchor (included only when the files hold the anchor itself)
 * @param extras       supplied certificates on no path from the leaf
 * @param key          the private key that belongs to the leaf, or null
 * @param anchor       the trusted certificate the path ends at; or null when there is none
 * @param pastAnchor   supplied certificates beyond the anchor (a cross-signed copy of it and what
 *                     issued that): sent, but not needed by clients that trust the anchor
 * @param alternatives other complete paths to a trust anchor that clients could build, if any
 */
public record CheckReport(String domain, List<Finding> findings, List<X509Certificate> path,
                          List<X509Certificate> extras, PrivateKey key, X509Certificate anchor,
                          List<X509Certificate> pastAnchor, List<TrustPath> alternatives) {
    public static final String ROLE_LEAF = "leaf";
    public static final String ROLE_INTERMEDIATE = "intermediate";
    public static final String ROLE_ROOT = "root";
    public static final String ROLE_TRUSTED_ROOT = "trusted root";
    public static final String ROLE_TRUSTED_CERTIFICATE = "trusted certificate";
    public static final String ROLE_PAST_ANCHOR = "sent but not needed";
    public static final String ROLE_STRANGER = "not on the path";

    public CheckReport {
        findings = List.copyOf(findings);
        path = List.copyOf(path);
        extras = List.copyOf(extras);
        pastAnchor = List.copyOf(pastAnchor);
        alternatives = List.copyOf(alternatives);
    }

    /** A report without certificates beyond the anchor and without alternative paths. */
    public CheckReport(String domain, List<Finding> findings, List<X509Certificate> path,
                       List<X509Certificate> extras, PrivateKey key, X509Certificate anchor) {
        this(domain, findings, path, extras, key, anchor, List.of(), List.of());
    }

    /** The same report with other findings (e.g. without the domain check), everything else kept. */
    public CheckReport withFindings(List<Finding> other) {
        return new CheckReport(domain, other, path, extras, key, anchor, pastAnchor, alternatives);
    }

    /** True when nothing blocks deployment. */
    public boolean ok() {
        return findings.stream().noneMatch(Finding::isError);
    }

    public boolean has(FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }

    public X509Certificate leaf() {
        return path.isEmpty() ? null : path.get(0);
    }

    /**
     * What a server should present: the path up to the anchor, without a self-signed root (unless the
     * leaf is one). Certificates past the anchor are left out.
     */
    public List<X509Certificate> serverChain() {
        if (path.size() > 1 && Certificates.isSelfSigned(path.get(path.size() - 1))) {
            return path.subList(0, path.size() - 1);
        }
        return path;
    }

    /**
     * The server chain followed by the cross-signed certificates past the anchor (not the old roots
     * themselves), for a server that must still reach clients that trust only the older root.
     */
    public List<X509Certificate> serverChainWithCrossSigned() {
        List<X509Certificate> out = new ArrayList<>(serverChain());
        pastAnchor.stream().filter(c -> !Certificates.isSelfSigned(c)).forEach(out::add);
        return out;
    }

    /** Public facts for display: the path with roles, the anchor, then what is past it, then strangers. */
    public List<CertificateInfo> chainInfo() {
        List<CertificateInfo> out = new ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            String role = i == 0 ? ROLE_LEAF : Certificates.isSelfSigned(c) ? ROLE_ROOT : ROLE_INTERMEDIATE;
            out.add(CertificateInfo.of(c, role));
        }
        if (anchor != null && !path.contains(anchor)) {
            out.add(CertificateInfo.of(anchor, Certificates.isSelfSigned(anchor) ? ROLE_TRUSTED_ROOT
                    : ROLE_TRUSTED_CERTIFICATE));
        }
        pastAnchor.forEach(c -> out.add(CertificateInfo.of(c, ROLE_PAST_ANCHOR)));
        extras.forEach(c -> out.add(CertificateInfo.of(c, ROLE_STRANGER)));
        return out;
    }
}

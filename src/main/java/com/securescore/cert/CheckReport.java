package com.securescore.cert;

import com.securescore.findings.Finding;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The verdict on a certificate set for one domain: every finding, the chain in the order a server
 * should present it, and the parsed material for export and repairs.
 *
 * @param domain   the domain as checked (ASCII form when valid)
 * @param findings errors first, then warnings, then notes
 * @param path     leaf first, then each issuer found in the files
 * @param extras   supplied certificates that are not on the leaf's path
 * @param key      the private key that belongs to the leaf, or null
 * @param anchor   the trusted root the path ends at, when it is not itself in the files; or null
 */
public record CheckReport(String domain, List<Finding> findings, List<X509Certificate> path,
                          List<X509Certificate> extras, PrivateKey key, X509Certificate anchor) {
    public CheckReport {
        findings = List.copyOf(findings);
        path = List.copyOf(path);
        extras = List.copyOf(extras);
    }

    /** True when nothing blocks deployment. */
    public boolean ok() {
        return findings.stream().noneMatch(Finding::isError);
    }

    public boolean has(com.securescore.findings.FindingCode code) {
        return findings.stream().anyMatch(f -> f.code() == code);
    }

    public X509Certificate leaf() {
        return path.isEmpty() ? null : path.get(0);
    }

    /** What a server should present: the path without a self-signed root (unless the leaf is one). */
    public List<X509Certificate> serverChain() {
        if (path.size() > 1 && Certificates.isSelfSigned(path.get(path.size() - 1))) {
            return path.subList(0, path.size() - 1);
        }
        return path;
    }

    /** Public facts for display: the path with roles, then the strangers. */
    public List<CertificateInfo> chainInfo() {
        List<CertificateInfo> out = new java.util.ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            String role = i == 0 ? "leaf" : Certificates.isSelfSigned(c) ? "root" : "intermediate";
            out.add(CertificateInfo.of(c, role));
        }
        if (anchor != null && !path.contains(anchor)) {
            out.add(CertificateInfo.of(anchor, "trusted root"));
        }
        extras.forEach(c -> out.add(CertificateInfo.of(c, "not on the path")));
        return out;
    }
}

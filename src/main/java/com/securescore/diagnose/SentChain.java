package com.securescore.diagnose;

import com.securescore.cert.CheckReport;
import com.securescore.cert.Certificates;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a server that leaves out an intermediate from a client that lacks the root, from what the
 * server sent. The certificate check of files calls both "an issuer is neither given nor trusted"
 * ({@code CHAIN_INCOMPLETE}); a live server that sends its certificate and the intermediate(s) above
 * it, each issued by the next, has done its part: the issuer of the last one is the private root the
 * client was not given ({@code UNTRUSTED_ROOT}), and the fix is on the client. A leaf sent alone
 * cannot tell an intermediate from a root, so it stays {@code CHAIN_INCOMPLETE}.
 */
final class SentChain {
    private SentChain() {
    }

    /**
     * @param report    the certificate check of the chain as sent
     * @param sent      exactly what the server sent, in its order
     * @param trustedBy how the message names the roots the client uses
     */
    static CheckReport judge(CheckReport report, List<X509Certificate> sent, String trustedBy) {
        if (!report.has(FindingCode.CHAIN_INCOMPLETE) || !endsAtASentIntermediate(report, sent)) {
            return report;
        }
        List<X509Certificate> path = report.path();
        X509Certificate last = path.get(path.size() - 1);
        String root = Certificates.issuerName(last);
        String url = Certificates.caIssuersUrl(last);
        Finding untrusted = Finding.of(FindingCode.UNTRUSTED_ROOT, "The server sends \""
                + Certificates.name(path.get(0)) + "\" and the intermediate " + intermediates(path) + ", each issued "
                + "by the next: that is what a server should send. The issuer of \"" + Certificates.name(last)
                + "\", the root \"" + root + "\", is not among " + trustedBy + ": this client lacks the root.",
                "The server is fine; give clients the root \"" + root + "\" as their trusted root (SecureScore: "
                + "--trust FILE; gRPC clients: root_certificates, or GRPC_DEFAULT_SSL_ROOTS_FILE_PATH=FILE). "
                + "Should \"" + root + "\" be an intermediate, not a root, the server must send it too"
                + (url != null ? " (" + url + ")" : "") + ".");
        List<Finding> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            findings.add(f.code() == FindingCode.CHAIN_INCOMPLETE ? untrusted : f);
        }
        return report.withFindings(findings);
    }

    /**
     * True when the path the check built is the leaf and at least one CA certificate the server sent,
     * each issued (by signature) by the next, and the last one is not self-signed.
     */
    private static boolean endsAtASentIntermediate(CheckReport report, List<X509Certificate> sent) {
        List<X509Certificate> path = report.path();
        if (path.size() < 2 || !sent.containsAll(path)) {
            return false;
        }
        for (int i = 1; i < path.size(); i++) {
            X509Certificate c = path.get(i);
            if (!Certificates.isCa(c) || Certificates.isSelfSigned(c) || !Certificates.isIssuedBy(path.get(i - 1), c)) {
                return false;
            }
        }
        return true;
    }

    private static String intermediates(List<X509Certificate> path) {
        List<String> names = path.subList(1, path.size()).stream().map(c -> "\"" + Certificates.name(c) + "\"")
                .toList();
        return names.size() == 1 ? names.get(0) : "s " + String.join(", ", names);
    }
}

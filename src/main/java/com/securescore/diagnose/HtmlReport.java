package com.securescore.diagnose;

import com.securescore.Version;
import com.securescore.cert.CertificateInfo;
import com.securescore.cert.ClientSupport;
import com.securescore.findings.Finding;
import com.securescore.revocation.RevocationReport;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * A diagnosis as one self-contained HTML page support staff can attach to a ticket: inline CSS, no
 * scripts, no external resources, every text escaped. Verdict, findings with fixes and codes, the
 * chain as a picture, the client table, the key checks, and when, from where and by which version.
 */
public final class HtmlReport {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:2em auto;max-width:60em;color:#1d1d1f}
            h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ddd}
            .verdict{padding:.8em 1em;border-radius:6px;font-weight:600}
            .works{background:#e5f6e8;color:#135c22}.problems{background:#fdecea;color:#8a1c12}
            .meta{color:#555;font-size:.9em}
            .finding{border-left:4px solid #999;padding:.4em .8em;margin:.6em 0;background:#fafafa}
            .error{border-color:#c62828}.warning{border-color:#ef8f00}.info{border-color:#1e6fd9}
            .code{font-family:ui-monospace,monospace;font-weight:600}.fix{color:#333}
            .chain{display:flex;flex-wrap:wrap;align-items:center;gap:.4em}
            .cert{border:2px solid #555;border-radius:6px;padding:.5em .7em;min-width:14em;max-width:20em;font-size:.85em}
            .cert.expired{border-color:#c62828}.arrow{font-size:1.4em;color:#777}
            .role{text-transform:uppercase;font-size:.75em;color:#666;letter-spacing:.05em}
            table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.35em .5em;text-align:left;
            vertical-align:top;font-size:.9em}.yes{color:#135c22;font-weight:600}.no{color:#8a1c12;font-weight:600}
            """;

    private HtmlReport() {
    }

    public static String render(Diagnosis d) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>SecureScore diagnosis: ").append(esc(d.target())).append("</title><style>")
                .append(CSS).append("</style></head><body>\n");
        b.append("<h1>Endpoint diagnosis: ").append(esc(d.target())).append("</h1>\n");
        long errors = d.findings().stream().filter(Finding::isError).count();
        b.append("<p class=\"verdict ").append(d.works() ? "works\">Works" : "problems\">Problems: " + errors
                + (errors == 1 ? " error" : " errors")).append("</p>\n");
        b.append("<p class=\"meta\">Seen ").append(esc(TIME.format(d.at()))).append(" from ").append(esc(d.from()))
                .append(" by SecureScore ").append(esc(Version.get())).append(". Connection: ")
                .append(esc(connection(d))).append(".</p>\n");
        b.append("<h2>Findings</h2>\n");
        if (d.findings().isEmpty()) {
            b.append("<p>None.</p>\n");
        }
        for (Finding f : d.findings()) {
            b.append("<div class=\"finding ").append(f.severity().word()).append("\"><span class=\"code\">")
                    .append(esc(f.code().name())).append("</span> (").append(f.severity().word()).append(") ")
                    .append(esc(f.message()));
            if (!f.fix().isBlank()) {
                b.append("<div class=\"fix\">Fix: ").append(esc(f.fix())).append("</div>");
            }
            b.append("</div>\n");
        }
        d.presented().ifPresent(p -> chain(b, p, d.at()));
        revocation(b, d.revocation());
        b.append("<h2>Keys</h2>\n<p>").append(esc(keys(d.auth()))).append("</p>\n");
        if (!d.clients().isEmpty()) {
            b.append("<h2>Which clients accept it</h2>\n<p class=\"meta\">Given the same trusted roots as this "
                    + "diagnosis. The rows for Java, Python, gRPC's C core, Node and Go are tested against those "
                    + "clients; .NET and browsers follow their documentation.</p>\n<table><tr><th>client</th><th>verdict</th><th>in its own words</th></tr>\n");
            for (ClientSupport.Verdict v : d.clients()) {
                b.append("<tr><td>").append(esc(v.client().label())).append("</td><td class=\"")
                        .append(v.accepts() ? "yes\">accepts" : "no\">refuses").append("</td><td>")
                        .append(esc(String.join("; ", v.reasons()))).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        b.append("<p class=\"meta\">Codes are explained in SecureScore's docs/findings.md.</p>\n</body></html>\n");
        return b.toString();
    }

    private static void chain(StringBuilder b, EndpointProbe.Presented p, Instant now) {
        b.append("<h2>The chain as sent</h2>\n<p class=\"meta\">").append(esc(p.tlsVersion())).append(", ALPN ")
                .append(esc(p.alpn().isEmpty() ? "none" : p.alpn())).append(", from ")
                .append(esc(p.address().getAddress().getHostAddress() + ":" + p.address().getPort()))
                .append("</p>\n<div class=\"chain\">");
        List<X509Certificate> chain = p.chain();
        for (int i = 0; i < chain.size(); i++) {
            CertificateInfo c = CertificateInfo.of(chain.get(i), i == 0 ? "sent first (leaf)" : "sent #" + (i + 1));
            boolean bad = now.isAfter(c.notAfter()) || now.isBefore(c.notBefore());
            if (i > 0) {
                b.append("<span class=\"arrow\" title=\"issued by\">&rarr;</span>");
            }
            b.append("<div class=\"cert").append(bad ? " expired" : "").append("\"><div class=\"role\">")
                    .append(esc(c.role())).append("</div><b>").append(esc(c.subject())).append("</b><br>issuer: ")
                    .append(esc(c.issuer())).append("<br>valid ").append(esc(c.notBefore().toString())).append(" to ")
                    .append(esc(c.notAfter().toString())).append(bad ? " (not valid now)" : "");
            if (!c.dnsNames().isEmpty()) {
                b.append("<br>names: ").append(esc(String.join(", ", c.dnsNames())));
            }
            b.append("<br>").append(esc(c.keyType() + " " + c.keyBits())).append(" bits</div>");
        }
        X509Certificate anchor = p.report().anchor();
        if (anchor != null && !chain.contains(anchor)) {
            CertificateInfo c = CertificateInfo.of(anchor, "trusted by the client");
            b.append("<span class=\"arrow\">&rarr;</span><div class=\"cert\"><div class=\"role\">")
                    .append(esc(c.role())).append("</div><b>").append(esc(c.subject())).append("</b><br>valid ")
                    .append(esc(c.notBefore().toString())).append(" to ").append(esc(c.notAfter().toString()))
                    .append("</div>");
        }
        b.append("</div>\n");
    }

    private static void revocation(StringBuilder b, RevocationReport r) {
        if (!r.checked() || r.certificates().isEmpty()) {
            return;
        }
        b.append("<h2>Revocation</h2>\n<p class=\"meta\">A stapled OCSP response first, else the OCSP responder, "
                + "else the CRL each certificate names; signatures and dates checked.</p>\n<ul>\n");
        r.lines().forEach(l -> b.append("<li>").append(esc(l)).append("</li>\n"));
        b.append("</ul>\n");
    }

    private static String connection(Diagnosis d) {
        EndpointProbe.Outcome o = d.connection();
        if (o instanceof EndpointProbe.Presented p) {
            return "TLS (" + p.tlsVersion() + "), " + p.chain().size() + " certificate(s) sent";
        }
        if (o instanceof EndpointProbe.HandshakeFailed h) {
            return "TLS handshake refused" + (h.alert().isEmpty() ? "" : " (alert " + h.alert() + ")");
        }
        if (o instanceof EndpointProbe.ClientCertRequired c) {
            return "TLS handshake broken off: the server requires a client certificate"
                    + (c.issuers().isEmpty() ? " (it named no issuers)" : " (issuers: " + String.join("; ", c.issuers())
                    + ")");
        }
        if (o instanceof EndpointProbe.NoTlsAnswer n) {
            return "TCP connected, no TLS answer within " + n.waited().toSeconds() + " s";
        }
        return o instanceof EndpointProbe.NotTls ? "not TLS" : "no connection";
    }

    private static String keys(Diagnosis.AuthCheck auth) {
        if (auth instanceof Diagnosis.NotChecked n) {
            return "Not checked: " + n.why() + ".";
        }
        Diagnosis.Checked c = (Diagnosis.Checked) auth;
        return "A call without a key: " + call(c.withoutKey()) + ". " + c.withKey().map(w -> "A call with the key: "
                + call(w) + ".").orElse("No key was given to try.");
    }

    private static String call(Diagnosis.Call call) {
        if (call instanceof Diagnosis.Succeeded s) {
            return String.format(Locale.ROOT, "answered in %.0f ms", s.latencyMillis())
                    + (s.labelsSource().isEmpty() ? "" : " (" + s.labelsSource() + ")");
        }
        if (call instanceof Diagnosis.NotTried n) {
            return "not tried: " + n.why();
        }
        Diagnosis.Failed f = (Diagnosis.Failed) call;
        return "failed with " + f.code() + " (" + f.message() + ")";
    }

    /** HTML-escapes text for element content and double-quoted attributes. */
    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}

package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.Certificates;
import com.securescore.revocation.RevocationReport;
import java.io.PrintWriter;
import java.util.Locale;

/** Revocation as {@code check --online} and {@code diagnose} print it: text for people, JSON for scripts. */
final class RevocationOutput {
    private RevocationOutput() {
    }

    static void print(PrintWriter out, RevocationReport report) {
        if (!report.checked() || report.certificates().isEmpty()) {
            return;
        }
        out.println();
        out.println("Revocation (OCSP, else the CRL):");
        report.lines().forEach(l -> out.println("  " + l));
    }

    static void put(ObjectNode node, RevocationReport report) {
        ObjectNode r = node.putObject("revocation").put("checked", report.checked());
        if (!report.checked()) {
            r.put("why", report.notChecked());
            return;
        }
        ArrayNode arr = r.putArray("certificates");
        for (RevocationReport.CertificateRevocation c : report.certificates()) {
            ObjectNode o = arr.addObject().put("subject", Certificates.name(c.certificate()))
                    .put("serialNumber", c.certificate().getSerialNumber().toString(16))
                    .put("status", c.status().word());
            if (c.status() instanceof RevocationReport.Good g) {
                source(o, g.source());
            } else if (c.status() instanceof RevocationReport.Revoked v) {
                source(o, v.source());
                o.put("revokedAt", v.at().toString()).put("reason", v.reason());
            } else if (c.status() instanceof RevocationReport.Unchecked u) {
                o.put("why", u.why());
            }
            ArrayNode attempts = o.putArray("asked");
            for (RevocationReport.Attempt a : c.attempts()) {
                source(attempts.addObject(), a.source()).put("outcome", a.outcome());
            }
        }
    }

    private static ObjectNode source(ObjectNode o, RevocationReport.Source s) {
        o.put("source", s.kind().name().toLowerCase(Locale.ROOT));
        if (!s.url().isEmpty()) {
            o.put("url", s.url());
        }
        return o;
    }
}

package com.securescore.revocation;

import com.securescore.cert.CheckReport;
import com.securescore.cert.ClientSupport;
import com.securescore.cert.Certificates;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Whether the certificates of a chain are revoked, as their CA's OCSP responder or CRL says, one
 * entry per certificate checked (leaf first; trusted and self-signed roots are not listed). Its
 * {@link #findings()} are {@code REVOKED} errors and {@code REVOCATION_UNCHECKED} warnings; a
 * certificate that names no responder and no CRL gives no finding (private CAs often publish none).
 *
 * @param certificates leaf first; empty when nothing was checked
 * @param notChecked   why nothing was checked (e.g. offline), or "" when it was
 */
public record RevocationReport(List<CertificateRevocation> certificates, String notChecked) {
    public RevocationReport {
        certificates = List.copyOf(certificates);
    }

    /** No check was made; {@code why} says why ("no certificate was presented", "offline"). */
    public static RevocationReport notChecked(String why) {
        return new RevocationReport(List.of(), why);
    }

    public boolean checked() {
        return notChecked.isEmpty();
    }

    /** The leaf's entry, when a check was made. */
    public Optional<CertificateRevocation> leaf() {
        return certificates.isEmpty() ? Optional.empty() : Optional.of(certificates.get(0));
    }

    public boolean anyRevoked() {
        return certificates.stream().anyMatch(c -> c.status() instanceof Revoked);
    }

    /** {@code REVOKED} for each revoked certificate, {@code REVOCATION_UNCHECKED} for each one nobody answered for. */
    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            CertificateRevocation c = certificates.get(i);
            String name = "\"" + Certificates.name(c.certificate()) + "\"";
            String who = (i == 0 ? "The certificate " : "The intermediate ") + name;
            if (c.status() instanceof Revoked r) {
                boolean keyLost = r.reason().equals("keyCompromise") || r.reason().equals("cACompromise");
                out.add(Finding.of(FindingCode.REVOKED, who + " (serial " + c.certificate().getSerialNumber().toString(16)
                        + ") was revoked on " + r.at() + (r.reason().isEmpty() ? "" : ", reason " + r.reason())
                        + ", says " + r.source().describe() + ".", i == 0
                        ? "Get a new certificate" + (keyLost ? " with a new key (the old key must be taken as known to "
                        + "others)" : "") + " and deploy it where TLS ends; clients that check revocation refuse this "
                        + "one (see the client table)."
                        : "Serve the CA's current intermediate (ask the CA which one replaces it); if the CA itself was "
                        + "compromised, get a new certificate from another issuer."));
            } else if (c.status() instanceof Unchecked u) {
                out.add(Finding.of(FindingCode.REVOCATION_UNCHECKED, "Could not find out whether "
                        + (i == 0 ? "the certificate " : "the intermediate ") + name + " is revoked: " + u.why() + ".",
                        "Most clients then accept the certificate without knowing (soft-fail). Check that this "
                        + "machine reaches " + (u.urls().size() == 1 ? "that address" : "those addresses")
                        + " (a proxy or firewall in the way?), or tell the CA its responder or CRL does not answer."));
            }
        }
        return out;
    }

    /** One line per certificate for people: whose, the verdict, and from which source ("not revoked, says ..."). */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < certificates.size(); i++) {
            CertificateRevocation c = certificates.get(i);
            String verdict = verdict(c.status());
            List<String> before = c.attempts().stream().filter(a -> !(c.status() instanceof Unchecked)
                    && !a.outcome().equals("good") && !a.outcome().startsWith("revoked"))
                    .map(a -> a.source().describe() + " " + a.outcome()).toList();
            out.add((i == 0 ? "leaf" : "intermediate") + " \"" + Certificates.name(c.certificate()) + "\": " + verdict
                    + (before.isEmpty() ? "" : " (before that, " + String.join("; ", before) + ")"));
        }
        return out;
    }

    private static String verdict(Status status) {
        if (status instanceof Good g) {
            return "not revoked, says " + g.source().describe();
        }
        if (status instanceof Revoked r) {
            return "REVOKED on " + r.at() + (r.reason().isEmpty() ? "" : " (" + r.reason() + ")") + ", says "
                    + r.source().describe();
        }
        if (status instanceof Unchecked u) {
            return "unknown: " + u.why();
        }
        return status instanceof NoPointers ? "not checked: it names no OCSP responder and no CRL"
                : "not checked: its issuer is not known";
    }

    /** The report with these findings added (errors first), so the client table sees them too. */
    public CheckReport addTo(CheckReport report) {
        List<Finding> all = new ArrayList<>(report.findings());
        all.addAll(findings());
        all.sort(Comparator.comparing(Finding::severity));
        return report.withFindings(all);
    }

    /** One certificate: its verdict, and every source asked with what it answered, in order. */
    public record CertificateRevocation(X509Certificate certificate, Status status, List<Attempt> attempts) {
        public CertificateRevocation {
            attempts = List.copyOf(attempts);
        }
    }

    /** Where an answer came from: an OCSP responder, a CRL, or the OCSP response the server stapled. */
    public record Source(Kind kind, String url) {
        public String describe() {
            return switch (kind) {
                case OCSP -> "the OCSP responder " + url;
                case CRL -> "the CRL " + url;
                case STAPLED -> STAPLED_WORDS;
            };
        }
    }

    /** The words a stapled source is described with; the client table tells stapled answers apart by them. */
    public static final String STAPLED_WORDS = ClientSupport.STAPLED_WORDS;

    public enum Kind { OCSP, CRL, STAPLED }

    /** One source asked, and its answer in words ("good", "revoked", "did not answer within 3 s", ...). */
    public record Attempt(Source source, String outcome) {
    }

    /** The verdict on one certificate: one record per outcome. */
    public sealed interface Status permits Good, Revoked, Unchecked, NoPointers, NoIssuer {
        /** "good", "revoked", "unchecked", "no-pointers" or "no-issuer", for JSON. */
        String word();
    }

    /** A source whose signature and dates check out says the certificate is not revoked. */
    public record Good(Source source) implements Status {
        @Override
        public String word() {
            return "good";
        }
    }

    /** Revoked at {@code at}; {@code reason} as RFC 5280 names it ("keyCompromise"), "" when none is given. */
    public record Revoked(Instant at, String reason, Source source) implements Status {
        @Override
        public String word() {
            return "revoked";
        }
    }

    /** Every source failed (unreachable, silent, garbage, a bad signature, out of date); {@code why} says how. */
    public record Unchecked(String why, List<String> urls) implements Status {
        public Unchecked {
            urls = List.copyOf(urls);
        }

        @Override
        public String word() {
            return "unchecked";
        }
    }

    /** The certificate names no OCSP responder and no CRL (over HTTP): nothing to ask. */
    public record NoPointers() implements Status {
        @Override
        public String word() {
            return "no-pointers";
        }
    }

    /** The issuer is not known, so no answer could be verified (the chain findings say what is missing). */
    public record NoIssuer() implements Status {
        @Override
        public String word() {
            return "no-issuer";
        }
    }
}

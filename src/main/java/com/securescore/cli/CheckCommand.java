package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.CertificateInfo;
import com.securescore.cert.CertificateService;
import com.securescore.cert.ClientSupport;
import com.securescore.cert.Certificates;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Source;
import com.securescore.cert.TrustPath;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.findings.Severity;
import com.securescore.revocation.RevocationCheck;
import com.securescore.revocation.RevocationReport;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore check}: every certificate finding for a domain, for people and for scripts. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a certificate chain and key for a domain before deploying them.",
            "Reads PEM, DER, PKCS#7, PKCS#12, JKS, JCEKS, PKCS#8, PKCS#1 and SEC1, in any order, with or without damage."},
        footer = {"", "Exit codes: 0 no errors, 1 at least one error finding, 2 usage problem or unreadable file.",
            "Finding codes are explained in docs/findings.md."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--domain", required = true, paramLabel = "NAME", description = "The service's name.")
    String domain;

    @Mixin
    CertificateInputs certificate;

    @Option(names = "--clients", paramLabel = "LIST", split = ",",
            description = "Who calls the service, for findings that depend on the client: java, grpc-core, node, "
                    + "python-ssl, go, dotnet-windows, browsers (default: java,grpc-core, SecureScore's own client "
                    + "and the protocol's Python and C# clients). E.g. with go, a name only in the Common Name is an "
                    + "error.")
    List<String> clients = new ArrayList<>();

    @Option(names = "--online", description = "Also ask the OCSP responder and the CRL the certificates name "
            + "whether they are revoked (network, 3 s per source). Without it check works offline.")
    boolean online;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() throws Exception {
        Set<ClientSupport.Client> who = clients();
        List<Source> certSources = certificate.certSources();
        Source keySource = certificate.keySource();
        List<Source> trustSources = certificate.trustSources();
        var unlock = certificate.unlock();
        CheckReport report;
        try {
            report = new CertificateService(Clock.systemUTC(), who).check(
                    CertificateService.Request.unlocking(domain, certSources, keySource, unlock, trustSources));
        } finally {
            unlock.wipe();
        }
        RevocationReport revocation = RevocationReport.notChecked("offline: --online not given");
        if (online) {
            revocation = new RevocationCheck().check(report, RevocationCheck.DEFAULT_LIMIT);
            report = revocation.addTo(report);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode node = toJson(report);
            RevocationOutput.put(node, revocation);
            Json.print(out, node);
        } else {
            printText(out, report);
            RevocationOutput.print(out, revocation);
            if (!online && RevocationCheck.hasPointers(report.leaf())) {
                out.println();
                out.println("Revocation not checked (offline); --online asks the certificate's OCSP responder or CRL.");
            }
        }
        return report.ok() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private Set<ClientSupport.Client> clients() {
        if (clients.isEmpty()) {
            return ClientSupport.DEFAULT_CLIENTS;
        }
        Set<ClientSupport.Client> out = EnumSet.noneOf(ClientSupport.Client.class);
        for (String id : clients) {
            out.add(ClientSupport.Client.byId(id).orElseThrow(() -> new UserInputException("--clients: unknown client \""
                    + id.trim() + "\". Use any of: " + String.join(", ", Arrays.stream(
                    ClientSupport.Client.values()).map(ClientSupport.Client::id).toList()) + ".")));
        }
        return out;
    }

    /** One finding as every command prints it: severity, code and message, then the fix. */
    static void printFinding(PrintWriter out, Finding f) {
        out.println(f.severity().word().toUpperCase(Locale.ROOT) + " " + f.code() + ": " + f.message());
        if (!f.fix().isBlank()) {
            out.println("  fix: " + f.fix());
        }
    }

    static ObjectNode toJson(CheckReport report) {
        ObjectNode node = Json.object().put("domain", report.domain()).put("ok", report.ok());
        Json.putFindings(node, report.findings());
        ArrayNode chain = node.putArray("chain");
        for (CertificateInfo c : report.chainInfo()) {
            ObjectNode o = chain.addObject()
                    .put("role", c.role())
                    .put("subject", c.subject())
                    .put("issuer", c.issuer())
                    .put("serialNumber", c.serialNumber())
                    .put("notBefore", c.notBefore().toString())
                    .put("notAfter", c.notAfter().toString());
            ArrayNode names = o.putArray("dnsNames");
            c.dnsNames().forEach(names::add);
            o.put("keyType", c.keyType()).put("keyBits", c.keyBits()).put("sha256", c.sha256());
        }
        if (report.leaf() != null) {
            ClientTableOutput.put(node, ClientSupport.table(report));
        }
        ArrayNode alternatives = node.putArray("alternativePaths");
        for (TrustPath p : report.alternatives()) {
            ObjectNode o = alternatives.addObject();
            ArrayNode certs = o.putArray("path");
            p.certificates().forEach(c -> certs.add(c.getSubjectX500Principal().getName()));
            o.put("anchor", p.anchor().getSubjectX500Principal().getName()).put("usable", p.usable());
            ArrayNode expired = o.putArray("expired");
            p.expired().forEach(c -> expired.add(c.getSubjectX500Principal().getName()));
        }
        return node;
    }

    /** "leaf → intermediate → trusted root R", and why it cannot be used when it cannot. */
    static String describe(TrustPath p) {
        StringBuilder b = new StringBuilder();
        p.certificates().forEach(c -> b.append(Certificates.name(c)).append(" → "));
        b.append("trusted \"").append(Certificates.name(p.anchor())).append("\"");
        if (!p.usable()) {
            b.append("  (not usable: ").append(String.join(", ", p.expired().stream()
                    .map(c -> "\"" + Certificates.name(c) + "\" expired " + c.getNotAfter().toInstant()).toList()))
                    .append(")");
        }
        return b.toString();
    }

    static void printText(PrintWriter out, CheckReport report) {
        long errors = report.findings().stream().filter(Finding::isError).count();
        out.println(report.ok() ? "OK: the certificate is ready for " + report.domain() + "."
                : "NOT READY: " + errors + (errors == 1 ? " error" : " errors")
                        + (report.domain().isEmpty() ? "" : " for " + report.domain()) + ".");
        for (Severity s : Severity.values()) {
            report.findings().stream().filter(f -> f.severity() == s).forEach(f -> {
                out.println();
                printFinding(out, f);
            });
        }
        if (!report.path().isEmpty()) {
            out.println();
            out.println("Chain:");
            for (CertificateInfo c : report.chainInfo()) {
                out.println("  " + c.role() + ": " + c.subject());
                out.println("      issuer: " + c.issuer() + ";  valid " + c.notBefore() + " to " + c.notAfter());
                if (!c.dnsNames().isEmpty()) {
                    out.println("      names: " + String.join(", ", c.dnsNames()));
                }
                out.println("      key: " + c.keyType() + " " + c.keyBits() + " bits;  sha256 " + c.sha256());
            }
        }
        if (!report.alternatives().isEmpty()) {
            out.println();
            out.println("Clients take the chain above; other paths to a trusted certificate:");
            for (TrustPath p : report.alternatives()) {
                out.println("  " + describe(p));
            }
        }
        if (report.leaf() != null) {
            ClientTableOutput.print(out, ClientSupport.table(report));
        }
        if (report.has(FindingCode.KEY_ENCRYPTED)) {
            out.println();
            out.println("Give the password with --key-password-file FILE or the " + Passwords.ENV
                    + " environment variable.");
        }
    }
}

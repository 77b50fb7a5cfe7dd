package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.CertificateInfo;
import com.securescore.cert.CertificateService;
import com.securescore.cert.Certificates;
import com.securescore.cert.Source;
import com.securescore.diagnose.DiagnoseTarget;
import com.securescore.diagnose.Diagnosis;
import com.securescore.diagnose.EndpointDiagnosis;
import com.securescore.diagnose.EndpointProbe;
import com.securescore.diagnose.HtmlReport;
import com.securescore.findings.Finding;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code securescore diagnose}: what a live endpoint presents and does, with a verdict support staff can quote. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Diagnose a live scoring endpoint: connection, TLS, the certificate chain it presents "
            + "(the same findings as check), whether it is revoked (a stapled OCSP response, else the OCSP "
            + "responder, else the CRL it names; 3 s each), HTTP/2, and keys (a call without a key must be "
            + "refused, one with --key-file must succeed).", "Connects by name, or with --connect-to to an address while checking the "
            + "name (before DNS is set up)."},
        footer = {"", "Exit codes: 0 the endpoint works, 1 problems found, 2 usage problem or unreadable input.",
            "Finding codes are explained in docs/findings.md."})
final class DiagnoseCommand extends ConnectionOptions implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST[:PORT]", description = "The endpoint (port 50051 when not given).")
    String endpoint;

    @Option(names = "--domain", paramLabel = "NAME", description = "The name clients check (and send as SNI); "
            + "default: HOST.")
    String domain;

    @Option(names = "--trust", paramLabel = "FILE", description = "Trusted root(s) clients use, replacing the "
            + "system's (e.g. a development ca.pem). Repeatable.")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--cert", paramLabel = "FILE", description = "The certificate that should be served (the "
            + "one checked); SERVED_CERT_DIFFERS when the server presents another. Repeatable.")
    List<Path> certs = new ArrayList<>();

    @Option(names = "--fingerprint", paramLabel = "SHA256", description = "SHA-256 fingerprint of the "
            + "certificate that should be served (hex, colons optional). Repeatable.")
    List<String> fingerprints = new ArrayList<>();

    @Mixin
    JsonOption output;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write a self-contained HTML report "
            + "to attach to a ticket.")
    Path report;

    @Override
    public Integer call() throws Exception {
        EndpointDiagnosis.Request request = request();
        Diagnosis d = new EndpointDiagnosis().run(request);
        PrintWriter out = spec.commandLine().getOut();
        if (report != null) {
            Files.writeString(report, HtmlReport.render(d), StandardCharsets.UTF_8);
        }
        if (output.json) {
            Json.print(out, toJson(d));
        } else {
            printText(out, d);
            if (report != null) {
                out.println();
                out.println("Report written to " + report + ".");
            }
        }
        return d.works() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private EndpointDiagnosis.Request request() throws IOException {
        List<String> expected = new ArrayList<>(fingerprints);
        if (!certs.isEmpty()) {
            List<Source> sources = new ArrayList<>();
            for (Path p : certs) {
                sources.add(Source.file(p));
            }
            for (X509Certificate c : new CertificateService().read(sources, null, null).certificates()) {
                if (!Certificates.isCa(c)) {
                    expected.add(Certificates.sha256(c));
                }
            }
        }
        try {
            return DiagnoseTarget.request(new DiagnoseTarget.Given(DiagnoseTarget.hostPort(endpoint), domain,
                    connectTo, trust, keyFile, bearer, route, expected));
        } catch (DiagnoseTarget.Problem e) {
            throw new UserInputException(optionOf(e.input()) + e.getMessage());
        }
    }

    /** The option a problem is about, as its message's start ("" for the endpoint, the message names it). */
    private static String optionOf(DiagnoseTarget.Input input) {
        return switch (input) {
            case ENDPOINT -> "";
            case CONNECT_TO -> "--connect-to ";
            case TRUST -> "--trust ";
            case KEY_FILE -> "--key-file: ";
        };
    }

    static ObjectNode toJson(Diagnosis d) {
        ObjectNode node = Json.object().put("target", d.target()).put("works", d.works())
                .put("at", d.at().toString()).put("from", d.from());
        node.put("connection", connectionWord(d.connection()));
        d.presented().ifPresent(p -> {
            node.put("address", p.address().getAddress().getHostAddress() + ":" + p.address().getPort())
                    .put("tlsVersion", p.tlsVersion()).put("alpn", p.alpn());
            ArrayNode chain = node.putArray("chainAsSent");
            for (X509Certificate c : p.chain()) {
                CertificateInfo i = CertificateInfo.of(c, "");
                chain.addObject().put("subject", i.subject()).put("issuer", i.issuer())
                        .put("notBefore", i.notBefore().toString()).put("notAfter", i.notAfter().toString())
                        .put("sha256", i.sha256());
            }
        });
        Json.putFindings(node, d.findings());
        RevocationOutput.put(node, d.revocation());
        ObjectNode auth = node.putObject("auth");
        if (d.auth() instanceof Diagnosis.Checked c) {
            auth.put("checked", true);
            putCall(auth.putObject("withoutKey"), c.withoutKey());
            c.withKey().ifPresent(w -> putCall(auth.putObject("withKey"), w));
        } else if (d.auth() instanceof Diagnosis.NotChecked n) {
            auth.put("checked", false).put("why", n.why());
        }
        ClientTableOutput.put(node, d.clients());
        return node;
    }

    /** "unreachable", "no TLS answer", "not TLS", "handshake failed: ALERT", "client certificate required" or "TLS". */
    static String connectionWord(EndpointProbe.Outcome o) {
        if (o instanceof EndpointProbe.HandshakeFailed h) {
            return "handshake failed" + (h.alert().isEmpty() ? "" : ": " + h.alert());
        }
        if (o instanceof EndpointProbe.ClientCertRequired) {
            return "client certificate required";
        }
        if (o instanceof EndpointProbe.NoTlsAnswer) {
            return "no TLS answer";
        }
        return o instanceof EndpointProbe.Unreachable ? "unreachable" : o instanceof EndpointProbe.NotTls ? "not TLS"
                : "TLS";
    }

    private static void putCall(ObjectNode o, Diagnosis.Call call) {
        if (call instanceof Diagnosis.Succeeded s) {
            o.put("succeeded", true).put("latencyMillis", s.latencyMillis()).put("labelsSource", s.labelsSource());
        } else if (call instanceof Diagnosis.Failed f) {
            o.put("succeeded", false).put("code", f.code()).put("message", f.message());
        } else if (call instanceof Diagnosis.NotTried n) {
            o.put("tried", false).put("why", n.why());
        }
    }

    static void printText(PrintWriter out, Diagnosis d) {
        long errors = d.findings().stream().filter(Finding::isError).count();
        out.println(d.works() ? "WORKS: " + d.target() + " accepts TLS clients" + keysSummary(d) + "."
                : "PROBLEMS: " + errors + (errors == 1 ? " error" : " errors") + " at " + d.target() + ".");
        d.presented().ifPresent(p -> out.println("Connected to " + p.address().getAddress().getHostAddress() + ":"
                + p.address().getPort() + ": " + p.tlsVersion() + ", ALPN " + (p.alpn().isEmpty() ? "none" : p.alpn())
                + ", " + p.chain().size() + (p.chain().size() == 1 ? " certificate" : " certificates") + " sent."));
        for (Finding f : d.findings()) {
            out.println();
            CheckCommand.printFinding(out, f);
        }
        d.presented().ifPresent(p -> {
            out.println();
            out.println("Chain as sent:");
            for (int i = 0; i < p.chain().size(); i++) {
                CertificateInfo c = CertificateInfo.of(p.chain().get(i), "");
                out.println("  " + i + ": " + c.subject());
                out.println("      issuer: " + c.issuer() + ";  valid " + c.notBefore() + " to " + c.notAfter());
            }
        });
        RevocationOutput.print(out, d.revocation());
        out.println();
        out.println("Keys: " + authText(d.auth()));
        if (!d.clients().isEmpty()) {
            ClientTableOutput.print(out, d.clients());
        }
    }

    private static String keysSummary(Diagnosis d) {
        return d.auth() instanceof Diagnosis.Checked c
                && c.withKey().filter(Diagnosis.Succeeded.class::isInstance).isPresent() ? " and enforces keys" : "";
    }

    static String authText(Diagnosis.AuthCheck auth) {
        if (auth instanceof Diagnosis.Checked c) {
            return "without a key: " + callText(c.withoutKey())
                    + c.withKey().map(w -> "; with the key: " + callText(w)).orElse("; no key given (--key-file)")
                    + ".";
        }
        return "not checked: " + ((Diagnosis.NotChecked) auth).why() + ".";
    }

    private static String callText(Diagnosis.Call call) {
        if (call instanceof Diagnosis.Succeeded s) {
            return s.answered();
        }
        if (call instanceof Diagnosis.NotTried n) {
            return "not tried (" + n.why() + ")";
        }
        return "failed, " + ((Diagnosis.Failed) call).code();
    }
}

package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.CertificateExporter;
import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Source;
import com.securescore.findings.FindingCode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore convert}: writes the clean files targets need from whatever the user has. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Write fullchain.pem (leaf first, no root) and privkey.pem (unencrypted PKCS#8, owner-only)",
            "from any supported input; optionally bundle.pfx and a Kubernetes TLS secret.",
            "Never overwrites an existing file without --force."})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--cert", required = true, paramLabel = "FILE", description = "Certificate file(s). Repeatable.")
    List<Path> certs;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key file, if not inside --cert.")
    Path key;

    @Option(names = "--key-password-file", paramLabel = "FILE", description = "Password of the key or .pfx.")
    Path passwordFile;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
    Path out;

    @Option(names = "--pfx-password-file", paramLabel = "FILE", description = "Also write bundle.pfx with this password.")
    Path pfxPasswordFile;

    @Option(names = "--k8s-secret", paramLabel = "NAME", description = "Also write tls-secret.yaml for a Secret NAME.")
    String secretName;

    @Option(names = "--trust", paramLabel = "FILE",
            description = "Extra trusted root(s), e.g. a private CA: the chain is written up to where it reaches one. "
                    + "Repeatable.")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--keep-cross-signed", description = "Also write the cross-signed certificates past the trusted "
            + "root (for clients that trust only the older root).")
    boolean keepCrossSigned;

    @Option(names = "--force", description = "Overwrite files that already exist.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (secretName != null && CertificateExporter.secretNameProblem(secretName) != null) {
            throw new UserInputException(CertificateExporter.secretNameProblem(secretName));
        }
        List<Source> sources = new ArrayList<>();
        for (Path p : certs) {
            sources.add(Source.file(p));
        }
        List<Source> trustSources = new ArrayList<>();
        for (Path p : trust) {
            trustSources.add(Source.file(p));
        }
        char[] password = Passwords.read(passwordFile, false, "");
        char[] pfxPassword = pfxPasswordFile == null ? null : Passwords.read(pfxPasswordFile, false, "");
        CheckReport report;
        List<Path> written = List.of();
        try {
            // No domain here: convert is about the files; the domain check is securescore check's job.
            report = new CertificateService().check(new CertificateService.Request("", sources,
                    key == null ? null : Source.file(key), password, trustSources));
            boolean blocking = report.leaf() == null || report.key() == null;
            if (!blocking) {
                try {
                    written = new CertificateExporter().export(report, out,
                            new CertificateExporter.Options(pfxPassword, secretName, force, keepCrossSigned));
                } catch (CertificateExporter.WouldOverwriteException e) {
                    throw new UserInputException(e.existing().size() == 1 ? e.existing().get(0)
                            + " already exists; nothing was written. Use --force to replace it, or choose another --out."
                            : "These files already exist: " + e.existing() + "; nothing was written. Use --force to "
                            + "replace them, or choose another --out.");
                }
            }
        } finally {
            clear(password);
            clear(pfxPassword);
        }
        var findings = report.findings().stream().filter(f -> f.code() != FindingCode.DOMAIN_INVALID).toList();
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.object().put("ok", !written.isEmpty());
            var files = node.putArray("written");
            written.forEach(p -> files.add(p.toString()));
            Json.putFindings(node, findings);
            Json.print(o, node);
        } else {
            findings.forEach(f -> CheckCommand.printFinding(o, f));
            if (written.isEmpty()) {
                o.println("Nothing was written: a certificate and its matching private key are needed.");
            } else {
                written.forEach(p -> o.println("wrote " + p + (p.getFileName().toString().equals("fullchain.pem")
                        ? "" : "  (owner-only: it holds the private key)")));
            }
        }
        return written.isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private static void clear(char[] secret) {
        if (secret != null) {
            java.util.Arrays.fill(secret, '\0');
        }
    }
}

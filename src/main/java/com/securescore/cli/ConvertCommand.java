package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.CertificateExporter;
import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.KeystoreExporter;
import com.securescore.cert.Source;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore convert}: writes the clean files targets need from whatever the user has. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Write fullchain.pem (leaf first, no root) and privkey.pem (PKCS#8, owner-only)",
            "from any supported input (PEM, DER, PKCS#7, .pfx, .jks, .jceks, ...); the key is",
            "written unencrypted. Optionally bundle.pfx, a Kubernetes TLS secret, and a",
            "keystore for Java servers (--jks). Never overwrites a file without --force."},
        footer = {"", "--jks writes PKCS#12 unless --jks-type says otherwise: the JDK's default",
            "keystore type since Java 9. The JDK's JKS type reads PKCS#12 files too, so",
            "Tomcat (certificateKeystoreType=JKS), Spring Boot (server.ssl.key-store-type)",
            "and Kafka (ssl.keystore.type=JKS) load it on Java 8u301 and later. Use",
            "--jks-type jks only for older Java or software that reads JKS itself. The key",
            "entry has the store's password (Tomcat and Kafka assume that when no key",
            "password is set)."})
final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CertificateInputs certificate;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder to write fullchain.pem and privkey.pem into "
            + "(needed unless --jks is given).")
    Path out;

    @Option(names = "--jks", paramLabel = "FILE", description = "Also write a keystore for Java servers (owner-only) "
            + "holding the chain and key.")
    Path jks;

    @Option(names = "--jks-password-file", paramLabel = "FILE", description = "Password of the --jks keystore "
            + "(store and key alike).")
    Path jksPasswordFile;

    @Option(names = "--jks-type", paramLabel = "TYPE", defaultValue = "pkcs12", converter = Choices.Keystore.class,
            completionCandidates = Choices.KeystoreWords.class, description = "pkcs12 (default), jks or jceks; see below.")
    KeystoreExporter.Type jksType;

    @Option(names = "--jks-alias", paramLabel = "NAME", description = "The key entry's alias in --jks (default: the "
            + "certificate's first DNS name that is not a wildcard, else securescore).")
    String jksAlias;

    @Option(names = "--pfx-password-file", paramLabel = "FILE", description = "Also write bundle.pfx with this password.")
    Path pfxPasswordFile;

    @Option(names = "--k8s-secret", paramLabel = "NAME", description = "Also write tls-secret.yaml for a Secret NAME.")
    String secretName;

    @Option(names = "--keep-cross-signed", description = "Also write the cross-signed certificates past the trusted "
            + "root (for clients that trust only the older root).")
    boolean keepCrossSigned;

    @Option(names = "--force", description = "Overwrite files that already exist.")
    boolean force;

    @Mixin
    JsonOption output;

    /** What was written: the files, and the keystore's alias when --jks was written. */
    private record Written(List<Path> files, String alias) {
    }

    @Override
    public Integer call() throws Exception {
        checkWhereToWrite();
        List<Source> sources = certificate.certSources();
        List<Source> trustSources = certificate.trustSources();
        var password = certificate.unlock();
        char[] jksPassword = jks == null ? null : Passwords.read(jksPasswordFile, false, "");
        char[] pfxPassword = pfxPasswordFile == null ? null : Passwords.read(pfxPasswordFile, false, "");
        CheckReport report;
        Written written = new Written(List.of(), null);
        try {
            // No domain here: convert is about the files; the domain check is securescore check's job.
            report = new CertificateService().check(CertificateService.Request.unlocking("", sources,
                    certificate.keySource(), password, trustSources));
            if (report.leaf() != null && report.key() != null) {
                written = write(report, jksPassword, pfxPassword);
            }
        } finally {
            password.wipe();
            clear(jksPassword);
            clear(pfxPassword);
        }
        var findings = report.findings().stream().filter(f -> f.code() != FindingCode.DOMAIN_INVALID).toList();
        print(spec.commandLine().getOut(), findings, written);
        return written.files().isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** Refuses, before anything is read, what cannot be written: no destination, a keystore without a password. */
    private void checkWhereToWrite() {
        if (secretName != null && CertificateExporter.secretNameProblem(secretName) != null) {
            throw new UserInputException(CertificateExporter.secretNameProblem(secretName));
        }
        if (out == null && jks == null) {
            throw new UserInputException("Say where to write: --out DIR for the PEM files, --jks FILE for a keystore, "
                    + "or both.");
        }
        if (jks != null) {
            if (jksPasswordFile == null) {
                throw new UserInputException("--jks needs --jks-password-file FILE: a keystore cannot be written "
                        + "without a password.");
            }
            if (!force && Files.exists(jks)) {
                throw new UserInputException(jks + " already exists; nothing was written. Use --force to replace it, "
                        + "or choose another --jks file.");
            }
        }
    }

    /** Writes the PEM files (--out) and the keystore (--jks) from a chain and key that were found. */
    private Written write(CheckReport report, char[] jksPassword, char[] pfxPassword) throws Exception {
        List<Path> written = new ArrayList<>();
        String alias = null;
        try {
            if (out != null) {
                written.addAll(new CertificateExporter().export(report, out,
                        new CertificateExporter.Options(pfxPassword, secretName, force, keepCrossSigned)));
            }
            if (jks != null) {
                alias = new KeystoreExporter().export(report, jks, new KeystoreExporter.Options(jksType,
                        jksPassword, jksAlias, force, keepCrossSigned));
                written.add(jks);
            }
        } catch (CertificateExporter.WouldOverwriteException e) {
            throw new UserInputException(e.existing().size() == 1 ? e.existing().get(0)
                    + " already exists; nothing was written. Use --force to replace it, or choose another --out."
                    : "These files already exist: " + e.existing() + "; nothing was written. Use --force to "
                    + "replace them, or choose another --out.");
        }
        return new Written(written, alias);
    }

    private void print(PrintWriter o, List<Finding> findings, Written written) {
        if (output.json) {
            ObjectNode node = Json.object().put("ok", !written.files().isEmpty());
            if (written.alias() != null) {
                node.put("jksAlias", written.alias()).put("jksType", jksType.name());
            }
            var files = node.putArray("written");
            written.files().forEach(p -> files.add(p.toString()));
            Json.putFindings(node, findings);
            Json.print(o, node);
            return;
        }
        findings.forEach(f -> CheckCommand.printFinding(o, f));
        if (written.files().isEmpty()) {
            o.println("Nothing was written: a certificate and its matching private key are needed.");
        }
        for (Path p : written.files()) {
            o.println("wrote " + p + (p.getFileName().toString().equals("fullchain.pem") ? ""
                    : p.equals(jks) ? "  (" + jksType.name() + ", alias \"" + written.alias() + "\"; owner-only: it "
                    + "holds the private key)" : "  (owner-only: it holds the private key)"));
        }
    }

    private static void clear(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}

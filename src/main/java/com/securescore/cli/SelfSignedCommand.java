package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.CertificateExporter;
import com.securescore.cert.Certificates;
import com.securescore.cert.DevelopmentCertificates;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore selfsigned}: a development CA and server certificate, said plainly to be for development. */
@Command(name = "selfsigned", mixinStandardHelpOptions = true,
        description = {"Make a DEVELOPMENT-ONLY certificate for a domain: a small local CA (ca.pem) and a server",
            "certificate signed by it (fullchain.pem, privkey.pem). Clients must be given ca.pem as their root."})
final class SelfSignedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--domain", required = true, paramLabel = "NAME", description = "The service's name.")
    String domain;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into.")
    Path out;

    @Option(names = "--days", defaultValue = "90", paramLabel = "N", description = "Validity in days (default 90).")
    int days;

    @Option(names = "--key-type", defaultValue = "ec", paramLabel = "ec|rsa", description = "Key type (default ec: P-256).")
    DevelopmentCertificates.KeyType keyType;

    @Option(names = "--force", description = "Overwrite files that already exist.")
    boolean force;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() throws Exception {
        DevelopmentCertificates.Result r;
        try {
            r = new DevelopmentCertificates().create(domain, days, keyType, out, force);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage());
        } catch (CertificateExporter.WouldOverwriteException e) {
            throw new UserInputException("Files already exist: " + e.existing() + "; nothing was written. Use --force "
                    + "to replace them, or choose another --out.");
        }
        PrintWriter o = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode node = Json.object().put("domain", Certificates.dnsNames(r.server()).get(0))
                    .put("developmentOnly", true).put("notice", DevelopmentCertificates.NOTICE)
                    .put("notAfter", r.server().getNotAfter().toInstant().toString());
            var files = node.putArray("written");
            r.files().forEach(p -> files.add(p.toString()));
            Json.print(o, node);
        } else {
            r.files().forEach(p -> o.println("wrote " + p + (p.getFileName().toString().equals("privkey.pem")
                    ? "  (owner-only: it holds the private key)" : "")));
            o.println("Valid until " + r.server().getNotAfter().toInstant() + " for "
                    + String.join(", ", Certificates.dnsNames(r.server())) + ".");
            o.println();
            o.println(DevelopmentCertificates.NOTICE);
        }
        return ExitCodes.OK;
    }
}

package com.securescore.deploy.azure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.securescore.cert.CertificateExporter;
import com.securescore.cert.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a plan to a folder: each request body as pretty JSON, fullchain.pem and privkey.pem, the
 * guide-style Python script (or the az command line for the extension) and a README. Files that
 * hold the private key are created owner-only from the first byte. All or nothing: when any file
 * exists and force was not given, nothing is written and the existing files are named.
 */
public final class AzureExport {
    /** Thrown when files exist and force was not given; nothing was written. */
    public static final class WouldOverwriteException extends IOException {
        private static final long serialVersionUID = 1L;
        private final List<Path> existing;

        WouldOverwriteException(List<Path> existing) {
            super((existing.size() == 1 ? existing.get(0) + " already exists" : "These files already exist: "
                    + existing) + "; nothing was written. Use --force to replace, or choose another folder.");
            this.existing = List.copyOf(existing);
        }

        public List<Path> existing() {
            return existing;
        }
    }

    /** One written file and whether it is owner-only. */
    public record Written(Path path, boolean ownerOnly) {
    }

    private AzureExport() {
    }

    public static List<Written> export(AzurePlan plan, Path dir, boolean force) throws IOException {
        Map<String, byte[]> contents = new LinkedHashMap<>();
        List<String> secret = new ArrayList<>();
        for (AzureRequest r : plan.requests()) {
            contents.put(r.fileName(), pretty(r));
            if (r.holdsKey()) {
                secret.add(r.fileName());
            }
        }
        if (plan.fullchainPem() != null) {
            contents.put(CertificateExporter.FULLCHAIN, ascii(plan.fullchainPem()));
        }
        if (plan.privkeyPem() != null) {
            contents.put(CertificateExporter.PRIVKEY, ascii(plan.privkeyPem()));
            secret.add(CertificateExporter.PRIVKEY);
        }
        String python = AzureScripts.python(plan);
        if (python != null) {
            contents.put(AzureScripts.PYTHON, python.getBytes(StandardCharsets.UTF_8));
        }
        if (plan.azCommand() != null) {
            contents.put(AzureScripts.AZ_COMMAND, plan.azCommand().getBytes(StandardCharsets.UTF_8));
        }
        List<String> names = new ArrayList<>(contents.keySet());
        names.add(AzureScripts.README);
        contents.put(AzureScripts.README, AzureScripts.readme(plan, names, secret).getBytes(StandardCharsets.UTF_8));
        List<Path> existing = SecureFiles.existing(names.stream().map(dir::resolve).toList());
        if (!force && !existing.isEmpty()) {
            throw new WouldOverwriteException(existing);
        }
        List<Written> written = new ArrayList<>();
        try {
            for (Map.Entry<String, byte[]> e : contents.entrySet()) {
                boolean ownerOnly = secret.contains(e.getKey());
                Path file = dir.resolve(e.getKey());
                SecureFiles.write(file, e.getValue(), ownerOnly, force);
                written.add(new Written(file, ownerOnly));
            }
        } catch (FileAlreadyExistsException e) {
            throw new WouldOverwriteException(List.of(Path.of(e.getFile())));
        }
        return written;
    }

    /** The body as the file holds it: pretty JSON ending in a newline. */
    static byte[] pretty(AzureRequest request) {
        try {
            return (AzureRequests.JSON.writer().with(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(request.body()) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package com.securescore.ui.certificate;

import com.securescore.cert.CertificateService;
import com.securescore.cert.Certificates;
import com.securescore.cert.Material;
import com.securescore.cert.Source;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * The file that holds a private root the user already gave, so it can be trusted without asking for it
 * again: clients (the scoring console, a deployment's CA file) need the root as a file of its own.
 */
record TrustedRootFile(Path path, boolean written) {
    /**
     * The first of {@code candidates} that holds exactly {@code root} and nothing else; otherwise a PEM
     * file of it, named after it, beside the first candidate (or in a folder of its own for pasted text).
     * An existing file of that name is reused when it holds the same root, never replaced.
     */
    static TrustedRootFile find(CertificateService service, X509Certificate root, List<Path> candidates)
            throws IOException {
        for (Path p : candidates) {
            Material m = service.read(List.of(Source.file(p)), null, null);
            if (m.keys().isEmpty() && m.certificates().equals(List.of(root))) {
                return new TrustedRootFile(p, false);
            }
        }
        Path dir = candidates.isEmpty() ? Files.createTempDirectory("securescore-root")
                : candidates.get(0).toAbsolutePath().getParent();
        if (!Files.isWritable(dir)) {
            dir = Files.createTempDirectory("securescore-root");
        }
        String base = Certificates.name(root).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
        base = base.isEmpty() ? "private-root" : base;
        String pem = pem(root);
        for (int n = 1; ; n++) {
            Path file = dir.resolve(base + (n == 1 ? "" : "-" + n) + ".pem");
            if (!Files.exists(file)) {
                Files.writeString(file, pem, StandardCharsets.US_ASCII);
                return new TrustedRootFile(file, true);
            }
            if (Arrays.equals(Files.readAllBytes(file), pem.getBytes(StandardCharsets.US_ASCII))) {
                return new TrustedRootFile(file, false);
            }
        }
    }

    private static String pem(X509Certificate c) throws IOException {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(c.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (CertificateEncodingException e) {
            throw new IOException("the root cannot be encoded", e);
        }
    }
}

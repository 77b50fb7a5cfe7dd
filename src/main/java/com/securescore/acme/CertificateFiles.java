package com.securescore.acme;

import com.securescore.cert.CertificateExporter;
import com.securescore.cert.SecureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code fullchain.pem} (public) and {@code privkey.pem} (owner-only) in the output folder, as certbot
 * names them. Earlier files are never overwritten: they are renamed to the next free
 * {@code fullchain.pem.N} / {@code privkey.pem.N} (the same N for both) first.
 */
final class CertificateFiles {
    private CertificateFiles() {
    }

    /** Writes the new pair; returns the earlier files' new names. */
    static List<Path> write(Path dir, List<X509Certificate> chain, PrivateKey key) throws IOException {
        Path fullchain = dir.resolve(CertificateExporter.FULLCHAIN);
        Path privkey = dir.resolve(CertificateExporter.PRIVKEY);
        List<Path> kept = new ArrayList<>();
        if (Files.exists(fullchain) || Files.exists(privkey)) {
            int n = 1;
            while (Files.exists(suffixed(fullchain, n)) || Files.exists(suffixed(privkey, n))) {
                n++;
            }
            for (Path p : List.of(fullchain, privkey)) {
                if (Files.exists(p)) {
                    Path to = suffixed(p, n);
                    Files.move(p, to);
                    kept.add(to);
                }
            }
        }
        SecureFiles.write(privkey, CertificateExporter.privateKeyPem(key).getBytes(StandardCharsets.US_ASCII), true,
                false);
        SecureFiles.write(fullchain, CertificateExporter.pem(chain.toArray()).getBytes(StandardCharsets.US_ASCII),
                false, false);
        return kept;
    }

    private static Path suffixed(Path p, int n) {
        return p.resolveSibling(p.getFileName() + "." + n);
    }

    /** The leaf certificate of {@code dir/fullchain.pem}, if there is a readable one. */
    static Optional<X509Certificate> leaf(Path dir) {
        Path fullchain = dir.resolve(CertificateExporter.FULLCHAIN);
        if (!Files.isRegularFile(fullchain)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(fullchain)) {
            return CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).findFirst();
        } catch (IOException | CertificateException e) {
            return Optional.empty();
        }
    }
}

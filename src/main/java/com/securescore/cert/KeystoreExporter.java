package com.securescore.cert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

/**
 * Writes the checked chain and key as one keystore for Java servers (Tomcat, Spring Boot, Kafka).
 * PKCS#12 unless asked otherwise: the JDK's default keystore type since 9, and its "JKS" type
 * reads PKCS#12 files too, so servers configured with {@code keystoreType=JKS} still load it.
 * The key entry has the store's password, which is what those servers assume when no key
 * password is configured. Owner-only; never overwrites without force.
 */
public final class KeystoreExporter {
    /** The keystore types that can be written. */
    public enum Type {
        PKCS12, JKS, JCEKS;

        public static Type parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param alias the key entry's name; null for the leaf's first DNS name that is not a wildcard, else "securescore"
     */
    public record Options(Type type, char[] password, String alias, boolean force, boolean keepCrossSigned) {
    }

    /** The alias used when none is given. */
    public static String defaultAlias(X509Certificate leaf) {
        return Certificates.dnsNames(leaf).stream().filter(n -> !n.startsWith("*")).findFirst()
                .map(n -> n.toLowerCase(Locale.ROOT)).orElse("securescore");
    }

    /** Writes {@code file}; returns the alias the key was stored under. */
    public String export(CheckReport report, Path file, Options options) throws IOException {
        if (report.leaf() == null || report.key() == null) {
            throw new IllegalArgumentException("No certificate with its matching private key to export");
        }
        if (options.password() == null || options.password().length == 0) {
            throw new IllegalArgumentException("A keystore needs a password");
        }
        if (!options.force() && !SecureFiles.existing(List.of(file)).isEmpty()) {
            throw new CertificateExporter.WouldOverwriteException(List.of(file));
        }
        String alias = options.alias() != null ? options.alias() : defaultAlias(report.leaf());
        List<X509Certificate> chain = options.keepCrossSigned() ? report.serverChainWithCrossSigned()
                : report.serverChain();
        byte[] bytes;
        try {
            KeyStore ks = KeyStore.getInstance(options.type().name());
            ks.load(null, null);
            ks.setKeyEntry(alias, report.key(), options.password(), chain.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, options.password());
            bytes = out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not build the keystore: " + e.getMessage(), e);
        }
        try {
            SecureFiles.write(file, bytes, true, options.force());
        } catch (FileAlreadyExistsException e) {
            throw new CertificateExporter.WouldOverwriteException(List.of(file));
        }
        return alias;
    }
}

package com.securescore.cert;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * Writes exactly the files each target needs from a checked certificate set: fullchain.pem (leaf
 * first, intermediates in order up to the trust anchor, no root, nothing past the anchor unless
 * asked), privkey.pem (unencrypted PKCS#8, owner-only), and on
 * request bundle.pfx and a Kubernetes TLS secret. Writes all or nothing: if any target exists and
 * overwriting was not asked for, no file is touched.
 */
public final class CertificateExporter {
    public static final String FULLCHAIN = "fullchain.pem";
    public static final String PRIVKEY = "privkey.pem";
    public static final String PFX = "bundle.pfx";
    public static final String K8S_SECRET = "tls-secret.yaml";

    /**
     * @param pfxPassword  write bundle.pfx protected by this password, or null for none
     * @param secretName   write tls-secret.yaml with this Secret name, or null for none
     */
    /**
     * @param keepCrossSigned also send the cross-signed certificates past the trust anchor, for
     *                        servers that must still reach clients that trust only an older root
     */
    public record Options(char[] pfxPassword, String secretName, boolean force, boolean keepCrossSigned) {
        public Options(char[] pfxPassword, String secretName, boolean force) {
            this(pfxPassword, secretName, force, false);
        }
    }

    /** Thrown when files exist and force was not given; names them. */
    public static final class WouldOverwriteException extends IOException {
        private static final long serialVersionUID = 1L;
        private final List<Path> existing;

        WouldOverwriteException(List<Path> existing) {
            super("Not overwriting " + existing + "; nothing was written.");
            this.existing = List.copyOf(existing);
        }

        public List<Path> existing() {
            return existing;
        }
    }

    private static final Pattern K8S_NAME =
            Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    /** Why {@code name} cannot be a Kubernetes Secret name, or null when it can. */
    public static String secretNameProblem(String name) {
        return K8S_NAME.matcher(name).matches() ? null : "\"" + name + "\" is not a valid Kubernetes Secret name: "
                + "use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit.";
    }

    /**
     * Writes the files into {@code dir} and returns them, in the order written.
     *
     * @throws IllegalArgumentException when there is nothing to export or the Secret name is invalid
     */
    public List<Path> export(CheckReport report, Path dir, Options options) throws IOException {
        if (options.secretName() != null && secretNameProblem(options.secretName()) != null) {
            throw new IllegalArgumentException(secretNameProblem(options.secretName()));
        }
        if (report.leaf() == null) {
            throw new IllegalArgumentException("No certificate to export");
        }
        if (report.key() == null) {
            throw new IllegalArgumentException("No private key that matches the certificate");
        }
        List<Path> targets = new ArrayList<>(List.of(dir.resolve(FULLCHAIN), dir.resolve(PRIVKEY)));
        if (options.pfxPassword() != null) {
            targets.add(dir.resolve(PFX));
        }
        if (options.secretName() != null) {
            targets.add(dir.resolve(K8S_SECRET));
        }
        List<Path> existing = SecureFiles.existing(targets);
        if (!options.force() && !existing.isEmpty()) {
            throw new WouldOverwriteException(existing);
        }
        List<X509Certificate> chain = options.keepCrossSigned() ? report.serverChainWithCrossSigned()
                : report.serverChain();
        String fullchain = pem(chain.toArray());
        String privkey = privateKeyPem(report.key());
        try {
            SecureFiles.write(targets.get(0), fullchain.getBytes(StandardCharsets.US_ASCII), false, options.force());
            SecureFiles.write(targets.get(1), privkey.getBytes(StandardCharsets.US_ASCII), true, options.force());
            if (options.pfxPassword() != null) {
                SecureFiles.write(dir.resolve(PFX), pkcs12(report.key(), chain, options.pfxPassword()), true,
                        options.force());
            }
            if (options.secretName() != null) {
                SecureFiles.write(dir.resolve(K8S_SECRET), kubernetesSecret(options.secretName(), fullchain, privkey)
                        .getBytes(StandardCharsets.UTF_8), true, options.force());
            }
        } catch (FileAlreadyExistsException e) {
            throw new WouldOverwriteException(List.of(Path.of(e.getFile())));
        }
        return targets;
    }

    public static String pem(Object... objects) {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sw.toString();
    }

    /** Unencrypted PKCS#8 ("BEGIN PRIVATE KEY"), the form every target reads. */
    public static String privateKeyPem(PrivateKey key) {
        try {
            return pem(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pkcs12(PrivateKey key, List<X509Certificate> chain, char[] password) throws IOException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("securescore", key, password, chain.toArray(new Certificate[0]));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ks.store(out, password);
            return out.toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IOException("Could not build the PKCS#12 bundle: " + e.getMessage(), e);
        }
    }

    static String kubernetesSecret(String name, String fullchain, String privkey) {
        Base64.Encoder b64 = Base64.getEncoder();
        return "apiVersion: v1\n"
                + "kind: Secret\n"
                + "metadata:\n"
                + "  name: " + name + "\n"
                + "type: kubernetes.io/tls\n"
                + "data:\n"
                + "  tls.crt: " + b64.encodeToString(fullchain.getBytes(StandardCharsets.US_ASCII)) + "\n"
                + "  tls.key: " + b64.encodeToString(privkey.getBytes(StandardCharsets.US_ASCII)) + "\n";
    }
}

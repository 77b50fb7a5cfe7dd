package com.securescore.cli;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.ReadOptions;
import com.securescore.cert.Source;
import com.securescore.deploy.CertificateFileSet;
import com.securescore.deploy.CertificateWatch;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The certificate options commands share (as a picocli mixin), and the one way they are read and checked. */
final class CertificateInputs {
    @Option(names = "--cert", required = true, paramLabel = "FILE", descriptionKey = "cert",
            description = "Certificate chain (any form: PEM, DER, .pfx, .p7b; may also hold the key). Repeatable, "
                    + "e.g. --cert cert.pem --cert chain.pem.")
    List<Path> certs;

    @Option(names = "--key", paramLabel = "FILE", description = "Private key file, if not inside --cert.")
    Path key;

    @Option(names = "--key-password-file", paramLabel = "FILE", descriptionKey = "key-password-file",
            description = "File holding the password of an encrypted key, a .pfx or a .jks (or set "
                    + "SECURESCORE_KEY_PASSWORD).")
    Path passwordFile;

    @Mixin
    KeystoreOptions keystore = new KeystoreOptions();

    @Option(names = "--trust", paramLabel = "FILE", descriptionKey = "trust",
            description = "A private root CA the chain ends at (clients get it too). Repeatable.")
    List<Path> trust = new ArrayList<>();

    /** Reads and checks the files for {@code domain}; the password is wiped after use. */
    CheckReport check(String domain) throws IOException {
        ReadOptions unlock = unlock();
        try {
            return files(unlock).check(domain);
        } finally {
            unlock.wipe();
        }
    }

    /** The passwords and key entry the files are opened with. */
    ReadOptions unlock() throws IOException {
        return keystore.read(passwordFile);
    }

    /** The files, opened with {@code unlock}. */
    CertificateFileSet files(ReadOptions unlock) {
        return CertificateFileSet.of(certs, key, unlock, trust);
    }

    /**
     * Watches the files of a running service: a renewal written into them (securescore acme renew,
     * certbot) is checked and, when clean, handed to {@code use}; what happened is one line on {@code log}.
     */
    CertificateWatch watch(String domain, ReadOptions unlock, Consumer<CheckReport> use, PrintWriter log,
            Duration every) {
        return files(unlock).watch(domain, use, line -> {
            log.println(line);
            log.flush();
        }, every);
    }

    List<Source> certSources() throws IOException {
        return sources(certs);
    }

    /** The --key file, or null when the key is inside --cert. */
    Source keySource() throws IOException {
        return key == null ? null : Source.file(key);
    }

    List<Source> trustSources() throws IOException {
        return sources(trust);
    }

    /** Each file read as a {@link Source}: the one loop from paths to what the certificate service reads. */
    static List<Source> sources(List<Path> files) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (Path p : files) {
            sources.add(Source.file(p));
        }
        return sources;
    }

    /** The certificates of the --trust files: private roots a deployment hands on with the chain. */
    List<X509Certificate> privateRoots() throws IOException {
        return new CertificateService().read(trustSources(), null, null).certificates();
    }
}

package com.securescore.deploy;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Material;
import com.securescore.cert.ReadOptions;
import com.securescore.cert.Source;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The files a certificate was read from and how they were read, so that a renewal written into the
 * same files (by {@code securescore acme renew} or certbot) is read exactly as the first time: the
 * same certificate and key files, the same passwords and key entry, the issuers added by hand
 * (from files, or fetched and held in memory) and the same trusted roots. Repairs made in memory
 * (reordering, dropping the root) are not replayed: a renewal that needs them again has errors and
 * is not served.
 *
 * @param certificates files holding the certificates (and possibly the key)
 * @param key          a separate key file, or null
 * @param unlock       what opens encrypted keys and keystores
 * @param issuerFiles  issuer certificates added from files
 * @param heldIssuers  issuer certificates added without a file (fetched from the CA)
 * @param trust        trusted roots a private chain ends at
 */
public record CertificateFileSet(List<Path> certificates, Path key, ReadOptions unlock, List<Path> issuerFiles,
        List<X509Certificate> heldIssuers, List<Path> trust) {
    public CertificateFileSet {
        certificates = List.copyOf(certificates);
        unlock = unlock == null ? ReadOptions.NONE : unlock;
        issuerFiles = List.copyOf(issuerFiles);
        heldIssuers = List.copyOf(heldIssuers);
        trust = List.copyOf(trust);
    }

    /** Certificate files, an optional key file and trusted roots, read with {@code unlock}: what the CLI takes. */
    public static CertificateFileSet of(List<Path> certificates, Path key, ReadOptions unlock, List<Path> trust) {
        return new CertificateFileSet(certificates, key, unlock, List.of(), List.of(), trust);
    }

    /** Every file the certificate depends on: a change to any of them may be a renewal. */
    public List<Path> files() {
        List<Path> all = new ArrayList<>(certificates);
        if (key != null) {
            all.add(key);
        }
        all.addAll(issuerFiles);
        all.addAll(trust);
        return all;
    }

    /** Reads the files (and the issuers added) into one set of material. */
    public Material read() throws IOException {
        CertificateService service = new CertificateService();
        List<Source> issuers = new ArrayList<>();
        for (Path p : issuerFiles) {
            issuers.add(Source.file(p));
        }
        Material m = service.readWith(sources(certificates), key == null ? null : Source.file(key), unlock);
        if (!issuers.isEmpty()) {
            m = m.plus(service.read(issuers, null, null));
        }
        if (!heldIssuers.isEmpty()) {
            m = m.plus(Material.of(heldIssuers, "added issuer"));
        }
        return m;
    }

    /** Checks material read from these files for {@code domain}, against the trusted roots. */
    public CheckReport check(String domain, Material material) throws IOException {
        return new CertificateService().check(domain, material, sources(trust));
    }

    /** Reads and checks the files for {@code domain}, as at the start. */
    public CheckReport check(String domain) throws IOException {
        return check(domain, read());
    }

    /**
     * Watches these files: a clean renewal goes to {@code use}, one line per change to {@code log}
     * (see {@link CertificateWatch}).
     */
    public CertificateWatch watch(String domain, Consumer<CheckReport> use, Consumer<String> log, Duration every) {
        return CertificateWatch.start(files(), () -> check(domain), use, log, every);
    }

    private static List<Source> sources(List<Path> files) throws IOException {
        List<Source> out = new ArrayList<>();
        for (Path p : files) {
            out.add(Source.file(p));
        }
        return out;
    }
}

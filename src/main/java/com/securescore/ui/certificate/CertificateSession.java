package com.securescore.ui.certificate;

import com.securescore.cert.CheckReport;
import com.securescore.cert.Material;
import com.securescore.cert.ReadOptions;
import com.securescore.cert.Source;
import com.securescore.deploy.CertificateFileSet;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One way of getting the certificate (import, development, ACME): the files it read, the passwords
 * typed for them, what was read and added, and what the step showed for it. Each way has its own
 * session, kept while the user looks at another; switching ways swaps which session is current.
 */
final class CertificateSession {
    /**
     * A certificate a repair added: from a file (read again when the files are renewed) or fetched
     * (kept in memory); {@code label} is what "Using:" shows.
     */
    record Added(String label, Path file, List<X509Certificate> certificates) {
    }

    /** What the step showed for this way when the user left it, shown again when they return. */
    record Shown(CheckReport report, String status, boolean needsPassword, String passwordPrompt,
            List<String> aliasChoices, Path trustPath, Path certificatePath, Path keyPath, String written) {
        static final Shown NOTHING = new Shown(null, "", false, CertificateStepViewModel.STORE_PROMPT, List.of(),
                null, null, null, "");
    }

    List<Source> certificateSources = List.of();
    /** The files {@link #certificateSources} were read from; empty for pasted text. */
    List<Path> certificateFiles = List.of();
    Source keySource;
    /** The file {@link #keySource} was read from, or null. */
    Path keyFile;
    char[] password;
    /** A keystore key entry's own password, when it differs from the store password. */
    char[] keyPassword;
    boolean askingKeyPassword;
    String alias;
    Material material;
    /**
     * Every certificate read or added since the files were chosen, before any repair: what a repair
     * dropped stays dropped when the files are read again (a password typed, a key entry chosen).
     */
    List<X509Certificate> everRead = List.of();
    /** Certificates added by a repair (an issuer from a file or fetched), for "Using:". */
    List<Added> added = List.of();
    Shown shown = Shown.NOTHING;

    /** Files just read: the keystore choices, repairs and additions made for the old ones no longer apply. */
    void newFiles(List<Source> sources, Source key, List<Path> files, Path keyPath, List<Added> issuers) {
        certificateSources = List.copyOf(sources);
        keySource = key;
        certificateFiles = List.copyOf(files);
        keyFile = keyPath;
        wipe(keyPassword);
        keyPassword = null;
        askingKeyPassword = false;
        alias = null;
        added = List.copyOf(issuers);
        material = null;
        everRead = List.of();
    }

    /** Takes {@code typed} (copied) as the password asked for now; the one it replaces is wiped. */
    void usePassword(char[] typed) {
        char[] copy = typed == null ? null : typed.clone();
        if (askingKeyPassword) {
            wipe(keyPassword);
            keyPassword = copy;
        } else {
            wipe(password);
            password = copy;
        }
    }

    /** The passwords and key entry to read with, as copies the reader wipes. */
    ReadOptions readOptions() {
        return new ReadOptions(password == null ? null : password.clone(),
                keyPassword == null ? null : keyPassword.clone(), alias);
    }

    /** {@code read} is now the material; what it holds is remembered as read. */
    void read(Material read) {
        material = read;
        List<X509Certificate> all = new ArrayList<>(everRead);
        read.certificates().stream().filter(c -> !all.contains(c)).forEach(all::add);
        everRead = List.copyOf(all);
    }

    void add(Added what) {
        List<Added> now = new ArrayList<>(added);
        now.add(what);
        added = List.copyOf(now);
    }

    /** The files repairs added, in order. */
    List<Path> addedFiles() {
        return added.stream().map(Added::file).filter(Objects::nonNull).toList();
    }

    /** Whether the last reading found a certificate in {@code s}; a source never read counts as holding one. */
    boolean holdsCertificate(Source s) {
        if (material == null) {
            return true;
        }
        return material.certificates().stream().map(material::originOf)
                .anyMatch(o -> o.equals(s.name()) || o.equals(s.shortName()));
    }

    /** The names of what was given, certificates then key, as "Using:" starts. */
    List<String> givenNames() {
        List<String> names = new ArrayList<>();
        certificateSources.forEach(s -> names.add(s.shortName()));
        if (keySource != null) {
            names.add(keySource.shortName());
        }
        return names;
    }

    /**
     * The files the certificate was read from, how, and what was added and {@code trust}ed, so a
     * running service reads a renewal of them the same way; null for pasted text.
     */
    CertificateFileSet fileSet(Path trust) {
        if (certificateFiles.isEmpty()) {
            return null;
        }
        List<X509Certificate> held = new ArrayList<>();
        added.forEach(a -> held.addAll(a.certificates()));
        return new CertificateFileSet(certificateFiles, keyFile, readOptions(), addedFiles(), held,
                trust == null ? List.of() : List.of(trust));
    }

    static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}

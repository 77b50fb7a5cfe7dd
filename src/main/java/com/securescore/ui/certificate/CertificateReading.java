package com.securescore.ui.certificate;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Material;
import com.securescore.cert.ReadOptions;
import com.securescore.cert.Source;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.resume.SavedFile;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.certificate.CertificateSession.Added;
import com.securescore.ui.wizard.WizardState;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The reading and checking of the Certificate step: which files are read in which role, the check of
 * what they hold, and "Using:"; a resumed run's saved files are read again here too.
 */
final class CertificateReading {
    /** What a reading in the background found: the certificate sources and the key's, if any. */
    private record Loaded(List<Source> certificates, Source key) {
    }

    /** What a check in the background found: the material checked and its report. */
    private record Checked(Material material, CheckReport report) {
    }

    interface SourcesLoader {
        List<Source> load() throws IOException;
    }

    interface SourceLoader {
        Source load() throws IOException;
    }

    private final WizardState state;
    private final BackgroundRunner runner;
    private final CertificateService service;
    private final CertificateScreen screen;
    private final Supplier<CertificateSession> session;
    private final RevocationViewModel revocation;
    private CertificateRepairing repairing;
    /** The files being read are a resumed run's saved ones (not ones the person just chose). */
    private boolean fromSavedRun;
    /** What a resumed run found gone or changed among its saved files, in words; null when nothing was. */
    private String savedFilesProblem;

    CertificateReading(WizardState state, BackgroundRunner runner, CertificateService service,
            CertificateScreen screen, Supplier<CertificateSession> session, RevocationViewModel revocation) {
        this.state = state;
        this.runner = runner;
        this.service = service;
        this.screen = screen;
        this.session = session;
        this.revocation = revocation;
    }

    /** The repairs, told of each check's result (to make saved ones again, to describe the last one). */
    void repairing(CertificateRepairing told) {
        repairing = told;
    }

    void useFiles(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        personChose();
        state.certificatePathProperty().set(files.get(0));
        state.keyPathProperty().set(files.size() > 1 ? files.get(1) : null);
        load(() -> sourcesOf(files), null, files, null, List.of());
    }

    private static List<Source> sourcesOf(List<Path> files) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (Path p : files) {
            sources.add(Source.file(p));
        }
        return sources;
    }

    /** Files the person gave now: what a resumed run said about its saved files no longer applies. */
    private void personChose() {
        fromSavedRun = false;
        savedFilesProblem = null;
    }

    String savedFilesProblem() {
        return savedFilesProblem;
    }

    void useKeyFile(Path key) {
        personChose();
        state.keyPathProperty().set(key);
        CertificateSession s = session.get();
        List<Source> certs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < s.certificateSources.size(); i++) {
            if (s.holdsCertificate(s.certificateSources.get(i))) {
                certs.add(s.certificateSources.get(i));
                if (i < s.certificateFiles.size()) {
                    files.add(s.certificateFiles.get(i));
                }
            }
        }
        load(() -> certs, () -> Source.file(key), files, key, List.of());
    }

    void addCertificateFiles(List<Path> more) {
        if (more.isEmpty()) {
            return;
        }
        savedFilesProblem = null;
        CertificateSession s = session.get();
        List<Path> files = new ArrayList<>(s.certificateFiles);
        files.addAll(more);
        List<Source> kept = s.certificateSources;
        Source key = s.keySource;
        load(() -> {
            List<Source> sources = new ArrayList<>(kept);
            sources.addAll(sourcesOf(more));
            return sources;
        }, key == null ? null : () -> key, files, s.keyFile, List.of());
    }

    void usePastedText(String text) {
        personChose();
        state.certificatePathProperty().set(null);
        state.keyPathProperty().set(null);
        load(() -> List.of(Source.text("pasted text", text)), null, List.of(), null, List.of());
    }

    /** Stops reading the given file at {@code index}; the others are read again. */
    void dropGiven(int index) {
        CertificateSession s = session.get();
        List<Source> kept = new ArrayList<>(s.certificateSources);
        kept.remove(index);
        List<Path> files = new ArrayList<>(s.certificateFiles);
        if (index < files.size()) {
            files.remove(index);
        }
        state.certificatePathProperty().set(files.isEmpty() ? null : files.get(0));
        Source k = s.keySource;
        load(() -> kept, k == null ? null : () -> k, files, s.keyFile, List.of());
    }

    /** Stops reading the key; the certificates are read again. */
    void dropKey() {
        CertificateSession s = session.get();
        state.keyPathProperty().set(null);
        List<Source> kept = s.certificateSources;
        load(() -> kept, null, s.certificateFiles, null, List.of());
    }

    /** Checks again after the domain changed, or reads the files a saved run was using. */
    void onEnter() {
        CertificateSession s = session.get();
        if (!s.certificateSources.isEmpty()) {
            check(s.material);
        } else if (!state.certificateInputs().isEmpty()) {
            readSavedFiles();
        } else if (state.certificatePathProperty().get() != null) {
            List<Path> files = new ArrayList<>();
            files.add(state.certificatePathProperty().get());
            if (state.keyPathProperty().get() != null) {
                files.add(state.keyPathProperty().get());
            }
            repairing.queueSaved();
            useFiles(files);
            fromSavedRun = state.resumedProperty().get();
        }
    }

    /**
     * Reads again exactly the files a saved run was using, each in its role (given together, a key chosen
     * on its own, an issuer added), and makes its repairs again. A file that is gone is said plainly and
     * nothing is read: the others alone would be checked as something they are not.
     */
    private void readSavedFiles() {
        ResumedFiles saved = ResumedFiles.of(List.copyOf(state.certificateInputs()),
                state.trustPathProperty().get());
        if (!saved.gone().isEmpty()) {
            repairing.forgetSaved();
            savedFilesProblem = saved.goneText();
            screen.status.set(savedFilesProblem);
            return;
        }
        savedFilesProblem = saved.changedText();
        List<Added> issuers = saved.issuers().stream()
                .map(f -> new Added(f.getFileName() + " (added)", f, List.of())).toList();
        repairing.queueSaved();
        fromSavedRun = state.resumedProperty().get();
        Path key = saved.key();
        load(() -> sourcesOf(saved.given()), key == null ? null : () -> Source.file(key), saved.given(), key,
                issuers);
    }

    /**
     * Reads the sources; {@code files} and {@code keyPath} are the files they come from (empty, null: pasted),
     * {@code issuers} the issuer files a saved run had added (empty for files the person chose now).
     */
    private void load(SourcesLoader certs, SourceLoader key, List<Path> files, Path keyPath, List<Added> issuers) {
        screen.busy("Reading…");
        runner.run(() -> new Loaded(certs.load(), key == null ? null : key.load()), loaded -> {
            session.get().newFiles(loaded.certificates(), loaded.key(), files, keyPath, issuers);
            revocation.forget();
            repairing.forget();
            state.repairs().clear();
            // Read just now: how each file looks is taken again.
            state.certificateInputs().clear();
            updateSourcesText();
            check(null);
        }, error -> screen.failed(error instanceof NoSuchFileException n ? "File not found: " + n.getFile()
                : error instanceof AccessDeniedException a ? "Permission denied: " + a.getFile()
                : "Could not read the file: " + error.getMessage()));
    }

    /** "chain.pem, key.pem + issuer.pem (added); trusted root: root.pem": everything the check uses. */
    void updateSourcesText() {
        recordInputs();
        CertificateSession s = session.get();
        List<String> names = s.givenNames();
        if (names.isEmpty()) {
            screen.sourcesText.set("");
            return;
        }
        StringBuilder b = new StringBuilder(String.join(", ", names));
        s.added.forEach(a -> b.append(" + ").append(a.label()));
        Path trust = state.trustPathProperty().get();
        if (trust != null) {
            b.append("; trusted root: ").append(trust.getFileName());
        }
        screen.sourcesText.set(b.toString());
    }

    /**
     * Hands on every file now read, in its role, for the resume file, with how it looked when it was read
     * (a file still in use keeps how it looked then).
     */
    private void recordInputs() {
        CertificateSession s = session.get();
        List<SavedFile> now = new ArrayList<>();
        s.certificateFiles.forEach(f -> now.add(input(f, SavedFile.Role.GIVEN)));
        if (s.keyFile != null) {
            now.add(input(s.keyFile, SavedFile.Role.KEY));
        }
        s.addedFiles().forEach(f -> now.add(input(f, SavedFile.Role.ADDED)));
        if (!now.equals(state.certificateInputs())) {
            state.certificateInputs().setAll(now);
        }
    }

    private SavedFile input(Path file, SavedFile.Role role) {
        return state.certificateInputs().stream().filter(f -> f.role() == role && f.path().equals(file.toString()))
                .findFirst().orElseGet(() -> SavedFile.of(file, role));
    }

    /** Checks {@code repaired} material, or reads the sources again when null. */
    void check(Material repaired) {
        String domain = state.getDomain() == null ? "" : state.getDomain();
        List<Source> trust = trustSources();
        CertificateSession s = session.get();
        List<Source> certs = s.certificateSources;
        Source key = s.keySource;
        ReadOptions options = s.readOptions();
        List<Added> extra = s.added;
        Material before = s.material;
        List<X509Certificate> seen = s.everRead;
        screen.busy("Checking…");
        runner.run(() -> {
            try {
                Material m = repaired != null ? repaired
                        : keepRepairs(readWithAdded(certs, key, options, extra), before, seen);
                return new Checked(m, service.check(domain, m, trust));
            } finally {
                CertificateSession.wipe(options.password());
                CertificateSession.wipe(options.keyPassword());
            }
        }, this::checked, error -> {
            repairing.checkFailed();
            screen.failed("The check failed: " + error.getMessage());
        });
    }

    private void checked(Checked done) {
        CertificateSession s = session.get();
        s.read(done.material());
        CheckReport r = done.report();
        if (repairing.replay(r)) {
            return;
        }
        screen.needsPassword.set(r.has(FindingCode.KEY_ENCRYPTED) || r.has(FindingCode.KEY_PASSWORD_WRONG));
        s.askingKeyPassword = s.material.keyPasswordAlias() != null
                || (s.keyPassword != null && r.has(FindingCode.KEY_PASSWORD_WRONG));
        String entryName = s.material.keyPasswordAlias() != null ? s.material.keyPasswordAlias() : s.alias;
        screen.passwordPrompt.set(s.askingKeyPassword ? "The key entry \"" + entryName
                + "\" has a password of its own:" : fromSavedRun && r.has(FindingCode.KEY_ENCRYPTED)
                ? CertificateStepViewModel.RESUME_PROMPT : CertificateStepViewModel.STORE_PROMPT);
        screen.aliasChoices(s.material.aliasChoices());
        if (repairing.pending()) {
            revocation.forget(); // a repair: the answer was about the chain before it
        }
        revocation.follow(r);
        screen.status.set(statusFor(r));
        screen.busy.set(false);
        // After busy: whoever is told of the change may act on it (focus Undo) at once.
        repairing.checked();
        // The report last: whoever watches it sees a status and busy state that already match it.
        showReport(r);
    }

    /** The sources read again, with what repairs added (issuer files read again, fetched ones as kept). */
    private Material readWithAdded(List<Source> certs, Source key, ReadOptions options, List<Added> extra)
            throws IOException {
        Material m = service.readWith(certs, key, options);
        for (Added a : extra) {
            m = m.plus(a.file() != null ? service.read(List.of(Source.file(a.file())), null, null)
                    : Material.of(a.certificates(), a.label()));
        }
        return m;
    }

    /**
     * {@code fresh} in the order the repairs left {@code before} in, without what they dropped; what the
     * new reading found for the first time (a bundle's certificates once unlocked) comes after.
     */
    private static Material keepRepairs(Material fresh, Material before, List<X509Certificate> seen) {
        if (before == null) {
            return fresh;
        }
        List<X509Certificate> now = fresh.certificates();
        List<X509Certificate> order = new ArrayList<>(before.certificates().stream().filter(now::contains).toList());
        now.stream().filter(c -> !seen.contains(c) && !order.contains(c)).forEach(order::add);
        return order.equals(now) ? fresh : fresh.withCertificates(order);
    }

    /**
     * Shows a check's result. Where the certificate came from is handed on first, and every time: a
     * report equal to the last one (the same certificate from other files) changes no property.
     */
    void showReport(CheckReport r) {
        revocation.follow(r);
        state.certificateFilesProperty().set(r != null && r.ok()
                ? session.get().fileSet(state.trustPathProperty().get()) : null);
        screen.report.set(r);
    }

    private List<Source> trustSources() {
        Path trust = state.trustPathProperty().get();
        if (trust == null) {
            return List.of();
        }
        try {
            return List.of(Source.file(trust));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** As {@link #summary}, "Not ready" too when the CA said the certificate is revoked. */
    String statusFor(CheckReport r) {
        return revocation.revoked().get() ? "Not ready to deploy for " + r.domain() + "." : summary(r);
    }

    static String summary(CheckReport r) {
        long errors = r.findings().stream().filter(Finding::isError).count();
        if (errors == 0) {
            return "Ready: the certificate can be deployed for " + r.domain() + ".";
        }
        // The count and "must be fixed" are the findings' own heading, just below.
        return "Not ready to deploy for " + r.domain() + ".";
    }
}

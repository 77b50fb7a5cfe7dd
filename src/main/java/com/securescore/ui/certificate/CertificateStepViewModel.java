package com.securescore.ui.certificate;

import com.securescore.acme.AcmeService;
import com.securescore.cert.CertificateExporter;
import com.securescore.cert.CertificateRepairs;
import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.DevelopmentCertificates;
import com.securescore.cert.Material;
import com.securescore.cert.ReadOptions;
import com.securescore.cert.Source;
import com.securescore.deploy.CertificateFileSet;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.resume.SavedFile;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Certificate step: which files (or pasted text) the user gave, the password when one is
 * needed, the latest check, and the repairs and exports on offer. Reading and checking run in the
 * background through a {@link BackgroundRunner}; tests pass a direct one.
 */
public final class CertificateStepViewModel {
    /**
     * A repair the current report allows, with the label its button shows and the finding it fixes (its
     * button sits in that finding's card).
     */
    public enum Repair {
        PUT_IN_ORDER("Put in order", FindingCode.CHAIN_ORDER),
        DROP_ROOT("Drop the root", FindingCode.ROOT_INCLUDED),
        DROP_STRANGERS("Drop unrelated certificates", FindingCode.CHAIN_EXTRA_CERT),
        DROP_PAST_ANCHOR("Drop what is past the trusted root", FindingCode.CHAIN_PAST_ANCHOR),
        FETCH_ISSUER("Fetch the missing issuer…", FindingCode.CHAIN_INCOMPLETE),
        ADD_ISSUER_FILE("Choose the issuer's file…", FindingCode.CHAIN_INCOMPLETE),
        /** Trusts the self-signed root the chain already ends at: no file is asked for again. */
        TRUST_ROOT("Trust this root", FindingCode.UNTRUSTED_ROOT);

        private final String label;
        private final FindingCode fixes;

        Repair(String label, FindingCode fixes) {
            this.label = label;
            this.fixes = fixes;
        }

        public String label() {
            return label;
        }

        public FindingCode fixes() {
            return fixes;
        }
    }

    /** Where the certificate comes from; each way keeps its own files, findings and trusted root. */
    public enum Mode {
        IMPORT, DEVELOPMENT, ACME
    }

    /** One way's state, kept while the user looks at another. */
    private record Stash(List<Source> certificateSources, Source keySource, char[] password, char[] keyPassword,
            boolean askingKeyPassword, String alias, Material material, CheckReport report, String status,
            List<Added> added, boolean needsPassword, String passwordPrompt, List<String> aliasChoices,
            String trustPath, String certificatePath, String keyPath, String written, List<Path> certificateFiles,
            Path keyFile) {
    }

    /**
     * A certificate a repair added: from a file (read again when the files are renewed) or fetched
     * (kept in memory); {@code label} is what "Using:" shows.
     */
    private record Added(String label, Path file, List<X509Certificate> certificates) {
    }

    private Mode mode = Mode.IMPORT;
    private final java.util.Map<Mode, Stash> stashed = new java.util.EnumMap<>(Mode.class);
    /** Certificates added by a repair (an issuer from a file or fetched), for "Using:". */
    private List<Added> added = List.of();
    private final StringProperty written = new SimpleStringProperty("");

    /** What a repair changed from: the certificates, what was added, and the trusted root. */
    private record Before(Material material, List<Added> added, String trustPath, int repairs) {
    }

    private final java.util.Deque<Before> undo = new java.util.ArrayDeque<>();
    /** The repair whose check is under way, to describe once it is done. */
    private Before pending;
    private final StringProperty lastChange = new SimpleStringProperty("");
    private final BooleanProperty canUndo = new SimpleBooleanProperty(false);

    private final WizardState state;
    private final BackgroundRunner runner;
    private final CertificateService service = new CertificateService();
    private final CertificateRepairs repairs;

    private List<Source> certificateSources = List.of();
    /** The files {@link #certificateSources} were read from; empty for pasted text. */
    private List<Path> certificateFiles = List.of();
    /** The file {@link #keySource} was read from, or null. */
    private Path keyFile;
    private Source keySource;
    private char[] password;
    /** A keystore key entry's own password, when it differs from the store password. */
    private char[] keyPassword;
    private boolean askingKeyPassword;
    private String alias;
    private Material material;
    /**
     * Every certificate read or added since the files were chosen, before any repair: what a repair
     * dropped stays dropped when the files are read again (a password typed, a key entry chosen).
     */
    private List<X509Certificate> everRead = List.of();
    /** Said once a trusted root is in use: the file written for it, when SecureScore wrote one. */
    private String trustNote;

    private final ObjectProperty<CheckReport> report = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty sourcesText = new SimpleStringProperty("");
    private final BooleanProperty needsPassword = new SimpleBooleanProperty(false);
    private final StringProperty passwordPrompt = new SimpleStringProperty(STORE_PROMPT);
    private final ObservableList<String> aliasChoices = FXCollections.observableArrayList();
    private final BooleanProperty needsAlias = new SimpleBooleanProperty(false);
    static final String STORE_PROMPT = "This key is protected by a password:";
    /** The prompt when a resumed run reads an encrypted key again: its password is never saved. */
    static final String RESUME_PROMPT = "Your key file is encrypted; type its password to continue where you left off:";
    /** Repairs accepted before a restart, made again in order once the saved files are read. */
    private final List<Repair> replay = new ArrayList<>();
    /** The files being read are a resumed run's saved ones (not ones the person just chose). */
    private boolean fromSavedRun;
    /** What a resumed run found gone or changed among its saved files, in words; null when nothing was. */
    private String savedFilesProblem;
    private final BooleanBinding canAdvance;
    private final RevocationViewModel revocation;

    public CertificateStepViewModel(WizardState state, BackgroundRunner runner, CertificateRepairs repairs) {
        this.state = state;
        this.runner = runner;
        this.repairs = repairs;
        revocation = new RevocationViewModel(runner, busy);
        canAdvance = Bindings.createBooleanBinding(() -> !busy.get() && report.get() != null && report.get().ok()
                && !revocation.revoked().get(), busy, report, revocation.revoked());
        report.addListener((obs, old, now) -> handOn());
        revocation.revoked().addListener((obs, old, now) -> handOn());
        // The CA's answer came (or went): the status line says whether the step can go on.
        revocation.answerProperty().addListener((obs, old, now) -> {
            if (!busy.get() && report.get() != null) {
                status.set(statusFor(report.get()));
            }
        });
    }

    /** The checked certificate goes on to the later steps only when nothing blocks it, revocation included. */
    private void handOn() {
        CheckReport now = report.get();
        state.certificateProperty().set(now != null && now.ok() && !revocation.revoked().get() ? now : null);
    }

    /** The revocation check the user may ask for, once a certificate and key were read. */
    public RevocationViewModel revocation() {
        return revocation;
    }

    /**
     * Shows another way of getting the certificate. What the current way has (files, password, findings,
     * trusted root) is put aside and comes back when the user returns to it; the other way starts from
     * what it had, or from nothing, so no finding or "Ready" is shown for files it did not make.
     */
    public void switchTo(Mode next) {
        if (next == mode || busy.get()) {
            return;
        }
        stashed.put(mode, new Stash(certificateSources, keySource, password, keyPassword, askingKeyPassword, alias,
                material, report.get(), status.get(), added, needsPassword.get(), passwordPrompt.get(),
                List.copyOf(aliasChoices), state.trustPathProperty().get(), state.certificatePathProperty().get(),
                state.keyPathProperty().get(), written.get(), certificateFiles, keyFile));
        Stash back = stashed.remove(next);
        mode = next;
        forgetRepairs();
        if (back == null) {
            back = new Stash(List.of(), null, null, null, false, null, null, null, "", List.of(), false, STORE_PROMPT,
                    List.of(), null, null, null, "", List.of(), null);
        }
        certificateSources = back.certificateSources();
        certificateFiles = back.certificateFiles();
        keyFile = back.keyFile();
        keySource = back.keySource();
        password = back.password();
        keyPassword = back.keyPassword();
        askingKeyPassword = back.askingKeyPassword();
        alias = back.alias();
        material = back.material();
        added = back.added();
        needsPassword.set(back.needsPassword());
        passwordPrompt.set(back.passwordPrompt());
        aliasChoices.setAll(back.aliasChoices());
        needsAlias.set(!aliasChoices.isEmpty());
        state.trustPathProperty().set(back.trustPath());
        state.certificatePathProperty().set(back.certificatePath());
        state.keyPathProperty().set(back.keyPath());
        written.set(back.written());
        updateSourcesText();
        status.set(back.status());
        showReport(back.report());
    }

    /** What the last repair changed, in words ("Dropped "Old Root"."); empty when nothing was repaired. */
    public StringProperty lastChangeProperty() {
        return lastChange;
    }

    public BooleanProperty canUndoProperty() {
        return canUndo;
    }

    /** Puts back what the last repair changed and checks again. */
    public void undo() {
        if (undo.isEmpty() || busy.get()) {
            return;
        }
        Before b = undo.pop();
        revocation.forget();
        canUndo.set(!undo.isEmpty());
        if (b.repairs() < state.repairs().size()) {
            state.repairs().remove(b.repairs(), state.repairs().size());
        }
        material = b.material();
        added = b.added();
        state.trustPathProperty().set(b.trustPath());
        updateSourcesText();
        lastChange.set("Undone: " + lastChange.get().replaceFirst("^Undone: ", ""));
        check(material);
    }

    private void forgetRepairs() {
        undo.clear();
        pending = null;
        canUndo.set(false);
        lastChange.set("");
    }

    /** Called before a repair changes anything: it can be undone, and is described once checked. */
    private void remember() {
        pending = new Before(material, added, state.trustPathProperty().get(), state.repairs().size());
    }

    /** "Dropped "Old Root"." / "Added "R3"." / "Put in order: leaf → R3." / "Trusting root.pem as the root." */
    private String describe(Before b) {
        List<String> parts = new ArrayList<>();
        List<java.security.cert.X509Certificate> was = b.material() == null ? List.of() : b.material().certificates();
        List<java.security.cert.X509Certificate> now = material.certificates();
        List<String> dropped = was.stream().filter(c -> !now.contains(c))
                .map(c -> "\"" + com.securescore.cert.Certificates.name(c) + "\"").toList();
        List<String> gained = now.stream().filter(c -> !was.contains(c))
                .map(c -> "\"" + com.securescore.cert.Certificates.name(c) + "\"").toList();
        if (!dropped.isEmpty()) {
            parts.add("Dropped " + String.join(", ", dropped));
        }
        if (!gained.isEmpty()) {
            parts.add("Added " + String.join(", ", gained));
        }
        if (dropped.isEmpty() && gained.isEmpty() && !was.equals(now)) {
            parts.add("Put in order: " + String.join(" → ", now.stream().map(com.securescore.cert.Certificates::name)
                    .toList()));
        }
        String trust = state.trustPathProperty().get();
        if (trust != null && !trust.equals(b.trustPath())) {
            parts.add(trustNote != null ? trustNote : "Trusting " + Path.of(trust).getFileName() + " as the root");
            trustNote = null;
        } else if (trust == null && b.trustPath() != null) {
            parts.add("No longer trusting " + Path.of(b.trustPath()).getFileName() + " as the root");
        }
        return parts.isEmpty() ? "Nothing changed." : String.join("; ", parts) + ".";
    }

    public Mode mode() {
        return mode;
    }

    /** Where the development certificate was written, in words; empty until one is made. */
    public StringProperty writtenProperty() {
        return written;
    }

    public ObjectProperty<CheckReport> reportProperty() {
        return report;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** What the user gave, in words: "chain.pem, key.pem" or "pasted text". */
    public StringProperty sourcesTextProperty() {
        return sourcesText;
    }

    public BooleanProperty needsPasswordProperty() {
        return needsPassword;
    }

    /** What the password row asks for: the key's, bundle's or keystore's password, or a key entry's own. */
    public StringProperty passwordPromptProperty() {
        return passwordPrompt;
    }

    /** The key entries of a keystore that holds several; the user picks one with {@link #chooseAlias}. */
    public ObservableList<String> aliasChoices() {
        return aliasChoices;
    }

    public BooleanProperty needsAliasProperty() {
        return needsAlias;
    }

    /** Uses the keystore's key entry {@code chosen} and checks again. */
    public void chooseAlias(String chosen) {
        alias = chosen;
        check(null);
    }

    public BooleanBinding canAdvance() {
        return canAdvance;
    }

    /** Files dropped or chosen: certificates and keys may be in any of them, in any form. */
    public void useFiles(List<Path> files) {
        if (files.isEmpty()) {
            return;
        }
        personChose();
        state.certificatePathProperty().set(files.get(0).toString());
        state.keyPathProperty().set(files.size() > 1 ? files.get(1).toString() : null);
        load(() -> {
            List<Source> sources = new ArrayList<>();
            for (Path p : files) {
                sources.add(Source.file(p));
            }
            return sources;
        }, null, files, null, List.of());
    }

    /** Files the person gave now: what a resumed run said about its saved files no longer applies. */
    private void personChose() {
        fromSavedRun = false;
        savedFilesProblem = null;
    }

    /**
     * What a resumed run found gone or changed among the files it was using, in words (which file, what
     * to do), or null when they were all there as saved.
     */
    public String savedFilesProblem() {
        return savedFilesProblem;
    }

    /**
     * Why a resumed run waits at this step because of its saved files, for the note above the step: a gone
     * file is named in full in the step itself, so the note only points there.
     */
    public String resumeStopReason() {
        if (savedFilesProblem == null) {
            return null;
        }
        return report.get() == null && !busy.get() ? "A file you were using is no longer there: choose it again"
                + " below to continue where you left off." : savedFilesProblem;
    }

    /**
     * A separate key file, kept beside the certificates already given. It replaces the key: the one
     * chosen before, and any file given earlier that held no certificate (a key chosen with the
     * certificates), are no longer used.
     */
    public void useKeyFile(Path key) {
        personChose();
        state.keyPathProperty().set(key.toString());
        List<Source> certs = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < certificateSources.size(); i++) {
            if (holdsCertificate(certificateSources.get(i))) {
                certs.add(certificateSources.get(i));
                if (i < certificateFiles.size()) {
                    files.add(certificateFiles.get(i));
                }
            }
        }
        load(() -> certs, () -> Source.file(key), files, key, List.of());
    }

    /** Adds certificate files beside those already given (and the key), as when the certificate was missing. */
    public void addCertificateFiles(List<Path> more) {
        if (more.isEmpty()) {
            return;
        }
        savedFilesProblem = null;
        List<Path> files = new ArrayList<>(certificateFiles);
        files.addAll(more);
        List<Source> kept = certificateSources;
        Source key = keySource;
        Path keyPath = keyFile;
        load(() -> {
            List<Source> sources = new ArrayList<>(kept);
            for (Path p : more) {
                sources.add(Source.file(p));
            }
            return sources;
        }, key == null ? null : () -> key, files, keyPath, List.of());
    }

    /** Whether the last reading found a certificate in {@code s}; a source never read counts as holding one. */
    private boolean holdsCertificate(Source s) {
        if (material == null) {
            return true;
        }
        return material.certificates().stream().map(material::originOf)
                .anyMatch(o -> o.equals(s.name()) || o.equals(s.shortName()));
    }

    /** PEM text pasted into the wizard; nothing is written anywhere. */
    public void usePastedText(String text) {
        personChose();
        state.certificatePathProperty().set(null);
        state.keyPathProperty().set(null);
        load(() -> List.of(Source.text("pasted text", text)), null, List.of(), null, List.of());
    }

    /** Tries the password on the encrypted key or bundle; the previous password is wiped. */
    public void unlock(char[] newPassword) {
        char[] copy = newPassword == null ? null : newPassword.clone();
        if (askingKeyPassword) {
            wipe(keyPassword);
            keyPassword = copy;
        } else {
            wipe();
            password = copy;
        }
        check(null);
    }

    /** Re-checks after the domain changed in an earlier step. */
    public void onEnter() {
        if (!certificateSources.isEmpty()) {
            check(material);
        } else if (!state.certificateInputs().isEmpty()) {
            readSavedFiles();
        } else if (state.certificatePathProperty().get() != null) {
            List<Path> files = new ArrayList<>();
            files.add(Path.of(state.certificatePathProperty().get()));
            if (state.keyPathProperty().get() != null) {
                files.add(Path.of(state.keyPathProperty().get()));
            }
            queueSavedRepairs();
            useFiles(files);
            fromSavedRun = state.resumedProperty().get();
        }
    }

    /** The repairs accepted before a restart, to make again once the files are read. */
    private void queueSavedRepairs() {
        replay.clear();
        for (String r : state.repairs()) {
            try {
                replay.add(Repair.valueOf(r));
            } catch (IllegalArgumentException e) {
                // A repair this version does not know: the check shows what is left to fix.
            }
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
            replay.clear();
            savedFilesProblem = saved.goneText();
            status.set(savedFilesProblem);
            return;
        }
        savedFilesProblem = saved.changedText();
        List<Added> issuers = saved.issuers().stream()
                .map(f -> new Added(f.getFileName() + " (added)", f, List.of())).toList();
        queueSavedRepairs();
        fromSavedRun = state.resumedProperty().get();
        Path key = saved.key();
        load(() -> {
            List<Source> sources = new ArrayList<>();
            for (Path p : saved.given()) {
                sources.add(Source.file(p));
            }
            return sources;
        }, key == null ? null : () -> Source.file(key), saved.given(), key, issuers);
    }

    private interface SourcesLoader {
        List<Source> load() throws IOException;
    }

    private interface SourceLoader {
        Source load() throws IOException;
    }

    /**
     * Reads the sources; {@code files} and {@code keyPath} are the files they come from (empty, null: pasted),
     * {@code issuers} the issuer files a saved run had added (empty for files the person chose now).
     */
    private void load(SourcesLoader certs, SourceLoader key, List<Path> files, Path keyPath, List<Added> issuers) {
        busy.set(true);
        status.set("Reading…");
        runner.run(() -> new Object[] {certs.load(), key == null ? null : key.load()}, loaded -> {
            @SuppressWarnings("unchecked")
            List<Source> c = (List<Source>) loaded[0];
            certificateSources = List.copyOf(c);
            keySource = (Source) loaded[1];
            certificateFiles = List.copyOf(files);
            keyFile = keyPath;
            // New files: the keystore choices made for the old ones no longer apply.
            wipe(keyPassword);
            keyPassword = null;
            askingKeyPassword = false;
            alias = null;
            revocation.forget();
            added = List.copyOf(issuers);
            material = null;
            everRead = List.of();
            forgetRepairs();
            state.repairs().clear();
            // Read just now: how each file looks is taken again.
            state.certificateInputs().clear();
            updateSourcesText();
            check(null);
        }, error -> {
            busy.set(false);
            status.set(error instanceof java.nio.file.NoSuchFileException n ? "File not found: " + n.getFile()
                    : error instanceof java.nio.file.AccessDeniedException a ? "Permission denied: " + a.getFile()
                    : "Could not read the file: " + error.getMessage());
        });
    }

    /** "chain.pem, key.pem + issuer.pem (added); trusted root: root.pem": everything the check uses. */
    private void updateSourcesText() {
        recordInputs();
        List<String> names = new ArrayList<>();
        certificateSources.forEach(s -> names.add(s.shortName()));
        if (keySource != null) {
            names.add(keySource.shortName());
        }
        if (names.isEmpty()) {
            sourcesText.set("");
            return;
        }
        StringBuilder b = new StringBuilder(String.join(", ", names));
        added.forEach(a -> b.append(" + ").append(a.label()));
        String trust = state.trustPathProperty().get();
        if (trust != null) {
            b.append("; trusted root: ").append(Path.of(trust).getFileName());
        }
        sourcesText.set(b.toString());
    }

    /**
     * Hands on every file now read, in its role, for the resume file, with how it looked when it was read
     * (a file still in use keeps how it looked then).
     */
    private void recordInputs() {
        List<SavedFile> now = new ArrayList<>();
        certificateFiles.forEach(f -> now.add(input(f, SavedFile.Role.GIVEN)));
        if (keyFile != null) {
            now.add(input(keyFile, SavedFile.Role.KEY));
        }
        added.stream().map(Added::file).filter(java.util.Objects::nonNull)
                .forEach(f -> now.add(input(f, SavedFile.Role.ADDED)));
        if (!now.equals(state.certificateInputs())) {
            state.certificateInputs().setAll(now);
        }
    }

    private SavedFile input(Path file, SavedFile.Role role) {
        return state.certificateInputs().stream().filter(f -> f.role() == role && f.path().equals(file.toString()))
                .findFirst().orElseGet(() -> SavedFile.of(file, role));
    }

    /**
     * Each thing "Using:" names, in its order, as the words of its remove control ("chain.pem",
     * "root.pem (added)", "trusted root root.pem"); {@link #remove(int)} takes its index.
     */
    public List<String> usedFiles() {
        List<String> out = new ArrayList<>();
        certificateSources.forEach(s -> out.add(s.shortName()));
        if (keySource != null) {
            out.add(keySource.shortName());
        }
        added.forEach(a -> out.add(a.label()));
        if (state.trustPathProperty().get() != null && !out.isEmpty()) {
            out.add("trusted root " + Path.of(state.trustPathProperty().get()).getFileName());
        }
        return out;
    }

    /**
     * Stops using entry {@code index} of {@link #usedFiles()} and checks again: a file given is read no more
     * (the others are read again), an added issuer or the trusted root is taken back as a repair (Undo
     * brings it back).
     */
    public void remove(int index) {
        if (busy.get() || index < 0) {
            return;
        }
        int certs = certificateSources.size();
        int key = keySource == null ? 0 : 1;
        if (index < certs) {
            List<Source> kept = new ArrayList<>(certificateSources);
            kept.remove(index);
            List<Path> files = new ArrayList<>(certificateFiles);
            if (index < files.size()) {
                files.remove(index);
            }
            state.certificatePathProperty().set(files.isEmpty() ? null : files.get(0).toString());
            Source k = keySource;
            load(() -> kept, k == null ? null : () -> k, files, keyFile, List.of());
        } else if (index < certs + key) {
            state.keyPathProperty().set(null);
            List<Source> kept = certificateSources;
            load(() -> kept, null, certificateFiles, null, List.of());
        } else if (index < certs + key + added.size()) {
            remember();
            List<Added> now = new ArrayList<>(added);
            now.remove(index - certs - key);
            added = List.copyOf(now);
            updateSourcesText();
            check(null);
        } else if (state.trustPathProperty().get() != null) {
            remember();
            state.trustPathProperty().set(null);
            updateSourcesText();
            check(material);
        }
    }

    /** Checks {@code repaired} material, or reads the sources again when null. */
    private void check(Material repaired) {
        String domain = state.getDomain() == null ? "" : state.getDomain();
        List<Source> trust = trustSources();
        List<Source> certs = certificateSources;
        Source key = keySource;
        char[] pw = password == null ? null : password.clone();
        char[] keyPw = keyPassword == null ? null : keyPassword.clone();
        String entry = alias;
        List<Added> extra = added;
        Material before = material;
        List<X509Certificate> seen = everRead;
        busy.set(true);
        status.set("Checking…");
        runner.run(() -> {
            try {
                Material m = repaired != null ? repaired : keepRepairs(readWithAdded(certs, key,
                        new ReadOptions(pw, keyPw, entry), extra), before, seen);
                return new Object[] {m, service.check(domain, m, trust)};
            } finally {
                wipe(pw);
                wipe(keyPw);
            }
        }, done -> {
            material = (Material) done[0];
            List<X509Certificate> all = new ArrayList<>(everRead);
            material.certificates().stream().filter(c -> !all.contains(c)).forEach(all::add);
            everRead = List.copyOf(all);
            CheckReport r = (CheckReport) done[1];
            if (replayRepair(r)) {
                return;
            }
            needsPassword.set(r.has(FindingCode.KEY_ENCRYPTED) || r.has(FindingCode.KEY_PASSWORD_WRONG));
            askingKeyPassword = material.keyPasswordAlias() != null
                    || (keyPassword != null && r.has(FindingCode.KEY_PASSWORD_WRONG));
            String entryName = material.keyPasswordAlias() != null ? material.keyPasswordAlias() : alias;
            passwordPrompt.set(askingKeyPassword ? "The key entry \"" + entryName + "\" has a password of its own:"
                    : fromSavedRun && r.has(FindingCode.KEY_ENCRYPTED) ? RESUME_PROMPT : STORE_PROMPT);
            aliasChoices.setAll(material.aliasChoices());
            needsAlias.set(!aliasChoices.isEmpty());
            if (pending != null) {
                revocation.forget(); // a repair: the answer was about the chain before it
            }
            revocation.follow(r);
            status.set(statusFor(r));
            busy.set(false);
            // After busy: whoever is told of the change may act on it (focus Undo) at once.
            if (pending != null) {
                undo.push(pending);
                canUndo.set(true);
                lastChange.set(describe(pending));
                pending = null;
            }
            // The report last: whoever watches it sees a status and busy state that already match it.
            showReport(r);
        }, error -> {
            busy.set(false);
            pending = null;
            status.set("The check failed: " + error.getMessage());
        });
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
    private void showReport(CheckReport r) {
        revocation.follow(r);
        state.certificateFilesProperty().set(r != null && r.ok() ? fileSet() : null);
        report.set(r);
    }

    /**
     * The files the current certificate was read from, how, and what was added and trusted, so a
     * running service reads a renewal of them the same way; null for pasted text.
     */
    private CertificateFileSet fileSet() {
        if (certificateFiles.isEmpty()) {
            return null;
        }
        List<Path> issuerFiles = new ArrayList<>();
        List<X509Certificate> held = new ArrayList<>();
        for (Added a : added) {
            if (a.file() != null) {
                issuerFiles.add(a.file());
            }
            held.addAll(a.certificates());
        }
        String trust = state.trustPathProperty().get();
        return new CertificateFileSet(certificateFiles, keyFile, new ReadOptions(password == null ? null
                : password.clone(), keyPassword == null ? null : keyPassword.clone(), alias), issuerFiles, held,
                trust == null ? List.of() : List.of(Path.of(trust)));
    }

    private List<Source> trustSources() {
        String trust = state.trustPathProperty().get();
        if (trust == null) {
            return List.of();
        }
        try {
            return List.of(Source.file(Path.of(trust)));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** As {@link #summary}, "Not ready" too when the CA said the certificate is revoked. */
    private String statusFor(CheckReport r) {
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

    /** The repairs that apply to the current report. */
    public List<Repair> availableRepairs() {
        CheckReport r = report.get();
        List<Repair> out = new ArrayList<>();
        if (r == null || material == null) {
            return out;
        }
        if (r.has(FindingCode.CHAIN_ORDER)) {
            out.add(Repair.PUT_IN_ORDER);
        }
        if (r.has(FindingCode.ROOT_INCLUDED)) {
            out.add(Repair.DROP_ROOT);
        }
        // While an issuer is missing, a certificate off the path may belong above the gap: keep it.
        if (r.has(FindingCode.CHAIN_EXTRA_CERT) && !r.has(FindingCode.CHAIN_INCOMPLETE)) {
            out.add(Repair.DROP_STRANGERS);
        }
        if (r.has(FindingCode.CHAIN_PAST_ANCHOR)) {
            out.add(Repair.DROP_PAST_ANCHOR);
        }
        if (r.has(FindingCode.CHAIN_INCOMPLETE)) {
            if (repairs.missingIssuerUrl(r) != null) {
                out.add(Repair.FETCH_ISSUER);
            }
            out.add(Repair.ADD_ISSUER_FILE);
        }
        if (untrustedRoot() != null) {
            out.add(Repair.TRUST_ROOT);
        }
        return out;
    }

    /** The self-signed root the chain ends at when it is not trusted (a private CA's), or null. */
    public X509Certificate untrustedRoot() {
        CheckReport r = report.get();
        if (r == null || !r.has(FindingCode.UNTRUSTED_ROOT) || r.path().isEmpty()) {
            return null;
        }
        X509Certificate last = r.path().get(r.path().size() - 1);
        return com.securescore.cert.Certificates.isSelfSigned(last) ? last : null;
    }

    public void putInOrder() {
        remember();
        state.repairs().add(Repair.PUT_IN_ORDER.name());
        check(repairs.putInOrder(material, report.get()));
    }

    public void dropRoot() {
        remember();
        state.repairs().add(Repair.DROP_ROOT.name());
        check(repairs.dropRoot(material, report.get()));
    }

    public void dropStrangers() {
        remember();
        state.repairs().add(Repair.DROP_STRANGERS.name());
        check(repairs.dropStrangers(material, report.get()));
    }

    public void dropPastAnchor() {
        remember();
        state.repairs().add(Repair.DROP_PAST_ANCHOR.name());
        check(repairs.dropPastAnchor(material, report.get()));
    }

    /** Makes the next repair accepted before a restart again when {@code r} still calls for it; true when it did. */
    private boolean replayRepair(CheckReport r) {
        // Not before the key is open: the password's check reads the files again, and would undo them.
        while (!replay.isEmpty() && !r.has(FindingCode.KEY_ENCRYPTED) && !r.has(FindingCode.KEY_PASSWORD_WRONG)) {
            Repair next = replay.remove(0);
            Runnable again = switch (next) {
                case PUT_IN_ORDER -> r.has(FindingCode.CHAIN_ORDER) ? this::putInOrder : null;
                case DROP_ROOT -> r.has(FindingCode.ROOT_INCLUDED) ? this::dropRoot : null;
                case DROP_STRANGERS -> r.has(FindingCode.CHAIN_EXTRA_CERT) ? this::dropStrangers : null;
                case DROP_PAST_ANCHOR -> r.has(FindingCode.CHAIN_PAST_ANCHOR) ? this::dropPastAnchor : null;
                default -> null;
            };
            if (again != null) {
                report.set(r);
                again.run();
                return true;
            }
        }
        return false;
    }

    /** Where the missing issuer would be fetched from, to show the user before asking. */
    public String missingIssuerUrl() {
        return report.get() == null ? null : repairs.missingIssuerUrl(report.get());
    }

    /** Fetches the missing issuer from its AIA address; call only after the user agreed. */
    public void fetchIssuer() {
        String url = missingIssuerUrl();
        if (url == null) {
            return;
        }
        Material current = material;
        busy.set(true);
        status.set("Downloading " + url + "…");
        runner.run(() -> service.read(List.of(repairs.fetchIssuer(url)), null, null),
                fetched -> {
                    remember();
                    added(new Added(fetched.certificates().stream().map(c -> "\""
                            + com.securescore.cert.Certificates.name(c) + "\"").collect(
                                    java.util.stream.Collectors.joining(", ")) + " (fetched)", null,
                            fetched.certificates()));
                    check(current.plus(fetched));
                }, error -> {
                    busy.set(false);
                    status.set(error.getMessage());
                });
    }

    /**
     * Trusts the private root the chain already ends at, from the files already given: the file that
     * holds just that root when there is one, else a PEM file of it written beside the file it came from
     * (clients need it as a file too), named after it.
     */
    public void trustRoot() {
        X509Certificate root = untrustedRoot();
        if (root == null || busy.get()) {
            return;
        }
        List<Path> candidates = new ArrayList<>();
        added.stream().map(Added::file).filter(java.util.Objects::nonNull).forEach(candidates::add);
        candidates.addAll(certificateFiles);
        busy.set(true);
        runner.run(() -> TrustedRootFile.find(service, root, candidates), file -> {
            remember();
            trustNote = "Trusting \"" + com.securescore.cert.Certificates.name(root) + "\" as your private root ("
                    + (file.written() ? "saved as " + file.path().getFileName() + " in " + file.path().getParent()
                    + ", to give to clients" : "from " + file.path().getFileName()) + ")";
            state.trustPathProperty().set(file.path().toString());
            updateSourcesText();
            check(material);
        }, error -> {
            busy.set(false);
            status.set("Could not save the root as a file: " + error.getMessage());
        });
    }

    private void added(Added what) {
        List<Added> now = new ArrayList<>(added);
        now.add(what);
        added = List.copyOf(now);
        updateSourcesText();
    }

    public void addIssuerFile(Path file) {
        Material current = material;
        busy.set(true);
        runner.run(() -> service.read(List.of(Source.file(file)), null, null), more -> {
                    remember();
                    added(new Added(file.getFileName() + " (added)", file, List.of()));
                    check(current.plus(more));
                }, error -> {
                    busy.set(false);
                    status.set("Could not read " + file + ": " + error.getMessage());
                });
    }

    /**
     * Writes fullchain.pem and privkey.pem (owner-only) into {@code dir}. Returns the message to show;
     * when files exist and {@code force} is false, nothing is written and the message says which.
     */
    public String export(Path dir, boolean force) {
        return export(dir, force, null, null);
    }

    /**
     * As {@link #export(Path, boolean)}, plus bundle.pfx when {@code pfxPassword} is given and a
     * Kubernetes TLS secret when {@code secretName} is given.
     */
    public String export(Path dir, boolean force, char[] pfxPassword, String secretName) {
        CheckReport r = report.get();
        if (r == null || r.key() == null) {
            return "Nothing to save yet: a certificate and its matching key are needed.";
        }
        try {
            List<Path> written = new CertificateExporter().export(r, dir,
                    new CertificateExporter.Options(pfxPassword, secretName, force));
            List<String> names = written.stream().map(p -> p.getFileName().toString()).toList();
            return "Saved " + String.join(", ", names) + " in " + dir + ". Files holding the key are owner-only.";
        } catch (CertificateExporter.WouldOverwriteException e) {
            return "Not saved: " + e.existing().stream().map(p -> p.getFileName().toString()).toList()
                    + " already exist in " + dir + ".";
        } catch (IOException | IllegalArgumentException e) {
            return "Could not save: " + e.getMessage();
        }
    }

    /** The "Get one from a certificate authority (ACME)" pane's model; what it issues comes back to this step. */
    public AcmeViewModel acme() {
        if (acme == null) {
            acme = new AcmeViewModel(state, runner, this::useIssuedFiles, new AcmeService());
        }
        return acme;
    }

    private AcmeViewModel acme;

    /** Files a certificate authority issued: checked like any others, with the CA's root (if private) as trust. */
    void useIssuedFiles(Path fullchain, Path privkey, Path trust) {
        if (trust != null) {
            state.trustPathProperty().set(trust.toString());
        }
        useFiles(List.of(fullchain, privkey));
    }

    /** Makes a development CA and certificate for the domain in {@code dir}, then checks them. */
    public void makeDevelopmentCertificate(Path dir) {
        String domain = state.getDomain();
        if (domain == null) {
            status.set("Enter a valid domain first (step 1).");
            return;
        }
        busy.set(true);
        status.set("Making a development certificate…");
        runner.run(() -> new DevelopmentCertificates().create(domain, 90, DevelopmentCertificates.KeyType.EC, dir,
                false), result -> {
                    state.trustPathProperty().set(result.files().get(0).toString());
                    written.set(dir.toString());
                    useFiles(List.of(result.files().get(1), result.files().get(2)));
                }, error -> {
                    busy.set(false);
                    status.set(error instanceof CertificateExporter.WouldOverwriteException e
                            ? "Not made: " + e.existing().stream().map(p -> p.getFileName().toString()).toList()
                            + " already exist in " + dir + ". Choose an empty folder."
                            : "Could not make the certificate: " + error.getMessage());
                });
    }

    private void wipe() {
        wipe(password);
        password = null;
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}

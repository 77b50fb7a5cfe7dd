package com.securescore.ui.certificate;

import com.securescore.acme.AcmeService;
import com.securescore.cert.CertificateRepairs;
import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.findings.FindingCode;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/**
 * The Certificate step: which files (or pasted text) the user gave, the password when one is
 * needed, the latest check, and the repairs and exports on offer. Reading and checking run in the
 * background through a {@link BackgroundRunner}; tests pass a direct one. Each way of getting the
 * certificate has its own {@link CertificateSession}; the work is done by its parts: the reading
 * ({@link CertificateReading}), the repairs ({@link CertificateRepairing}) and the saving
 * ({@link CertificateSaving}). The view gets read-only properties: it shows them and calls the methods.
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

    static final String STORE_PROMPT = "This key is protected by a password:";
    /** The prompt when a resumed run reads an encrypted key again: its password is never saved. */
    static final String RESUME_PROMPT = "Your key file is encrypted; type its password to continue where you left off:";

    private final WizardState state;
    private final BackgroundRunner runner;
    private final CertificateScreen screen = new CertificateScreen();
    private final Map<Mode, CertificateSession> sessions = new EnumMap<>(Mode.class);
    private Mode mode = Mode.IMPORT;
    private CertificateSession session = new CertificateSession();
    private final RevocationViewModel revocation;
    private final CertificateReading reading;
    private final CertificateRepairing repairing;
    private final CertificateSaving saving;
    private final BooleanBinding canAdvance;
    private AcmeViewModel acme;

    public CertificateStepViewModel(WizardState state, BackgroundRunner runner, CertificateRepairs repairs) {
        this.state = state;
        this.runner = runner;
        sessions.put(mode, session);
        CertificateService service = new CertificateService();
        revocation = new RevocationViewModel(runner, screen.busy);
        reading = new CertificateReading(state, runner, service, screen, this::session, revocation);
        repairing = new CertificateRepairing(state, runner, service, repairs, screen, this::session, revocation,
                reading);
        reading.repairing(repairing);
        saving = new CertificateSaving(state, runner, screen);
        canAdvance = Bindings.createBooleanBinding(() -> !screen.busy.get() && screen.report.get() != null
                && screen.report.get().ok() && !revocation.revoked().get(), screen.busy, screen.report,
                revocation.revoked());
        screen.report.addListener((obs, old, now) -> handOn());
        revocation.revoked().addListener((obs, old, now) -> handOn());
        // The CA's answer came (or went): the status line says whether the step can go on.
        revocation.answerProperty().addListener((obs, old, now) -> {
            if (!screen.busy.get() && screen.report.get() != null) {
                screen.status.set(reading.statusFor(screen.report.get()));
            }
        });
    }

    private CertificateSession session() {
        return session;
    }

    /** The checked certificate goes on to the later steps only when nothing blocks it, revocation included. */
    private void handOn() {
        CheckReport now = screen.report.get();
        state.certificateProperty().set(now != null && now.ok() && !revocation.revoked().get() ? now : null);
    }

    /** The revocation check the user may ask for, once a certificate and key were read. */
    public RevocationViewModel revocation() {
        return revocation;
    }

    /**
     * Shows another way of getting the certificate. The current way's session (files, password, findings,
     * trusted root) is kept as it is and comes back when the user returns to it; the other way starts from
     * what it had, or from nothing, so no finding or "Ready" is shown for files it did not make.
     */
    public void switchTo(Mode next) {
        if (next == mode || screen.busy.get()) {
            return;
        }
        session.shown = screen.shown(state);
        mode = next;
        session = sessions.computeIfAbsent(next, m -> new CertificateSession());
        repairing.forget();
        screen.showAgain(session.shown, state);
        reading.updateSourcesText();
        screen.status.set(session.shown.status());
        reading.showReport(session.shown.report());
    }

    public Mode mode() {
        return mode;
    }

    /** What the last repair changed, in words ("Dropped "Old Root"."); empty when nothing was repaired. */
    public ReadOnlyStringProperty lastChangeProperty() {
        return screen.lastChange.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return screen.canUndo.getReadOnlyProperty();
    }

    /** Puts back what the last repair changed and checks again. */
    public void undo() {
        repairing.undo();
    }

    /** Where the development certificate was written, in words; empty until one is made. */
    public ReadOnlyStringProperty writtenProperty() {
        return screen.written.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<CheckReport> reportProperty() {
        return screen.report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return screen.busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return screen.status.getReadOnlyProperty();
    }

    /** What the user gave, in words: "chain.pem, key.pem" or "pasted text". */
    public ReadOnlyStringProperty sourcesTextProperty() {
        return screen.sourcesText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty needsPasswordProperty() {
        return screen.needsPassword.getReadOnlyProperty();
    }

    /** What the password row asks for: the key's, bundle's or keystore's password, or a key entry's own. */
    public ReadOnlyStringProperty passwordPromptProperty() {
        return screen.passwordPrompt.getReadOnlyProperty();
    }

    /** The key entries of a keystore that holds several (read-only); the user picks one with {@link #chooseAlias}. */
    public ObservableList<String> aliasChoices() {
        return screen.aliasChoicesShown;
    }

    public ReadOnlyBooleanProperty needsAliasProperty() {
        return screen.needsAlias.getReadOnlyProperty();
    }

    /** Uses the keystore's key entry {@code chosen} and checks again. */
    public void chooseAlias(String chosen) {
        session.alias = chosen;
        reading.check(null);
    }

    public BooleanBinding canAdvance() {
        return canAdvance;
    }

    /** Files dropped or chosen: certificates and keys may be in any of them, in any form. */
    public void useFiles(List<Path> files) {
        reading.useFiles(files);
    }

    /**
     * What a resumed run found gone or changed among the files it was using, in words (which file, what
     * to do), or null when they were all there as saved.
     */
    public String savedFilesProblem() {
        return reading.savedFilesProblem();
    }

    /**
     * Why a resumed run waits at this step because of its saved files, for the note above the step: a gone
     * file is named in full in the step itself, so the note only points there.
     */
    public String resumeStopReason() {
        String problem = reading.savedFilesProblem();
        if (problem == null) {
            return null;
        }
        return screen.report.get() == null && !screen.busy.get() ? "A file you were using is no longer there:"
                + " choose it again below to continue where you left off." : problem;
    }

    /**
     * A separate key file, kept beside the certificates already given. It replaces the key: the one
     * chosen before, and any file given earlier that held no certificate (a key chosen with the
     * certificates), are no longer used.
     */
    public void useKeyFile(Path key) {
        reading.useKeyFile(key);
    }

    /** Adds certificate files beside those already given (and the key), as when the certificate was missing. */
    public void addCertificateFiles(List<Path> more) {
        reading.addCertificateFiles(more);
    }

    /** PEM text pasted into the wizard; nothing is written anywhere. */
    public void usePastedText(String text) {
        reading.usePastedText(text);
    }

    /** Tries the password on the encrypted key or bundle; the previous password is wiped. */
    public void unlock(char[] newPassword) {
        session.usePassword(newPassword);
        reading.check(null);
    }

    /** Re-checks after the domain changed in an earlier step. */
    public void onEnter() {
        reading.onEnter();
    }

    /**
     * Each thing "Using:" names, in its order, as the words of its remove control ("chain.pem",
     * "root.pem (added)", "trusted root root.pem"); {@link #remove(int)} takes its index.
     */
    public List<String> usedFiles() {
        List<String> out = new ArrayList<>(session.givenNames());
        session.added.forEach(a -> out.add(a.label()));
        Path trust = state.trustPathProperty().get();
        if (trust != null && !out.isEmpty()) {
            out.add("trusted root " + trust.getFileName());
        }
        return out;
    }

    /**
     * Stops using entry {@code index} of {@link #usedFiles()} and checks again: a file given is read no more
     * (the others are read again), an added issuer or the trusted root is taken back as a repair (Undo
     * brings it back).
     */
    public void remove(int index) {
        if (screen.busy.get() || index < 0) {
            return;
        }
        int certs = session.certificateSources.size();
        int key = session.keySource == null ? 0 : 1;
        if (index < certs) {
            reading.dropGiven(index);
        } else if (index < certs + key) {
            reading.dropKey();
        } else if (index < certs + key + session.added.size()) {
            repairing.dropAdded(index - certs - key);
        } else if (state.trustPathProperty().get() != null) {
            repairing.dropTrust();
        }
    }

    /** The repairs that apply to the current report. */
    public List<Repair> availableRepairs() {
        return repairing.available();
    }

    /** The self-signed root the chain ends at when it is not trusted (a private CA's), or null. */
    public X509Certificate untrustedRoot() {
        return repairing.untrustedRoot();
    }

    public void putInOrder() {
        repairing.make(Repair.PUT_IN_ORDER);
    }

    public void dropRoot() {
        repairing.make(Repair.DROP_ROOT);
    }

    public void dropStrangers() {
        repairing.make(Repair.DROP_STRANGERS);
    }

    public void dropPastAnchor() {
        repairing.make(Repair.DROP_PAST_ANCHOR);
    }

    /** Where the missing issuer would be fetched from, to show the user before asking. */
    public String missingIssuerUrl() {
        return repairing.missingIssuerUrl();
    }

    /** Fetches the missing issuer from its AIA address; call only after the user agreed. */
    public void fetchIssuer() {
        repairing.fetchIssuer();
    }

    /**
     * Trusts the private root the chain already ends at, from the files already given: the file that
     * holds just that root when there is one, else a PEM file of it written beside the file it came from
     * (clients need it as a file too), named after it.
     */
    public void trustRoot() {
        repairing.trustRoot();
    }

    public void addIssuerFile(Path file) {
        repairing.addIssuerFile(file);
    }

    /**
     * Writes fullchain.pem and privkey.pem (owner-only) into {@code dir}. The result says what was
     * written; when files exist and {@code force} is false, nothing is written and the result says which.
     */
    public SaveResult export(Path dir, boolean force) {
        return export(dir, force, null, null);
    }

    /**
     * As {@link #export(Path, boolean)}, plus bundle.pfx when {@code pfxPassword} is given and a
     * Kubernetes TLS secret when {@code secretName} is given.
     */
    public SaveResult export(Path dir, boolean force, char[] pfxPassword, String secretName) {
        return saving.export(dir, force, pfxPassword, secretName);
    }

    /** The "Get one from a certificate authority (ACME)" pane's model; what it issues comes back to this step. */
    public AcmeViewModel acme() {
        if (acme == null) {
            acme = new AcmeViewModel(state, runner, this::useIssuedFiles, new AcmeService());
        }
        return acme;
    }

    /** Files a certificate authority issued: checked like any others, with the CA's root (if private) as trust. */
    void useIssuedFiles(Path fullchain, Path privkey, Path trust) {
        if (trust != null) {
            state.trustPathProperty().set(trust);
        }
        useFiles(List.of(fullchain, privkey));
    }

    /** Makes a development CA and certificate for the domain in {@code dir}, then checks them. */
    public void makeDevelopmentCertificate(Path dir) {
        saving.makeDevelopmentCertificate(dir, this::useFiles);
    }
}

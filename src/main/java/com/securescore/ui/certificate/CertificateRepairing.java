package com.securescore.ui.certificate;

import com.securescore.cert.CertificateRepairs;
import com.securescore.cert.CertificateService;
import com.securescore.cert.Certificates;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Material;
import com.securescore.cert.Source;
import com.securescore.findings.FindingCode;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.certificate.CertificateSession.Added;
import com.securescore.ui.certificate.CertificateStepViewModel.Repair;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The repairs of the Certificate step: which apply to the current report, making them (again, after a
 * restart), saying what each changed, and undoing them.
 */
final class CertificateRepairing {
    /** What a repair changed from: the certificates, what was added, and the trusted root. */
    private record Before(Material material, List<Added> added, Path trustPath, int repairs) {
    }

    private final WizardState state;
    private final BackgroundRunner runner;
    private final CertificateService service;
    private final CertificateRepairs repairs;
    private final CertificateScreen screen;
    private final Supplier<CertificateSession> session;
    private final RevocationViewModel revocation;
    private final CertificateReading reading;
    private final Deque<Before> undo = new ArrayDeque<>();
    /** The repair whose check is under way, to describe once it is done. */
    private Before pending;
    /** Said once a trusted root is in use: the file written for it, when SecureScore wrote one. */
    private String trustNote;
    /** Repairs accepted before a restart, made again in order once the saved files are read. */
    private final List<Repair> replay = new ArrayList<>();

    CertificateRepairing(WizardState state, BackgroundRunner runner, CertificateService service,
            CertificateRepairs repairs, CertificateScreen screen, Supplier<CertificateSession> session,
            RevocationViewModel revocation, CertificateReading reading) {
        this.state = state;
        this.runner = runner;
        this.service = service;
        this.repairs = repairs;
        this.screen = screen;
        this.session = session;
        this.revocation = revocation;
        this.reading = reading;
    }

    /** Puts back what the last repair changed and checks again. */
    void undo() {
        if (undo.isEmpty() || screen.busy.get()) {
            return;
        }
        Before b = undo.pop();
        revocation.forget();
        screen.canUndo.set(!undo.isEmpty());
        if (b.repairs() < state.repairs().size()) {
            state.repairs().remove(b.repairs(), state.repairs().size());
        }
        CertificateSession s = session.get();
        s.material = b.material();
        s.added = b.added();
        state.trustPathProperty().set(b.trustPath());
        reading.updateSourcesText();
        screen.lastChange.set("Undone: " + screen.lastChange.get().replaceFirst("^Undone: ", ""));
        reading.check(s.material);
    }

    /** Other files or another way: nothing done so far can be undone. */
    void forget() {
        undo.clear();
        pending = null;
        screen.canUndo.set(false);
        screen.lastChange.set("");
    }

    /** Called before a repair changes anything: it can be undone, and is described once checked. */
    private void remember() {
        CertificateSession s = session.get();
        pending = new Before(s.material, s.added, state.trustPathProperty().get(), state.repairs().size());
    }

    /** Whether a repair's check is under way. */
    boolean pending() {
        return pending != null;
    }

    /** The check of a repair is done: it can be undone, and what it changed is said. */
    void checked() {
        if (pending != null) {
            undo.push(pending);
            screen.canUndo.set(true);
            screen.lastChange.set(describe(pending));
            pending = null;
        }
    }

    void checkFailed() {
        pending = null;
    }

    /** "Dropped "Old Root"." / "Added "R3"." / "Put in order: leaf → R3." / "Trusting root.pem as the root." */
    private String describe(Before b) {
        List<String> parts = new ArrayList<>();
        List<X509Certificate> was = b.material() == null ? List.of() : b.material().certificates();
        List<X509Certificate> now = session.get().material.certificates();
        List<String> dropped = was.stream().filter(c -> !now.contains(c)).map(CertificateRepairing::quoted).toList();
        List<String> gained = now.stream().filter(c -> !was.contains(c)).map(CertificateRepairing::quoted).toList();
        if (!dropped.isEmpty()) {
            parts.add("Dropped " + String.join(", ", dropped));
        }
        if (!gained.isEmpty()) {
            parts.add("Added " + String.join(", ", gained));
        }
        if (dropped.isEmpty() && gained.isEmpty() && !was.equals(now)) {
            parts.add("Put in order: " + String.join(" → ", now.stream().map(Certificates::name).toList()));
        }
        Path trust = state.trustPathProperty().get();
        if (trust != null && !trust.equals(b.trustPath())) {
            parts.add(trustNote != null ? trustNote : "Trusting " + trust.getFileName() + " as the root");
            trustNote = null;
        } else if (trust == null && b.trustPath() != null) {
            parts.add("No longer trusting " + b.trustPath().getFileName() + " as the root");
        }
        return parts.isEmpty() ? "Nothing changed." : String.join("; ", parts) + ".";
    }

    private static String quoted(X509Certificate c) {
        return "\"" + Certificates.name(c) + "\"";
    }

    /** The repairs that apply to the current report. */
    List<Repair> available() {
        CheckReport r = screen.report.get();
        List<Repair> out = new ArrayList<>();
        if (r == null || session.get().material == null) {
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
    X509Certificate untrustedRoot() {
        CheckReport r = screen.report.get();
        if (r == null || !r.has(FindingCode.UNTRUSTED_ROOT) || r.path().isEmpty()) {
            return null;
        }
        X509Certificate last = r.path().get(r.path().size() - 1);
        return Certificates.isSelfSigned(last) ? last : null;
    }

    /** Makes one of the repairs that change only the certificates given (order, root, strangers, past anchor). */
    void make(Repair repair) {
        remember();
        state.repairs().add(repair.name());
        Material m = session.get().material;
        CheckReport r = screen.report.get();
        reading.check(switch (repair) {
            case PUT_IN_ORDER -> repairs.putInOrder(m, r);
            case DROP_ROOT -> repairs.dropRoot(m, r);
            case DROP_STRANGERS -> repairs.dropStrangers(m, r);
            case DROP_PAST_ANCHOR -> repairs.dropPastAnchor(m, r);
            default -> throw new IllegalArgumentException(repair + " needs more than the certificates given");
        });
    }

    /** The repairs accepted before a restart, to make again once the files are read. */
    void queueSaved() {
        replay.clear();
        for (String r : state.repairs()) {
            try {
                replay.add(Repair.valueOf(r));
            } catch (IllegalArgumentException e) {
                // A repair this version does not know: the check shows what is left to fix.
            }
        }
    }

    void forgetSaved() {
        replay.clear();
    }

    /** Makes the next repair accepted before a restart again when {@code r} still calls for it; true when it did. */
    boolean replay(CheckReport r) {
        // Not before the key is open: the password's check reads the files again, and would undo them.
        while (!replay.isEmpty() && !r.has(FindingCode.KEY_ENCRYPTED) && !r.has(FindingCode.KEY_PASSWORD_WRONG)) {
            Repair next = replay.remove(0);
            boolean still = switch (next) {
                case PUT_IN_ORDER, DROP_ROOT, DROP_STRANGERS, DROP_PAST_ANCHOR -> r.has(next.fixes());
                default -> false;
            };
            if (still) {
                screen.report.set(r);
                make(next);
                return true;
            }
        }
        return false;
    }

    /** Where the missing issuer would be fetched from, to show the user before asking. */
    String missingIssuerUrl() {
        return screen.report.get() == null ? null : repairs.missingIssuerUrl(screen.report.get());
    }

    /** Fetches the missing issuer from its AIA address; call only after the user agreed. */
    void fetchIssuer() {
        String url = missingIssuerUrl();
        if (url == null) {
            return;
        }
        Material current = session.get().material;
        screen.busy("Downloading " + url + "…");
        runner.run(() -> service.read(List.of(repairs.fetchIssuer(url)), null, null), fetched -> {
            remember();
            added(new Added(fetched.certificates().stream().map(CertificateRepairing::quoted)
                    .collect(Collectors.joining(", ")) + " (fetched)", null, fetched.certificates()));
            reading.check(current.plus(fetched));
        }, error -> screen.failed(error.getMessage()));
    }

    /**
     * Trusts the private root the chain already ends at, from the files already given: the file that
     * holds just that root when there is one, else a PEM file of it written beside the file it came from
     * (clients need it as a file too), named after it.
     */
    void trustRoot() {
        X509Certificate root = untrustedRoot();
        if (root == null || screen.busy.get()) {
            return;
        }
        CertificateSession s = session.get();
        List<Path> candidates = new ArrayList<>(s.addedFiles());
        candidates.addAll(s.certificateFiles);
        screen.busy.set(true);
        runner.run(() -> TrustedRootFile.find(service, root, candidates), file -> {
            remember();
            trustNote = "Trusting " + quoted(root) + " as your private root (" + (file.written() ? "saved as "
                    + file.path().getFileName() + " in " + file.path().getParent() + ", to give to clients"
                    : "from " + file.path().getFileName()) + ")";
            state.trustPathProperty().set(file.path());
            reading.updateSourcesText();
            reading.check(session.get().material);
        }, error -> screen.failed("Could not save the root as a file: " + error.getMessage()));
    }

    private void added(Added what) {
        session.get().add(what);
        reading.updateSourcesText();
    }

    void addIssuerFile(Path file) {
        Material current = session.get().material;
        screen.busy.set(true);
        runner.run(() -> service.read(List.of(Source.file(file)), null, null), more -> {
            remember();
            added(new Added(file.getFileName() + " (added)", file, List.of()));
            reading.check(current.plus(more));
        }, error -> screen.failed("Could not read " + file + ": " + error.getMessage()));
    }

    /** Takes back the added issuer at {@code index} (of those added), as a repair that can be undone. */
    void dropAdded(int index) {
        remember();
        CertificateSession s = session.get();
        List<Added> now = new ArrayList<>(s.added);
        now.remove(index);
        s.added = List.copyOf(now);
        reading.updateSourcesText();
        reading.check(null);
    }

    /** Stops trusting the trusted root, as a repair that can be undone. */
    void dropTrust() {
        remember();
        state.trustPathProperty().set(null);
        reading.updateSourcesText();
        reading.check(session.get().material);
    }
}

package com.securescore.ui.certificate;

import com.securescore.acme.AcmeDirectories;
import com.securescore.acme.AcmeFailure;
import com.securescore.acme.AcmeRequest;
import com.securescore.acme.AcmeResult;
import com.securescore.acme.AcmeService;
import com.securescore.acme.AcmeStage;
import com.securescore.acme.ChallengeChoice;
import com.securescore.acme.DnsRecordUser;
import com.securescore.acme.KeyType;
import com.securescore.acme.TxtRecord;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Certificate step's third way: a certificate from a CA over ACME. Owns the choices (directory,
 * terms agreement, e-mail, challenge, key type, folder), runs the order in the background with one
 * line per state and Cancel, and hands the written files to the step when done so the usual checks
 * show. Errors are the core's plain words; nothing here speaks of command-line options.
 */
public final class AcmeViewModel {
    /** Where to order from. */
    public enum Directory {
        LETSENCRYPT("Let's Encrypt", AcmeDirectories.LETSENCRYPT),
        STAGING("Let's Encrypt staging (for trying out; its certificates are not trusted)",
                AcmeDirectories.LETSENCRYPT_STAGING),
        OTHER("Another CA (its ACME directory URL)", null);

        private final String label;
        private final String name;

        Directory(String label, String name) {
            this.label = label;
            this.name = name;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How control of the name is shown. */
    public enum Challenge {
        HTTP("A web request to this machine (HTTP)"),
        DNS("A DNS TXT record I create (DNS)");

        private final String label;

        Challenge(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** Where an order state stands, for its line in the progress list. */
    public enum Mark { WAITING, ACTIVE, DONE, FAILED }

    /** Receives the written files: the step then reads and checks them as any other. */
    public interface Handoff {
        void use(Path fullchain, Path privkey, Path trust);
    }

    private final WizardState state;
    private final BackgroundRunner runner;
    private final Handoff handoff;
    private final AcmeService service;

    private final ObjectProperty<Directory> directory = new SimpleObjectProperty<>(Directory.LETSENCRYPT);
    private final StringProperty directoryUrl = new SimpleStringProperty("");
    private final ObjectProperty<Path> trustFile = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper termsUrl = new ReadOnlyStringWrapper("");
    private final StringProperty termsStatus = new SimpleStringProperty("");
    private final BooleanProperty agreed = new SimpleBooleanProperty(false);
    private final StringProperty email = new SimpleStringProperty("");
    private final ObjectProperty<Challenge> challenge = new SimpleObjectProperty<>(Challenge.HTTP);
    private final StringProperty httpPort = new SimpleStringProperty("80");
    private final ObjectProperty<KeyType> keyType = new SimpleObjectProperty<>(KeyType.EC);
    private final ObjectProperty<Path> outDir = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> accountKey = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ObservableList<Mark> marks = FXCollections.observableArrayList();
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fix = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper done = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TxtRecord> record = new ReadOnlyObjectWrapper<>();
    private final BooleanBinding canStart;

    private Cancellation cancellation;
    private CountDownLatch recordCreated;
    private boolean termsKnown;
    /** Only the latest look-up's answer counts: the CA may have been changed while an older one ran. */
    private long termsLookups;

    public AcmeViewModel(WizardState state, BackgroundRunner runner, Handoff handoff, AcmeService service) {
        this.state = state;
        this.runner = runner;
        this.handoff = handoff;
        this.service = service;
        for (int i = 0; i < AcmeStage.values().length; i++) {
            marks.add(Mark.WAITING);
        }
        canStart = Bindings.createBooleanBinding(() -> !running.get() && outDir.get() != null
                && (agreed.get() || termsUrl.get().isEmpty() && termsKnownNow()) && portProblem().isEmpty()
                && !directoryName().isBlank(), running, outDir, agreed, termsUrl, httpPort, challenge, directory,
                directoryUrl);
        directory.addListener((o, a, b) -> termsChanged());
        directoryUrl.addListener((o, a, b) -> termsChanged());
        trustFile.addListener((o, a, b) -> termsChanged());
    }

    private boolean termsKnownNow() {
        return termsKnown;
    }

    private void termsChanged() {
        termsKnown = false;
        termsUrl.set("");
        termsStatus.set("");
        agreed.set(false);
    }

    /** The directory as the core takes it: a name or the URL typed. */
    String directoryName() {
        return directory.get().name != null ? directory.get().name : directoryUrl.get().trim();
    }

    /** Looks up the CA's terms of service so the link can be shown; the user agrees with the checkbox. */
    public void loadTerms() {
        String dir = directoryName();
        if (dir.isBlank()) {
            termsStatus.set("Enter the CA's ACME directory URL.");
            return;
        }
        if (directory.get() == Directory.OTHER && !dir.toLowerCase(Locale.ROOT).startsWith("https://")) {
            termsStatus.set("The CA's ACME directory URL starts with https:// (e.g. "
                    + "https://ca.example.com/acme/directory).");
            return;
        }
        termsStatus.set("Reading the CA's directory…");
        List<Path> trust = trustList();
        long asked = ++termsLookups;
        runner.run(() -> service.termsOfService(dir, trust), terms -> {
            if (asked != termsLookups) {
                return;
            }
            termsKnown = true;
            termsUrl.set(terms.map(URI::toString).orElse(""));
            termsStatus.set(terms.isPresent() ? "" : "This CA has no terms of service to agree to.");
            canStart.invalidate();
        }, failure -> {
            if (asked == termsLookups) {
                termsStatus.set(words(failure));
            }
        });
    }

    /** Starts the order; progress, the TXT record (for DNS) and the outcome arrive on the FX thread. */
    public void start() {
        String domain = state.getDomain();
        if (domain == null) {
            error.set("Enter a valid domain first (step 1).");
            return;
        }
        ChallengeChoice choice = challenge.get() == Challenge.HTTP
                ? new ChallengeChoice.Http(Integer.parseInt(httpPort.get().trim()))
                : new ChallengeChoice.DnsManual(List.of(), Duration.ofMinutes(10), Duration.ofSeconds(10));
        AcmeRequest request = new AcmeRequest(domain, directoryName(), choice, accountKey.get(), email.get(),
                keyType.get(), trustList(), outDir.get(), agreed.get() || termsUrl.get().isEmpty());
        cancellation = new Cancellation();
        Cancellation cancel = cancellation;
        error.set("");
        fix.set("");
        done.set("");
        log.clear();
        record.set(null);
        for (int i = 0; i < marks.size(); i++) {
            marks.set(i, Mark.WAITING);
        }
        running.set(true);
        runner.run(() -> service.issue(request, dnsUser(), progress(), cancel), this::finished, this::failed);
    }

    /** Cancel: the order stops at its next step or wait. */
    public void cancel() {
        if (cancellation != null) {
            cancellation.cancel();
        }
    }

    /** The user says the TXT record is in place; SecureScore checks it before the CA looks. */
    public void recordCreated() {
        CountDownLatch latch = recordCreated;
        if (latch != null) {
            latch.countDown();
        }
    }

    private DnsRecordUser dnsUser() {
        return (rec, cancel) -> {
            CountDownLatch latch = new CountDownLatch(1);
            recordCreated = latch;
            runner.post(() -> record.set(rec));
            try {
                while (!latch.await(200, TimeUnit.MILLISECONDS)) {
                    cancel.check();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("Interrupted.");
            }
        };
    }

    private Progress progress() {
        return new Progress() {
            @Override
            public void stage(String name, double fraction) {
                AcmeStage s = AcmeStage.ofLabel(name);
                runner.post(() -> {
                    log.add(name);
                    int now = s == null ? marks.size() : s.ordinal();
                    for (int i = 0; i < marks.size(); i++) {
                        marks.set(i, i < now ? Mark.DONE : i == now ? Mark.ACTIVE : Mark.WAITING);
                    }
                });
            }

            @Override
            public void line(String text) {
                runner.post(() -> log.add("  " + text));
            }
        };
    }

    private void finished(AcmeResult result) {
        running.set(false);
        record.set(null);
        for (int i = 0; i < marks.size(); i++) {
            marks.set(i, Mark.DONE);
        }
        done.set("Issued until " + result.notAfter() + ". Saved " + result.fullchain() + " and "
                + result.privkey() + " (only you can read the key)." + (result.keptOld().isEmpty() ? ""
                        : " Your earlier files were kept as " + result.keptOld().stream()
                                .map(p -> p.getFileName().toString()).toList() + "."));
        handoff.use(result.fullchain(), result.privkey(), trustFile.get());
    }

    private void failed(Throwable t) {
        running.set(false);
        record.set(null);
        int active = marks.indexOf(Mark.ACTIVE);
        if (active >= 0) {
            marks.set(active, Mark.FAILED);
        }
        if (t instanceof CancellationException) {
            error.set("Cancelled. Nothing was saved.");
        } else if (t instanceof AcmeFailure f) {
            error.set(f.getMessage());
            fix.set(f.fix());
        } else {
            error.set(words(t));
        }
    }

    private static String words(Throwable t) {
        return t instanceof AcmeFailure f ? f.getMessage() + " " + f.fix()
                : "Something went wrong: " + (t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    private List<Path> trustList() {
        return trustFile.get() == null ? List.of() : List.of(trustFile.get());
    }

    /** What is wrong with the HTTP port typed, or empty. */
    public Optional<String> portProblem() {
        if (challenge.get() != Challenge.HTTP) {
            return Optional.empty();
        }
        try {
            int p = Integer.parseInt(httpPort.get().trim());
            if (p >= 1 && p <= 65535) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // falls through
        }
        return Optional.of("The port is a number from 1 to 65535 (80, or where port 80 is forwarded).");
    }

    public ObjectProperty<Directory> directoryProperty() {
        return directory;
    }

    public StringProperty directoryUrlProperty() {
        return directoryUrl;
    }

    public ObjectProperty<Path> trustFileProperty() {
        return trustFile;
    }

    /** The terms of service address once looked up; empty when unknown or when the CA has none. */
    public ReadOnlyStringProperty termsUrlProperty() {
        return termsUrl.getReadOnlyProperty();
    }

    public StringProperty termsStatusProperty() {
        return termsStatus;
    }

    public BooleanProperty agreedProperty() {
        return agreed;
    }

    public StringProperty emailProperty() {
        return email;
    }

    public ObjectProperty<Challenge> challengeProperty() {
        return challenge;
    }

    public StringProperty httpPortProperty() {
        return httpPort;
    }

    public ObjectProperty<KeyType> keyTypeProperty() {
        return keyType;
    }

    public ObjectProperty<Path> outDirProperty() {
        return outDir;
    }

    public ObjectProperty<Path> accountKeyProperty() {
        return accountKey;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** One mark per {@link AcmeStage}, in order. */
    public ObservableList<Mark> marks() {
        return marks;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fixProperty() {
        return fix.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** The TXT record to create while a DNS order waits for it; null otherwise. */
    public ReadOnlyObjectProperty<TxtRecord> recordProperty() {
        return record.getReadOnlyProperty();
    }

    public BooleanBinding canStart() {
        return canStart;
    }
}

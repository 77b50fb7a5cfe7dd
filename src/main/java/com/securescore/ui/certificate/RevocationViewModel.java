package com.securescore.ui.certificate;

import com.securescore.cert.CheckReport;
import com.securescore.cert.Certificates;
import com.securescore.findings.Finding;
import com.securescore.revocation.RevocationCheck;
import com.securescore.revocation.RevocationReport;
import com.securescore.ui.BackgroundRunner;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Certificate step's revocation check, asked only when the user presses for it: the step works
 * without a network, so nothing is sent to the CA's OCSP responder or CRL before. Offered once a
 * certificate and its key were read and the certificate names a responder or a CRL; its answer (a
 * {@code REVOKED} error, a {@code REVOCATION_UNCHECKED} warning, or "not revoked") lasts until other
 * files are chosen, a repair is made or undone, or the chain checked changes.
 */
public final class RevocationViewModel {
    private final BackgroundRunner runner;
    private final BooleanProperty busy;
    private final BiFunction<List<X509Certificate>, Duration, RevocationReport> checker;
    private final Duration limit;

    private final ReadOnlyBooleanWrapper available = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper addresses = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<RevocationReport> answer = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper goodLine = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper asking = new ReadOnlyBooleanWrapper(false);
    private final BooleanBinding revoked;
    private final BooleanBinding canAsk;
    /** The chain the offer (and any answer) is about: leaf first, then its issuers and the trusted root. */
    private List<X509Certificate> chain = List.of();
    /** Moves on whenever the chain changes, so a late answer about an earlier chain is dropped. */
    private int generation;

    /**
     * @param busy    the step's busy flag, held while the check runs (Next waits, as for its other work)
     * @param checker {@link RevocationCheck#check(List, Duration)}; tests may pass another
     * @param limit   the whole check's time limit
     */
    RevocationViewModel(BackgroundRunner runner, BooleanProperty busy,
                        BiFunction<List<X509Certificate>, Duration, RevocationReport> checker, Duration limit) {
        this.runner = runner;
        this.busy = busy;
        this.checker = checker;
        this.limit = limit;
        revoked = Bindings.createBooleanBinding(() -> answer.get() != null && answer.get().anyRevoked(), answer);
        canAsk = available.getReadOnlyProperty().and(busy.not());
    }

    RevocationViewModel(BackgroundRunner runner, BooleanProperty busy) {
        this(runner, busy, RevocationCheck::check, RevocationCheck.DEFAULT_LIMIT);
    }

    /** True when "Check revocation online" is offered: a certificate and key were read, and it names where to ask. */
    public ReadOnlyBooleanProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** The addresses the check would ask, OCSP responders first ("http://ocsp.example/, http://crl.example/ca.crl"). */
    public ReadOnlyStringProperty addressesProperty() {
        return addresses.getReadOnlyProperty();
    }

    /** The last answer, or null when none was asked for (or it no longer applies). */
    public ReadOnlyObjectProperty<RevocationReport> answerProperty() {
        return answer.getReadOnlyProperty();
    }

    /** "Not revoked, says the OCSP responder http://…" when the answer is good; empty otherwise. */
    public ReadOnlyStringProperty goodLineProperty() {
        return goodLine.getReadOnlyProperty();
    }

    /** True while the CA is being asked. */
    public ReadOnlyBooleanProperty askingProperty() {
        return asking.getReadOnlyProperty();
    }

    /** True when the check can be asked for now: offered, and the step is not busy with other work. */
    public BooleanBinding canAsk() {
        return canAsk;
    }

    /** True when the answer says a certificate of the chain is revoked: the step cannot go on. */
    public BooleanBinding revoked() {
        return revoked;
    }

    /** The answer's findings ({@code REVOKED}, {@code REVOCATION_UNCHECKED}), shown with the step's own. */
    public List<Finding> findings() {
        return answer.get() == null ? List.of() : answer.get().findings();
    }

    /**
     * The step's new result. An answer about the same chain is kept (the same files checked again); any
     * other chain drops it.
     */
    void follow(CheckReport report) {
        List<X509Certificate> now = chainOf(report);
        if (!now.equals(chain)) {
            forget();
            chain = now;
        }
        boolean offer = report != null && report.key() != null && RevocationCheck.hasPointers(report.leaf());
        addresses.set(offer ? String.join(", ", RevocationCheck.addresses(report.leaf())) : "");
        available.set(offer);
    }

    /** Other files were chosen or a repair was made: whatever was answered is about something else. */
    void forget() {
        generation++;
        chain = List.of();
        answer.set(null);
        goodLine.set("");
        if (asking.get()) {
            asking.set(false);
        }
    }

    /** Asks the CA, in the background, within the time limit; the only place this step goes online. */
    public void check() {
        if (!available.get() || busy.get()) {
            return;
        }
        int asked = generation;
        List<X509Certificate> of = chain;
        busy.set(true);
        asking.set(true);
        runner.run(() -> checker.apply(of, limit), report -> {
            if (asked != generation) {
                return; // the chain changed meanwhile: whoever changed it holds busy now
            }
            asking.set(false);
            busy.set(false);
            goodLine.set(goodLine(report));
            answer.set(report);
        }, error -> {
            if (asked != generation) {
                return;
            }
            asking.set(false);
            busy.set(false);
            goodLine.set("");
            answer.set(RevocationReport.notChecked(String.valueOf(error.getMessage())));
        });
    }

    /** One line per certificate the CA vouched for; the leaf's reads "Not revoked, says …". */
    static String goodLine(RevocationReport report) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < report.certificates().size(); i++) {
            RevocationReport.CertificateRevocation c = report.certificates().get(i);
            if (c.status() instanceof RevocationReport.Good g) {
                lines.add(i == 0 ? "Not revoked, says " + g.source().describe() + "."
                        : "The intermediate \"" + Certificates.name(c.certificate()) + "\" is not revoked either, says "
                        + g.source().describe() + ".");
            }
        }
        if (!report.checked()) {
            lines.add("The revocation check could not be made: " + report.notChecked() + ".");
        }
        return String.join("\n", lines);
    }

    /** The path up to and with the trusted root, leaf first: what clients would ask about. */
    private static List<X509Certificate> chainOf(CheckReport report) {
        if (report == null || report.leaf() == null) {
            return List.of();
        }
        List<X509Certificate> out = new ArrayList<>(report.path());
        if (report.anchor() != null && !out.contains(report.anchor())) {
            out.add(report.anchor());
        }
        return List.copyOf(out);
    }
}

package com.securescore.ui.dns;

import com.securescore.cert.Certificates;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.diagnose.DiagnoseTarget;
import com.securescore.diagnose.Diagnosis;
import com.securescore.diagnose.EndpointDiagnosis;
import com.securescore.dns.DnsCheck;
import com.securescore.dns.DnsChecklist;
import com.securescore.dns.DnsExpectation;
import com.securescore.dns.DnsReport;
import com.securescore.dns.DnsServer;
import com.securescore.dns.LocalNameCheck;
import com.securescore.dns.ResolverAnswer;
import com.securescore.task.DurationText;
import com.securescore.findings.Finding;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The DNS step: the record checklist for the chosen target, filled in from the deployment (or with
 * placeholders), and live checks of the name, once or again and again until it matches, with a
 * Cancel that ends the wait at once. Testable without the FX thread through {@link BackgroundRunner}.
 */
public final class DnsStepViewModel {
    private final WizardState state;
    private final BackgroundRunner runner;
    private final DnsCheck check;
    private final LocalNameCheck localCheck;
    private Duration interval = Duration.ofSeconds(10);
    private Duration deadline = Duration.ofHours(1);

    private final ObjectProperty<DnsChecklist> checklist = new SimpleObjectProperty<>();
    private final BooleanProperty fromDeployment = new SimpleBooleanProperty();
    private final StringProperty expected = new SimpleStringProperty("");
    private final StringProperty resolver = new SimpleStringProperty("");
    private final StringProperty expectedHelp = new SimpleStringProperty("");
    private final StringProperty resolverHint = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty waiting = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final ObjectProperty<DnsReport> report = new SimpleObjectProperty<>();
    private final StringProperty verdict = new SimpleStringProperty("");
    /** The endpoint diagnosis run once the name resolves as expected; empty before. */
    private final StringProperty endpointVerdict = new SimpleStringProperty("");
    private final BooleanProperty endpointWorks = new SimpleBooleanProperty(false);
    private final ObservableList<Finding> endpointFindings = FXCollections.observableArrayList();
    private Function<EndpointDiagnosis.Request,
            Diagnosis> diagnose = new EndpointDiagnosis()::run;
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    /** What onEnter last filled into the expected field, so a value the user typed is kept. */
    private String filledIn = "";
    private Cancellation cancellation = Cancellation.none();

    public DnsStepViewModel(WizardState state, BackgroundRunner runner, DnsCheck check) {
        this(state, runner, check, new LocalNameCheck());
    }

    /** @param localCheck how the name is looked up on this machine for the Local target (tests give a hosts file) */
    public DnsStepViewModel(WizardState state, BackgroundRunner runner, DnsCheck check, LocalNameCheck localCheck) {
        this.state = state;
        this.runner = runner;
        this.check = check;
        this.localCheck = localCheck;
    }

    /** The pace of "Keep checking": a check every {@code interval} until {@code deadline}. */
    public void pace(Duration interval, Duration deadline) {
        this.interval = interval;
        this.deadline = deadline;
    }

    public ReadOnlyObjectProperty<DnsChecklist> checklistProperty() {
        return checklist;
    }

    /** True when the checklist's values come from a deployment; false when they are placeholders. */
    public ReadOnlyBooleanProperty fromDeploymentProperty() {
        return fromDeployment;
    }

    /** What the name should resolve to: addresses or a host name, comma-separated; the user may type it. */
    public StringProperty expectedProperty() {
        return expected;
    }

    /** Resolvers to ask, {@code HOST[:PORT]} comma-separated; blank for this machine's own. */
    public StringProperty resolverProperty() {
        return resolver;
    }

    /** A line under "Should point to" saying where the suggested value comes from; empty when there is none. */
    public ReadOnlyStringProperty expectedHelpProperty() {
        return expectedHelp;
    }

    /** What a blank Resolver field means for the current target. */
    public ReadOnlyStringProperty resolverHintProperty() {
        return resolverHint;
    }

    private boolean local() {
        return checklist.get() != null && checklist.get().target() == TargetKind.LOCAL;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** True while "Keep checking" runs (between checks too). */
    public ReadOnlyBooleanProperty waitingProperty() {
        return waiting;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** How much of the waiting time has passed, 0..1, or -1 when not waiting. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyObjectProperty<DnsReport> reportProperty() {
        return report;
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    WizardState state() {
        return state;
    }

    public String domain() {
        return state.getDomain();
    }

    /** Called when the step is shown: the checklist for the current target and deployment. */
    public void onEnter() {
        DeployedEndpoint deployed = state.deployedProperty().get();
        TargetKind target = state.getTarget() == null ? TargetKind.LOCAL : state.getTarget();
        boolean useDeployment = deployed != null && deployed.target() == target;
        DnsChecklist list = useDeployment ? DnsChecklist.forEndpoint(deployed)
                : DnsChecklist.forTarget(target, state.getDomain());
        checklist.set(list);
        DnsReport last = report.get();
        if (last != null && !last.domain().equals(list.domain())) {
            // Results for a name the user has since changed would mislead.
            report.set(null);
            verdict.set("");
            findings.clear();
            status.set("");
        }
        fromDeployment.set(useDeployment);
        expectedHelp.set(target == TargetKind.LOCAL ? LocalNameCheck.LOOPBACK + " is the address the local service "
                + "listens on. With Resolver blank, the check looks the name up as this machine does: "
                + localCheck.hostsFile() + " first, then its DNS resolvers." : "");
        resolverHint.set(target == TargetKind.LOCAL ? "blank = this machine (hosts file, then its resolvers)"
                : "blank = this machine's resolvers; or 1.1.1.1, 10.0.0.2:53");
        String suggestion = String.join(", ", list.expected());
        if (expected.get() == null || expected.get().isBlank() || expected.get().equals(filledIn)) {
            expected.set(suggestion);
        }
        filledIn = suggestion;
    }

    /** One round of checks. */
    public void checkNow() {
        start(false);
    }

    /** Checks again and again until the name matches, the time is up, or Cancel. */
    public void keepChecking() {
        start(true);
    }

    /** Ends "Keep checking" at once (and lets a running check finish without waiting for the next). */
    public void cancel() {
        cancellation.cancel();
    }

    /** The wizard closes: nothing keeps checking after it. */
    public void close() {
        cancel();
    }

    private void start(boolean keep) {
        if (busy.get()) {
            return;
        }
        Input input = input();
        if (input == null) {
            return;
        }
        Cancellation token = new Cancellation();
        cancellation = token;
        busy.set(true);
        waiting.set(keep);
        progress.set(keep ? 0 : -1);
        status.set(keep ? "Checking every " + DurationText.human(interval) + " for up to "
                + DurationText.human(deadline) + "…" : "Checking…");
        Progress toUi = new Progress() {
            @Override
            public void stage(String name, double fraction) {
                runner.post(() -> {
                    status.set(name + "…");
                    progress.set(fraction);
                });
            }

            @Override
            public void line(String text) {
            }
        };
        boolean onThisMachine = local() && input.servers.isEmpty();
        runner.run(() -> {
            if (onThisMachine) {
                return keep ? localCheck.waitFor(input.domain, input.expectation, deadline, interval, toUi, token,
                        r -> runner.post(() -> show(r))) : localCheck.check(input.domain, input.expectation);
            }
            List<DnsServer> servers = input.servers.isEmpty() ? DnsServer.system() : input.servers;
            if (!keep) {
                return check.check(input.domain, input.expectation, servers);
            }
            return check.waitFor(input.domain, input.expectation, servers, deadline, interval, toUi, token,
                    r -> runner.post(() -> show(r)));
        }, done -> {
            finish();
            show(done);
            if (done.matches()) {
                diagnoseEndpoint(done);
            }
            status.set(done.matches() ? "" : keep ? "Stopped checking after " + DurationText.human(deadline)
                    + ". Check again later, or look at the findings below." : "");
        }, failure -> {
            finish();
            status.set(failure instanceof CancellationException ? "Stopped checking."
                    : failure instanceof IllegalArgumentException || failure instanceof UncheckedIOException
                    ? failure.getMessage()
                    : "The check failed: " + failure);
        });
    }

    /** Tests give a diagnosis of their own (a shorter timeout). */
    void diagnoseWith(Function<EndpointDiagnosis.Request,
            Diagnosis> diagnosis) {
        this.diagnose = diagnosis;
    }

    /**
     * The name resolves: does the service there present the checked certificate, speak gRPC over TLS,
     * and enforce its keys? Connects to the address the name resolved to, with the name as SNI.
     */
    private void diagnoseEndpoint(DnsReport resolved) {
        endpointFindings.clear();
        endpointWorks.set(false);
        Integer port = state.endpointPortProperty().get();
        String domain = state.getDomain();
        if (port == null) {
            endpointVerdict.set("The name resolves. To check the service there too, deploy first, or run "
                    + "Diagnose an endpoint with its port.");
            return;
        }
        String address = resolved.answers().stream()
                .filter(ResolverAnswer::matches).flatMap(a -> a.addresses().stream()).findFirst()
                .flatMap(DnsStepViewModel::address).map(InetAddress::getHostAddress).orElse(null);
        List<Path> trust = state.trustPathProperty().get() == null ? List.of()
                : List.of(state.trustPathProperty().get());
        Path keysFile = keysFile(state.keysFileProperty().get());
        var certificate = state.certificateProperty().get();
        List<String> expected = certificate == null || certificate.leaf() == null ? List.of()
                : List.of(Certificates.sha256(certificate.leaf()));
        DiagnoseTarget.Given given = new DiagnoseTarget.Given(new DiagnoseTarget.HostPort(domain, port), domain,
                address, trust, keysFile, false, null, expected);
        boolean withKey = keysFile != null;
        endpointVerdict.set("The name resolves; checking the service at " + domain + ":" + port + "…");
        runner.run(() -> diagnose.apply(DiagnoseTarget.request(given)), d -> {
            endpointWorks.set(d.works());
            endpointFindings.setAll(d.findings().stream().filter(Finding::isError).toList());
            endpointVerdict.set(d.works()
                    ? "The service at " + domain + ":" + port + " answers over TLS with the checked certificate"
                        + (withKey ? " and enforces its keys" : "") + (local()
                            ? ". Programs on this machine can use the name now; other machines need the record above."
                            : ". Clients can use the name now.")
                    : "The name resolves, but the service at " + domain + ":" + port + " is not right yet:");
        }, failure -> endpointVerdict.set("The service could not be checked: " + failure.getMessage()));
    }

    /** The deployment's keys file, to check that the service takes its primary key; null when there is none. */
    private static Path keysFile(Path keysFile) {
        return keysFile == null || !Files.isRegularFile(keysFile) ? null : keysFile;
    }

    private static Optional<InetAddress> address(String literal) {
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }


    public ReadOnlyStringProperty endpointVerdictProperty() {
        return endpointVerdict;
    }

    public ReadOnlyBooleanProperty endpointWorksProperty() {
        return endpointWorks;
    }

    public ObservableList<Finding> endpointFindings() {
        return endpointFindings;
    }

    private void finish() {
        busy.set(false);
        waiting.set(false);
        progress.set(-1);
    }

    private void show(DnsReport r) {
        report.set(r);
        verdict.set(r.verdict());
        findings.setAll(r.findings());
    }

    private record Input(String domain, DnsExpectation expectation, List<DnsServer> servers) {
    }

    /** The typed values, or null with the problem in the status line. */
    private Input input() {
        String domain = state.getDomain();
        if (domain == null || domain.isBlank()) {
            status.set("Enter the service's name in the Domain step first.");
            return null;
        }
        DnsExpectation expectation;
        try {
            expectation = DnsExpectation.parse(expected.get());
        } catch (IllegalArgumentException e) {
            status.set(expected.get() == null || expected.get().isBlank()
                    ? (local() ? "Type the address the name should point to: " + LocalNameCheck.LOOPBACK
                            + ", where the local service listens."
                            : "Type the address (or host name) the name should point to: the value of the "
                            + "record above, which the deployment reports once it is done.")
                    : e.getMessage());
            return null;
        }
        List<DnsServer> servers = new ArrayList<>();
        for (String r : (resolver.get() == null ? "" : resolver.get()).split("[,\\s]+")) {
            if (r.isBlank()) {
                continue;
            }
            try {
                servers.add(DnsServer.parse(r));
            } catch (IllegalArgumentException e) {
                status.set("Resolver: " + e.getMessage());
                return null;
            }
        }
        return new Input(domain, expectation, servers);
    }
}

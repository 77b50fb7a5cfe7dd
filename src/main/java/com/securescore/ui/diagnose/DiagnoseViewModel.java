package com.securescore.ui.diagnose;

import com.securescore.cert.Certificates;
import com.securescore.cert.CheckReport;
import com.securescore.cert.ClientSupport;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.diagnose.DiagnoseTarget;
import com.securescore.diagnose.Diagnosis;
import com.securescore.diagnose.EndpointDiagnosis;
import com.securescore.diagnose.EndpointProbe;
import com.securescore.diagnose.ErrorTexts;
import com.securescore.diagnose.HtmlReport;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Diagnose an endpoint from the wizard, for people who deployed nothing as much as for those who did:
 * the same {@link EndpointDiagnosis} and HTML report as {@code securescore diagnose}, and the error
 * texts of {@code securescore explain}. The key is read from its file only when the diagnosis runs
 * and is never held in a property, so nothing here can show it. Testable without the FX thread
 * through {@link BackgroundRunner}.
 */
public final class DiagnoseViewModel {
    /** What saving the report did. */
    public enum SaveOutcome { SAVED, EXISTS, FAILED }

    private final WizardState state;
    private final BackgroundRunner runner;
    private final EndpointDiagnosis diagnosis;

    private final StringProperty endpoint = new SimpleStringProperty("");
    private final StringProperty domain = new SimpleStringProperty("");
    private final StringProperty connectTo = new SimpleStringProperty("");
    private final StringProperty trustPath = new SimpleStringProperty("");
    private final StringProperty keyPath = new SimpleStringProperty("");
    private final BooleanProperty bearer = new SimpleBooleanProperty();
    private final BooleanProperty compareWithChecked = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<Diagnosis> result = new SimpleObjectProperty<>();
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ObservableList<ClientSupport.Verdict> clients = FXCollections.observableArrayList();
    private final StringProperty reportStatus = new SimpleStringProperty("");
    private final StringProperty pasted = new SimpleStringProperty("");
    private final ObservableList<ErrorTexts.Explanation> explanations = FXCollections.observableArrayList();
    private final StringProperty explainStatus = new SimpleStringProperty("");
    /** Bumped by each run and by Stop waiting: a result from an older run is dropped. */
    private int generation;

    public DiagnoseViewModel(WizardState state, BackgroundRunner runner, EndpointDiagnosis diagnosis) {
        this.state = state;
        this.runner = runner;
        this.diagnosis = diagnosis;
    }

    /** {@code HOST[:PORT]}; port 50051 when not given. */
    public StringProperty endpointProperty() {
        return endpoint;
    }

    /** The name clients check and send as SNI; blank: the host. */
    public StringProperty domainProperty() {
        return domain;
    }

    /** An address to connect to instead of resolving the host (before DNS is set up); blank: none. */
    public StringProperty connectToProperty() {
        return connectTo;
    }

    /** A PEM file with the root(s) clients trust; blank: the system's roots. */
    public StringProperty trustPathProperty() {
        return trustPath;
    }

    /** Where the service's key is (a keys file or a file holding just the key); blank: no key. A path only. */
    public StringProperty keyPathProperty() {
        return keyPath;
    }

    /** Send the key as "Bearer KEY" (AKS). */
    public BooleanProperty bearerProperty() {
        return bearer;
    }

    /** Report SERVED_CERT_DIFFERS when the server presents another certificate than the one checked. */
    public BooleanProperty compareWithCheckedProperty() {
        return compareWithChecked;
    }

    /** True when the wizard holds a checked certificate to compare the served one with. */
    public boolean hasCheckedCertificate() {
        return checkedLeaf().isPresent();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** The last diagnosis, or null before one. */
    public ReadOnlyObjectProperty<Diagnosis> resultProperty() {
        return result;
    }

    public ObservableList<Finding> findings() {
        return findings;
    }

    public ObservableList<ClientSupport.Verdict> clients() {
        return clients;
    }

    public ReadOnlyStringProperty reportStatusProperty() {
        return reportStatus;
    }

    /** The error message pasted into the explain box. */
    public StringProperty pastedProperty() {
        return pasted;
    }

    public ObservableList<ErrorTexts.Explanation> explanations() {
        return explanations;
    }

    public ReadOnlyStringProperty explainStatusProperty() {
        return explainStatus;
    }

    /**
     * Fills the blank fields from what the wizard knows: after a deployment its endpoint, connect-to
     * address, trust file and keys file; before one, the domain and a trust file if one was chosen.
     * What the user typed is kept.
     */
    public void prefill() {
        DeployedEndpoint deployed = state.deployedProperty().get();
        if (deployed != null) {
            String host = state.endpointHostProperty().get() != null ? state.endpointHostProperty().get()
                    : deployed.domain();
            int port = state.endpointPortProperty().get() != null ? state.endpointPortProperty().get()
                    : deployed.port();
            fill(endpoint, host + ":" + port);
            fill(connectTo, state.connectToProperty().get());
            fill(keyPath, state.keysFileProperty().get() != null ? state.keysFileProperty().get().toString()
                    : deployed.keysFile());
        } else {
            fill(endpoint, state.getDomain());
        }
        Path trust = state.trustPathProperty().get();
        fill(trustPath, trust == null ? null : trust.toString());
        if (deployed != null && hasCheckedCertificate()) {
            compareWithChecked.set(true);
        }
    }

    private static void fill(StringProperty field, String value) {
        if ((field.get() == null || field.get().isBlank()) && value != null && !value.isBlank()) {
            field.set(value);
        }
    }

    /** Runs the diagnosis off the FX thread; the verdict, findings and client table follow. */
    public void diagnose() {
        if (busy.get()) {
            return;
        }
        DiagnoseTarget.HostPort target = target();
        if (target == null) {
            return;
        }
        String trust = blankToNull(trustPath.get());
        String keyFile = blankToNull(keyPath.get());
        List<String> expected = compareWithChecked.get()
                ? checkedLeaf().map(c -> List.of(Certificates.sha256(c))).orElse(List.of()) : List.of();
        DiagnoseTarget.Given given = new DiagnoseTarget.Given(target, domain.get(), connectTo.get(),
                trust == null ? List.of() : List.of(Path.of(trust.strip())),
                keyFile == null ? null : Path.of(keyFile.strip()), bearer.get(), null, expected);
        int run = ++generation;
        busy.set(true);
        reportStatus.set("");
        status.set("Diagnosing " + target.host() + ":" + target.port() + "… (up to about half a minute when "
                + "nothing answers)");
        runner.run(() -> diagnosis.run(DiagnoseTarget.request(given)), d -> {
            if (run != generation) {
                return;
            }
            busy.set(false);
            show(d);
        }, failure -> {
            if (run != generation) {
                return;
            }
            busy.set(false);
            status.set(failure instanceof DiagnoseTarget.Problem p ? fieldOf(p.input()) + p.getMessage()
                    : "The diagnosis failed: " + failure.getClass().getSimpleName());
        });
    }

    /**
     * Stops waiting for the diagnosis in progress: its result is dropped. The probe itself cannot be
     * interrupted and ends on its own within its timeouts.
     */
    public void stopWaiting() {
        if (!busy.get()) {
            return;
        }
        generation++;
        busy.set(false);
        status.set("Stopped waiting. Nothing is shown from that attempt.");
    }

    private void show(Diagnosis d) {
        result.set(d);
        findings.setAll(d.findings());
        clients.setAll(d.clients());
        status.set("");
    }

    /**
     * Writes the HTML report of the last diagnosis to {@code file}. An existing file is never replaced
     * unless {@code replace} is true (after the user said so): {@link SaveOutcome#EXISTS} asks for that.
     */
    public SaveOutcome saveReport(Path file, boolean replace) {
        Diagnosis d = result.get();
        if (d == null) {
            reportStatus.set("Diagnose an endpoint first.");
            return SaveOutcome.FAILED;
        }
        try {
            if (replace) {
                Files.writeString(file, HtmlReport.render(d), StandardCharsets.UTF_8);
            } else {
                Files.writeString(file, HtmlReport.render(d), StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                        StandardOpenOption.CREATE_NEW);
            }
        } catch (FileAlreadyExistsException e) {
            reportStatus.set(file + " already exists; it was left as it is.");
            return SaveOutcome.EXISTS;
        } catch (IOException e) {
            reportStatus.set("Could not write the report to " + file + ": " + e.getMessage());
            return SaveOutcome.FAILED;
        }
        reportStatus.set("Report saved to " + file + ".");
        return SaveOutcome.SAVED;
    }

    /** A file name for the report: the endpoint's host and the date. */
    public String suggestedReportName() {
        Diagnosis d = result.get();
        String host = d == null ? "endpoint" : d.target().split("[: ]", 2)[0];
        String day = d == null ? "" : "-" + d.at().toString().substring(0, 10);
        return "diagnosis-" + host.replaceAll("[^A-Za-z0-9.-]", "_") + day + ".html";
    }

    /** Explains the pasted error text: its finding code, cause and fix. No network is used. */
    public void explain() {
        String text = pasted.get() == null ? "" : pasted.get();
        if (text.isBlank()) {
            explanations.clear();
            explainStatus.set("Paste the error message a client or tool printed.");
            return;
        }
        List<ErrorTexts.Explanation> found = ErrorTexts.explain(text);
        explanations.setAll(found);
        explainStatus.set(found.isEmpty() ? "Not recognised. Diagnose the endpoint itself (above), or check the "
                + "certificate files in the Certificate step." : "");
    }

    /** The verdict in a line, as the CLI's first line says it. */
    public static String verdictTitle(Diagnosis d) {
        long errors = d.findings().stream().filter(Finding::isError).count();
        return d.works() ? "Works" : "Problems: " + errors + (errors == 1 ? " error" : " errors");
    }

    /** Where it connected and what the connection gave. */
    public static String connectionText(Diagnosis d) {
        return d.presented().map(p -> "Connected to " + p.address().getAddress().getHostAddress() + ":"
                + p.address().getPort() + ": " + p.tlsVersion() + ", ALPN " + (p.alpn().isEmpty() ? "none" : p.alpn())
                + ", " + p.chain().size() + (p.chain().size() == 1 ? " certificate" : " certificates") + " sent.")
                .orElseGet(() -> unpresented(d.connection()));
    }

    /** What the key checks found, in a sentence or two. */
    public static String keysText(Diagnosis.AuthCheck auth) {
        if (auth instanceof Diagnosis.Checked c) {
            String without = c.withoutKey() instanceof Diagnosis.Failed f
                    ? FindingCode.AUTH_REJECTED.name().equals(f.code())
                    ? "A call without a key was refused, as it should be."
                    : "A call without a key failed (" + f.code() + ")."
                    : "A call without a key succeeded: anyone who reaches the service can use it.";
            return without + " " + c.withKey().map(DiagnoseViewModel::withKeyText)
                    .orElse("No key file given, so no call with a key was tried.");
        }
        return "Not checked: " + ((Diagnosis.NotChecked) auth).why() + ".";
    }

    private static String unpresented(EndpointProbe.Outcome o) {
        if (o instanceof EndpointProbe.NotTls) {
            return "Something answered, but not with TLS.";
        }
        if (o instanceof EndpointProbe.HandshakeFailed) {
            return "The server broke off the TLS handshake.";
        }
        if (o instanceof EndpointProbe.ClientCertRequired) {
            return "The server asked for a client certificate and broke off the TLS handshake without one.";
        }
        if (o instanceof EndpointProbe.NoTlsAnswer) {
            return "Connected, but nothing answered the TLS handshake.";
        }
        return "No connection.";
    }

    private static String withKeyText(Diagnosis.Call call) {
        if (call instanceof Diagnosis.Succeeded s) {
            return "A call with the key " + s.answered() + ".";
        }
        if (call instanceof Diagnosis.NotTried n) {
            return "The key from the key file was read but not sent: " + n.why() + ".";
        }
        return "A call with the key failed (" + ((Diagnosis.Failed) call).code() + ").";
    }

    private Optional<X509Certificate> checkedLeaf() {
        CheckReport report = state.certificateProperty().get();
        if (report == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(report.leaf());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Host and port as typed, or null with the problem in the status line. */
    private DiagnoseTarget.HostPort target() {
        try {
            return DiagnoseTarget.hostPort(endpoint.get());
        } catch (DiagnoseTarget.Problem e) {
            status.set(e.getMessage());
            return null;
        }
    }

    /** The field a problem is about, as its message's start ("" for the endpoint: the message names it). */
    private static String fieldOf(DiagnoseTarget.Input input) {
        return switch (input) {
            case ENDPOINT -> "";
            case CONNECT_TO -> "Connect to: ";
            case TRUST -> "Trust: ";
            case KEY_FILE -> "Key: ";
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

package com.securescore.ui.deploy;

import com.securescore.cert.CheckReport;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.deploy.azure.AccessTokens;
import com.securescore.deploy.azure.AzureClient;
import com.securescore.deploy.azure.AzureExport;
import com.securescore.deploy.azure.AzurePlan;
import com.securescore.deploy.azure.AzureResult;
import com.securescore.deploy.azure.AzureRuleException;
import com.securescore.service.AuthKeys;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.ProgressOnFx;
import com.securescore.ui.wizard.WizardState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
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
 * The Deploy step for the Azure targets (ACI, AKS, FPGA): the exact requests the Azure ML SDK v1
 * (or the 2018 FPGA client) would send, checked against the target's rules as the user types,
 * previewed with keys and PEM bodies shortened, exported to a folder (the primary output, decision
 * 0008) and, on request, submitted with a bearer token, stages, a log and Cancel. Export alone
 * finishes the step: the person may send the requests themselves.
 */
public final class AzureDeployViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final WizardState state;
    private final BackgroundRunner runner;
    private final Supplier<AzureClient> clients;
    private final Map<String, String> env;
    private final Path keysFolder;
    private final AzureForm form = new AzureForm();

    private final Map<String, StringProperty> problems = new HashMap<>();
    private final StringProperty note = new SimpleStringProperty("");
    private final StringProperty tokenFile = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final ObjectProperty<Path> exportFolder = new SimpleObjectProperty<>();
    private final ObservableList<String> exported = FXCollections.observableArrayList();
    private final ObservableList<Path> existing = FXCollections.observableArrayList();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty stage = new SimpleStringProperty("");
    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty fix = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty(false);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObjectProperty<AzureResult> result = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> savedKeys = new SimpleObjectProperty<>();
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(false);
    /** After the first Preview, Export or Submit, missing values count as problems too. */
    private boolean attempted;
    private Path pendingExport;
    private Cancellation cancel;
    private TargetKind shownFor;

    /** For the wizard: Azure with the system's trust, the process environment for the token. */
    public AzureDeployViewModel(WizardState state, BackgroundRunner runner, Path keysFolder) {
        this(state, runner, AzureClient::system, System.getenv(), keysFolder);
    }

    /**
     * @param clients    makes the HTTP client for a submit (tests: one trusting their loopback server)
     * @param env        where AZURE_ACCESS_TOKEN and PATH (for az) are read
     * @param keysFolder where keys the service returns (FPGA) are saved owner-only, or null to keep none
     */
    public AzureDeployViewModel(WizardState state, BackgroundRunner runner, Supplier<AzureClient> clients,
            Map<String, String> env, Path keysFolder) {
        this.state = state;
        this.runner = runner;
        this.clients = clients;
        this.env = Map.copyOf(env);
        this.keysFolder = keysFolder;
        for (String field : AzureForm.LABELS.keySet()) {
            problems.put(field, new SimpleStringProperty(""));
        }
        problems.put(AzureForm.GENERAL, new SimpleStringProperty(""));
        form.observables().forEach(o -> o.addListener(x -> changed()));
        state.targetProperty().addListener((o, was, now) -> onEnter());
        state.certificateProperty().addListener((o, was, now) -> changed());
        onEnter();
    }

    /**
     * The step is shown: the note for the target and a fresh check. A target other than last time
     * starts over (its preview, export and result belong to the old target); the same target keeps
     * what was done, so coming back from the DNS step loses nothing.
     */
    public void onEnter() {
        if (target() != shownFor) {
            shownFor = target();
            note.set(AzureTexts.note(target()));
            reset();
        } else {
            check();
        }
    }

    public TargetKind target() {
        return state.getTarget();
    }

    /** The chosen target (the Target step sets it). */
    public ReadOnlyObjectProperty<TargetKind> targetProperty() {
        return state.targetProperty();
    }

    private void reset() {
        preview.set("");
        exported.clear();
        existing.clear();
        exportFolder.set(null);
        pendingExport = null;
        result.set(null);
        tell("", "", false);
        attempted = false;
        done.set(false);
        check();
    }

    /**
     * A typed change: the rules again. What was previewed or exported no longer matches the form,
     * so an export stops counting as done (a submitted result still does).
     */
    private void changed() {
        preview.set("");
        existing.clear();
        pendingExport = null;
        if (!exported.isEmpty()) {
            tell("The settings changed after the export to " + exportFolder.get() + ": export again so the "
                    + "files match.", "", false);
            exported.clear();
            exportFolder.set(null);
            done.set(result.get() != null);
        }
        check();
    }

    /**
     * Runs the target's rules over the form and puts each problem beside its field. Before the
     * first Preview, Export or Submit, only fields the user has filled in are judged.
     *
     * @return the plan, or null when a rule is broken
     */
    private AzurePlan check() {
        TargetKind target = target();
        if (AzureForm.fields(target, form.aksSuccessor.get()).isEmpty()) {
            problems.values().forEach(p -> p.set(""));
            return null;
        }
        Map<String, String> found = form.problems(target, certificate());
        Map<String, String> values = form.values();
        for (Map.Entry<String, StringProperty> p : problems.entrySet()) {
            if (p.getKey().equals(AzureForm.TOKEN)) {
                continue;
            }
            String message = found.get(p.getKey());
            boolean shown = message != null && (attempted || !values.getOrDefault(p.getKey(), "").isEmpty()
                    || p.getKey().equals(AzureForm.GENERAL));
            p.getValue().set(shown ? message : "");
        }
        if (!found.isEmpty()) {
            return null;
        }
        try {
            return form.plan(target, certificate());
        } catch (AzureRuleException e) {
            problems.get(AzureForm.GENERAL).set(AzureForm.words(e.getMessage()));
            return null;
        }
    }

    private CheckReport certificate() {
        return state.certificateProperty().get();
    }

    /** The plan for an action: every problem shown when there is one. */
    private AzurePlan planForAction() {
        attempted = true;
        AzurePlan plan = check();
        if (plan == null) {
            tell("Some settings need fixing first: see the messages beside the fields.", "", true);
        }
        return plan;
    }

    /** Shows the requests as they would be sent, with keys and PEM bodies shortened. */
    public void showPreview() {
        AzurePlan plan = planForAction();
        if (plan == null) {
            preview.set("");
            return;
        }
        status.set("");
        failed.set(false);
        preview.set(AzureTexts.preview(plan));
    }

    /** Writes the plan's files into {@code dir}; when a file exists, nothing is written and Replace is offered. */
    public void export(Path dir) {
        write(dir, false);
    }

    /** The explicit "Replace": writes the folder refused before over its existing files. */
    public void replaceExisting() {
        if (pendingExport != null) {
            write(pendingExport, true);
        }
    }

    private void write(Path dir, boolean force) {
        AzurePlan plan = planForAction();
        if (plan == null || busy.get()) {
            return;
        }
        existing.clear();
        pendingExport = null;
        try {
            List<AzureExport.Written> written = plan.export(dir, force);
            exported.setAll(written.stream().map(w -> w.path().getFileName() + (w.ownerOnly()
                    ? "  (owner-only: holds the private key)" : "")).toList());
            exportFolder.set(dir);
            tell("Exported " + written.size() + " files to " + dir + ". Send them yourself (the README says "
                    + "how), or Submit.", "", false);
            line("Exported " + written.size() + " files to " + dir + (force ? ", replacing existing files." : "."));
            done.set(true);
        } catch (AzureExport.WouldOverwriteException e) {
            existing.setAll(e.existing());
            pendingExport = dir;
            tell(AzureTexts.alreadyExist(e.existing(), dir),
                    "Choose Replace to overwrite them, or export to another folder.", true);
        } catch (IOException e) {
            tell("Could not write the export to " + dir + ": " + e.getMessage(), "Choose a folder you can write to.",
                    true);
        }
    }

    /** Sends the request with a bearer token and follows the operation, reporting stages and a log. */
    public void submit() {
        if (busy.get()) {
            return;
        }
        AzurePlan plan = planForAction();
        if (plan == null) {
            return;
        }
        if (plan.target() == TargetKind.FPGA && plan.settings().apiBase() == null) {
            tell("No live service takes the FPGA request: the 2018 account API was retired.",
                    "Export the request as a record, or give the API host of a compatible endpoint you run.", true);
            return;
        }
        String file = tokenFile.get() == null ? "" : tokenFile.get().trim();
        Cancellation token = new Cancellation();
        cancel = token;
        busy.set(true);
        failed.set(false);
        result.set(null);
        status.set("");
        fix.set("");
        problems.get(AzureForm.TOKEN).set("");
        stage.set("Getting an access token");
        fraction.set(-1);
        line("Submitting " + plan.submitted().fileName() + " for " + plan.domain() + ".");
        Progress progress = new ProgressOnFx(runner, stage, fraction, this::line);
        runner.run(() -> {
            String fromFile = file.isEmpty() ? null : AccessTokens.fromFile(Path.of(file));
            AccessTokens.Token bearer = AccessTokens.resolve(fromFile, "the token file " + file, env);
            progress.line("Access token from " + bearer.source() + ".");
            return clients.get().submit(plan, bearer.value(), progress, token);
        }, this::succeeded, this::failedWith);
    }

    private void succeeded(AzureResult done) {
        busy.set(false);
        Path keys = null;
        if (done.primaryKey() != null && done.secondaryKey() != null && keysFolder != null) {
            keys = keysFolder.resolve("azure-" + done.target().name().toLowerCase(Locale.ROOT) + "-"
                    + done.domain() + "-keys.json");
            try {
                new AuthKeys.Pair(done.primaryKey(), done.secondaryKey()).save(keys, true);
                line("The service's keys are saved owner-only to " + keys + ".");
            } catch (IOException e) {
                line("The keys could not be saved to " + keys + ": " + e.getMessage());
                keys = null;
            }
        }
        savedKeys.set(keys);
        DeployedEndpoint e = done.toEndpoint();
        DeployedEndpoint endpoint = new DeployedEndpoint(e.target(), e.domain(), e.port(), e.addresses(),
                e.hostnames(), e.note(), keys == null ? null : keys.toString());
        stage.set("Done");
        fraction.set(1);
        status.set("Azure: " + done.state() + ". " + endpoint.note());
        line("Azure: " + done.state() + ". " + endpoint.note());
        result.set(done);
        state.deployedProperty().set(endpoint);
        state.endpointHostProperty().set(endpoint.domain());
        state.endpointPortProperty().set(endpoint.port());
        state.connectToProperty().set(endpoint.addresses().isEmpty() ? null : endpoint.addresses().get(0));
        if (keys != null) {
            state.keysFileProperty().set(keys);
        }
        this.done.set(true);
    }

    private void failedWith(Throwable failure) {
        busy.set(false);
        failed.set(true);
        AzureTexts.Told told = AzureTexts.submitFailed(failure);
        String why = told.why();
        String next = told.fix();
        if (failure instanceof AzureRuleException) {
            problems.get(AzureForm.TOKEN).set(why);
        }
        stage.set(failure instanceof CancellationException ? "Cancelled" : "Failed");
        status.set(why);
        fix.set(next);
        line(why + (next.isEmpty() ? "" : " Fix: " + next));
    }

    public void cancel() {
        if (cancel != null) {
            cancel.cancel();
        }
    }

    /** The status line, its fix ("" for none) and whether it tells of a failure. */
    private void tell(String said, String fixedBy, boolean failure) {
        status.set(said);
        fix.set(fixedBy);
        failed.set(failure);
    }

    private void line(String text) {
        log.add(LocalTime.now().format(CLOCK) + "  " + text);
    }

    /** A returned key in full, for the clipboard only; never shown or logged. */
    public String key(boolean secondary) {
        AzureResult r = result.get();
        return r == null || r.primaryKey() == null ? "" : secondary ? r.secondaryKey() : r.primaryKey();
    }

    /** The message for one field ("" when fine); fields as {@link AzureForm} names them. */
    public StringProperty problemProperty(String field) {
        return problems.get(field);
    }

    public StringProperty subscriptionProperty() {
        return form.subscription;
    }

    public StringProperty resourceGroupProperty() {
        return form.resourceGroup;
    }

    public StringProperty workspaceProperty() {
        return form.workspace;
    }

    public StringProperty regionProperty() {
        return form.region;
    }

    public StringProperty serviceNameProperty() {
        return form.serviceName;
    }

    public StringProperty imageIdProperty() {
        return form.imageId;
    }

    public StringProperty computeNameProperty() {
        return form.computeName;
    }

    public StringProperty leafDomainLabelProperty() {
        return form.leafDomainLabel;
    }

    public BooleanProperty overwriteExistingDomainProperty() {
        return form.overwriteExistingDomain;
    }

    public BooleanProperty aksSuccessorProperty() {
        return form.aksSuccessor;
    }

    public StringProperty accountProperty() {
        return form.account;
    }

    public StringProperty modelIdProperty() {
        return form.modelId;
    }

    public IntegerProperty replicasProperty() {
        return form.replicas;
    }

    /** Replaces the Azure host (sovereign clouds, private links, tests); empty for the public cloud. */
    public StringProperty apiBaseProperty() {
        return form.apiBase;
    }

    public StringProperty tokenFileProperty() {
        return tokenFile;
    }

    public ReadOnlyStringProperty noteProperty() {
        return note;
    }

    public ReadOnlyStringProperty previewProperty() {
        return preview;
    }

    public ReadOnlyObjectProperty<Path> exportFolderProperty() {
        return exportFolder;
    }

    /** The exported files' names, each saying when it is owner-only. */
    public ObservableList<String> exported() {
        return exported;
    }

    /** Files a refused export would have replaced; Replace is offered while this is not empty. */
    public ObservableList<Path> existing() {
        return existing;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty stageProperty() {
        return stage;
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyStringProperty fixProperty() {
        return fix;
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ReadOnlyObjectProperty<AzureResult> resultProperty() {
        return result;
    }

    public ReadOnlyObjectProperty<Path> savedKeysProperty() {
        return savedKeys;
    }

    /** True after a successful export or submit: the step may advance. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }
}

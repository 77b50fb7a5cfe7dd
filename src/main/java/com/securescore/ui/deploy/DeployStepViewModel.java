package com.securescore.ui.deploy;

import com.securescore.cert.CheckReport;
import com.securescore.deploy.CertificateFileSet;
import com.securescore.deploy.CertificateWatch;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.LocalDeployment;
import com.securescore.deploy.TargetKind;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import com.securescore.service.AuthKeys;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.PortText;
import com.securescore.ui.wizard.WizardState;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Deploy step for the Local target: starts SecureScore's scoring service in this process with
 * the certificate from step 2, shows what it does as a log and a download bar, and hands the
 * endpoint and keys file to the scoring console. The service stops when the wizard closes.
 */
public final class DeployStepViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final WizardState state;
    private final BackgroundRunner runner;
    private final ModelCache cache;
    private final ModelDownloader downloader;
    private final Path keysFile;

    private final StringProperty port = new SimpleStringProperty("50051");
    private final ObjectProperty<LocalDeployment.ModelChoice> model =
            new SimpleObjectProperty<>(LocalDeployment.ModelChoice.RESNET);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final DoubleProperty download = new SimpleDoubleProperty(-1);
    private final StringProperty primaryMasked = new SimpleStringProperty("");
    private final BooleanProperty demo = new SimpleBooleanProperty(false);
    private final StringProperty modelNote = new SimpleStringProperty("");
    private final BooleanProperty resnetPossible = new SimpleBooleanProperty(true);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private LocalDeployment deployment;
    /** Watches the running service's certificate files for a renewal; null when it runs from pasted text. */
    private CertificateWatch watch;
    /** How often the certificate files are looked at for a renewal; tests shorten it. */
    Duration watchEvery = Duration.ofSeconds(10);
    /** Set by Cancel while the model downloads; the download stops at its next block. */
    private final AtomicBoolean cancel = new AtomicBoolean();
    /** Set when the wizard closes: a service that finishes starting after that is stopped at once. */
    private final AtomicBoolean closed = new AtomicBoolean();
    private ModelSpec resnet = ModelSpec.resnet50(null);
    /** The certificate the running service was started with, to notice a change made since. */
    private Object startedWith;

    public DeployStepViewModel(WizardState state, BackgroundRunner runner, ModelCache cache,
            ModelDownloader downloader, Path keysFile) {
        this.state = state;
        this.runner = runner;
        this.cache = cache;
        this.downloader = downloader;
        this.keysFile = keysFile;
        // The model choice and port are the run's: saved with its progress and restored on resume.
        model.bindBidirectional(state.localModelProperty());
        port.bindBidirectional(state.localPortProperty());
        checkModel();
        model.addListener((o, was, now) -> checkModel());
    }

    /**
     * Before starting, says whether ResNet-50 can be had: in the cache, or downloadable. Offline with
     * nothing cached it cannot, so the demo model becomes the choice, and the note says why and how to
     * bring a copy over. The choice shown is always the model that will run.
     */
    private void checkModel() {
        if (running.get() || busy.get()) {
            return;
        }
        ModelCache.Status s;
        try {
            s = cache.status(resnet);
        } catch (IOException e) {
            s = null;
        }
        boolean cached = s != null && s.state() == ModelCache.State.VERIFIED;
        resnetPossible.set(cached || downloader != null);
        if (cached) {
            modelNote.set("");
        } else if (downloader == null) {
            modelNote.set(resnet.title() + " is not on this machine and downloads are off, so the demo model is "
                    + "chosen. To use ResNet-50, bring a copy of " + resnet.fileName() + " from a machine that has "
                    + "it and add it with \"Use a copy of ResNet-50…\".");
            model.set(LocalDeployment.ModelChoice.DEMO);
        } else if (model.get() == LocalDeployment.ModelChoice.DEMO) {
            // The demo model is chosen: a note about ResNet-50's download would describe what will not run.
            modelNote.set("");
        } else {
            modelNote.set(resnet.title() + " is not on this machine yet: starting with it downloads "
                    + ModelSpec.mebibytes(resnet.size()) + " once. If that fails, nothing starts and you can "
                    + "choose the demo model.");
        }
    }

    /**
     * Adds a copy of ResNet-50 the user brought from another machine (what {@code model fetch --from}
     * does): checked against the pinned size and SHA-256, copied into the cache, then chosen. A
     * different or damaged file leaves the cache as it was and the note says what the file is not.
     */
    public void useModelFile(Path file) {
        if (running.get() || busy.get()) {
            return;
        }
        busy.set(true);
        status.set("Checking " + file.getFileName() + " against ResNet-50's pinned SHA-256…");
        runner.run(() -> ModelDownloader.install(cache, resnet, file), installed -> {
            busy.set(false);
            status.set("");
            checkModel();
            model.set(LocalDeployment.ModelChoice.RESNET);
            log.add(LocalTime.now().format(CLOCK) + "  " + resnet.title() + " added from " + file + ".");
        }, failure -> {
            busy.set(false);
            status.set("");
            modelNote.set(file + " cannot be used: " + (failure instanceof NoSuchFileException
                    ? "it does not exist." : failure.getMessage()) + " Pick " + resnet.fileName() + " as the ONNX "
                    + "model zoo publishes it.");
        });
    }

    /** What is to know about the model choice before starting; empty when ResNet-50 is ready. */
    public ReadOnlyStringProperty modelNoteProperty() {
        return modelNote;
    }

    /** Whether ResNet-50 can be had here (cached, or downloads are on). */
    public ReadOnlyBooleanProperty resnetPossibleProperty() {
        return resnetPossible;
    }

    public StringProperty portProperty() {
        return port;
    }

    public ObjectProperty<LocalDeployment.ModelChoice> modelProperty() {
        return model;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** The model download's progress, 0..1, or -1 when nothing is downloading. */
    public ReadOnlyDoubleProperty downloadProperty() {
        return download;
    }

    /** The running service answers with the demo model (chosen, or standing in for ResNet-50). */
    public ReadOnlyBooleanProperty demoProperty() {
        return demo;
    }

    public ReadOnlyStringProperty primaryMaskedProperty() {
        return primaryMasked;
    }

    public ObservableList<String> log() {
        return log;
    }

    public Path keysFile() {
        return keysFile;
    }

    private final BooleanProperty kubernetesDeployed = new SimpleBooleanProperty(false);

    /** Whether the Kubernetes target has deployed (its own view model knows). */
    void kubernetesDeployed(ObservableBooleanValue deployed) {
        kubernetesDeployed.bind(deployed);
    }

    private final BooleanProperty azureDone = new SimpleBooleanProperty(false);

    /** Whether an Azure target has exported or submitted its requests (its own view model knows). */
    void azureDone(ObservableBooleanValue done) {
        azureDone.bind(done);
    }

    private BooleanBinding canAdvance;

    /**
     * Next needs a running service (Local), a finished deployment (Kubernetes), or an export or submit
     * (Azure). Always the same binding, so whoever binds to it sees every later change.
     */
    public BooleanBinding canAdvance() {
        if (canAdvance == null) {
            canAdvance = Bindings.createBooleanBinding(() -> switch (state.targetProperty().get()) {
                case LOCAL -> running.get();
                case KUBERNETES -> kubernetesDeployed.get();
                case ACI, AKS, FPGA -> azureDone.get();
            }, state.targetProperty(), running, kubernetesDeployed, azureDone);
        }
        return canAdvance;
    }

    public TargetKind target() {
        return state.targetProperty().get();
    }

    public boolean local() {
        return state.targetProperty().get() == TargetKind.LOCAL;
    }

    public String domain() {
        return state.getDomain();
    }

    /** The key in full, for the clipboard only; never shown or logged. */
    public String key(boolean secondary) {
        return deployment == null ? "" : secondary ? deployment.keys().secondary() : deployment.keys().primary();
    }

    public void start() {
        if (running.get() || busy.get()) {
            return;
        }
        OptionalInt typed = PortText.parse(port.get());
        if (typed.isEmpty()) {
            status.set(PortText.PROBLEM);
            return;
        }
        int p = typed.getAsInt();
        busy.set(true);
        status.set("Starting the service…");
        cancel.set(false);
        LocalDeployment.Options options = new LocalDeployment.Options("127.0.0.1", p, keysFile, model.get(),
                16 * 1024 * 1024, resnet, false);
        var certificate = state.certificateProperty().get();
        CertificateFileSet files = state.certificateFilesProperty().get();
        LocalDeployment.Listener listener = startListener();
        runner.run(() -> {
            LocalDeployment started = LocalDeployment.start(certificate, options, cache, downloader, listener);
            if (closed.get()) {
                // The wizard closed while the model downloaded: no service may outlive it.
                started.close();
                throw new CancellationException("the wizard closed");
            }
            return started;
        }, started -> started(started, certificate, files), this::startFailed);
    }

    /** The start's log lines and download progress, shown on the FX thread; Cancel stops the download. */
    private LocalDeployment.Listener startListener() {
        return new LocalDeployment.Listener() {
            @Override
            public void line(String text) {
                logLater(text);
            }

            @Override
            public void download(long done, long total) {
                if (cancel.get()) {
                    throw new ModelDownloader.Cancelled();
                }
                runner.post(() -> {
                    download.set(done >= total ? -1 : done / (double) Math.max(1, total));
                    status.set(done >= total ? "Checking the model and starting the service…"
                            : "Downloading " + resnet.title() + ": " + ModelSpec.mebibytes(done)
                                + " of " + ModelSpec.mebibytes(total) + "…");
                });
            }
        };
    }

    private void started(LocalDeployment started, CheckReport certificate, CertificateFileSet files) {
        deployment = started;
        startedWith = certificate;
        if (files != null) {
            // A renewal written into the same files (acme renew, certbot) is served without a restart.
            watch = files.watch(certificate.domain(), started::useCertificate, this::logLater, watchEvery);
        }
        busy.set(false);
        download.set(-1);
        running.set(true);
        // The note spoke of what was to come before starting; the status now says what runs.
        modelNote.set("");
        primaryMasked.set(AuthKeys.mask(started.keys().primary()));
        demo.set(started.demo());
        status.set("Running on 127.0.0.1:" + started.port() + (started.demo()
                ? " with the demo model (colour features only, not a real classifier)." : "."));
        state.endpointHostProperty().set(state.getDomain());
        state.endpointPortProperty().set(started.port());
        state.connectToProperty().set("127.0.0.1");
        state.keysFileProperty().set(keysFile);
        state.deployedProperty().set(new DeployedEndpoint(TargetKind.LOCAL,
                state.getDomain(), started.port(), List.of("127.0.0.1"), List.of(),
                "Listening on 127.0.0.1 only: other machines cannot reach it.", keysFile.toString()));
    }

    private void startFailed(Throwable failure) {
        busy.set(false);
        download.set(-1);
        if (failure instanceof LocalDeployment.ResNetUnavailable) {
            // Nothing started: the demo becomes the choice, knowingly, for the next Start.
            model.set(LocalDeployment.ModelChoice.DEMO);
            String said = failure.getMessage() == null ? "" : failure.getMessage();
            // The reason usually names the model already ("ResNet-50 v1 … could not be downloaded: …").
            String why = (said.startsWith(resnet.title()) ? said : resnet.title() + " cannot be had: " + said)
                    + " Nothing was started. The demo model is chosen now: press Start service to run it, "
                    + "or add a copy of " + resnet.fileName() + " brought from another machine with \"Use a copy "
                    + "of ResNet-50…\".";
            modelNote.set(why);
            status.set("Not started: " + resnet.title() + " cannot be had (see above).");
            return;
        }
        String why = failure instanceof LocalDeployment.DeployException ? failure.getMessage()
                : "The service could not start: " + failure;
        status.set(why);
        log.add(LocalTime.now().format(CLOCK) + "  " + why);
    }

    /** A log line from another thread, added on the FX thread. */
    private void logLater(String text) {
        runner.post(() -> log.add(LocalTime.now().format(CLOCK) + "  " + text));
    }

    /** What closing the wizard would stop here, or null: the running service, or a start under way. */
    public String whatClosingStops() {
        if (running.get() && deployment != null) {
            return "The scoring service on 127.0.0.1:" + deployment.port() + " is running; closing SecureScore stops it.";
        }
        if (busy.get()) {
            return download.get() >= 0 ? "The model is downloading and the scoring service is about to start; "
                    + "closing SecureScore stops both." : "The scoring service is starting; closing SecureScore stops it.";
        }
        return null;
    }

    /** The terminal command that runs this service on its own (same files, port, keys, model), or null. */
    public String commandOnItsOwn() {
        return deployment == null ? null : ServeOnItsOwn.of(state.certificateFilesProperty().get(), state.getDomain(),
                deployment.port(), keysFile, deployment.demo());
    }

    /** Stops a model download in progress; nothing starts, and the demo model is offered instead. */
    public void cancelDownload() {
        cancel.set(true);
    }

    /** Where ResNet-50 is fetched from (tests point it at a server of their own). */
    void resnetFrom(ModelSpec spec) {
        this.resnet = spec;
    }

    /** Called when the step is shown: a service started before the certificate changed says so. */
    public void onEnter() {
        checkModel();
        if (running.get() && state.certificateProperty().get() != startedWith) {
            status.set("The certificate changed after the service started; it still serves the old one. Stop and "
                    + "start it again to serve the new certificate.");
        }
    }

    /** Stops the service (also when the wizard closes). */
    public void stop() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        if (deployment != null) {
            deployment.close();
            deployment = null;
            startedWith = null;
            log.add(LocalTime.now().format(CLOCK) + "  Stopped.");
        }
        running.set(false);
        demo.set(false);
        primaryMasked.set("");
        status.set("");
        checkModel();
        if (state.deployedProperty().get() != null
                && state.deployedProperty().get().target() == TargetKind.LOCAL) {
            state.deployedProperty().set(null);
        }
    }

    /** The wizard closes: stop the service, and any download or start still under way. */
    public void close() {
        closed.set(true);
        cancel.set(true);
        stop();
    }
}

package com.securescore.ui.deploy;

import com.securescore.cert.CertificateService;
import com.securescore.acme.RenewalSettings;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Source;
import com.securescore.deploy.CertificateFileSet;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.kubernetes.KubeContexts;
import com.securescore.deploy.kubernetes.KubernetesDeployException;
import com.securescore.deploy.kubernetes.KubernetesDeployer;
import com.securescore.deploy.kubernetes.KubernetesManifests;
import com.securescore.deploy.kubernetes.KubernetesSettings;
import com.securescore.service.AuthKeys;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Deploy step for the Kubernetes target: the user's kubeconfig and context, what to create,
 * a preview of the manifests (Secrets' data hidden), the deployment with its stages, a log and
 * Cancel, and the result handed to the DNS step and the console.
 */
public final class KubernetesDeployViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final WizardState state;
    private final BackgroundRunner runner;
    private final Path keysFolder;

    private final ObjectProperty<Path> kubeconfig = new SimpleObjectProperty<>();
    private final ObservableList<String> contexts = FXCollections.observableArrayList();
    private final StringProperty context = new SimpleStringProperty();
    private final StringProperty namespace = new SimpleStringProperty("securescore");
    private final ObjectProperty<KubernetesSettings.ServiceType> serviceType =
            new SimpleObjectProperty<>(KubernetesSettings.ServiceType.LOAD_BALANCER);
    private final IntegerProperty replicas = new SimpleIntegerProperty(2);
    private final StringProperty image = new SimpleStringProperty(KubernetesSettings.DEFAULT_IMAGE);
    private final BooleanProperty demoModel = new SimpleBooleanProperty(false);
    private final StringProperty ingressClass = new SimpleStringProperty("");
    private final StringProperty preview = new SimpleStringProperty("");
    private final StringProperty configProblem = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty stage = new SimpleStringProperty("");
    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty(false);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObjectProperty<KubernetesDeployer.Result> result = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> savedKeys = new SimpleObjectProperty<>();
    private Cancellation cancel;
    private java.time.Duration addressWait = KubernetesSettings.defaults(null).addressTimeout();

    /**
     * @param kubeconfig the kubeconfig to start with (KUBECONFIG, else ~/.kube/config)
     * @param keysFolder where the deployment's keys are saved for the console (owner-only)
     */
    public KubernetesDeployViewModel(WizardState state, BackgroundRunner runner, Path kubeconfig, Path keysFolder) {
        this.state = state;
        this.runner = runner;
        this.keysFolder = keysFolder;
        this.kubeconfig.set(kubeconfig);
    }

    /** Reads the contexts of the chosen kubeconfig; selects its current context. */
    public void loadContexts() {
        Path file = kubeconfig.get();
        try {
            KubeContexts read = KubeContexts.read(file);
            contexts.setAll(read.names());
            if (context.get() == null || !read.names().contains(context.get())) {
                context.set(read.current());
            }
            configProblem.set("");
        } catch (KubernetesDeployException e) {
            contexts.clear();
            context.set(null);
            configProblem.set(e.getMessage());
        }
    }

    public void chooseKubeconfig(Path file) {
        kubeconfig.set(file);
        context.set(null);
        loadContexts();
    }

    KubernetesSettings settings() {
        String ingress = ingressClass.get() == null || ingressClass.get().isBlank() ? null : ingressClass.get().trim();
        return KubernetesSettings.defaults(context.get()).withNamespace(trim(namespace.get()))
                .withImage(trim(image.get())).withReplicas(replicas.get()).withServiceType(serviceType.get())
                .withIngressClass(ingress).withDemoModel(demoModel.get())
                .withTimeouts(KubernetesSettings.defaults(null).rolloutTimeout(), addressWait);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    /** Shows what Deploy will send, with the Secrets' data hidden. */
    public void showPreview() {
        String problem = readyProblem();
        if (problem != null) {
            preview.set("");
            status.set(problem);
            failed.set(true);
            return;
        }
        try {
            preview.set(new KubernetesManifests(settings(), state.getDomain(), state.certificateProperty().get(),
                    privateRoots(), AuthKeys.Pair.fresh().json()).yaml(true));
            failed.set(false);
            status.set("");
        } catch (RuntimeException e) {
            status.set("The manifests cannot be made: " + e.getMessage());
            failed.set(true);
        }
    }

    /** Why Deploy cannot start yet, or null. */
    String readyProblem() {
        CheckReport certificate = state.certificateProperty().get();
        if (certificate == null || !certificate.ok() || certificate.key() == null) {
            return "The certificate has errors or no key: fix it in the Certificate step first.";
        }
        if (context.get() == null) {
            return configProblem.get().isEmpty() ? "Choose a kubeconfig with a context first." : configProblem.get();
        }
        return settings().problem();
    }

    private List<X509Certificate> privateRoots() {
        String trust = state.trustPathProperty().get();
        if (trust == null || trust.isBlank()) {
            return List.of();
        }
        try {
            return new CertificateService().read(List.of(Source.file(Path.of(trust))), null, null).certificates();
        } catch (java.io.IOException e) {
            return List.of();
        }
    }

    public void deploy() {
        if (busy.get()) {
            return;
        }
        String problem = readyProblem();
        if (problem != null) {
            status.set(problem);
            failed.set(true);
            return;
        }
        KubernetesSettings settings = settings();
        CheckReport certificate = state.certificateProperty().get();
        String domain = state.getDomain();
        List<X509Certificate> roots = privateRoots();
        Path file = kubeconfig.get();
        Cancellation token = new Cancellation();
        cancel = token;
        busy.set(true);
        failed.set(false);
        result.set(null);
        preview.set("");
        status.set("");
        fraction.set(0);
        line("Deploying " + domain + " to context " + settings.context() + ", namespace " + settings.namespace() + ".");
        Progress progress = new com.securescore.ui.ProgressOnFx(runner, stage, fraction, this::line);
        CertificateFileSet files = state.certificateFilesProperty().get();
        runner.run(() -> {
            KubernetesDeployer.Result deployed;
            try (KubernetesClient client = KubeContexts.read(file).client(settings.context())) {
                deployed = new KubernetesDeployer(client, settings.context()).deploy(settings, domain, certificate,
                        roots, progress, token);
            }
            recordForRenewal(files, file, settings.context(), deployed);
            return deployed;
        }, done -> {
            busy.set(false);
            Path keys = keysFolder.resolve("kubernetes-" + done.namespace() + "-" + done.name() + "-keys.json");
            try {
                done.keys().save(keys, true);
                savedKeys.set(keys);
            } catch (java.io.IOException e) {
                line("The keys could not be saved to " + keys + ": " + e.getMessage());
            }
            DeployedEndpoint endpoint = new DeployedEndpoint(done.endpoint().target(), done.endpoint().domain(),
                    done.endpoint().port(), done.endpoint().addresses(), done.endpoint().hostnames(),
                    done.endpoint().note(), keys.toString());
            result.set(done);
            stage.set("Deployed");
            fraction.set(1);
            status.set("Deployed: " + settings.replicas() + " of " + settings.replicas() + " pods ready.");
            state.deployedProperty().set(endpoint);
            state.endpointHostProperty().set(domain);
            state.endpointPortProperty().set(endpoint.port());
            state.connectToProperty().set(endpoint.addresses().isEmpty() ? null : endpoint.addresses().get(0));
            state.keysFileProperty().set(keys.toString());
        }, failure -> {
            busy.set(false);
            failed.set(true);
            String why = failure instanceof KubernetesDeployException ? failure.getMessage()
                    : failure instanceof CancellationException
                    ? "Cancelled. What was already applied stays on the cluster; deploy again to finish, or remove it "
                        + "with kubectl -n " + settings.namespace() + " delete deployment,service,secret,ingress -l "
                        + "app.kubernetes.io/instance=" + settings.name() + "."
                    : "The deployment failed: " + failure;
            stage.set(failure instanceof CancellationException ? "Cancelled" : "Failed");
            status.set(why);
            line(why);
        });
    }

    public void cancel() {
        if (cancel != null) {
            cancel.cancel();
        }
    }

    /**
     * When the certificate files came from an ACME certificate authority (renewal.json beside them),
     * records this deployment there so {@code acme renew} reaches it, and says so in the log.
     */
    private void recordForRenewal(CertificateFileSet files, Path kubeconfigFile, String usedContext,
            KubernetesDeployer.Result deployed) {
        if (files == null) {
            return;
        }
        try {
            RenewalSettings.recordDeployment(files.certificates(), new RenewalSettings.KubernetesTarget(
                    kubeconfigFile.toAbsolutePath().toString(), usedContext, deployed.namespace(), deployed.name()))
                    .ifPresent(dir -> runner.post(() -> line(RenewalSettings.willRedeploy(dir))));
        } catch (java.io.IOException e) {
            runner.post(() -> line("This deployment could not be recorded for securescore acme renew: "
                    + e.getMessage()));
        }
    }

    private void line(String text) {
        log.add(LocalTime.now().format(CLOCK) + "  " + text);
    }

    /** How long to wait for a load balancer's address (tests shorten it). */
    void addressWait(java.time.Duration value) {
        addressWait = value;
    }

    /** The key in full, for the clipboard only. */
    public String key(boolean secondary) {
        KubernetesDeployer.Result r = result.get();
        return r == null ? "" : secondary ? r.keys().secondary() : r.keys().primary();
    }

    public ObjectProperty<Path> kubeconfigProperty() {
        return kubeconfig;
    }

    public ObservableList<String> contexts() {
        return contexts;
    }

    public StringProperty contextProperty() {
        return context;
    }

    public StringProperty namespaceProperty() {
        return namespace;
    }

    public ObjectProperty<KubernetesSettings.ServiceType> serviceTypeProperty() {
        return serviceType;
    }

    public IntegerProperty replicasProperty() {
        return replicas;
    }

    public StringProperty imageProperty() {
        return image;
    }

    public BooleanProperty demoModelProperty() {
        return demoModel;
    }

    public StringProperty ingressClassProperty() {
        return ingressClass;
    }

    public StringProperty previewProperty() {
        return preview;
    }

    public StringProperty configProblemProperty() {
        return configProblem;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public StringProperty stageProperty() {
        return stage;
    }

    public DoubleProperty fractionProperty() {
        return fraction;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public BooleanProperty failedProperty() {
        return failed;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ObjectProperty<KubernetesDeployer.Result> resultProperty() {
        return result;
    }

    public ObjectProperty<Path> savedKeysProperty() {
        return savedKeys;
    }
}

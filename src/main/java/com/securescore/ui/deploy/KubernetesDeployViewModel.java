package com.securescore.ui.deploy;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Source;
import com.securescore.deploy.CertificateFileSet;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.kubernetes.KubeContexts;
import com.securescore.deploy.kubernetes.KubernetesDeployException;
import com.securescore.deploy.kubernetes.KubernetesDeployer;
import com.securescore.deploy.kubernetes.KubernetesDeployment;
import com.securescore.deploy.kubernetes.KubernetesManifests;
import com.securescore.deploy.kubernetes.KubernetesSettings;
import com.securescore.deploy.kubernetes.PullCredential;
import com.securescore.image.ImageBuildException;
import com.securescore.image.RegistryCredentials;
import com.securescore.service.AuthKeys;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.ProgressOnFx;
import com.securescore.ui.wizard.WizardState;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CancellationException;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
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
 * the image (built and pushed from this installation by {@link ImageBuildViewModel}, or named), the
 * registry login the push and the cluster's image pull Secret share, a preview of the manifests
 * (Secrets' data hidden), the deployment with its stages, a log and Cancel, and the result handed to
 * the DNS step and the console.
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
    private final StringProperty registryUser = new SimpleStringProperty("");
    /** Kept in memory only: never saved, logged or shown. */
    private final StringProperty registryPassword = new SimpleStringProperty("");
    private final StringProperty pullSecret = new SimpleStringProperty("");
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
    private final ImageBuildViewModel imageBuild;
    private final Path dockerConfig;
    private final BooleanBinding working;
    private Cancellation cancel;
    private Duration addressWait = KubernetesSettings.defaults(null).addressTimeout();

    /**
     * @param kubeconfig the kubeconfig to start with (KUBECONFIG, else ~/.kube/config)
     * @param keysFolder where the deployment's keys are saved for the console (owner-only)
     */
    public KubernetesDeployViewModel(WizardState state, BackgroundRunner runner, Path kubeconfig, Path keysFolder) {
        this(state, runner, kubeconfig, keysFolder, ImageBuildViewModel.Parts.installed());
    }

    /**
     * @param parts what an image build takes from this machine (the jar, the model cache), and the Docker
     *              config read for the image's registry when the pane has no registry login
     */
    public KubernetesDeployViewModel(WizardState state, BackgroundRunner runner, Path kubeconfig, Path keysFolder,
            ImageBuildViewModel.Parts parts) {
        this.state = state;
        this.runner = runner;
        this.keysFolder = keysFolder;
        this.kubeconfig.set(kubeconfig);
        this.dockerConfig = parts.dockerConfig();
        this.imageBuild = new ImageBuildViewModel(runner, parts, this::login);
        this.working = busy.or(imageBuild.busyProperty());
        // A pushed image is what Deploy runs next: its digest, so the pods run exactly what was pushed.
        imageBuild.resultProperty().addListener((o, was, now) -> {
            if (now != null && now.pushed()) {
                image.set(now.reference());
            }
        });
    }

    /** Opens the Build and push panel, its image name taken from the Image field when that names a registry. */
    public void openImageBuild() {
        imageBuild.open(image.get());
    }

    /**
     * The pane's registry login, for the push and the image pull Secret; null when the user field is
     * empty (the Docker config's entry for the registry is used then).
     *
     * @throws IllegalArgumentException when only one of user and password is given
     */
    RegistryCredentials.Login login() {
        String problem = loginProblem();
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        String user = trim(registryUser.get());
        return user.isEmpty() ? null : new RegistryCredentials.Login(user, password().toCharArray(),
                "the wizard's registry fields");
    }

    private String password() {
        return registryPassword.get() == null ? "" : registryPassword.get();
    }

    private String loginProblem() {
        String user = trim(registryUser.get());
        if (user.isEmpty() && !password().isEmpty()) {
            return "The registry password needs its user name: give the registry user too, or clear the password "
                    + "to use the Docker config's entry for the registry.";
        }
        if (!user.isEmpty() && password().isEmpty()) {
            return "Give the registry password (or access token) for " + user + ", or clear the registry user to use "
                    + "the Docker config's entry for the registry.";
        }
        return null;
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

    /**
     * What Deploy sends. The pods pull with the existing Secret named, else with a Secret made of the
     * pane's registry login, else of the Docker config's entry for the image's registry (as the CLI
     * does), else with none (a public image, or a cluster that can pull it already).
     *
     * @throws ImageBuildException when the Docker config names a credential helper that fails
     */
    KubernetesSettings settings() throws ImageBuildException {
        String ingress = ingressClass.get() == null || ingressClass.get().isBlank() ? null : ingressClass.get().trim();
        KubernetesSettings s = KubernetesSettings.defaults(context.get()).withNamespace(trim(namespace.get()))
                .withImage(trim(image.get())).withReplicas(replicas.get()).withServiceType(serviceType.get())
                .withIngressClass(ingress).withDemoModel(demoModel.get())
                .withTimeouts(KubernetesSettings.defaults(null).rolloutTimeout(), addressWait);
        String secret = trim(pullSecret.get());
        if (!secret.isEmpty()) {
            return s.withPullSecret(secret);
        }
        return s.withPullCredential(pullCredential(s.image()));
    }

    /** The credentials for the image's registry: the pane's login, else the Docker config's; null when none. */
    private PullCredential pullCredential(String imageName) throws ImageBuildException {
        String registry = RegistryCredentials.registryOf(imageName);
        if (registry == null || loginProblem() != null) {
            return null;
        }
        String user = trim(registryUser.get());
        if (!user.isEmpty()) {
            return new PullCredential(registry, user, password(), "the wizard's registry fields");
        }
        return new RegistryCredentials(dockerConfig, null).find(registry)
                .map(c -> new PullCredential(registry, c.user(), c.password(), c.source())).orElse(null);
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
        } catch (ImageBuildException e) {
            status.set(e.getMessage());
            failed.set(true);
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
        String login = loginProblem();
        if (login != null) {
            return login;
        }
        try {
            return settings().problem();
        } catch (ImageBuildException e) {
            return e.getMessage();
        }
    }

    private List<X509Certificate> privateRoots() {
        Path trust = state.trustPathProperty().get();
        if (trust == null) {
            return List.of();
        }
        try {
            return new CertificateService().read(List.of(Source.file(trust)), null, null).certificates();
        } catch (IOException e) {
            return List.of();
        }
    }

    public void deploy() {
        if (working.get()) {
            return;
        }
        KubernetesSettings settings = readySettings();
        if (settings == null) {
            return;
        }
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
        Progress progress = new ProgressOnFx(runner, stage, fraction, this::line);
        CertificateFileSet files = state.certificateFilesProperty().get();
        runner.run(() -> {
            KubernetesDeployer.Result deployed;
            try (KubernetesClient client = KubeContexts.read(file).client(settings.context())) {
                deployed = new KubernetesDeployer(client, settings.context()).deploy(settings, domain, certificate,
                        roots, progress, token);
            }
            if (files != null) {
                String said = KubernetesDeployment.recordForRenewal(files.certificates(), file, settings.context(),
                        deployed).line();
                if (!said.isEmpty()) {
                    runner.post(() -> line(said));
                }
            }
            return deployed;
        }, done -> deployed(done, settings, domain), failure -> failedWith(failure, settings));
    }

    /** The settings Deploy uses, or null with the reason it cannot start in the status line. */
    private KubernetesSettings readySettings() {
        String problem = readyProblem();
        if (problem == null) {
            try {
                return settings();
            } catch (ImageBuildException e) {
                problem = e.getMessage();
            }
        }
        status.set(problem);
        failed.set(true);
        return null;
    }

    private void deployed(KubernetesDeployer.Result done, KubernetesSettings settings, String domain) {
        busy.set(false);
        Path keys = keysFolder.resolve("kubernetes-" + done.namespace() + "-" + done.name() + "-keys.json");
        try {
            done.keys().save(keys, true);
            savedKeys.set(keys);
        } catch (IOException e) {
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
        state.keysFileProperty().set(keys);
    }

    private void failedWith(Throwable failure, KubernetesSettings settings) {
        busy.set(false);
        failed.set(true);
        String why = failure instanceof KubernetesDeployException ? failure.getMessage()
                : failure instanceof CancellationException ? KubernetesDeployment.cancelled(settings) + "."
                : "The deployment failed: " + failure;
        stage.set(failure instanceof CancellationException ? "Cancelled" : "Failed");
        status.set(why);
        line(why);
    }

    public void cancel() {
        if (cancel != null) {
            cancel.cancel();
        }
    }

    private void line(String text) {
        log.add(LocalTime.now().format(CLOCK) + "  " + text);
    }

    /** How long to wait for a load balancer's address (tests shorten it). */
    void addressWait(Duration value) {
        addressWait = value;
    }

    /** The key in full, for the clipboard only. */
    public String key(boolean secondary) {
        KubernetesDeployer.Result r = result.get();
        return r == null ? "" : secondary ? r.keys().secondary() : r.keys().primary();
    }

    public ReadOnlyObjectProperty<Path> kubeconfigProperty() {
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

    public ReadOnlyStringProperty previewProperty() {
        return preview;
    }

    public ReadOnlyStringProperty configProblemProperty() {
        return configProblem;
    }

    /** A deployment is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** A deployment or an image build is under way: the form stays as it is meanwhile. */
    public BooleanBinding workingProperty() {
        return working;
    }

    public ImageBuildViewModel imageBuild() {
        return imageBuild;
    }

    public StringProperty registryUserProperty() {
        return registryUser;
    }

    /** The registry password or token, in memory only. */
    public StringProperty registryPasswordProperty() {
        return registryPassword;
    }

    /** An existing image pull Secret in the namespace; empty to make one from the registry login. */
    public StringProperty pullSecretProperty() {
        return pullSecret;
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

    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ReadOnlyObjectProperty<KubernetesDeployer.Result> resultProperty() {
        return result;
    }

    public ReadOnlyObjectProperty<Path> savedKeysProperty() {
        return savedKeys;
    }
}

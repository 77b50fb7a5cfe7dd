package com.securescore.ui.deploy;

import com.securescore.deploy.TargetKind;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import java.nio.file.Path;
import java.util.EnumSet;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Deploy: for the Local target, start the service here with a log and a download bar; for
 * Kubernetes, apply it to a cluster with progress, a log and a result card; for the Azure targets,
 * the exact requests to preview, export or send.
 */
public final class DeployStepView implements WizardStep {
    private final DeployStepViewModel model;
    private final KubernetesDeployViewModel kubernetes;
    private final AzureDeployViewModel azure;
    private final VBox azurePane = new VBox();
    private final StackPane root = new StackPane();
    private final VBox local = new VBox(10);
    private final VBox kubernetesPane = new VBox();
    private LocalServicePane localPane;
    /** One object for the shell to bind to, read however often. */
    private final ObservableBooleanValue busy;

    /**
     * @param keysFile   where the Local target's service keeps its keys (created owner-only when missing)
     * @param kubeconfig the kubeconfig the Kubernetes target starts with
     */
    public DeployStepView(WizardState state, Path keysFile, Path kubeconfig) {
        this(new DeployStepViewModel(state, BackgroundRunner.FX, ModelCache.standard(), ModelDownloader.standard(),
                keysFile), new KubernetesDeployViewModel(state, BackgroundRunner.FX, kubeconfig,
                keysFile.getParent()), new AzureDeployViewModel(state, BackgroundRunner.FX, keysFile.getParent()));
    }

    public DeployStepView(DeployStepViewModel model, KubernetesDeployViewModel kubernetes,
            AzureDeployViewModel azure) {
        this.model = model;
        this.kubernetes = kubernetes;
        this.azure = azure;
        model.kubernetesDeployed(kubernetes.resultProperty().isNotNull());
        model.azureDone(azure.doneProperty());
        busy = model.busyProperty().or(kubernetes.workingProperty()).or(azure.busyProperty());
        root.setAlignment(Pos.TOP_LEFT);
        root.getChildren().addAll(local, kubernetesPane, azurePane);
    }

    /** The controls are made the first time the step is shown, so the wizard's window comes up sooner. */
    private boolean built;

    /** Stops the local service, and a download or start under way; the wizard calls this when it closes. */
    public void shutdown() {
        model.close();
    }

    public DeployStepViewModel model() {
        return model;
    }

    public KubernetesDeployViewModel kubernetes() {
        return kubernetes;
    }

    public AzureDeployViewModel azure() {
        return azure;
    }

    @Override
    public void onEnter() {
        view();
        boolean isLocal = model.local();
        boolean isKubernetes = model.target() == TargetKind.KUBERNETES;
        boolean isAzure = EnumSet.of(TargetKind.ACI, TargetKind.AKS, TargetKind.FPGA).contains(model.target());
        local.setVisible(isLocal);
        kubernetesPane.setVisible(isKubernetes);
        azurePane.setVisible(isAzure);
        if (isAzure) {
            azure.onEnter();
        }
        if (isKubernetes && kubernetes.contexts().isEmpty()) {
            kubernetes.loadContexts();
        }
        localPane.showDomain(model.domain());
        model.onEnter();
    }

    @Override
    public String whatClosingStops() {
        String local = model.whatClosingStops();
        if (local != null) {
            return local;
        }
        if (kubernetes.imageBuild().busyProperty().get()) {
            return "An image build is under way; closing SecureScore stops it, and nothing is tagged in the registry.";
        }
        if (kubernetes.busyProperty().get() || azure.busyProperty().get()) {
            return "A deployment is under way; closing SecureScore cancels it.";
        }
        return null;
    }

    @Override
    public String whyResumeStopsHere() {
        if (model.local() && !model.runningProperty().get()) {
            return "The scoring service stopped when SecureScore closed: press Start service to continue where you "
                    + "left off.";
        }
        return null;
    }

    @Override
    public String commandOnItsOwn() {
        return model.commandOnItsOwn();
    }

    @Override
    public StepId id() {
        return StepId.DEPLOY;
    }

    @Override
    public String subtitle() {
        return "Deploy the secured service to the chosen target.";
    }

    @Override
    public Node view() {
        if (!built) {
            built = true;
            // Each target's pane lays its controls out, then binds them to its view model.
            localPane = new LocalServicePane(model, local);
            kubernetesPane.getChildren().setAll(new KubernetesDeployView(kubernetes).view());
            azurePane.getChildren().setAll(new AzureDeployView(azure).view());
        }
        return root;
    }

    @Override
    public ObservableBooleanValue canAdvance() {
        return model.canAdvance();
    }

    @Override
    public ObservableBooleanValue busy() {
        return busy;
    }
}

package com.securescore.ui.deploy;

import static com.securescore.ui.Controls.label;

import com.securescore.ui.LogView;
import com.securescore.ui.Confirmations;
import com.securescore.deploy.LocalDeployment;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
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
    private final Label domain = new Label();
    /** One object for the shell to bind to, read however often. */
    private final ObservableBooleanValue busy;

    /**
     * @param keysFile   where the Local target's service keeps its keys (created owner-only when missing)
     * @param kubeconfig the kubeconfig the Kubernetes target starts with
     */
    public DeployStepView(WizardState state, java.nio.file.Path keysFile, java.nio.file.Path kubeconfig) {
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

    private void buildLocal() {
        Label intro = new Label("Run the scoring service on this machine with the certificate from step 2. It "
                + "listens on 127.0.0.1 only and stops when SecureScore closes. When step 2's certificate files "
                + "are renewed in place, it serves the new certificate without a restart.");
        intro.setWrapText(true);
        intro.getStyleClass().add("help");

        domain.setId("deployDomain");
        TextField port = new TextField();
        port.setId("deployPort");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(model.portProperty());
        port.disableProperty().bind(model.runningProperty().or(model.busyProperty()));

        ToggleGroup models = new ToggleGroup();
        RadioButton resnet = new RadioButton("ResNet-50 v1, ImageNet's 1,000 classes (downloads "
                + ModelSpec.mebibytes(ModelSpec.RESNET50_V1.size()) + " once, checked against its pinned SHA-256)");
        resnet.setId("deployModelResnet");
        resnet.setUserData(LocalDeployment.ModelChoice.RESNET);
        RadioButton demo = new RadioButton("Demo model: offline, colour features only, not a real classifier");
        demo.setId("deployModelDemo");
        demo.setUserData(LocalDeployment.ModelChoice.DEMO);
        resnet.setWrapText(true);
        resnet.setMaxWidth(560);
        demo.setWrapText(true);
        demo.setMaxWidth(560);
        resnet.setToggleGroup(models);
        demo.setToggleGroup(models);
        models.selectToggle(model.modelProperty().get() == LocalDeployment.ModelChoice.DEMO ? demo : resnet);
        models.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.modelProperty().set((LocalDeployment.ModelChoice) now.getUserData());
            }
        });
        // The choice shown is the model that runs: when the view model changes it, so does the selection.
        model.modelProperty().addListener((o, was, now) ->
                models.selectToggle(now == LocalDeployment.ModelChoice.DEMO ? demo : resnet));
        resnet.disableProperty().bind(model.resnetPossibleProperty().not());
        Label modelNote = new Label();
        modelNote.setId("deployModelNote");
        modelNote.setWrapText(true);
        modelNote.setMaxWidth(560);
        modelNote.getStyleClass().add("help");
        modelNote.textProperty().bind(model.modelNoteProperty());
        modelNote.visibleProperty().bind(model.modelNoteProperty().isNotEmpty());
        modelNote.managedProperty().bind(modelNote.visibleProperty());
        Button modelFile = new Button("Use a copy of ResNet-50…");
        modelFile.setId("deployModelFile");
        modelFile.setMinWidth(Region.USE_PREF_SIZE);
        modelFile.setOnAction(e -> {
            var picked = com.securescore.ui.FileDialogs.current().openFiles(modelFile.getScene().getWindow(),
                    "A copy of " + ModelSpec.RESNET50_V1.fileName(), java.util.List.of(
                    new javafx.stage.FileChooser.ExtensionFilter("ONNX model", "*.onnx"),
                    new javafx.stage.FileChooser.ExtensionFilter("All files", "*")));
            if (picked != null && !picked.isEmpty()) {
                model.useModelFile(picked.get(0).toPath());
            }
        });
        // Offered while ResNet-50 is not on this machine: the note above it says why.
        modelFile.visibleProperty().bind(model.modelNoteProperty().isNotEmpty());
        modelFile.managedProperty().bind(modelFile.visibleProperty());
        VBox modelChoice = new VBox(4, resnet, demo, modelNote, modelFile);
        modelChoice.disableProperty().bind(model.busyProperty());
        // While the service runs the choice cannot change, and the Running line says which model answers:
        // the row steps aside so that the banner, Stop and the keys are in sight at a small window.
        Label modelLabel = label("Model");
        for (Node n : List.of(modelLabel, modelChoice)) {
            n.visibleProperty().bind(model.runningProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        HBox address = new HBox(6, new Label("127.0.0.1 :"), port);
        address.setAlignment(Pos.BASELINE_LEFT);
        form.addRow(0, label("Name"), domain);
        form.addRow(1, label("Address"), address);
        form.addRow(2, modelLabel, modelChoice);
        // Each label level with the first line beside it.
        for (int row = 0; row < 3; row++) {
            RowConstraints line = new RowConstraints();
            line.setValignment(VPos.BASELINE);
            form.getRowConstraints().add(line);
        }

        Button start = new Button("Start service");
        start.setId("deployStart");
        start.setOnAction(e -> model.start());
        start.disableProperty().bind(model.runningProperty().or(model.busyProperty()));
        Button stop = new Button("Stop");
        stop.setId("deployStop");
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.runningProperty().not());
        Label status = new Label();
        status.setId("deployStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        model.demoProperty().addListener((o, was, isDemo) -> {
            status.getStyleClass().remove("model-demo");
            if (isDemo) {
                status.getStyleClass().add("model-demo");
            }
        });
        start.setMinWidth(Region.USE_PREF_SIZE);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        HBox actions = new HBox(10, start, stop);
        actions.setAlignment(Pos.CENTER_LEFT);

        ProgressBar download = new ProgressBar();
        download.setId("deployDownload");
        download.setMaxWidth(Double.MAX_VALUE);
        download.progressProperty().bind(model.downloadProperty());
        Button cancelDownload = new Button("Cancel download");
        cancelDownload.setId("deployCancelDownload");
        cancelDownload.setMinWidth(Region.USE_PREF_SIZE);
        cancelDownload.setOnAction(e -> model.cancelDownload());
        HBox downloading = new HBox(10, download, cancelDownload);
        downloading.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(download, javafx.scene.layout.Priority.ALWAYS);
        downloading.visibleProperty().bind(model.downloadProperty().greaterThanOrEqualTo(0));
        downloading.managedProperty().bind(downloading.visibleProperty());

        Label keys = new Label();
        keys.setId("deployKeys");
        keys.textProperty().bind(model.primaryMaskedProperty());
        keys.setMinWidth(Region.USE_PREF_SIZE);
        Button copyPrimary = new Button("Copy primary");
        copyPrimary.setId("deployCopyPrimary");
        Confirmations.copyButton(copyPrimary, () -> model.key(false));
        Button copySecondary = new Button("Copy secondary");
        copySecondary.setId("deployCopySecondary");
        Confirmations.copyButton(copySecondary, () -> model.key(true));
        copyPrimary.setMinWidth(Region.USE_PREF_SIZE);
        copySecondary.setMinWidth(Region.USE_PREF_SIZE);
        // The path whole, selectable, on a line of its own: a label cut it at the right.
        TextField keysFile = new TextField(String.valueOf(model.keysFile()));
        keysFile.setId("deployKeysFile");
        keysFile.setEditable(false);
        keysFile.getStyleClass().add("path-field");
        HBox.setHgrow(keysFile, Priority.ALWAYS);
        HBox keyButtons = new HBox(8, label("Key"), keys, copyPrimary, copySecondary);
        keyButtons.setAlignment(Pos.CENTER_LEFT);
        Label keysFileLabel = label("Keys file");
        HBox keysFileRow = new HBox(8, keysFileLabel, keysFile);
        keysFileRow.setAlignment(Pos.BASELINE_LEFT);
        VBox keyRow = new VBox(6, keyButtons, keysFileRow);
        keyRow.setId("deployKeyRow");
        keyRow.visibleProperty().bind(model.runningProperty());
        keyRow.managedProperty().bind(keyRow.visibleProperty());
        model.runningProperty().addListener((o, was, now) -> {
            if (now) {
                com.securescore.ui.ScrollIntoView.top(actions);
            }
        });

        LogView log = new LogView("deployLog", model.log(), 9);

        local.getChildren().addAll(intro, form, actions, status, downloading, keyRow, log);
        local.setMaxWidth(680);
    }

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
        boolean isKubernetes = model.target() == com.securescore.deploy.TargetKind.KUBERNETES;
        boolean isAzure = java.util.EnumSet.of(com.securescore.deploy.TargetKind.ACI,
                com.securescore.deploy.TargetKind.AKS, com.securescore.deploy.TargetKind.FPGA).contains(model.target());
        local.setVisible(isLocal);
        kubernetesPane.setVisible(isKubernetes);
        azurePane.setVisible(isAzure);
        if (isAzure) {
            azure.onEnter();
        }
        if (isKubernetes && kubernetes.contexts().isEmpty()) {
            kubernetes.loadContexts();
        }
        domain.setText(model.domain() == null ? "" : model.domain());
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
            buildLocal();
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

package com.securescore.ui.deploy;

import static com.securescore.ui.Controls.label;

import com.securescore.ui.Controls;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.LogView;
import com.securescore.deploy.kubernetes.KubernetesDeployer;
import com.securescore.deploy.kubernetes.KubernetesSettings;
import java.io.File;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;

/**
 * The Kubernetes target's part of the Deploy step: the form (with the image, Build and push…, and the
 * registry login), the preview, progress, log and result.
 */
final class KubernetesDeployView {
    private final KubernetesDeployViewModel model;
    private final VBox root = new VBox(10);
    private final ResultCard result = new ResultCard("k8s");
    private final Label file = new Label();
    private final Button choose = new Button("Choose…");
    private final HBox fileRow = new HBox(8, file, choose);
    private final Label problem = new Label();
    private final ComboBox<String> context = new ComboBox<>();
    private final TextField namespace = new TextField();
    private final ChoiceBox<KubernetesSettings.ServiceType> type = new ChoiceBox<>();
    private final Spinner<Integer> replicas = new Spinner<>(1, 20, 1);
    private final TextField user = new TextField();
    private final PasswordField password = new PasswordField();
    private final TextField image = new TextField();
    private final Button build = new Button("Build and push…");
    private final TextField pullSecret = new TextField();
    private final CheckBox demo =
            new CheckBox("Demo model (no download in the pods; colour features only, not a real classifier)");
    private final TextField ingress = new TextField();
    private final Button preview = new Button("Preview");
    private final Button deploy = new Button("Deploy");
    private final Button cancel = new Button("Cancel");
    private final TextArea yaml = new TextArea();
    private final ProgressBar bar = new ProgressBar();
    private final Label stage = new Label();
    private final VBox stageAndBar = new VBox(4, stage, bar);
    private final Label status = new Label();

    KubernetesDeployView(KubernetesDeployViewModel model) {
        this.model = model;
        Label intro = new Label("Deploy to any Kubernetes cluster your kubeconfig reaches (AKS included): a TLS "
                + "Secret with the checked chain and key, a Secret with the service's keys, the scoring service's "
                + "pods and a Service. The pods run SecureScore's container image: Build and push… makes it from "
                + "this installation and pushes it to your registry, or name under Image one you pushed before. "
                + "The registry login serves the push and, as an image pull Secret, the cluster's pulls.");
        intro.setWrapText(true);
        intro.getStyleClass().add("help");
        root.getChildren().addAll(intro, form(), actions(), progress(), result.view(), logArea());
        root.setMaxWidth(720);
        bind();
    }

    VBox view() {
        return root;
    }

    /** Kubeconfig, context, namespace, Service, replicas, registry login, image, pull Secret, model, Ingress. */
    private GridPane form() {
        buildKubeconfig();
        buildCluster();
        HBox loginRow = loginRow();
        HBox imageRow = imageRow();
        buildPodOptions();
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        int row = 0;
        form.addRow(row++, label("Kubeconfig"), fileRow);
        form.add(problem, 1, row++);
        form.addRow(row++, label("Context"), context);
        form.addRow(row++, label("Namespace"), namespace);
        form.addRow(row++, label("Service"), type);
        form.addRow(row++, label("Replicas"), replicas);
        // The login first: Build and push, right under the Image field, pushes with it.
        form.addRow(row++, label("Registry login"), loginRow);
        form.add(help("For the image's registry: Build and push pushes with it, and the pods pull with it. Empty: "
                + "the Docker config's entry for that registry, if any. The password is kept only while SecureScore "
                + "runs."), 1, row++);
        form.addRow(row++, label("Image"), imageRow);
        // Across both columns: in the smallest window the panel's own labels and fields need the width.
        form.add(new ImageBuildPanel(model.imageBuild(), model.busyProperty()).view(), 0, row++, 2, 1);
        form.addRow(row++, label("Image pull Secret"), pullSecret);
        form.add(help("Empty: with a registry login (the fields above or the Docker config's), Deploy makes the "
                + "Secret " + KubernetesSettings.defaults(null).name() + "-registry for the pods."), 1, row++);
        form.addRow(row++, label("Model"), demo);
        form.addRow(row, label("Ingress class"), ingress);
        Controls.labelsAndFields(form);
        return form;
    }

    private void buildKubeconfig() {
        file.setId("k8sKubeconfig");
        file.setMinWidth(0);
        choose.setId("k8sChooseKubeconfig");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        fileRow.setAlignment(Pos.CENTER_LEFT);
        problem.setId("k8sConfigProblem");
        problem.setWrapText(true);
        problem.setMaxWidth(560);
        problem.getStyleClass().add("message-error");
    }

    private void buildCluster() {
        context.setId("k8sContext");
        namespace.setId("k8sNamespace");
        type.setId("k8sServiceType");
        type.getItems().setAll(KubernetesSettings.ServiceType.values());
        type.setConverter(new StringConverter<>() {
            @Override
            public String toString(KubernetesSettings.ServiceType t) {
                return t == null ? "" : switch (t) {
                    case LOAD_BALANCER -> "LoadBalancer: an external address from the cloud";
                    case NODE_PORT -> "NodePort: a port on every node";
                    case CLUSTER_IP -> "ClusterIP: inside the cluster only";
                };
            }

            @Override
            public KubernetesSettings.ServiceType fromString(String s) {
                return null;
            }
        });
        replicas.setId("k8sReplicas");
        replicas.setPrefWidth(80);
    }

    private HBox loginRow() {
        user.setId("k8sRegistryUser");
        user.setPromptText("user");
        password.setId("k8sRegistryPassword");
        password.setPromptText("password or token");
        HBox loginRow = new HBox(8, user, password);
        loginRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(user, Priority.ALWAYS);
        HBox.setHgrow(password, Priority.ALWAYS);
        user.setMinWidth(0);
        password.setMinWidth(0);
        return loginRow;
    }

    private HBox imageRow() {
        image.setId("k8sImage");
        image.setMinWidth(0);
        build.setId("k8sBuildOpen");
        build.setMinWidth(Region.USE_PREF_SIZE);
        HBox imageRow = new HBox(8, image, build);
        imageRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(image, Priority.ALWAYS);
        return imageRow;
    }

    private void buildPodOptions() {
        pullSecret.setId("k8sPullSecret");
        pullSecret.setPromptText("optional: an existing Secret in the namespace");
        demo.setId("k8sDemoModel");
        ingress.setId("k8sIngressClass");
        ingress.setPromptText("none (e.g. nginx, for an Ingress with TLS passthrough)");
    }

    private VBox actions() {
        preview.setId("k8sPreview");
        deploy.setId("k8sDeploy");
        deploy.setDefaultButton(false);
        cancel.setId("k8sCancel");
        for (Button b : new Button[] {preview, deploy, cancel}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox buttons = new HBox(10, preview, deploy, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);
        yaml.setId("k8sPreviewText");
        yaml.setEditable(false);
        yaml.setPrefRowCount(12);
        yaml.getStyleClass().add("finding-code");
        return new VBox(8, buttons, yaml);
    }

    private VBox progress() {
        bar.setId("k8sProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        stage.setId("k8sStage");
        status.setId("k8sStatus");
        status.setWrapText(true);
        status.setMaxWidth(680);
        return new VBox(6, stageAndBar, status);
    }

    private LogView logArea() {
        return new LogView("k8sLog", model.log(), 8);
    }

    private void bind() {
        bindForm();
        preview.setOnAction(e -> model.showPreview());
        deploy.setOnAction(e -> model.deploy());
        cancel.setOnAction(e -> model.cancel());
        preview.disableProperty().bind(model.workingProperty());
        deploy.disableProperty().bind(model.workingProperty());
        cancel.disableProperty().bind(model.busyProperty().not());
        yaml.textProperty().bind(model.previewProperty());
        yaml.visibleProperty().bind(model.previewProperty().isNotEmpty());
        yaml.managedProperty().bind(yaml.visibleProperty());
        bar.progressProperty().bind(model.fractionProperty());
        stage.textProperty().bind(model.stageProperty());
        stageAndBar.visibleProperty().bind(model.busyProperty());
        stageAndBar.managedProperty().bind(stageAndBar.visibleProperty());
        status.textProperty().bind(model.statusProperty());
        model.failedProperty().addListener((o, was, now) -> {
            status.getStyleClass().remove("message-error");
            if (now) {
                status.getStyleClass().add("message-error");
            }
        });
        model.resultProperty().addListener((o, was, now) -> showResult(now));
    }

    private void bindForm() {
        file.textProperty().bind(model.kubeconfigProperty().asString());
        choose.setOnAction(e -> chooseKubeconfig());
        problem.textProperty().bind(model.configProblemProperty());
        problem.visibleProperty().bind(model.configProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        context.setItems(model.contexts());
        context.valueProperty().bindBidirectional(model.contextProperty());
        namespace.textProperty().bindBidirectional(model.namespaceProperty());
        type.valueProperty().bindBidirectional(model.serviceTypeProperty());
        replicas.getValueFactory().setValue(model.replicasProperty().get());
        replicas.valueProperty().addListener((o, was, now) -> model.replicasProperty().set(now));
        image.textProperty().bindBidirectional(model.imageProperty());
        build.setOnAction(e -> model.openImageBuild());
        user.textProperty().bindBidirectional(model.registryUserProperty());
        password.textProperty().bindBidirectional(model.registryPasswordProperty());
        pullSecret.textProperty().bindBidirectional(model.pullSecretProperty());
        demo.selectedProperty().bindBidirectional(model.demoModelProperty());
        ingress.textProperty().bindBidirectional(model.ingressClassProperty());
        // Each field rather than the whole form: the Build panel's Cancel stays usable while it builds.
        for (Node field : List.of(fileRow, context, namespace, type, replicas, image, build, user, password,
                pullSecret, demo, ingress)) {
            field.disableProperty().bind(model.workingProperty());
        }
    }

    private void chooseKubeconfig() {
        List<File> picked = FileDialogs.current().openFiles(root.getScene().getWindow(),
                "Choose a kubeconfig", List.of(new FileChooser.ExtensionFilter("All files", "*")));
        if (picked != null && !picked.isEmpty()) {
            model.chooseKubeconfig(picked.get(0).toPath());
        }
    }

    private void showResult(KubernetesDeployer.Result done) {
        if (done == null) {
            result.hide();
            return;
        }
        var endpoint = done.endpoint();
        String next = endpoint.reachable()
                ? "Next: the DNS step shows the record to create for " + endpoint.domain() + " and checks it live. The "
                    + "scoring console can try the service now through the address."
                : "Next: the DNS step shows what " + endpoint.domain() + " will need once the service has an address.";
        result.show(endpoint, model.savedKeysProperty().get() == null ? null
                : model.savedKeysProperty().get().toString(), ResultCard.masked(done.keys().primary()),
                model::key, next);
    }

    private static Label help(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("help");
        return l;
    }

}

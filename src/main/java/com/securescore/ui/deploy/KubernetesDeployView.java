package com.securescore.ui.deploy;

import static com.securescore.ui.Controls.label;

import com.securescore.ui.LogView;
import com.securescore.deploy.kubernetes.KubernetesDeployer;
import com.securescore.deploy.kubernetes.KubernetesSettings;
import java.util.List;
import javafx.collections.ListChangeListener;
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
import javafx.scene.layout.ColumnConstraints;
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
        model.resultProperty().addListener((o, was, now) -> showResult(now));
    }

    VBox view() {
        return root;
    }

    private GridPane form() {
        Label file = new Label();
        file.setId("k8sKubeconfig");
        file.textProperty().bind(model.kubeconfigProperty().asString());
        file.setMinWidth(0);
        Button choose = new Button("Choose…");
        choose.setId("k8sChooseKubeconfig");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> {
            var picked = com.securescore.ui.FileDialogs.current().openFiles(root.getScene().getWindow(),
                    "Choose a kubeconfig", List.of(new FileChooser.ExtensionFilter("All files", "*")));
            if (picked != null && !picked.isEmpty()) {
                model.chooseKubeconfig(picked.get(0).toPath());
            }
        });
        HBox fileRow = new HBox(8, file, choose);
        fileRow.setAlignment(Pos.CENTER_LEFT);
        Label problem = new Label();
        problem.setId("k8sConfigProblem");
        problem.setWrapText(true);
        problem.setMaxWidth(560);
        problem.getStyleClass().add("message-error");
        problem.textProperty().bind(model.configProblemProperty());
        problem.visibleProperty().bind(model.configProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        ComboBox<String> context = new ComboBox<>(model.contexts());
        context.setId("k8sContext");
        context.valueProperty().bindBidirectional(model.contextProperty());
        TextField namespace = new TextField();
        namespace.setId("k8sNamespace");
        namespace.textProperty().bindBidirectional(model.namespaceProperty());
        ChoiceBox<KubernetesSettings.ServiceType> type = new ChoiceBox<>();
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
        type.valueProperty().bindBidirectional(model.serviceTypeProperty());
        Spinner<Integer> replicas = new Spinner<>(1, 20, model.replicasProperty().get());
        replicas.setId("k8sReplicas");
        replicas.setPrefWidth(80);
        replicas.valueProperty().addListener((o, was, now) -> model.replicasProperty().set(now));
        TextField image = new TextField();
        image.setId("k8sImage");
        image.textProperty().bindBidirectional(model.imageProperty());
        image.setMinWidth(0);
        Button build = new Button("Build and push…");
        build.setId("k8sBuildOpen");
        build.setMinWidth(Region.USE_PREF_SIZE);
        build.setOnAction(e -> model.openImageBuild());
        HBox imageRow = new HBox(8, image, build);
        imageRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(image, Priority.ALWAYS);
        TextField user = new TextField();
        user.setId("k8sRegistryUser");
        user.setPromptText("user");
        user.textProperty().bindBidirectional(model.registryUserProperty());
        PasswordField password = new PasswordField();
        password.setId("k8sRegistryPassword");
        password.setPromptText("password or token");
        password.textProperty().bindBidirectional(model.registryPasswordProperty());
        HBox loginRow = new HBox(8, user, password);
        loginRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(user, Priority.ALWAYS);
        HBox.setHgrow(password, Priority.ALWAYS);
        user.setMinWidth(0);
        password.setMinWidth(0);
        Label loginHelp = help("For the image's registry: Build and push pushes with it, and the pods pull with it. "
                + "Empty: the Docker config's entry for that registry, if any. The password is kept only while "
                + "SecureScore runs.");
        TextField pullSecret = new TextField();
        pullSecret.setId("k8sPullSecret");
        pullSecret.setPromptText("optional: an existing Secret in the namespace");
        pullSecret.textProperty().bindBidirectional(model.pullSecretProperty());
        Label pullHelp = help("Empty: with a registry login (the fields above or the Docker config's), Deploy makes the "
                + "Secret " + KubernetesSettings.defaults(null).name() + "-registry for the pods.");
        CheckBox demo = new CheckBox("Demo model (no download in the pods; colour features only, not a real classifier)");
        demo.setId("k8sDemoModel");
        demo.selectedProperty().bindBidirectional(model.demoModelProperty());
        TextField ingress = new TextField();
        ingress.setId("k8sIngressClass");
        ingress.setPromptText("none (e.g. nginx, for an Ingress with TLS passthrough)");
        ingress.textProperty().bindBidirectional(model.ingressClassProperty());

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
        form.add(loginHelp, 1, row++);
        form.addRow(row++, label("Image"), imageRow);
        // Across both columns: in the smallest window the panel's own labels and fields need the width.
        form.add(new ImageBuildPanel(model.imageBuild(), model.busyProperty()).view(), 0, row++, 2, 1);
        form.addRow(row++, label("Image pull Secret"), pullSecret);
        form.add(pullHelp, 1, row++);
        form.addRow(row++, label("Model"), demo);
        form.addRow(row, label("Ingress class"), ingress);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        form.getColumnConstraints().addAll(labels, fields);
        // Each field rather than the whole form: the Build panel's Cancel stays usable while it builds.
        for (Node field : List.of(fileRow, context, namespace, type, replicas, image, build, user, password,
                pullSecret, demo, ingress)) {
            field.disableProperty().bind(model.workingProperty());
        }
        return form;
    }

    private VBox actions() {
        Button preview = new Button("Preview");
        preview.setId("k8sPreview");
        preview.setOnAction(e -> model.showPreview());
        Button deploy = new Button("Deploy");
        deploy.setId("k8sDeploy");
        deploy.setDefaultButton(false);
        deploy.setOnAction(e -> model.deploy());
        Button cancel = new Button("Cancel");
        cancel.setId("k8sCancel");
        cancel.setOnAction(e -> model.cancel());
        preview.disableProperty().bind(model.workingProperty());
        deploy.disableProperty().bind(model.workingProperty());
        cancel.disableProperty().bind(model.busyProperty().not());
        for (Button b : new Button[] {preview, deploy, cancel}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox buttons = new HBox(10, preview, deploy, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);
        TextArea yaml = new TextArea();
        yaml.setId("k8sPreviewText");
        yaml.setEditable(false);
        yaml.setPrefRowCount(12);
        yaml.getStyleClass().add("finding-code");
        yaml.textProperty().bind(model.previewProperty());
        yaml.visibleProperty().bind(model.previewProperty().isNotEmpty());
        yaml.managedProperty().bind(yaml.visibleProperty());
        return new VBox(8, buttons, yaml);
    }

    private VBox progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("k8sProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.fractionProperty());
        Label stage = new Label();
        stage.setId("k8sStage");
        stage.textProperty().bind(model.stageProperty());
        VBox box = new VBox(4, stage, bar);
        box.visibleProperty().bind(model.busyProperty());
        box.managedProperty().bind(box.visibleProperty());
        Label status = new Label();
        status.setId("k8sStatus");
        status.setWrapText(true);
        status.setMaxWidth(680);
        status.textProperty().bind(model.statusProperty());
        model.failedProperty().addListener((o, was, now) -> {
            status.getStyleClass().remove("message-error");
            if (now) {
                status.getStyleClass().add("message-error");
            }
        });
        return new VBox(6, box, status);
    }

    private LogView logArea() {
        return new LogView("k8sLog", model.log(), 8);
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

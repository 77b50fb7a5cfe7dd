package com.securescore.ui.deploy;

import static com.securescore.ui.Controls.label;

import com.securescore.ui.LogView;
import com.securescore.deploy.TargetKind;
import com.securescore.deploy.azure.AzureResult;
import com.securescore.service.AuthKeys;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The Azure targets' part of the Deploy step: what is still live, the form with each rule beside
 * its field, Preview, Export… (with an explicit Replace), Submit with stages, a log and Cancel,
 * and the result card. Only lays out and binds; {@link AzureDeployViewModel} does the work.
 */
final class AzureDeployView {
    private static final double LABEL_WIDTH = 150;
    private static final double FIELD_WIDTH = 460;

    private final AzureDeployViewModel model;
    private final VBox root = new VBox(10);
    private final ResultCard result = new ResultCard("azure");
    private final Map<String, Node> rows = new LinkedHashMap<>();
    private final Label computeLabel = label("Compute name");

    AzureDeployView(AzureDeployViewModel model) {
        this.model = model;
        Label note = new Label();
        note.setId("azureNote");
        note.setWrapText(true);
        note.getStyleClass().add("live-status");
        note.setMaxWidth(Double.MAX_VALUE);
        note.textProperty().bind(model.noteProperty());
        root.getChildren().addAll(note, problem("General"), form(), token(), actions(), progress(), exportResult(),
                result.view(), logArea());
        root.setMaxWidth(720);
        model.resultProperty().addListener((o, was, now) -> showResult(now));
        model.targetProperty().addListener((o, was, now) -> showFields());
        model.aksSuccessorProperty().addListener((o, was, now) -> showFields());
        showFields();
    }

    VBox view() {
        return root;
    }

    private VBox form() {
        row(AzureForm.SUBSCRIPTION, label("Subscription"), text("azureSubscription", model.subscriptionProperty(),
                "a GUID: az account show --query id -o tsv"));
        row(AzureForm.RESOURCE_GROUP, label("Resource group"), text("azureResourceGroup",
                model.resourceGroupProperty(), "e.g. rg-scoring"));
        row(AzureForm.WORKSPACE, label("Workspace"), text("azureWorkspace", model.workspaceProperty(),
                "the Azure ML workspace"));
        row(AzureForm.ACCOUNT, label("Account"), text("azureAccount", model.accountProperty(),
                "the 2018 Model Management account"));
        row(AzureForm.REGION, label("Region"), text("azureRegion", model.regionProperty(),
                "the workspace's region, e.g. eastus"));
        row(AzureForm.COMPUTE_NAME, computeLabel, text("azureComputeName", model.computeNameProperty(),
                "2-16 letters, digits or '-'"));
        row(AzureForm.LEAF_DOMAIN_LABEL, label("Leaf domain label"), text("azureLeafDomainLabel",
                model.leafDomainLabelProperty(), "empty: your certificate; a label: Microsoft's certificate"));
        row(AzureForm.MODEL_ID, label("Model ID"), text("azureModelId", model.modelIdProperty(),
                "the registered model's ID"));
        row(AzureForm.SERVICE_NAME, label("Service name"), text("azureServiceName", model.serviceNameProperty(),
                "3-32 lower-case letters, digits or '-'"));
        row(AzureForm.IMAGE_ID, label("Image ID"), text("azureImageId", model.imageIdProperty(),
                "the registered image, e.g. myimage:1"));
        Spinner<Integer> replicas = new Spinner<>(1, 100, Math.max(1, model.replicasProperty().get()));
        replicas.setId("azureReplicas");
        replicas.setPrefWidth(90);
        replicas.valueProperty().addListener((o, was, now) -> model.replicasProperty().set(now));
        row(AzureForm.REPLICAS, label("Replicas"), replicas);
        row(AzureForm.API_BASE, label("API host (optional)"), text("azureApiBase", model.apiBaseProperty(),
                "empty: Azure's public cloud; else e.g. a private link"));

        CheckBox successor = new CheckBox("AKS successor (Kubernetes extension) instead of the v1 compute");
        successor.setId("azureAksSuccessor");
        successor.setWrapText(true);
        successor.setMaxWidth(FIELD_WIDTH + LABEL_WIDTH);
        successor.selectedProperty().bindBidirectional(model.aksSuccessorProperty());
        CheckBox overwrite = new CheckBox("Overwrite an existing domain with this label");
        overwrite.setId("azureOverwrite");
        overwrite.selectedProperty().bindBidirectional(model.overwriteExistingDomainProperty());
        overwrite.disableProperty().bind(model.leafDomainLabelProperty().isEmpty());
        rows.put("aks-successor", successor);
        rows.put("overwrite", indented(overwrite));
        computeLabel.textProperty().bind(Bindings.when(model.aksSuccessorProperty()).then("Cluster name")
                .otherwise("Compute name"));

        VBox form = new VBox(8);
        form.getChildren().add(successor);
        for (Map.Entry<String, Node> e : rows.entrySet()) {
            if (!e.getKey().equals("aks-successor") && !e.getKey().equals("overwrite")) {
                form.getChildren().add(e.getValue());
            }
            if (e.getKey().equals(AzureForm.LEAF_DOMAIN_LABEL)) {
                form.getChildren().add(rows.get("overwrite"));
            }
        }
        form.disableProperty().bind(model.busyProperty());
        return form;
    }

    /** Shows the rows the chosen target asks for. */
    private void showFields() {
        TargetKind target = model.target();
        boolean successor = model.aksSuccessorProperty().get();
        List<String> wanted = AzureForm.fields(target, successor);
        rows.forEach((field, row) -> {
            boolean show = switch (field) {
                case "aks-successor" -> target == TargetKind.AKS;
                case "overwrite" -> target == TargetKind.AKS && !successor;
                default -> wanted.contains(field);
            };
            row.setVisible(show);
            row.setManaged(show);
        });
    }

    private void row(String field, Label label, Node control) {
        label.setPrefWidth(LABEL_WIDTH);
        label.setMinWidth(LABEL_WIDTH);
        VBox right = new VBox(2, control, problem(field));
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox row = new HBox(10, label, right);
        row.setAlignment(Pos.TOP_LEFT);
        rows.put(field, row);
    }

    private static Node indented(Node node) {
        Region gap = new Region();
        gap.setMinWidth(LABEL_WIDTH + 10);
        return new HBox(gap, node);
    }

    private static TextField text(String id, StringProperty property, String prompt) {
        TextField field = new TextField();
        field.setId(id);
        field.setPromptText(prompt);
        field.setPrefWidth(FIELD_WIDTH);
        field.setMaxWidth(FIELD_WIDTH);
        field.textProperty().bindBidirectional(property);
        return field;
    }

    /** The rule message for one field, shown only when there is one. */
    private Label problem(String field) {
        String key = field.equals("General") ? AzureForm.GENERAL : field;
        Label problem = new Label();
        problem.setId("azureProblem" + camel(field));
        problem.setWrapText(true);
        problem.setMaxWidth(key.equals(AzureForm.GENERAL) ? 700 : FIELD_WIDTH);
        problem.getStyleClass().add("message-error");
        problem.textProperty().bind(model.problemProperty(key));
        problem.visibleProperty().bind(model.problemProperty(key).isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        return problem;
    }

    /** "resource-group" → "ResourceGroup", for ids. */
    static String camel(String field) {
        StringBuilder out = new StringBuilder();
        for (String part : field.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private Node token() {
        TextField file = text("azureTokenFile", model.tokenFileProperty(),
                "empty: your Azure CLI sign-in (az login)");
        file.setPrefWidth(FIELD_WIDTH - 90);
        Button choose = new Button("Choose…");
        choose.setId("azureChooseToken");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose the file holding the access token");
            File picked = chooser.showOpenDialog(root.getScene().getWindow());
            if (picked != null) {
                model.tokenFileProperty().set(picked.getAbsolutePath());
            }
        });
        HBox line = new HBox(8, file, choose);
        line.setAlignment(Pos.CENTER_LEFT);
        Label label = label("Token file (Submit)");
        label.setPrefWidth(LABEL_WIDTH);
        label.setMinWidth(LABEL_WIDTH);
        VBox right = new VBox(2, line, problem(AzureForm.TOKEN));
        HBox row = new HBox(10, label, right);
        row.disableProperty().bind(model.busyProperty());
        return row;
    }

    private VBox actions() {
        Button preview = new Button("Preview");
        preview.setId("azurePreview");
        preview.setOnAction(e -> model.showPreview());
        Button export = new Button("Export…");
        export.setId("azureExport");
        export.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose the folder for the requests and files");
            File picked = chooser.showDialog(root.getScene().getWindow());
            if (picked != null) {
                model.export(picked.toPath());
            }
        });
        Button submit = new Button("Submit to Azure");
        submit.setId("azureSubmit");
        submit.setOnAction(e -> model.submit());
        Button cancel = new Button("Cancel");
        cancel.setId("azureCancel");
        cancel.setOnAction(e -> model.cancel());
        preview.disableProperty().bind(model.busyProperty());
        export.disableProperty().bind(model.busyProperty());
        // The FPGA request has no live Azure service to go to: it can be sent only to an endpoint the user
        // runs, named in API host; until then the button is off, and says where it would send.
        submit.textProperty().bind(Bindings.createStringBinding(() -> model.targetProperty().get() == TargetKind.FPGA
                ? "Send to your endpoint" : "Submit to Azure", model.targetProperty()));
        submit.disableProperty().bind(model.busyProperty().or(Bindings.createBooleanBinding(
                () -> model.targetProperty().get() == TargetKind.FPGA
                        && (model.apiBaseProperty().get() == null || model.apiBaseProperty().get().isBlank()),
                model.targetProperty(), model.apiBaseProperty())));
        cancel.disableProperty().bind(model.busyProperty().not());
        for (Button b : new Button[] {preview, export, submit, cancel}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox buttons = new HBox(10, preview, export, submit, cancel);
        buttons.setAlignment(Pos.CENTER_LEFT);
        TextArea text = new TextArea();
        text.setId("azurePreviewText");
        text.setEditable(false);
        text.setPrefRowCount(14);
        text.setWrapText(true);
        text.getStyleClass().add("finding-code");
        text.textProperty().bind(model.previewProperty());
        text.visibleProperty().bind(model.previewProperty().isNotEmpty());
        text.managedProperty().bind(text.visibleProperty());
        return new VBox(8, buttons, text);
    }

    private VBox exportResult() {
        Button replace = new Button("Replace");
        replace.setId("azureReplace");
        replace.setMinWidth(Region.USE_PREF_SIZE);
        replace.setOnAction(e -> model.replaceExisting());
        Label existing = new Label("Replace overwrites the existing files in that folder.");
        existing.getStyleClass().add("help");
        existing.setWrapText(true);
        HBox offer = new HBox(10, replace, existing);
        offer.setAlignment(Pos.CENTER_LEFT);
        offer.visibleProperty().bind(Bindings.isNotEmpty(model.existing()));
        offer.managedProperty().bind(offer.visibleProperty());

        Label folder = new Label();
        folder.setId("azureExportFolder");
        folder.setWrapText(true);
        folder.textProperty().bind(Bindings.createStringBinding(() -> model.exportFolderProperty().get() == null ? ""
                : "Written to " + model.exportFolderProperty().get() + ":", model.exportFolderProperty()));
        Label files = new Label();
        files.setId("azureExportedFiles");
        files.getStyleClass().add("finding-code");
        files.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", model.exported()),
                model.exported()));
        VBox written = new VBox(4, folder, files);
        written.visibleProperty().bind(Bindings.isNotEmpty(model.exported()));
        written.managedProperty().bind(written.visibleProperty());
        return new VBox(6, offer, written);
    }

    private VBox progress() {
        ProgressBar bar = new ProgressBar();
        bar.setId("azureProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.fractionProperty());
        Label stage = new Label();
        stage.setId("azureStage");
        stage.textProperty().bind(model.stageProperty());
        VBox box = new VBox(4, stage, bar);
        box.visibleProperty().bind(model.busyProperty());
        box.managedProperty().bind(box.visibleProperty());
        Label status = new Label();
        status.setId("azureStatus");
        status.setWrapText(true);
        status.setMaxWidth(700);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        model.failedProperty().addListener((o, was, now) -> {
            status.getStyleClass().remove("message-error");
            if (now) {
                status.getStyleClass().add("message-error");
            }
        });
        Label fix = new Label();
        fix.setId("azureFix");
        fix.setWrapText(true);
        fix.setMaxWidth(700);
        fix.getStyleClass().add("fix");
        fix.textProperty().bind(Bindings.createStringBinding(() -> model.fixProperty().get().isEmpty() ? ""
                : "Fix: " + model.fixProperty().get(), model.fixProperty()));
        fix.visibleProperty().bind(model.fixProperty().isNotEmpty());
        fix.managedProperty().bind(fix.visibleProperty());
        return new VBox(6, box, status, fix);
    }

    private LogView logArea() {
        return new LogView("azureLog", model.log(), 6);
    }

    private void showResult(AzureResult done) {
        if (done == null) {
            result.hide();
            return;
        }
        var endpoint = done.toEndpoint();
        String next = endpoint.reachable()
                ? "Next: the DNS step shows the record to create for " + endpoint.domain() + " and checks it live."
                : "Next: once Azure shows the service's address in the portal, the DNS step shows the record "
                    + endpoint.domain() + " needs.";
        result.show(endpoint, model.savedKeysProperty().get() == null ? null
                : model.savedKeysProperty().get().toString(), done.primaryKey() == null ? null
                : AuthKeys.mask(done.primaryKey()), model::key, next);
    }

}

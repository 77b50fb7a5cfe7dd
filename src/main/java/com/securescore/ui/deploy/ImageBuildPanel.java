package com.securescore.ui.deploy;

import static com.securescore.ui.Controls.label;

import com.securescore.image.ImageBuilder;
import com.securescore.ui.Controls;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.LogView;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanExpression;
import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Kubernetes pane's Build and push panel: the image name, the base, a private registry's CA,
 * baking ResNet-50 in; Build with progress, a log and Cancel; what was pushed. Only lays out and
 * binds; {@link ImageBuildViewModel} does the work. The registry login is the pane's own (above it).
 */
final class ImageBuildPanel {
    private final ImageBuildViewModel model;
    /** Locked while the deployment runs, so the image cannot change under it. */
    private final BooleanExpression deploying;
    private final VBox root = new VBox(8);

    ImageBuildPanel(ImageBuildViewModel model, BooleanExpression deploying) {
        this.model = model;
        this.deploying = deploying;
        Label title = new Label("Build and push the image");
        title.getStyleClass().add("result-title");
        Label about = new Label("Puts this SecureScore on a base image with a Java 17 runtime and pushes it to your "
                + "registry with the registry login above (empty: the Docker config's entry for that registry). "
                + "No Docker needed.");
        about.setWrapText(true);
        about.getStyleClass().add("help");
        LogView log = new LogView("k8sBuildLog", model.log(), 5);
        log.visibleProperty().bind(Bindings.isNotEmpty(model.log()));
        log.managedProperty().bind(log.visibleProperty());
        root.getChildren().addAll(title, about, form(), actions(), progress(), log);
        root.setId("k8sBuildPanel");
        root.getStyleClass().add("note");
        root.visibleProperty().bind(model.openProperty());
        root.managedProperty().bind(root.visibleProperty());
    }

    VBox view() {
        return root;
    }

    private GridPane form() {
        TextField target = field("k8sBuildTarget", model.targetProperty());
        target.setPromptText(ImageBuildViewModel.targetPrompt());
        TextField base = field("k8sBuildBase", model.baseProperty());
        base.setPromptText(ImageBuilder.DEFAULT_BASE + ", or tar://FILE for a saved image");
        TextField ca = field("k8sBuildCa", model.caFileProperty());
        ca.setPromptText("optional: the CA of a private registry (PEM or DER)");
        Button choose = new Button("Choose…");
        choose.setId("k8sBuildChooseCa");
        choose.setMinWidth(Region.USE_PREF_SIZE);
        choose.setOnAction(e -> {
            var picked = FileDialogs.current().openFiles(root.getScene().getWindow(), "The registry's CA certificate",
                    List.of(new FileChooser.ExtensionFilter("Certificates", "*.pem", "*.crt", "*.cer", "*.der"),
                            new FileChooser.ExtensionFilter("All files", "*")));
            if (picked != null && !picked.isEmpty()) {
                model.caFileProperty().set(picked.get(0).getAbsolutePath());
            }
        });
        HBox caRow = new HBox(8, ca, choose);
        caRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(ca, Priority.ALWAYS);

        CheckBox bake = new CheckBox("Bake ResNet-50 into the image");
        bake.setId("k8sBuildBakeResnet");
        bake.setWrapText(true);
        bake.selectedProperty().bindBidirectional(model.bakeResnetProperty());
        bake.disableProperty().bind(model.resnetAvailableProperty().not().or(locked()));
        Label note = new Label();
        note.setId("k8sBuildResnetNote");
        note.setWrapText(true);
        note.getStyleClass().add("help");
        note.textProperty().bind(model.resnetNoteProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        Controls.labelsAndFields(form);
        form.addRow(0, label("Image name"), target);
        form.addRow(1, label("Base image"), base);
        form.addRow(2, label("Registry CA"), caRow);
        form.addRow(3, label("Model"), bake);
        form.add(note, 1, 4);
        for (var node : List.of(target, base, ca, choose)) {
            node.disableProperty().bind(locked());
        }
        return form;
    }

    private BooleanExpression locked() {
        return model.busyProperty().or(deploying);
    }

    private HBox actions() {
        Button build = new Button("Build and push");
        build.setId("k8sBuildStart");
        build.setOnAction(e -> model.build());
        build.disableProperty().bind(locked());
        Button cancel = new Button("Cancel build");
        cancel.setId("k8sBuildCancel");
        cancel.setOnAction(e -> model.cancel());
        cancel.disableProperty().bind(model.busyProperty().not());
        Button close = new Button("Close");
        close.setId("k8sBuildClose");
        close.setOnAction(e -> model.close());
        close.disableProperty().bind(model.busyProperty());
        for (Button b : new Button[] {build, cancel, close}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox buttons = new HBox(10, build, cancel, close);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return buttons;
    }

    private VBox progress() {
        Label stage = new Label();
        stage.setId("k8sBuildStage");
        stage.textProperty().bind(model.stageProperty());
        ProgressBar bar = new ProgressBar();
        bar.setId("k8sBuildProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.fractionProperty());
        VBox running = new VBox(4, stage, bar);
        running.visibleProperty().bind(model.busyProperty());
        running.managedProperty().bind(running.visibleProperty());
        Label status = new Label();
        status.setId("k8sBuildStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        model.failedProperty().addListener((o, was, now) -> {
            status.getStyleClass().removeAll("message-error", "message-ok");
            status.getStyleClass().add(now ? "message-error" : "message-ok");
        });
        status.getStyleClass().add("message-ok");
        return new VBox(6, running, status);
    }

    private static TextField field(String id, StringProperty property) {
        TextField field = new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(property);
        field.setMaxWidth(Double.MAX_VALUE);
        return field;
    }

}

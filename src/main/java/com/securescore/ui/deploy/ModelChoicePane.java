package com.securescore.ui.deploy;

import com.securescore.deploy.LocalDeployment.ModelChoice;
import com.securescore.model.ModelSpec;
import com.securescore.ui.FileDialogs;
import java.io.File;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/**
 * The Local target's model: ResNet-50 (downloaded once and checked) or the offline demo model, with
 * why ResNet-50 cannot be had yet and a button to use a copy of it instead.
 */
final class ModelChoicePane {
    private final ToggleGroup models = new ToggleGroup();
    private final RadioButton resnet = new RadioButton("ResNet-50 v1, ImageNet's 1,000 classes (downloads "
            + ModelSpec.mebibytes(ModelSpec.RESNET50_V1.size()) + " once, checked against its pinned SHA-256)");
    private final RadioButton demo =
            new RadioButton("Demo model: offline, colour features only, not a real classifier");
    private final Label note = new Label();
    private final Button modelFile = new Button("Use a copy of ResNet-50…");
    private final VBox root = new VBox(4, resnet, demo, note, modelFile);

    ModelChoicePane() {
        resnet.setId("deployModelResnet");
        resnet.setUserData(ModelChoice.RESNET);
        demo.setId("deployModelDemo");
        demo.setUserData(ModelChoice.DEMO);
        for (RadioButton choice : List.of(resnet, demo)) {
            choice.setWrapText(true);
            choice.setMaxWidth(560);
            choice.setToggleGroup(models);
        }
        note.setId("deployModelNote");
        note.setWrapText(true);
        note.setMaxWidth(560);
        note.getStyleClass().add("help");
        modelFile.setId("deployModelFile");
        modelFile.setMinWidth(Region.USE_PREF_SIZE);
    }

    Node view() {
        return root;
    }

    void bind(DeployStepViewModel model) {
        models.selectToggle(toggleOf(model.modelProperty().get()));
        models.selectedToggleProperty().addListener((o, was, now) -> {
            if (now != null) {
                model.modelProperty().set((ModelChoice) now.getUserData());
            }
        });
        // The choice shown is the model that runs: when the view model changes it, so does the selection.
        model.modelProperty().addListener((o, was, now) -> models.selectToggle(toggleOf(now)));
        resnet.disableProperty().bind(model.resnetPossibleProperty().not());
        note.textProperty().bind(model.modelNoteProperty());
        note.visibleProperty().bind(model.modelNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        modelFile.setOnAction(e -> chooseModelFile(model));
        // Offered while ResNet-50 is not on this machine: the note above it says why.
        modelFile.visibleProperty().bind(model.modelNoteProperty().isNotEmpty());
        modelFile.managedProperty().bind(modelFile.visibleProperty());
        root.disableProperty().bind(model.busyProperty());
    }

    private RadioButton toggleOf(ModelChoice choice) {
        return choice == ModelChoice.DEMO ? demo : resnet;
    }

    private void chooseModelFile(DeployStepViewModel model) {
        List<File> picked = FileDialogs.current().openFiles(modelFile.getScene().getWindow(),
                "A copy of " + ModelSpec.RESNET50_V1.fileName(), List.of(
                new FileChooser.ExtensionFilter("ONNX model", "*.onnx"),
                new FileChooser.ExtensionFilter("All files", "*")));
        if (picked != null && !picked.isEmpty()) {
            model.useModelFile(picked.get(0).toPath());
        }
    }
}

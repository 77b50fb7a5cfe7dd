package com.securescore.ui.deploy;

import static com.securescore.ui.Controls.label;

import com.securescore.ui.Confirmations;
import com.securescore.ui.LogView;
import com.securescore.ui.ScrollIntoView;
import java.util.List;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * The Local target's part of the Deploy step: the name, address and model (a form), Start and Stop
 * with the status line, the model's download bar, the keys while the service runs, and the log.
 */
final class LocalServicePane {
    private final DeployStepViewModel model;
    private final Label domain = new Label();
    private final TextField port = new TextField();
    private final Label modelLabel = label("Model");
    private final ModelChoicePane modelChoice = new ModelChoicePane();
    private final Button start = new Button("Start service");
    private final Button stop = new Button("Stop");
    private final HBox actions = new HBox(10, start, stop);
    private final Label status = new Label();
    private final ProgressBar download = new ProgressBar();
    private final Button cancelDownload = new Button("Cancel download");
    private final HBox downloading = new HBox(10, download, cancelDownload);
    private final Label keys = new Label();
    private final Button copyPrimary = new Button("Copy primary");
    private final Button copySecondary = new Button("Copy secondary");
    private final TextField keysFile = new TextField();
    private final VBox keyRow = new VBox(6);

    /** Lays the pane's parts out in {@code root}, the Deploy step's place for the Local target, then binds them. */
    LocalServicePane(DeployStepViewModel model, VBox root) {
        this.model = model;
        Label intro = new Label("Run the scoring service on this machine with the certificate from step 2. It "
                + "listens on 127.0.0.1 only and stops when SecureScore closes. When step 2's certificate files "
                + "are renewed in place, it serves the new certificate without a restart.");
        intro.setWrapText(true);
        intro.getStyleClass().add("help");
        buildActions();
        buildDownload();
        buildKeys();
        root.getChildren().addAll(intro, form(), actions, status, downloading, keyRow,
                new LogView("deployLog", model.log(), 9));
        root.setMaxWidth(680);
        bind();
    }

    private GridPane form() {
        domain.setId("deployDomain");
        port.setId("deployPort");
        port.setPrefColumnCount(6);
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        HBox address = new HBox(6, new Label("127.0.0.1 :"), port);
        address.setAlignment(Pos.BASELINE_LEFT);
        form.addRow(0, label("Name"), domain);
        form.addRow(1, label("Address"), address);
        form.addRow(2, modelLabel, modelChoice.view());
        // Each label level with the first line beside it.
        for (int row = 0; row < 3; row++) {
            RowConstraints line = new RowConstraints();
            line.setValignment(VPos.BASELINE);
            form.getRowConstraints().add(line);
        }
        return form;
    }

    private void buildActions() {
        start.setId("deployStart");
        stop.setId("deployStop");
        status.setId("deployStatus");
        status.setWrapText(true);
        start.setMinWidth(Region.USE_PREF_SIZE);
        stop.setMinWidth(Region.USE_PREF_SIZE);
        actions.setAlignment(Pos.CENTER_LEFT);
    }

    private void buildDownload() {
        download.setId("deployDownload");
        download.setMaxWidth(Double.MAX_VALUE);
        cancelDownload.setId("deployCancelDownload");
        cancelDownload.setMinWidth(Region.USE_PREF_SIZE);
        downloading.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(download, Priority.ALWAYS);
    }

    private void buildKeys() {
        keys.setId("deployKeys");
        keys.setMinWidth(Region.USE_PREF_SIZE);
        copyPrimary.setId("deployCopyPrimary");
        copySecondary.setId("deployCopySecondary");
        copyPrimary.setMinWidth(Region.USE_PREF_SIZE);
        copySecondary.setMinWidth(Region.USE_PREF_SIZE);
        // The path whole, selectable, on a line of its own: a label cut it at the right.
        keysFile.setId("deployKeysFile");
        keysFile.setEditable(false);
        keysFile.getStyleClass().add("path-field");
        HBox.setHgrow(keysFile, Priority.ALWAYS);
        HBox keyButtons = new HBox(8, label("Key"), keys, copyPrimary, copySecondary);
        keyButtons.setAlignment(Pos.CENTER_LEFT);
        HBox keysFileRow = new HBox(8, label("Keys file"), keysFile);
        keysFileRow.setAlignment(Pos.BASELINE_LEFT);
        keyRow.getChildren().addAll(keyButtons, keysFileRow);
        keyRow.setId("deployKeyRow");
    }

    /** Shows the name the service answers to (the wizard's, as it is when the step is entered). */
    void showDomain(String name) {
        domain.setText(name == null ? "" : name);
    }

    private void bind() {
        port.textProperty().bindBidirectional(model.portProperty());
        port.disableProperty().bind(model.runningProperty().or(model.busyProperty()));
        modelChoice.bind(model);
        // While the service runs the choice cannot change, and the Running line says which model answers:
        // the row steps aside so that the banner, Stop and the keys are in sight at a small window.
        for (Node n : List.of(modelLabel, modelChoice.view())) {
            n.visibleProperty().bind(model.runningProperty().not());
            n.managedProperty().bind(n.visibleProperty());
        }
        bindActions();
        download.progressProperty().bind(model.downloadProperty());
        cancelDownload.setOnAction(e -> model.cancelDownload());
        downloading.visibleProperty().bind(model.downloadProperty().greaterThanOrEqualTo(0));
        downloading.managedProperty().bind(downloading.visibleProperty());
        bindKeys();
    }

    private void bindActions() {
        start.setOnAction(e -> model.start());
        start.disableProperty().bind(model.runningProperty().or(model.busyProperty()));
        stop.setOnAction(e -> model.stop());
        stop.disableProperty().bind(model.runningProperty().not());
        // Start and Stop hand focus to each other: the one pressed is disabled at once, and JavaFX would
        // otherwise move focus on to whatever came next (Copy log), depending on how fast the service started.
        passFocus(start, stop);
        passFocus(stop, start);
        status.textProperty().bind(model.statusProperty());
        status.visibleProperty().bind(model.statusProperty().isNotEmpty());
        status.managedProperty().bind(status.visibleProperty());
        model.demoProperty().addListener((o, was, isDemo) -> {
            status.getStyleClass().remove("model-demo");
            if (isDemo) {
                status.getStyleClass().add("model-demo");
            }
        });
    }

    /** When {@code from}, pressed with focus on it, is disabled, focus goes to {@code to} as soon as that is enabled. */
    private static void passFocus(Button from, Button to) {
        boolean[] pressed = {false};
        boolean[] waiting = {false};
        from.addEventHandler(ActionEvent.ACTION, e -> pressed[0] = from.isFocused());
        from.disabledProperty().addListener((o, was, disabled) -> {
            if (disabled && pressed[0]) {
                pressed[0] = false;
                waiting[0] = to.isDisabled();
                if (!waiting[0]) {
                    to.requestFocus();
                }
            }
        });
        to.disabledProperty().addListener((o, was, disabled) -> {
            if (!disabled && waiting[0]) {
                waiting[0] = false;
                to.requestFocus();
            }
        });
    }

    private void bindKeys() {
        keys.textProperty().bind(model.primaryMaskedProperty());
        Confirmations.copyButton(copyPrimary, () -> model.key(false));
        Confirmations.copyButton(copySecondary, () -> model.key(true));
        keysFile.setText(String.valueOf(model.keysFile()));
        keyRow.visibleProperty().bind(model.runningProperty());
        keyRow.managedProperty().bind(keyRow.visibleProperty());
        model.runningProperty().addListener((o, was, now) -> {
            if (now) {
                ScrollIntoView.top(actions);
            }
        });
    }
}

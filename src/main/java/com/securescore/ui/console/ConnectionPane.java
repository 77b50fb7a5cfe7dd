package com.securescore.ui.console;

import static com.securescore.ui.Controls.label;

import com.securescore.ui.Confirmations;
import com.securescore.ui.FileDialogs;
import java.io.File;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The scoring console's connection: host and port, the address to connect to before DNS points at
 * the service, the key (typed, or read from the keys file) and how it is sent, and the root trusted.
 */
final class ConnectionPane {
    private final ConsoleStepViewModel model;
    private final GridPane form = new GridPane();
    private final TextField host = field("consoleHost", 24);
    private final TextField port = field("consolePort", 6);
    private final TextField connectTo = field("consoleConnectTo", 14);
    private final PasswordField key = new PasswordField();
    private final ChoiceBox<String> which = new ChoiceBox<>(FXCollections.observableArrayList("primary", "secondary"));
    private final Button loadKey = new Button("From keys file…");
    private final Button copyKey = new Button("Copy key");
    private final CheckBox bearer = new CheckBox("Send as \"Bearer\" (AKS-hosted services)");
    private final Label trust = new Label();
    private final Button chooseTrust = new Button("Change…");

    /** @param pageWidth the width of the step's page, which the key's row wraps to */
    ConnectionPane(ConsoleStepViewModel model, ObservableDoubleValue pageWidth) {
        this.model = model;
        connectTo.setPromptText("optional, e.g. 127.0.0.1");
        key.setId("consoleKey");
        key.setPrefColumnCount(16);
        key.setPromptText("primary or secondary key");
        which.setId("consoleWhichKey");
        which.setValue("primary");
        loadKey.setId("consoleLoadKey");
        trust.setId("consoleTrust");
        chooseTrust.setId("consoleChooseTrust");
        layOut(pageWidth);
        bind();
    }

    Node view() {
        return form;
    }

    private void layOut(ObservableDoubleValue pageWidth) {
        form.setHgap(10);
        form.setVgap(8);
        HBox hostAndPort = new HBox(8, host, label("Port"), port);
        hostAndPort.setAlignment(Pos.BASELINE_LEFT);
        form.addRow(0, label("Host"), hostAndPort);
        Label before = new Label("before DNS points at the service");
        before.getStyleClass().add("help");
        before.setWrapText(true);
        before.setMinWidth(0);
        HBox connectRow = new HBox(8, connectTo, before);
        connectRow.setAlignment(Pos.BASELINE_LEFT);
        form.addRow(1, label("Connect to"), connectRow);
        for (Region r : List.of(which, loadKey, copyKey, chooseTrust)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        // At the smallest window the buttons go to a second line instead of squeezing the key to a few dots.
        key.setMinWidth(150);
        host.setMinWidth(160);
        port.setMinWidth(Region.USE_PREF_SIZE);
        FlowPane keyRow = new FlowPane(8, 6, key, which, loadKey, copyKey);
        // One line while the page has room for it, two at a narrow window. The grid sizes the row by the
        // wrap length (not by the width it gives the row), so the length follows the page's width.
        pageWidth.addListener((o, was, width) -> keyRow.setPrefWrapLength(Math.max(200, width.doubleValue() - 100)));
        form.addRow(2, label("Key"), keyRow);
        form.addRow(3, new Label(), bearer);
        HBox trustRow = new HBox(8, trust, chooseTrust);
        trustRow.setAlignment(Pos.BASELINE_LEFT);
        form.addRow(4, label("Trust"), trustRow);
        // Each label on the first line of its row, level with the text beside it.
        for (int row = 0; row < 5; row++) {
            RowConstraints line = new RowConstraints();
            line.setValignment(VPos.BASELINE);
            form.getRowConstraints().add(line);
        }
    }

    private void bind() {
        host.textProperty().bindBidirectional(model.hostProperty());
        port.textProperty().bindBidirectional(model.portProperty());
        connectTo.textProperty().bindBidirectional(model.connectToProperty());
        key.textProperty().bindBidirectional(model.keyProperty());
        loadKey.setOnAction(e -> {
            List<File> picked = FileDialogs.current().openFiles(window(), "Choose the service's keys file",
                    List.of(new FileChooser.ExtensionFilter("All files", "*")));
            if (picked != null && !picked.isEmpty()) {
                model.loadKeyFile(picked.get(0).toPath(), "secondary".equals(which.getValue()));
            }
        });
        Confirmations.copyButton(copyKey, () -> model.keyProperty().get());
        bearer.selectedProperty().bindBidirectional(model.bearerProperty());
        trust.textProperty().bind(Bindings.createStringBinding(() -> model.trustPathProperty().get() == null
                ? "the system's trusted roots" : model.trustPathProperty().get(), model.trustPathProperty()));
        chooseTrust.setOnAction(e -> {
            List<File> picked = FileDialogs.current().openFiles(window(), "Choose the root certificate clients trust",
                    List.of(new FileChooser.ExtensionFilter("Certificates", "*.pem", "*.crt", "*.cer", "*.der",
                                    "*.p7b", "*.p7c"),
                            new FileChooser.ExtensionFilter("All files", "*")));
            if (picked != null && !picked.isEmpty()) {
                model.trustPathProperty().set(picked.get(0).getAbsolutePath());
            }
        });
    }

    private Window window() {
        return form.getScene().getWindow();
    }

    private static TextField field(String id, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        return f;
    }
}

package com.securescore.ui.certificate;

import com.securescore.ui.FileDialogs;
import java.io.File;
import java.util.Arrays;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * The Certificate step's save: "Save files for deployment…" with what it writes, a .pfx and a
 * Kubernetes TLS secret to add, and what was saved (asking before it replaces files).
 */
final class SavePane {
    private final CertificateStepViewModel model;
    /** Every file dialog of the step opens in the folder of the last file chosen in it. */
    private final FileDialogs.LastFolder lastFolder;
    private final Button save = new Button("Save files for deployment…");
    private final Label saveResult = new Label();
    private final CheckBox withPfx = new CheckBox("Also bundle.pfx (asks for a password)");
    private final CheckBox withSecret = new CheckBox("Also a Kubernetes TLS secret named");
    private final TextField secretName = new TextField("scoring-tls");
    private final VBox root;

    SavePane(CertificateStepViewModel model, FileDialogs.LastFolder lastFolder) {
        this.model = model;
        this.lastFolder = lastFolder;
        save.setId("saveFiles");
        saveResult.setId("saveResult");
        saveResult.setWrapText(true);
        saveResult.getStyleClass().add("help");
        withPfx.setId("exportPfx");
        withSecret.setId("exportSecret");
        secretName.setId("secretName");
        secretName.setPrefColumnCount(14);
        secretName.disableProperty().bind(withSecret.selectedProperty().not());
        Label saveHelp = new Label("Writes fullchain.pem (leaf first, no root) and privkey.pem (owner-only).");
        saveHelp.getStyleClass().add("help");
        HBox secretRow = new HBox(8, withSecret, secretName);
        secretRow.setAlignment(Pos.CENTER_LEFT);
        root = new VBox(6, save, saveHelp, withPfx, secretRow, saveResult);
        bind();
    }

    Node view() {
        return root;
    }

    /** Another certificate, or none: what was saved before no longer describes it. */
    void clearResult() {
        saveResult.setText("");
    }

    private void bind() {
        save.setOnAction(e -> saveFiles());
        save.disableProperty().bind(model.canAdvance().not());
    }

    private void saveFiles() {
        File dir = lastFolder.folder(window(), "Choose a folder for the files");
        if (dir == null) {
            return;
        }
        char[] pfxPassword = null;
        if (withPfx.isSelected()) {
            pfxPassword = askPfxPassword();
            if (pfxPassword == null) {
                return;
            }
        }
        String secret = withSecret.isSelected() ? secretName.getText().strip() : null;
        try {
            SaveResult result = model.export(dir.toPath(), false, pfxPassword, secret);
            if (result.wouldOverwrite()) {
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION, result.message() + "\n\nReplace them?",
                        ButtonType.YES, ButtonType.NO);
                ask.initOwner(window());
                if (ask.showAndWait().filter(ButtonType.YES::equals).isPresent()) {
                    result = model.export(dir.toPath(), true, pfxPassword, secret);
                }
            }
            saveResult.setText(result.message());
        } finally {
            if (pfxPassword != null) {
                Arrays.fill(pfxPassword, '\0');
            }
        }
    }

    private char[] askPfxPassword() {
        Dialog<char[]> dialog = new Dialog<>();
        dialog.setTitle("Password for bundle.pfx");
        dialog.setHeaderText("Choose a password to protect bundle.pfx (the key is inside it).");
        PasswordField pw = new PasswordField();
        PasswordField again = new PasswordField();
        pw.setPromptText("Password");
        again.setPromptText("Again");
        dialog.getDialogPane().setContent(new VBox(8, pw, again));
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        Node ok = dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.disableProperty().bind(pw.textProperty().isEmpty().or(pw.textProperty().isNotEqualTo(again.textProperty())));
        dialog.setResultConverter(b -> b == ButtonType.OK ? pw.getText().toCharArray() : null);
        dialog.initOwner(window());
        return dialog.showAndWait().orElse(null);
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}

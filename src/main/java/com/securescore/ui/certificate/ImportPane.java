package com.securescore.ui.certificate;

import com.securescore.ui.FileDialogs;
import java.io.File;
import java.util.Arrays;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Certificate step's "Use my certificate": the drop zone with its file and paste buttons, the files
 * in use with a menu to remove each, and the two rows a finding's card shows as its fix: the password
 * of the key, and the keystore's key entry to use.
 */
final class ImportPane {
    private final CertificateStepViewModel model;
    /** Every file dialog of the step opens in the folder of the last file chosen in it. */
    private final FileDialogs.LastFolder lastFolder;
    private final VBox root = new VBox(8);
    private final Label using = new Label();
    private final MenuButton remove = new MenuButton("Remove…");
    /** Shown in the card of the finding that asks for a password: typing it there is the fix. */
    private final FlowPane passwordRow = new FlowPane(8, 6);
    private final PasswordField passwordField = new PasswordField();
    private final Label passwordPrompt = new Label();
    private final Button unlock = new Button("Unlock");
    /** Shown in the card of the finding that asks which key entry to use. */
    private final FlowPane aliasRow = new FlowPane(8, 6);
    private final ComboBox<String> aliasChoice = new ComboBox<>();

    ImportPane(CertificateStepViewModel model, FileDialogs.LastFolder lastFolder) {
        this.model = model;
        this.lastFolder = lastFolder;
        root.getChildren().add(dropZone());
        buildPasswordRow();
        buildAliasRow();
        bind();
    }

    Node view() {
        return root;
    }

    /** The password field and Unlock, for the card of the finding that asks for a password. */
    Node passwordRow() {
        return passwordRow;
    }

    /** The key entry chooser, for the card of the finding that asks which key entry to use. */
    Node aliasRow() {
        return aliasRow;
    }

    private VBox dropZone() {
        Label dropHint = new Label("Drop the certificate and key files here, or choose them. Any form works: PEM, "
                + "DER, PKCS#12 (.pfx), PKCS#7 (.p7b), PKCS#1, SEC1, encrypted keys, chain and key in one file.");
        dropHint.setWrapText(true);
        dropHint.getStyleClass().add("help");
        Button choose = new Button("Choose files…");
        choose.setId("chooseFiles");
        choose.setOnAction(e -> chooseFiles());
        Button chooseKey = new Button("Choose key file…");
        chooseKey.setId("chooseKey");
        chooseKey.setOnAction(e -> chooseKeyFile());
        Button paste = new Button("Paste PEM…");
        paste.setId("pastePem");
        paste.setOnAction(e -> pasteDialog());
        using.setId("sourcesText");
        using.setWrapText(true);
        // "Using: …" and, once something is used, a menu with one remove control per file, issuer and root.
        remove.setId("removeFile");
        remove.setMinWidth(Region.USE_PREF_SIZE);
        HBox usingRow = new HBox(8, using, remove);
        usingRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(using, Priority.ALWAYS);
        VBox drop = new VBox(8, dropHint, new HBox(8, choose, chooseKey, paste), usingRow);
        drop.setId("dropZone");
        drop.getStyleClass().add("drop-zone");
        installDrop(drop);
        return drop;
    }

    private void buildPasswordRow() {
        passwordField.setId("passwordField");
        passwordField.setPromptText("Password of the key, .pfx or keystore");
        passwordField.setPrefColumnCount(22);
        unlock.setId("unlockButton");
        unlock.setDefaultButton(false);
        passwordPrompt.setId("passwordPrompt");
        passwordRow.getChildren().addAll(passwordPrompt, passwordField, unlock);
        passwordRow.setAlignment(Pos.CENTER_LEFT);
        passwordRow.setId("passwordRow");
    }

    private void buildAliasRow() {
        aliasChoice.setId("aliasChoice");
        aliasChoice.setPromptText("Choose the key entry");
        aliasRow.getChildren().addAll(new Label("The keystore holds several keys. Use:"), aliasChoice);
        aliasRow.setAlignment(Pos.CENTER_LEFT);
        aliasRow.setId("aliasRow");
    }

    private void bind() {
        using.textProperty().bind(Bindings.when(model.sourcesTextProperty().isEmpty())
                .then("No files yet.").otherwise(Bindings.concat("Using: ", model.sourcesTextProperty())));
        remove.visibleProperty().bind(model.sourcesTextProperty().isNotEmpty());
        remove.managedProperty().bind(remove.visibleProperty());
        remove.disableProperty().bind(model.busyProperty());
        // "Using:" changes whenever a file, issuer or root comes or goes: the menu follows it.
        model.sourcesTextProperty().addListener((obs, was, now) -> fillRemoveMenu());
        unlock.setOnAction(e -> {
            char[] pw = passwordField.getText().toCharArray();
            passwordField.clear();
            model.unlock(pw);
            Arrays.fill(pw, '\0');
        });
        passwordField.setOnAction(unlock.getOnAction());
        passwordRow.visibleProperty().bind(model.needsPasswordProperty());
        passwordRow.managedProperty().bind(model.needsPasswordProperty());
        passwordPrompt.textProperty().bind(model.passwordPromptProperty());
        aliasChoice.setItems(model.aliasChoices());
        aliasChoice.setOnAction(e -> {
            if (aliasChoice.getValue() != null) {
                model.chooseAlias(aliasChoice.getValue());
            }
        });
        aliasRow.visibleProperty().bind(model.needsAliasProperty());
        aliasRow.managedProperty().bind(model.needsAliasProperty());
    }

    private void fillRemoveMenu() {
        remove.getItems().clear();
        List<String> used = model.usedFiles();
        for (int i = 0; i < used.size(); i++) {
            int index = i;
            MenuItem item = new MenuItem("Remove " + used.get(i));
            // File names as they are: "scoring_test.key" lost its underscore as a mnemonic marker.
            item.setMnemonicParsing(false);
            item.setId("remove-" + i);
            item.setOnAction(a -> model.remove(index));
            remove.getItems().add(item);
        }
    }

    private void installDrop(Node target) {
        target.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        target.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                model.useFiles(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** One file chosen in the step's last folder, or null. */
    File pickOne(String title, List<FileChooser.ExtensionFilter> filters) {
        List<File> files = lastFolder.openFiles(window(), title, filters);
        return files == null || files.isEmpty() ? null : files.get(0);
    }

    private void chooseFiles() {
        List<File> files = lastFolder.openFiles(window(), "Choose the certificate (and key) files",
                CertificateFileFilters.CERTIFICATES);
        if (files != null && !files.isEmpty()) {
            model.useFiles(files.stream().map(File::toPath).toList());
        }
    }

    /** The certificate was missing: what is chosen now comes beside the files (and key) already given. */
    void addCertificateFiles() {
        List<File> files = lastFolder.openFiles(window(), "Choose the certificate file",
                CertificateFileFilters.CERTIFICATES);
        if (files != null && !files.isEmpty()) {
            model.addCertificateFiles(files.stream().map(File::toPath).toList());
        }
    }

    void chooseKeyFile() {
        File f = pickOne("Choose the private key file", CertificateFileFilters.KEYS);
        if (f != null) {
            model.useKeyFile(f.toPath());
        }
    }

    private void pasteDialog() {
        Dialog<String> dialog = new Dialog<>();
        dialog.setTitle("Paste PEM");
        dialog.setHeaderText("Paste the certificate chain, and the key if you have it in the same text.");
        TextArea area = new TextArea();
        area.setId("pasteArea");
        area.setPrefRowCount(16);
        area.setPrefColumnCount(64);
        area.setStyle("-fx-font-family: monospace;");
        dialog.getDialogPane().setContent(area);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? area.getText() : null);
        dialog.initOwner(window());
        dialog.showAndWait().filter(t -> !t.isBlank()).ifPresent(model::usePastedText);
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}

package com.securescore.ui.certificate;

import com.securescore.acme.AcmeStage;
import com.securescore.acme.KeyType;
import com.securescore.acme.TxtRecord;
import com.securescore.ui.FileDialogs;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * The Certificate step's "Get one from a certificate authority (ACME)": the CA and its terms, the
 * contact, how control is shown, key type and folder (a form), Start/Cancel with one line per order
 * state, the TXT record to create when DNS is chosen, and the outcome in plain words.
 */
final class AcmePane {
    private final AcmeViewModel model;
    private final VBox root = new VBox(10);
    private final Label[] stageLines = new Label[AcmeStage.values().length];

    /** Where this step's file dialogs open: the folder of the last file chosen in it. */
    private final FileDialogs.LastFolder lastFolder;

    AcmePane(AcmeViewModel model, FileDialogs.LastFolder lastFolder) {
        this.model = model;
        this.lastFolder = lastFolder;
        Label intro = new Label("Gets a free certificate from Let's Encrypt or your organisation's ACME certificate "
                + "authority. The CA first checks that you control the domain.");
        intro.setWrapText(true);
        intro.getStyleClass().add("help");
        root.getChildren().addAll(intro, caForm(), terms(), choices(), actions(), progress(), record(), outcome());
        root.setId("acmePane");
    }

    Node view() {
        return root;
    }

    private Node caForm() {
        ComboBox<AcmeViewModel.Directory> directory = new ComboBox<>();
        directory.getItems().addAll(AcmeViewModel.Directory.values());
        directory.valueProperty().bindBidirectional(model.directoryProperty());
        directory.setId("acmeDirectory");
        directory.setOnAction(e -> lookUpTerms());
        TextField url = new TextField();
        url.setId("acmeDirectoryUrl");
        url.setPromptText("https://ca.example.com/acme/directory");
        url.textProperty().bindBidirectional(model.directoryUrlProperty());
        url.setOnAction(e -> lookUpTerms());
        url.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                lookUpTerms();
            }
        });
        url.visibleProperty().bind(model.directoryProperty().isEqualTo(AcmeViewModel.Directory.OTHER));
        url.managedProperty().bind(url.visibleProperty());
        Button trust = new Button("Trust a private CA's root…");
        trust.setId("acmeTrust");
        trust.setOnAction(e -> chooseFile("Choose the root certificate(s) of your CA (PEM)").ifPresent(p -> {
            model.trustFileProperty().set(p);
            lookUpTerms();
        }));
        Label trusted = new Label();
        trusted.getStyleClass().add("help");
        trusted.textProperty().bind(Bindings.createStringBinding(() -> model.trustFileProperty().get() == null ? ""
                : "Trusting " + model.trustFileProperty().get().getFileName(), model.trustFileProperty()));
        HBox trustRow = new HBox(8, trust, trusted);
        trustRow.setAlignment(Pos.CENTER_LEFT);
        trustRow.visibleProperty().bind(url.visibleProperty());
        trustRow.managedProperty().bind(url.visibleProperty());
        return new VBox(6, new HBox(8, new Label("Certificate authority:"), directory), url, trustRow);
    }

    private Node terms() {
        Hyperlink link = new Hyperlink();
        link.setId("acmeTermsLink");
        link.textProperty().bind(model.termsUrlProperty());
        link.visibleProperty().bind(model.termsUrlProperty().isNotEmpty());
        link.managedProperty().bind(link.visibleProperty());
        link.setOnAction(e -> copyAddress(model.termsUrlProperty().get()));
        Label status = new Label();
        status.setId("acmeTermsStatus");
        status.setWrapText(true);
        status.getStyleClass().add("help");
        status.textProperty().bind(model.termsStatusProperty());
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        CheckBox agree = new CheckBox("I have read and agree to the CA's terms of service");
        agree.setId("acmeAgree");
        agree.selectedProperty().bindBidirectional(model.agreedProperty());
        agree.disableProperty().bind(model.termsUrlProperty().isEmpty());
        return new VBox(4, new HBox(4, new Label("Terms of service:"), link), status, agree);
    }

    /** E-mail, how control is shown (with the HTTP port), key type, account key and folder. */
    private Node choices() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().add(labels);
        TextField email = new TextField();
        email.setId("acmeEmail");
        email.setPromptText("Optional: where the CA sends expiry notices");
        email.textProperty().bindBidirectional(model.emailProperty());
        grid.addRow(0, new Label("E-mail:"), email);

        ComboBox<AcmeViewModel.Challenge> challenge = new ComboBox<>();
        challenge.getItems().addAll(AcmeViewModel.Challenge.values());
        challenge.valueProperty().bindBidirectional(model.challengeProperty());
        challenge.setId("acmeChallenge");
        grid.addRow(1, new Label("Show control by:"), challenge);
        httpPortRow(grid, 2);

        ComboBox<KeyType> keyType = new ComboBox<>();
        keyType.getItems().addAll(KeyType.values());
        keyType.valueProperty().bindBidirectional(model.keyTypeProperty());
        keyType.setId("acmeKeyType");
        grid.addRow(3, new Label("Key type:"), keyType);
        grid.addRow(4, new Label("Account:"), accountRow());
        grid.addRow(5, new Label("Save in:"), folderRow());
        return grid;
    }

    /** The port the HTTP challenge listens on, shown only when control is shown over HTTP. */
    private void httpPortRow(GridPane grid, int row) {
        TextField port = new TextField();
        port.setId("acmeHttpPort");
        port.setPrefColumnCount(6);
        port.textProperty().bindBidirectional(model.httpPortProperty());
        Label portHelp = new Label("80, or the port your router or firewall forwards port 80 to.");
        portHelp.getStyleClass().add("help");
        HBox portRow = new HBox(8, port, portHelp);
        portRow.setAlignment(Pos.CENTER_LEFT);
        Label portLabel = new Label("Listen on port:");
        grid.addRow(row, portLabel, portRow);
        var http = model.challengeProperty().isEqualTo(AcmeViewModel.Challenge.HTTP);
        for (Node n : List.of(portLabel, portRow)) {
            n.visibleProperty().bind(http);
            n.managedProperty().bind(http);
        }
    }

    private HBox accountRow() {
        Button account = new Button("Use my own account key…");
        account.setId("acmeAccountKey");
        account.setOnAction(e -> chooseFile("Choose your ACME account key (PEM)")
                .ifPresent(model.accountKeyProperty()::set));
        Label accountText = new Label();
        accountText.getStyleClass().add("help");
        accountText.setTooltip(new Tooltip("Made once and kept, readable only by you, in your settings folder."));
        accountText.textProperty().bind(Bindings.createStringBinding(() -> model.accountKeyProperty().get() == null
                ? "SecureScore's own"
                : model.accountKeyProperty().get().toString(), model.accountKeyProperty()));
        return new HBox(8, accountText, account);
    }

    private HBox folderRow() {
        Button folder = new Button("Choose folder…");
        folder.setId("acmeOutDir");
        folder.setOnAction(e -> {
            File dir = lastFolder.folder(window(), "Choose a folder for fullchain.pem and privkey.pem");
            if (dir != null) {
                model.outDirProperty().set(dir.toPath());
            }
        });
        Label folderText = new Label();
        folderText.setId("acmeOutDirText");
        folderText.getStyleClass().add("help");
        folderText.textProperty().bind(Bindings.createStringBinding(() -> model.outDirProperty().get() == null
                ? "Not chosen yet" : model.outDirProperty().get().toString(), model.outDirProperty()));
        return new HBox(8, folder, folderText);
    }

    private Node actions() {
        Button start = new Button("Get the certificate");
        start.setId("acmeStart");
        start.disableProperty().bind(model.canStart().not());
        start.setOnAction(e -> model.start());
        Button cancel = new Button("Cancel");
        cancel.setId("acmeCancel");
        cancel.disableProperty().bind(model.runningProperty().not());
        cancel.setOnAction(e -> model.cancel());
        Label portProblem = new Label();
        portProblem.getStyleClass().add("message-error");
        portProblem.textProperty().bind(Bindings.createStringBinding(() -> model.portProblem().orElse(""),
                model.httpPortProperty(), model.challengeProperty()));
        HBox row = new HBox(8, start, cancel, portProblem);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node progress() {
        VBox list = new VBox(2);
        list.setId("acmeProgress");
        for (AcmeStage s : AcmeStage.values()) {
            Label l = new Label();
            l.setId("acmeStage-" + s.name().toLowerCase(Locale.ROOT));
            stageLines[s.ordinal()] = l;
            list.getChildren().add(l);
        }
        model.marks().addListener((ListChangeListener<AcmeViewModel.Mark>) c -> renderMarks());
        renderMarks();
        TextArea log = new TextArea();
        log.setId("acmeLog");
        log.setEditable(false);
        log.setPrefRowCount(5);
        log.setWrapText(true);
        model.log().addListener((ListChangeListener<String>) c -> log.setText(String.join("\n", model.log())));
        log.visibleProperty().bind(Bindings.isNotEmpty(model.log()));
        log.managedProperty().bind(log.visibleProperty());
        list.visibleProperty().bind(Bindings.isNotEmpty(model.log()).or(model.runningProperty()));
        list.managedProperty().bind(list.visibleProperty());
        return new VBox(6, list, log);
    }

    private void renderMarks() {
        for (AcmeStage s : AcmeStage.values()) {
            AcmeViewModel.Mark m = model.marks().get(s.ordinal());
            Label l = stageLines[s.ordinal()];
            l.getStyleClass().removeAll("help", "message-ok", "message-error");
            String sign = switch (m) {
                case WAITING -> "○";
                case ACTIVE -> "●";
                case DONE -> "✓";
                case FAILED -> "✗";
            };
            l.setText(sign + " " + s.label());
            l.getStyleClass().add(m == AcmeViewModel.Mark.WAITING ? "help" : m == AcmeViewModel.Mark.DONE
                    ? "message-ok" : m == AcmeViewModel.Mark.FAILED ? "message-error" : "fix");
        }
    }

    private Node record() {
        Label head = new Label("Create this TXT record in your DNS provider's panel, then continue:");
        head.setWrapText(true);
        TextField name = readOnly("acmeRecordName");
        TextField value = readOnly("acmeRecordValue");
        model.recordProperty().addListener((o, was, now) -> {
            name.setText(now == null ? "" : now.name());
            value.setText(now == null ? "" : now.value());
        });
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label("Name:"), name, copy("acmeCopyName", name));
        grid.addRow(1, new Label("Type:"), new Label("TXT"));
        grid.addRow(2, new Label("Value:"), value, copy("acmeCopyValue", value));
        Label help = new Label("SecureScore checks that the record can be seen before it asks the CA to look.");
        help.setWrapText(true);
        help.getStyleClass().add("help");
        Button created = new Button("The record is there: continue");
        created.setId("acmeRecordCreated");
        created.setOnAction(e -> model.recordCreated());
        VBox box = new VBox(6, head, grid, help, created);
        box.setId("acmeRecord");
        box.getStyleClass().add("pending");
        box.visibleProperty().bind(model.recordProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node outcome() {
        Label error = new Label();
        error.setId("acmeError");
        error.setWrapText(true);
        error.getStyleClass().add("message-error");
        error.textProperty().bind(model.errorProperty());
        Label fix = new Label();
        fix.setId("acmeFix");
        fix.setWrapText(true);
        fix.getStyleClass().add("fix");
        fix.textProperty().bind(model.fixProperty());
        Label done = new Label();
        done.setId("acmeDone");
        done.setWrapText(true);
        done.getStyleClass().add("message-ok");
        done.textProperty().bind(model.doneProperty());
        for (Label l : List.of(error, fix, done)) {
            l.visibleProperty().bind(l.textProperty().isNotEmpty());
            l.managedProperty().bind(l.visibleProperty());
        }
        return new VBox(4, error, fix, done);
    }

    private static TextField readOnly(String id) {
        TextField f = new TextField();
        f.setId(id);
        f.setEditable(false);
        f.setPrefColumnCount(36);
        return f;
    }

    private static Button copy(String id, TextField from) {
        Button b = new Button("Copy");
        b.setId(id);
        b.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(from.getText());
            Clipboard.getSystemClipboard().setContent(c);
        });
        return b;
    }

    /** Called when the pane is shown and whenever the CA changes. */
    void lookUpTerms() {
        if (!model.runningProperty().get()) {
            model.loadTerms();
        }
    }

    private void copyAddress(String url) {
        ClipboardContent c = new ClipboardContent();
        c.putString(url);
        Clipboard.getSystemClipboard().setContent(c);
        model.termsStatusProperty().set("Address copied: paste it into your browser to read the terms.");
    }

    private Optional<Path> chooseFile(String title) {
        List<File> files = lastFolder.openFiles(window(), title,
                List.of(new FileChooser.ExtensionFilter("PEM files", "*.pem", "*.crt", "*.key", "*.txt"),
                        new FileChooser.ExtensionFilter("All files", "*")));
        return files == null || files.isEmpty() ? Optional.empty()
                : Optional.of(files.get(0).toPath());
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }
}

package com.securescore.ui.certificate;

import com.securescore.cert.CertificateRepairs;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Certificates;
import com.securescore.cert.DevelopmentCertificates;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import java.io.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.SegmentedButton;

/** Lays out the Certificate step: sources in, findings, chain picture, repairs and export out. */
public final class CertificateStepView implements WizardStep {
    private final CertificateStepViewModel model;
    private final VBox root = new VBox(12);
    private final VBox importPane = new VBox(8);
    private final VBox devPane = new VBox(8);
    /** Shown in the card of the finding that asks for a password: typing it there is the fix. */
    private final FlowPane passwordRow = new FlowPane(8, 6);
    private final PasswordField passwordField = new PasswordField();
    private final Label passwordPrompt = new Label();
    /** Shown in the card of the finding that asks which key entry to use. */
    private final FlowPane aliasRow = new FlowPane(8, 6);
    private final javafx.scene.control.ComboBox<String> aliasChoice = new javafx.scene.control.ComboBox<>();
    private final Label status = new Label();
    /** Every file dialog of the step opens in the folder of the last file chosen in it. */
    private final FileDialogs.LastFolder lastFolder = new FileDialogs.LastFolder();
    private final Label lastChange = new Label();
    private final Button undo = new Button("Undo");
    private final HBox changeRow = new HBox(10, lastChange, undo);
    private final FindingsView findings = new FindingsView();
    private final ChainView chain = new ChainView();
    private final Button save = new Button("Save files for deployment…");
    private final Label saveResult = new Label();
    private final javafx.scene.control.CheckBox withPfx =
            new javafx.scene.control.CheckBox("Also bundle.pfx (asks for a password)");
    private final javafx.scene.control.CheckBox withSecret =
            new javafx.scene.control.CheckBox("Also a Kubernetes TLS secret named");
    private final javafx.scene.control.TextField secretName = new javafx.scene.control.TextField("scoring-tls");

    public CertificateStepView(WizardState state) {
        this(new CertificateStepViewModel(state, BackgroundRunner.FX, new CertificateRepairs()));
    }

    CertificateStepView(CertificateStepViewModel model) {
        this.model = model;
    }

    /** The controls are made the first time the step is shown, so the wizard's window comes up sooner. */
    private boolean built;

    public CertificateStepViewModel model() {
        return model;
    }

    private void build() {
        ToggleButton mine = new ToggleButton("Use my certificate");
        mine.setId("modeImport");
        ToggleButton dev = new ToggleButton("Make a development certificate");
        dev.setId("modeDevelopment");
        ToggleButton acme = new ToggleButton("Get one from a CA (ACME)");
        acme.setId("modeAcme");
        acme.setTooltip(new javafx.scene.control.Tooltip("Get one from a certificate authority (ACME): Let's "
                + "Encrypt or your organisation's CA"));
        AcmePane acmePane = new AcmePane(model.acme(), lastFolder);
        SegmentedButton mode = new SegmentedButton(mine, dev, acme);
        mode.setId("certMode");
        mine.setSelected(true);
        // No switching while a check or a certificate is being made: its result belongs to the way it began in.
        mode.disableProperty().bind(model.busyProperty().or(model.acme().runningProperty()));
        mode.getToggleGroup().selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
                return;
            }
            model.switchTo(now == mine ? CertificateStepViewModel.Mode.IMPORT : now == dev
                    ? CertificateStepViewModel.Mode.DEVELOPMENT : CertificateStepViewModel.Mode.ACME);
            importPane.setVisible(now == mine);
            importPane.setManaged(now == mine);
            devPane.setVisible(now == dev);
            devPane.setManaged(now == dev);
            acmePane.view().setVisible(now == acme);
            acmePane.view().setManaged(now == acme);
            if (now == acme) {
                acmePane.lookUpTerms();
            }
        });
        acmePane.view().setVisible(false);
        acmePane.view().setManaged(false);

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
        Label using = new Label();
        using.setId("sourcesText");
        using.setWrapText(true);
        using.textProperty().bind(javafx.beans.binding.Bindings.when(model.sourcesTextProperty().isEmpty())
                .then("No files yet.").otherwise(javafx.beans.binding.Bindings.concat("Using: ",
                        model.sourcesTextProperty())));
        VBox drop = new VBox(8, dropHint, new HBox(8, choose, chooseKey, paste), usingRow(using));
        drop.setId("dropZone");
        drop.getStyleClass().add("drop-zone");
        installDrop(drop);

        passwordField.setId("passwordField");
        passwordField.setPromptText("Password of the key, .pfx or keystore");
        passwordField.setPrefColumnCount(22);
        Button unlock = new Button("Unlock");
        unlock.setId("unlockButton");
        unlock.setDefaultButton(false);
        unlock.setOnAction(e -> {
            char[] pw = passwordField.getText().toCharArray();
            passwordField.clear();
            model.unlock(pw);
            java.util.Arrays.fill(pw, '\0');
        });
        passwordField.setOnAction(unlock.getOnAction());
        passwordPrompt.setId("passwordPrompt");
        passwordRow.getChildren().addAll(passwordPrompt, passwordField, unlock);
        passwordRow.setAlignment(Pos.CENTER_LEFT);
        passwordRow.setId("passwordRow");
        aliasChoice.setId("aliasChoice");
        aliasChoice.setItems(model.aliasChoices());
        aliasChoice.setPromptText("Choose the key entry");
        aliasChoice.setOnAction(e -> {
            if (aliasChoice.getValue() != null) {
                model.chooseAlias(aliasChoice.getValue());
            }
        });
        aliasRow.getChildren().addAll(new Label("The keystore holds several keys. Use:"), aliasChoice);
        aliasRow.setAlignment(Pos.CENTER_LEFT);
        aliasRow.setId("aliasRow");
        importPane.getChildren().add(drop);

        Label devIntro = new Label("Makes a small local certificate authority and a certificate for the domain, "
                + "like mkcert, in a folder you choose: ca.pem, fullchain.pem and privkey.pem (owner-only).");
        devIntro.setWrapText(true);
        devIntro.getStyleClass().add("help");
        Label devText = new Label(DevelopmentCertificates.NOTICE_GUI);
        devText.setId("devNotice");
        devText.setWrapText(true);
        devText.getStyleClass().add("caution");
        Button make = new Button("Make a development certificate…");
        make.setId("makeDevCert");
        make.setOnAction(e -> {
            File dir = lastFolder.folder(window(), "Choose a folder for the development certificate");
            if (dir != null) {
                model.makeDevelopmentCertificate(dir.toPath());
            }
        });
        Label where = new Label();
        where.setId("devWritten");
        where.setWrapText(true);
        where.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> model.writtenProperty()
                .get().isEmpty() ? "" : "Written to " + model.writtenProperty().get()
                + ": ca.pem (the development root), fullchain.pem, privkey.pem.", model.writtenProperty()));
        Button open = new Button("Open folder");
        open.setId("devOpenFolder");
        open.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        open.setOnAction(e -> {
            if (!FileDialogs.current().openFolder(java.nio.file.Path.of(model.writtenProperty()
                    .get()))) {
                open.setText("No file manager here");
                open.setDisable(true);
            }
        });
        HBox written = new HBox(8, where, open);
        written.setAlignment(Pos.CENTER_LEFT);
        written.visibleProperty().bind(model.writtenProperty().isNotEmpty());
        written.managedProperty().bind(written.visibleProperty());
        devPane.getChildren().addAll(devIntro, devText, make, written);
        devPane.setVisible(false);
        devPane.setManaged(false);

        status.setId("certStatus");
        status.setWrapText(true);
        status.getStyleClass().add("cert-status");
        save.setId("saveFiles");
        save.setOnAction(e -> saveFiles());
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
        lastChange.setId("repairChange");
        lastChange.setWrapText(true);
        undo.setId("repairUndo");
        undo.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        undo.setOnAction(e -> model.undo());
        changeRow.setId("repairChangeRow");
        changeRow.getStyleClass().add("note");
        changeRow.setAlignment(Pos.CENTER_LEFT);
        RevocationPane revocation = new RevocationPane(model.revocation());
        root.getChildren().addAll(mode, importPane, devPane, acmePane.view(), status, changeRow, revocation.view(),
                findings, chain,
                new VBox(6, save, saveHelp, withPfx, secretRow, saveResult));
        root.setMaxWidth(640);
    }

    private void bind() {
        status.textProperty().bind(model.statusProperty());
        passwordRow.visibleProperty().bind(model.needsPasswordProperty());
        passwordRow.managedProperty().bind(model.needsPasswordProperty());
        passwordPrompt.textProperty().bind(model.passwordPromptProperty());
        aliasRow.visibleProperty().bind(model.needsAliasProperty());
        aliasRow.managedProperty().bind(model.needsAliasProperty());
        save.disableProperty().bind(model.canAdvance().not());
        model.reportProperty().addListener((obs, old, now) -> render(now));
        // The CA's answer is shown among the findings: a revoked certificate is an error card like the others.
        model.revocation().answerProperty().addListener((obs, old, now) -> render(model.reportProperty().get()));
        model.busyProperty().addListener((obs, old, now) -> findings.lookupAll(".finding-actions .button")
                .forEach(b -> b.setDisable(now)));
        lastChange.textProperty().bind(model.lastChangeProperty());
        changeRow.visibleProperty().bind(model.lastChangeProperty().isNotEmpty());
        changeRow.managedProperty().bind(changeRow.visibleProperty());
        undo.visibleProperty().bind(model.canUndoProperty());
        undo.managedProperty().bind(undo.visibleProperty());
        undo.disableProperty().bind(model.busyProperty());
        // What a repair (or its undoing) changed is said once, in the page's flow above the findings (no
        // bar over the step's controls); focus goes to its Undo when it is in sight.
        model.lastChangeProperty().addListener((obs, was, now) -> {
            if (!now.isEmpty() && model.canUndoProperty().get() && inSight(undo)) {
                undo.requestFocus();
            }
        });
    }

    /** "Using: …" and, once something is used, a menu with one remove control per file, issuer and root. */
    private Node usingRow(Label using) {
        MenuButton remove = new MenuButton("Remove…");
        remove.setId("removeFile");
        remove.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        remove.visibleProperty().bind(model.sourcesTextProperty().isNotEmpty());
        remove.managedProperty().bind(remove.visibleProperty());
        remove.disableProperty().bind(model.busyProperty());
        // "Using:" changes whenever a file, issuer or root comes or goes: the menu follows it.
        model.sourcesTextProperty().addListener((obs, was, now) -> {
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
        });
        HBox row = new HBox(8, using, remove);
        row.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(using, javafx.scene.layout.Priority.ALWAYS);
        return row;
    }

    private void render(CheckReport report) {
        status.getStyleClass().removeAll("message-ok", "message-error");
        saveResult.setText("");
        if (report == null) {
            // Another way of getting the certificate, with nothing yet: no findings, no chain, no repairs.
            chain.show(List.of(), Instant.now());
            findings.show(List.of());
            return;
        }
        boolean ok = report.ok() && !model.revocation().revoked().get();
        status.getStyleClass().add(ok ? "message-ok" : "message-error");
        ChainView.Missing missing = report.has(FindingCode.CHAIN_INCOMPLETE) && !report.path().isEmpty()
                ? new ChainView.Missing(Certificates.issuerName(report.path().get(report.path().size() - 1)),
                List.of()) : null;
        chain.show(report.chainInfo(), Instant.now(), missing);
        List<CertificateStepViewModel.Repair> repairs = model.availableRepairs();
        Set<FindingCode> served = EnumSet.noneOf(FindingCode.class);
        // Each fix is the control that does it, in the card of its finding (the first, when a code repeats).
        List<Finding> all = new ArrayList<>(report.findings());
        all.addAll(model.revocation().findings());
        findings.show(all, f -> served.add(f.code()) ? actionsFor(f, repairs) : List.of());
    }

    /** The buttons or fields that fix {@code f}: its repairs, the password, the key entry, a file to choose. */
    private List<Node> actionsFor(Finding f, List<CertificateStepViewModel.Repair> repairs) {
        List<Node> out = new ArrayList<>();
        for (CertificateStepViewModel.Repair r : repairs) {
            if (r.fixes() == f.code()) {
                Button b = new Button(r == CertificateStepViewModel.Repair.TRUST_ROOT && model.untrustedRoot() != null
                        ? "Trust \"" + Certificates.name(model.untrustedRoot()) + "\" as your private root" : r.label());
                b.setId("repair-" + r.name().toLowerCase(Locale.ROOT));
                b.setOnAction(e -> repair(r));
                out.add(b);
            }
        }
        switch (f.code()) {
            case KEY_ENCRYPTED, KEY_PASSWORD_WRONG -> out.add(passwordRow);
            case KEYSTORE_ALIAS -> out.add(aliasRow);
            case KEY_MISSING -> out.add(fileButton("fix-choose-key", "Choose the key file…", this::chooseKeyFile));
            case KEY_MISMATCH -> out.add(fileButton("fix-choose-key", "Choose another key file…",
                    this::chooseKeyFile));
            case CERT_MISSING -> out.add(fileButton("fix-add-certificate", "Choose the certificate file…",
                    this::addCertificateFiles));
            default -> {
            }
        }
        return out;
    }

    private static Button fileButton(String id, String label, Runnable action) {
        Button b = new Button(label);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void repair(CertificateStepViewModel.Repair r) {
        // The pressed button goes away with its finding. Left focused, the window would hand focus to its
        // first control and scroll the page there; the step itself holds it meanwhile (no scrolling).
        root.requestFocus();
        switch (r) {
            case PUT_IN_ORDER -> model.putInOrder();
            case DROP_ROOT -> model.dropRoot();
            case DROP_STRANGERS -> model.dropStrangers();
            case DROP_PAST_ANCHOR -> model.dropPastAnchor();
            case FETCH_ISSUER -> {
                Alert ask = new Alert(Alert.AlertType.CONFIRMATION, "Download the missing issuer from\n"
                        + model.missingIssuerUrl() + "?\n\nThe address comes from the certificate itself; what is "
                        + "downloaded is only used if its signature matches.", ButtonType.OK, ButtonType.CANCEL);
                ask.setHeaderText("Fetch the missing certificate?");
                ask.initOwner(window());
                if (ask.showAndWait().filter(ButtonType.OK::equals).isPresent()) {
                    model.fetchIssuer();
                }
            }
            case TRUST_ROOT -> model.trustRoot();
            case ADD_ISSUER_FILE -> {
                File f = pickOne("Choose the missing issuer's certificate", CertificateFileFilters.ISSUER);
                if (f != null) {
                    model.addIssuerFile(f.toPath());
                }
            }
        }
    }

    /** Whether {@code node} is within the visible part of the scrolling page (and so may take focus). */
    private static boolean inSight(Node node) {
        for (javafx.scene.Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof javafx.scene.control.ScrollPane sp) {
                javafx.geometry.Bounds view = sp.localToScene(sp.getLayoutBounds());
                javafx.geometry.Bounds b = node.localToScene(node.getLayoutBounds());
                return b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY();
            }
        }
        return true;
    }

    private File pickOne(String title, List<FileChooser.ExtensionFilter> filters) {
        List<File> files = lastFolder.openFiles(window(), title, filters);
        return files == null || files.isEmpty() ? null : files.get(0);
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

    private void chooseFiles() {
        List<File> files = lastFolder.openFiles(window(), "Choose the certificate (and key) files",
                CertificateFileFilters.CERTIFICATES);
        if (files != null && !files.isEmpty()) {
            model.useFiles(files.stream().map(File::toPath).toList());
        }
    }

    /** The certificate was missing: what is chosen now comes beside the files (and key) already given. */
    private void addCertificateFiles() {
        List<File> files = lastFolder.openFiles(window(), "Choose the certificate file",
                CertificateFileFilters.CERTIFICATES);
        if (files != null && !files.isEmpty()) {
            model.addCertificateFiles(files.stream().map(File::toPath).toList());
        }
    }

    private void chooseKeyFile() {
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
                java.util.Arrays.fill(pfxPassword, '\0');
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

    @Override
    public StepId id() {
        return StepId.CERTIFICATE;
    }

    @Override
    public String subtitle() {
        return "The certificate chain and private key the service will present, checked before anything is deployed.";
    }

    @Override
    public Node view() {
        if (!built) {
            built = true;
            build();
            bind();
        }
        return root;
    }

    @Override
    public ObservableBooleanValue canAdvance() {
        return model.canAdvance();
    }

    @Override
    public ObservableBooleanValue busy() {
        return model.busyProperty();
    }

    @Override
    public void onEnter() {
        model.onEnter();
    }

    @Override
    public String whyResumeStopsHere() {
        return model.resumeStopReason();
    }
}

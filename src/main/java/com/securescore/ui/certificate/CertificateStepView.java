package com.securescore.ui.certificate;

import com.securescore.cert.CertificateRepairs;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Certificates;
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
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.SegmentedButton;

/** Lays out the Certificate step: sources in, findings, chain picture, repairs and export out. */
public final class CertificateStepView implements WizardStep {
    private final CertificateStepViewModel model;
    private final VBox root = new VBox(12);
    private ImportPane importPane;
    private DevelopmentPane devPane;
    private SavePane savePane;
    private final Label status = new Label();
    /** Every file dialog of the step opens in the folder of the last file chosen in it. */
    private final FileDialogs.LastFolder lastFolder = new FileDialogs.LastFolder();
    private final Label lastChange = new Label();
    private final Button undo = new Button("Undo");
    private final HBox changeRow = new HBox(10, lastChange, undo);
    private final FindingsView findings = new FindingsView();
    private final ChainView chain = new ChainView();

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
        importPane = new ImportPane(model, lastFolder);
        devPane = new DevelopmentPane(model, lastFolder);
        AcmePane acmePane = new AcmePane(model.acme(), lastFolder);
        SegmentedButton mode = modeSwitch(acmePane);
        status.setId("certStatus");
        status.setWrapText(true);
        status.getStyleClass().add("cert-status");
        lastChange.setId("repairChange");
        lastChange.setWrapText(true);
        undo.setId("repairUndo");
        undo.setMinWidth(Region.USE_PREF_SIZE);
        undo.setOnAction(e -> model.undo());
        changeRow.setId("repairChangeRow");
        changeRow.getStyleClass().add("note");
        changeRow.setAlignment(Pos.CENTER_LEFT);
        savePane = new SavePane(model, lastFolder);
        RevocationPane revocation = new RevocationPane(model.revocation());
        root.getChildren().addAll(mode, importPane.view(), devPane.view(), acmePane.view(), status, changeRow,
                revocation.view(), findings, chain, savePane.view());
        root.setMaxWidth(640);
    }

    /** The three ways to get the certificate; each shows its own pane. */
    private SegmentedButton modeSwitch(AcmePane acmePane) {
        ToggleButton mine = new ToggleButton("Use my certificate");
        mine.setId("modeImport");
        ToggleButton dev = new ToggleButton("Make a development certificate");
        dev.setId("modeDevelopment");
        ToggleButton acme = new ToggleButton("Get one from a CA (ACME)");
        acme.setId("modeAcme");
        acme.setTooltip(new Tooltip("Get one from a certificate authority (ACME): Let's "
                + "Encrypt or your organisation's CA"));
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
            showOnly(importPane.view(), now == mine);
            showOnly(devPane.view(), now == dev);
            showOnly(acmePane.view(), now == acme);
            if (now == acme) {
                acmePane.lookUpTerms();
            }
        });
        acmePane.view().setVisible(false);
        acmePane.view().setManaged(false);
        return mode;
    }

    private static void showOnly(Node pane, boolean shown) {
        pane.setVisible(shown);
        pane.setManaged(shown);
    }

    private void bind() {
        status.textProperty().bind(model.statusProperty());
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

    private void render(CheckReport report) {
        status.getStyleClass().removeAll("message-ok", "message-error");
        savePane.clearResult();
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
            case KEY_ENCRYPTED, KEY_PASSWORD_WRONG -> out.add(importPane.passwordRow());
            case KEYSTORE_ALIAS -> out.add(importPane.aliasRow());
            case KEY_MISSING -> out.add(fileButton("fix-choose-key", "Choose the key file…",
                    importPane::chooseKeyFile));
            case KEY_MISMATCH -> out.add(fileButton("fix-choose-key", "Choose another key file…",
                    importPane::chooseKeyFile));
            case CERT_MISSING -> out.add(fileButton("fix-add-certificate", "Choose the certificate file…",
                    importPane::addCertificateFiles));
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
                File f = importPane.pickOne("Choose the missing issuer's certificate", CertificateFileFilters.ISSUER);
                if (f != null) {
                    model.addIssuerFile(f.toPath());
                }
            }
        }
    }

    /** Whether {@code node} is within the visible part of the scrolling page (and so may take focus). */
    private static boolean inSight(Node node) {
        for (Parent p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane sp) {
                Bounds view = sp.localToScene(sp.getLayoutBounds());
                Bounds b = node.localToScene(node.getLayoutBounds());
                return b.getMinY() >= view.getMinY() && b.getMaxY() <= view.getMaxY();
            }
        }
        return true;
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

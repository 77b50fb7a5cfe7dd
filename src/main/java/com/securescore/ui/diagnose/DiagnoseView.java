package com.securescore.ui.diagnose;

import com.securescore.ui.FileDialogs;
import java.io.File;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Diagnose an endpoint: the form (endpoint, name, connect-to address, trust, key file), the actions
 * (Diagnose, Stop waiting, Save report…), the result, and a second tab with the paste box that
 * explains an error message. Lays out and binds; the work is in {@link DiagnoseViewModel}.
 */
public final class DiagnoseView {
    private static final String TRUST_TITLE = "Choose the trusted root (PEM)";
    private static final FileChooser.ExtensionFilter TRUST_FILTER = new FileChooser.ExtensionFilter("Certificates",
            "*.pem", "*.crt", "*.cer");

    private final DiagnoseViewModel model;
    private final TabPane root = new TabPane();
    private final DiagnoseResultView result = new DiagnoseResultView(this::chooseRootAndDiagnose);
    private final CheckBox compare = new CheckBox("Compare with the certificate checked in the wizard");

    public DiagnoseView(DiagnoseViewModel model) {
        this.model = model;
        root.setId("diagRoot");
        root.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox endpoint = new VBox(14, intro(), form(), actions(), result);
        endpoint.setPadding(new Insets(16));
        Tab diagnose = new Tab("Endpoint", scroll(endpoint));
        diagnose.setId("diagEndpointTab");
        VBox explainBox = new VBox(new ExplainView(model, () -> {
            root.getSelectionModel().select(diagnose);
            model.diagnose();
        }));
        explainBox.setPadding(new Insets(16));
        Tab explain = new Tab("Explain an error message", scroll(explainBox));
        explain.setId("diagExplainTab");
        root.getTabs().addAll(diagnose, explain);
        model.resultProperty().addListener((o, was, now) -> result.show(now));
    }

    private static ScrollPane scroll(Node content) {
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("step-content");
        return scroll;
    }

    static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("field-label");
        return l;
    }

    private Node intro() {
        Label intro = new Label("Connects as a client would and says whether it works: the certificate chain the "
                + "server presents (the same findings as the Certificate step), HTTP/2, and the keys (a call "
                + "without a key must be refused, one with it must succeed). Nothing needs to be deployed from "
                + "this wizard.");
        intro.setWrapText(true);
        intro.setMaxWidth(680);
        intro.getStyleClass().add("help");
        return intro;
    }

    private Node form() {
        TextField endpoint = field("diagEndpoint", model.endpointProperty(), "scoring.contoso.com:50051");
        TextField domain = field("diagDomain", model.domainProperty(), "blank = the host above");
        TextField connectTo = field("diagConnectTo", model.connectToProperty(), "blank = look the host up in DNS");
        TextField trust = field("diagTrust", model.trustPathProperty(), "blank = this machine's trusted roots");
        TextField key = field("diagKeyFile", model.keyPathProperty(), "blank = no key (only the key-less call)");
        Button chooseTrust = choose("diagChooseTrust", TRUST_TITLE, model.trustPathProperty(), TRUST_FILTER);
        Button chooseKey = choose("diagChooseKey", "Choose the service's keys file", model.keyPathProperty(),
                new FileChooser.ExtensionFilter("Keys files", "*.json", "*.txt", "*.key"));
        CheckBox bearer = new CheckBox("Send the key as \"Bearer KEY\" (AKS)");
        bearer.setId("diagBearer");
        bearer.selectedProperty().bindBidirectional(model.bearerProperty());
        compare.setId("diagCompareCert");
        compare.selectedProperty().bindBidirectional(model.compareWithCheckedProperty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        grid.addRow(0, heading("Endpoint"), endpoint);
        grid.addRow(1, heading("Name (SNI)"), domain);
        grid.addRow(2, heading("Connect to"), connectTo);
        grid.addRow(3, heading("Trusted root"), trust, chooseTrust);
        grid.addRow(4, heading("Key file"), key, chooseKey);
        grid.add(bearer, 1, 5);
        grid.add(compare, 1, 6);
        grid.getChildren().forEach(n -> n.disableProperty().bind(model.busyProperty()));
        return grid;
    }

    private static TextField field(String id, StringProperty property, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefColumnCount(30);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private Button choose(String id, String title, StringProperty into, FileChooser.ExtensionFilter filter) {
        Button b = new Button("Choose…");
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setOnAction(e -> chooseInto(title, into, filter));
        return b;
    }

    /** Asks for a file; true when one was chosen (and put into {@code into}). */
    private boolean chooseInto(String title, StringProperty into, FileChooser.ExtensionFilter filter) {
        List<File> picked = FileDialogs.current().openFiles(window(), title,
                List.of(filter, new FileChooser.ExtensionFilter("All files", "*")));
        if (picked == null || picked.isEmpty()) {
            return false;
        }
        into.set(picked.get(0).getAbsolutePath());
        return true;
    }

    /** The fix for a client that lacks the root: choose the root CA file, then the same diagnosis again. */
    private void chooseRootAndDiagnose() {
        if (chooseInto(TRUST_TITLE, model.trustPathProperty(), TRUST_FILTER)) {
            model.diagnose();
        }
    }

    private Node actions() {
        Button run = new Button("Diagnose");
        run.setId("diagRun");
        run.setDefaultButton(true);
        run.setOnAction(e -> model.diagnose());
        run.disableProperty().bind(model.busyProperty());
        Button stop = new Button("Stop waiting");
        stop.setId("diagStop");
        stop.setOnAction(e -> model.stopWaiting());
        stop.disableProperty().bind(model.busyProperty().not());
        Button save = new Button("Save report…");
        save.setId("diagSaveReport");
        save.setOnAction(e -> saveReport());
        save.disableProperty().bind(model.resultProperty().isNull().or(model.busyProperty()));
        for (Button b : new Button[] {run, stop, save}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        ProgressBar bar = new ProgressBar(-1);
        bar.setId("diagProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.visibleProperty().bind(model.busyProperty());
        HBox.setHgrow(bar, Priority.ALWAYS);
        HBox row = new HBox(10, run, stop, save, bar);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setMaxWidth(680);
        Label status = label("diagStatus", model.statusProperty());
        Label saved = label("diagReportStatus", model.reportStatusProperty());
        return new VBox(8, row, status, saved);
    }

    private static Label label(String id, ReadOnlyStringProperty text) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMaxWidth(660);
        l.textProperty().bind(text);
        l.visibleProperty().bind(text.isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        return l;
    }

    private void saveReport() {
        File file = FileDialogs.current().saveFile(window(), "Save the diagnosis report",
                model.suggestedReportName(), List.of(new FileChooser.ExtensionFilter("HTML page", "*.html")));
        if (file == null) {
            return;
        }
        if (model.saveReport(file.toPath(), false) == DiagnoseViewModel.SaveOutcome.EXISTS) {
            Alert ask = new Alert(Alert.AlertType.CONFIRMATION, file + " already exists. Replace it with this report?",
                    ButtonType.CANCEL, ButtonType.OK);
            ask.initOwner(window());
            ask.setHeaderText("Replace the file?");
            if (ask.showAndWait().filter(b -> b == ButtonType.OK).isPresent()) {
                model.saveReport(file.toPath(), true);
            }
        }
    }

    private Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    /** Shows the checkbox only when the wizard holds a checked certificate; fills blank fields. */
    public void onShow() {
        model.prefill();
        compare.setVisible(model.hasCheckedCertificate());
        compare.setManaged(model.hasCheckedCertificate());
    }

    public DiagnoseViewModel model() {
        return model;
    }

    public Node view() {
        return root;
    }
}

package com.securescore.ui.diagnose;

import com.securescore.diagnose.ErrorTexts;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/** The paste box: an error message in, its finding code, cause and fix out; no network needed. */
final class ExplainView extends VBox {
    private final DiagnoseViewModel model;
    private final VBox results = new VBox(8);
    private final Runnable diagnoseEndpoint;

    /** @param diagnoseEndpoint what "Diagnose the endpoint" does: the Endpoint tab, and a diagnosis of what is typed */
    ExplainView(DiagnoseViewModel model, Runnable diagnoseEndpoint) {
        super(10);
        this.model = model;
        this.diagnoseEndpoint = diagnoseEndpoint;
        setId("diagExplainPane");
        Label help = new Label("Paste an error message a client or tool printed (OpenSSL, Java, gRPC, Go, Python, "
                + "Node, browsers, .NET, Netty, the Azure ML SDK): its code, what it means and the fix.");
        help.setWrapText(true);
        help.setMaxWidth(660);
        help.getStyleClass().add("help");
        TextArea paste = new TextArea();
        paste.setId("diagPaste");
        paste.setPromptText("e.g. javax.net.ssl.SSLHandshakeException: PKIX path building failed: …");
        paste.setPrefRowCount(5);
        paste.setWrapText(true);
        paste.setMaxWidth(680);
        paste.textProperty().bindBidirectional(model.pastedProperty());
        Button explain = new Button("Explain");
        explain.setId("diagExplain");
        explain.setOnAction(e -> model.explain());
        Label status = new Label();
        status.setId("diagExplainStatus");
        status.setWrapText(true);
        status.setMaxWidth(660);
        status.textProperty().bind(model.explainStatusProperty());
        results.setId("diagExplanations");
        model.explanations().addListener((ListChangeListener<ErrorTexts.Explanation>) c -> render());
        getChildren().addAll(help, paste, explain, status, results);
    }

    private void render() {
        results.getChildren().clear();
        for (ErrorTexts.Explanation e : model.explanations()) {
            Label cause = new Label(e.who() + ": " + e.cause());
            cause.setWrapText(true);
            cause.getStyleClass().add("finding-message");
            Label fix = new Label("Fix: " + GuiFixes.of(e));
            fix.setWrapText(true);
            fix.getStyleClass().add("finding-fix");
            TextField code = new TextField(e.code().name());
            code.setEditable(false);
            code.setFocusTraversable(false);
            code.getStyleClass().add("finding-code");
            code.setPrefColumnCount(e.code().name().length() + 2);
            code.setMaxWidth(USE_PREF_SIZE);
            VBox card = new VBox(4, cause, fix);
            if (GuiFixes.diagnoses(e)) {
                Button diagnose = new Button("Diagnose the endpoint");
                diagnose.setId("diagExplainDiagnose-" + e.id());
                diagnose.setOnAction(x -> diagnoseEndpoint.run());
                card.getChildren().add(diagnose);
            }
            card.getChildren().add(code);
            card.getStyleClass().addAll("finding", "finding-" + e.code().defaultSeverity().word());
            card.setId("diagExplanation-" + e.id());
            card.setMaxWidth(680);
            results.getChildren().add(card);
        }
    }
}

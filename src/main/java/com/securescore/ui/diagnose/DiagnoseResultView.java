package com.securescore.ui.diagnose;

import com.securescore.cert.ClientSupport;
import com.securescore.diagnose.Diagnosis;
import com.securescore.findings.Finding;
import com.securescore.findings.Severity;
import com.securescore.ui.FindingCard;
import com.securescore.ui.certificate.ChainView;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/**
 * One diagnosis as a person reads it: the verdict card, each finding with its fix and code (the look
 * of the certificate step's findings), the chain the server presented, the client table and the key
 * checks. Hidden until there is a diagnosis.
 */
final class DiagnoseResultView extends VBox {
    private final VBox verdict = new VBox(4);
    private final Label verdictTitle = new Label();
    private final Label connection = new Label();
    private final Label keys = new Label();
    private final VBox findings = new VBox(8);
    private final Label chainHeading = DiagnoseView.heading(
            "The chain: what the server sent, up to the root the client trusts");
    private final ChainView chain = new ChainView();
    private final Label clientsHeading = DiagnoseView.heading("Which clients accept it (with the same trusted roots)");
    private final GridPane clients = new GridPane();

    private final Runnable chooseRootAndDiagnose;

    /** @param chooseRootAndDiagnose what the button under a "the client lacks the root" finding does */
    DiagnoseResultView(Runnable chooseRootAndDiagnose) {
        super(12);
        this.chooseRootAndDiagnose = chooseRootAndDiagnose;
        setId("diagResult");
        verdict.setId("diagVerdict");
        verdict.getStyleClass().add("diag-verdict");
        verdict.setMaxWidth(680);
        verdictTitle.setId("diagVerdictTitle");
        verdictTitle.getStyleClass().add("diag-verdict-title");
        connection.setId("diagConnection");
        keys.setId("diagKeys");
        for (Label l : new Label[] {connection, keys}) {
            l.setWrapText(true);
            l.setMaxWidth(650);
        }
        verdict.getChildren().addAll(verdictTitle, connection, keys);
        findings.setId("diagFindings");
        chain.setId("diagChain");
        clients.setId("diagClients");
        clients.setHgap(12);
        clients.setVgap(6);
        clients.getColumnConstraints().addAll(new ColumnConstraints(270), new ColumnConstraints(70),
                new ColumnConstraints(320));
        getChildren().addAll(verdict, findings, chainHeading, chain, clientsHeading, clients);
        setVisible(false);
        setManaged(false);
    }

    void show(Diagnosis d) {
        setVisible(d != null);
        setManaged(d != null);
        if (d == null) {
            return;
        }
        verdictTitle.setText(DiagnoseViewModel.verdictTitle(d) + " — " + d.target());
        verdict.getStyleClass().removeAll("diag-works", "diag-problems");
        verdict.getStyleClass().add(d.works() ? "diag-works" : "diag-problems");
        connection.setText(DiagnoseViewModel.connectionText(d));
        keys.setText("Keys: " + DiagnoseViewModel.keysText(d.auth()));
        showFindings(d.findings());
        boolean presented = d.presented().isPresent();
        chain.show(d.presented().map(p -> p.report().chainInfo()).orElse(List.of()), d.at());
        for (var n : new Node[] {chainHeading, chain, clientsHeading, clients}) {
            n.setVisible(presented);
            n.setManaged(presented);
        }
        showClients(d.clients());
    }

    private void showFindings(List<Finding> list) {
        findings.getChildren().clear();
        for (Severity severity : Severity.values()) {
            List<Finding> group = list.stream().filter(f -> f.severity() == severity).toList();
            if (group.isEmpty()) {
                continue;
            }
            Label heading = new Label(heading(severity, group.size()));
            heading.getStyleClass().addAll("findings-heading", "severity-" + severity.word());
            findings.getChildren().add(heading);
            group.forEach(f -> findings.getChildren().add(card(f)));
        }
    }

    private static String heading(Severity s, int n) {
        return switch (s) {
            case ERROR -> n == 1 ? "1 error — clients will fail" : n + " errors — clients will fail";
            case WARNING -> n == 1 ? "1 warning" : n + " warnings";
            case INFO -> n == 1 ? "1 note" : n + " notes";
        };
    }

    /** The finding with the window's fix; where the fix is the client's root, the button that chooses it. */
    private VBox card(Finding f) {
        VBox card = FindingCard.of(new Finding(f.code(), f.severity(), f.message(), GuiFixes.of(f)), "diagFinding-",
                680);
        if (GuiFixes.ROOT_MISSING.contains(f.code())) {
            Button choose = new Button("Choose the root CA file and diagnose again…");
            choose.setId("diagFixChooseRoot-" + f.code().name().toLowerCase(Locale.ROOT));
            choose.setOnAction(e -> chooseRootAndDiagnose.run());
            card.getChildren().add(card.getChildren().size() - 1, choose);
        }
        return card;
    }

    private void showClients(List<ClientSupport.Verdict> table) {
        clients.getChildren().clear();
        int row = 0;
        for (ClientSupport.Verdict v : table) {
            String id = "diagClient-" + v.client().name().toLowerCase(Locale.ROOT);
            Label name = new Label(v.client().label());
            name.setWrapText(true);
            Label says = new Label(v.accepts() ? "accepts" : "refuses");
            says.setId(id);
            says.getStyleClass().add(v.accepts() ? "diag-accepts" : "diag-refuses");
            Label why = new Label(v.reasons().isEmpty() ? "" : String.join("; ", v.reasons()));
            why.setWrapText(true);
            why.getStyleClass().add("help");
            clients.addRow(row++, name, says, why);
        }
    }
}

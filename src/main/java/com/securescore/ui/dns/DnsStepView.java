package com.securescore.ui.dns;

import static com.securescore.ui.Controls.label;

import com.securescore.dns.DnsCheck;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.ScrollIntoView;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * DNS: which record to create for the chosen target (filled in from the deployment, or placeholders
 * before one), then live checks that the name resolves there: once, or again and again with progress
 * and Cancel. For Local, why no record is needed to try the service, the hosts-file line, and a check
 * of the name as this machine resolves it (hosts file included), expecting 127.0.0.1.
 */
public final class DnsStepView implements WizardStep {
    private final DnsStepViewModel model;
    private final ChecklistView checklist = new ChecklistView();
    private final DnsResultsView results = new DnsResultsView();
    private final VBox root = new VBox(14);

    public DnsStepView(WizardState state) {
        this(new DnsStepViewModel(state, BackgroundRunner.FX, new DnsCheck()));
    }

    public DnsStepView(DnsStepViewModel model) {
        this.model = model;
        Label heading = label("Check it live");
        root.getChildren().addAll(checklist, heading, form(), actions(), results, endpoint());
        model.reportProperty().addListener((o, was, now) -> {
            results.show(now);
            // The answer below the fold at a small window looked like Check now did nothing (once per check:
            // Keep checking's later answers leave the page where the person put it).
            if (now != null && was == null) {
                ScrollIntoView.top(results);
            }
        });
    }

    /** Once the name resolves: what the service at that name presents, and whether it takes its keys. */
    private Node endpoint() {
        Label verdict = new Label();
        verdict.setId("dnsEndpointVerdict");
        verdict.setWrapText(true);
        verdict.setMaxWidth(600);
        verdict.textProperty().bind(model.endpointVerdictProperty());
        model.endpointWorksProperty().addListener((o, was, works) -> {
            verdict.getStyleClass().removeAll("message-ok");
            if (works) {
                verdict.getStyleClass().add("message-ok");
            }
        });
        javafx.scene.layout.VBox cards = new javafx.scene.layout.VBox(8);
        model.endpointFindings().addListener((javafx.collections.ListChangeListener<com.securescore.findings.Finding>)
                c -> cards.getChildren().setAll(model.endpointFindings().stream()
                        .map(f -> DnsResultsView.card(f, "dnsEndpointFinding-")).toList()));
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(8, verdict, cards);
        box.visibleProperty().bind(model.endpointVerdictProperty().isNotEmpty());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private Node form() {
        TextField expected = new TextField();
        expected.setId("dnsExpected");
        expected.setPromptText("address(es) or host name, e.g. 20.50.1.10");
        expected.setPrefColumnCount(28);
        expected.textProperty().bindBidirectional(model.expectedProperty());
        TextField resolver = new TextField();
        resolver.setId("dnsResolver");
        resolver.promptTextProperty().bind(model.resolverHintProperty());
        resolver.setPrefColumnCount(28);
        resolver.textProperty().bindBidirectional(model.resolverProperty());
        expected.disableProperty().bind(model.busyProperty());
        resolver.disableProperty().bind(model.busyProperty());
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        Label help = ChecklistView.wrapped("", "help");
        help.setId("dnsExpectedHelp");
        help.textProperty().bind(model.expectedHelpProperty());
        help.visibleProperty().bind(model.expectedHelpProperty().isNotEmpty());
        help.managedProperty().bind(help.visibleProperty());
        help.setMaxWidth(520);
        grid.addRow(0, label("Should point to"), expected);
        grid.add(help, 1, 1);
        grid.addRow(2, label("Resolver"), resolver);
        return grid;
    }

    private Node actions() {
        Button now = new Button("Check now");
        now.setId("dnsCheckNow");
        now.setOnAction(e -> model.checkNow());
        Button keep = new Button("Keep checking");
        keep.setId("dnsKeepChecking");
        keep.setOnAction(e -> model.keepChecking());
        Button cancel = new Button("Cancel");
        cancel.setId("dnsCancel");
        cancel.setOnAction(e -> model.cancel());
        now.disableProperty().bind(model.busyProperty());
        keep.disableProperty().bind(model.busyProperty());
        cancel.disableProperty().bind(model.waitingProperty().not());
        for (Button b : new Button[] {now, keep, cancel}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        ProgressBar bar = new ProgressBar();
        bar.setId("dnsProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.waitingProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        HBox.setHgrow(bar, Priority.ALWAYS);
        HBox row = new HBox(10, now, keep, cancel, bar);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setMaxWidth(680);
        Label status = new Label();
        status.setId("dnsStatus");
        status.setWrapText(true);
        status.setMaxWidth(640);
        status.textProperty().bind(model.statusProperty());
        return new VBox(8, row, status);
    }

    public DnsStepViewModel model() {
        return model;
    }

    /** Stops "Keep checking"; the wizard calls this when it closes. */
    public void shutdown() {
        model.close();
    }

    @Override
    public void onEnter() {
        model.onEnter();
        checklist.show(model.checklistProperty().get(), model.fromDeploymentProperty().get());
    }

    @Override
    public StepId id() {
        return StepId.DNS;
    }

    @Override
    public String subtitle() {
        return "Point the name at the service and check it live.";
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public ObservableBooleanValue canAdvance() {
        return ALWAYS_READY;
    }

    @Override
    public ObservableBooleanValue busy() {
        return model.busyProperty();
    }
}

package com.securescore.ui.dns;

import static com.securescore.ui.Controls.label;

import com.securescore.dns.DnsCheck;
import com.securescore.findings.Finding;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.ScrollIntoView;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
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

    private final TextField expected = new TextField();
    private final TextField resolver = new TextField();
    private final Label expectedHelp = ChecklistView.wrapped("", "help");
    private final Button checkNow = new Button("Check now");
    private final Button keepChecking = new Button("Keep checking");
    private final Button cancel = new Button("Cancel");
    private final ProgressBar bar = new ProgressBar();
    private final Label status = new Label();
    private final Label verdict = new Label();
    private final VBox endpointCards = new VBox(8);
    private final VBox endpoint = new VBox(8, verdict, endpointCards);

    public DnsStepView(DnsStepViewModel model) {
        this.model = model;
        build();
        bind();
    }

    private void build() {
        Label heading = label("Check it live");
        root.getChildren().addAll(checklist, heading, form(), actions(), results, endpoint());
    }

    /** Once the name resolves: what the service at that name presents, and whether it takes its keys. */
    private Node endpoint() {
        verdict.setId("dnsEndpointVerdict");
        verdict.setWrapText(true);
        verdict.setMaxWidth(600);
        return endpoint;
    }

    private Node form() {
        expected.setId("dnsExpected");
        expected.setPromptText("address(es) or host name, e.g. 20.50.1.10");
        expected.setPrefColumnCount(28);
        resolver.setId("dnsResolver");
        resolver.setPrefColumnCount(28);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(8);
        expectedHelp.setId("dnsExpectedHelp");
        expectedHelp.setMaxWidth(520);
        grid.addRow(0, label("Should point to"), expected);
        grid.add(expectedHelp, 1, 1);
        grid.addRow(2, label("Resolver"), resolver);
        return grid;
    }

    private Node actions() {
        checkNow.setId("dnsCheckNow");
        keepChecking.setId("dnsKeepChecking");
        cancel.setId("dnsCancel");
        for (Button b : new Button[] {checkNow, keepChecking, cancel}) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        bar.setId("dnsProgress");
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        HBox row = new HBox(10, checkNow, keepChecking, cancel, bar);
        row.setAlignment(Pos.CENTER_LEFT);
        row.setMaxWidth(680);
        status.setId("dnsStatus");
        status.setWrapText(true);
        status.setMaxWidth(640);
        return new VBox(8, row, status);
    }

    private void bind() {
        expected.textProperty().bindBidirectional(model.expectedProperty());
        resolver.promptTextProperty().bind(model.resolverHintProperty());
        resolver.textProperty().bindBidirectional(model.resolverProperty());
        expected.disableProperty().bind(model.busyProperty());
        resolver.disableProperty().bind(model.busyProperty());
        expectedHelp.textProperty().bind(model.expectedHelpProperty());
        expectedHelp.visibleProperty().bind(model.expectedHelpProperty().isNotEmpty());
        expectedHelp.managedProperty().bind(expectedHelp.visibleProperty());
        checkNow.setOnAction(e -> model.checkNow());
        keepChecking.setOnAction(e -> model.keepChecking());
        cancel.setOnAction(e -> model.cancel());
        checkNow.disableProperty().bind(model.busyProperty());
        keepChecking.disableProperty().bind(model.busyProperty());
        cancel.disableProperty().bind(model.waitingProperty().not());
        bar.progressProperty().bind(model.progressProperty());
        bar.visibleProperty().bind(model.waitingProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        status.textProperty().bind(model.statusProperty());
        bindAnswers();
    }

    private void bindAnswers() {
        model.reportProperty().addListener((o, was, now) -> {
            results.show(now);
            // The answer below the fold at a small window looked like Check now did nothing (once per check:
            // Keep checking's later answers leave the page where the person put it).
            if (now != null && was == null) {
                ScrollIntoView.top(results);
            }
        });
        verdict.textProperty().bind(model.endpointVerdictProperty());
        model.endpointWorksProperty().addListener((o, was, works) -> {
            verdict.getStyleClass().removeAll("message-ok");
            if (works) {
                verdict.getStyleClass().add("message-ok");
            }
        });
        model.endpointFindings().addListener((ListChangeListener<Finding>) c -> endpointCards.getChildren()
                .setAll(model.endpointFindings().stream().map(f -> DnsResultsView.card(f, "dnsEndpointFinding-"))
                        .toList()));
        endpoint.visibleProperty().bind(model.endpointVerdictProperty().isNotEmpty());
        endpoint.managedProperty().bind(endpoint.visibleProperty());
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

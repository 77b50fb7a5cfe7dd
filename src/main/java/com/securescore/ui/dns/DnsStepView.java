package com.securescore.ui.dns;

import com.securescore.deploy.TargetKind;
import com.securescore.ui.wizard.PendingStepView;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * DNS: for the Local target, what is (not) needed and why the console still checks the name; the
 * record checklist and live checks for the other targets are not built yet, and the step says so.
 */
public final class DnsStepView implements WizardStep {
    private final WizardState state;
    private final Label local = new Label();
    private final VBox root = new VBox(14);

    public DnsStepView(WizardState state) {
        this.state = state;
        local.setId("dnsLocalNote");
        local.setWrapText(true);
        local.setMaxWidth(560);
        local.getStyleClass().add("note");
        Node pending = new PendingStepView(StepId.DNS, "", List.of("Which record to create, and where it should "
                + "point.", "Live checks that the name resolves to the service and that the service presents the "
                + "right certificate.")).view();
        root.getChildren().addAll(local, pending);
    }

    @Override
    public void onEnter() {
        String name = state.getDomain() == null ? "the service's name" : state.getDomain();
        boolean isLocal = state.targetProperty().get() == TargetKind.LOCAL;
        local.setText("A service on this machine needs no DNS record to be tried: the scoring console connects to "
                + "127.0.0.1 and still checks that the certificate names " + name + ", as a client would. For "
                + "other machines to reach it by name, " + name + " needs an A (or AAAA) record pointing at this "
                + "machine's address, and the service must listen on that address (securescore serve --bind).");
        local.setVisible(isLocal);
        local.setManaged(isLocal);
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
        return NEVER_BUSY;
    }
}

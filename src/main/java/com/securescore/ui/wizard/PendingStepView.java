package com.securescore.ui.wizard;

import java.util.List;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * A step whose work is not built yet: it says so plainly and lists what the step will ask for,
 * so nobody mistakes it for a result. Next stays enabled so the rest of the wizard can be walked.
 */
public final class PendingStepView implements WizardStep {
    private final StepId id;
    private final String subtitle;
    private final VBox root = new VBox(8);

    public PendingStepView(StepId id, String subtitle, List<String> willAskFor) {
        this.id = id;
        this.subtitle = subtitle;
        Label notice = new Label("This step is not available in this version yet. "
                + "Nothing here is checked or deployed; Next moves on.");
        notice.setId("pendingNotice");
        notice.setWrapText(true);
        notice.setMaxWidth(560);
        notice.getStyleClass().add("pending");
        Label heading = new Label("It will ask for:");
        heading.getStyleClass().add("field-label");
        root.getChildren().addAll(notice, heading);
        for (String item : willAskFor) {
            Label l = new Label("•  " + item);
            l.setWrapText(true);
            l.setMaxWidth(560);
            root.getChildren().add(l);
        }
    }

    @Override
    public StepId id() {
        return id;
    }

    @Override
    public String subtitle() {
        return subtitle;
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

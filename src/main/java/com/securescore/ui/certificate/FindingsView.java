package com.securescore.ui.certificate;

import com.securescore.findings.Finding;
import com.securescore.findings.Severity;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Findings grouped by severity (errors first), each with its message, its fix and its code. The
 * code is a selectable field so support staff can copy it exactly.
 */
public final class FindingsView extends VBox {
    public FindingsView() {
        super(10);
        setId("findings");
        getStyleClass().add("findings");
    }

    public void show(List<Finding> findings) {
        getChildren().clear();
        if (findings.isEmpty()) {
            return;
        }
        for (Severity severity : Severity.values()) {
            List<Finding> group = findings.stream().filter(f -> f.severity() == severity).toList();
            if (group.isEmpty()) {
                continue;
            }
            Label heading = new Label(heading(severity, group.size()));
            heading.getStyleClass().addAll("findings-heading", "severity-" + severity.word());
            heading.setId("findings-" + severity.word());
            getChildren().add(heading);
            for (Finding f : group) {
                getChildren().add(card(f));
            }
        }
    }

    private static String heading(Severity s, int n) {
        return switch (s) {
            case ERROR -> n == 1 ? "1 error — must be fixed before deploying" : n + " errors — must be fixed before deploying";
            case WARNING -> n == 1 ? "1 warning" : n + " warnings";
            case INFO -> n == 1 ? "1 note" : n + " notes";
        };
    }

    private static VBox card(Finding f) {
        return com.securescore.ui.FindingCard.of(f, "finding-", 600);
    }
}

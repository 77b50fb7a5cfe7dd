package com.securescore.ui.certificate;

import com.securescore.findings.Finding;
import com.securescore.findings.Severity;
import com.securescore.ui.FindingCard;
import java.util.List;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Findings grouped by severity (errors first), each with its message, its fix in the wizard's words
 * ({@link com.securescore.findings.FindingCode#guiFix()}) with the controls that do it, and its code.
 * The code is a selectable field so support staff can copy it exactly.
 */
public final class FindingsView extends VBox {
    public FindingsView() {
        super(10);
        setId("findings");
        getStyleClass().add("findings");
    }

    public void show(List<Finding> findings) {
        show(findings, f -> List.of());
    }

    /** As {@link #show(List)}, each card holding the controls {@code actions} gives for its finding. */
    public void show(List<Finding> findings, Function<Finding, List<? extends Node>> actions) {
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
                getChildren().add(FindingCard.of(f, f.code().guiFix(), actions.apply(f), "finding-", 600));
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
}

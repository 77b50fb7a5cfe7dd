package com.securescore.ui.certificate;

import com.securescore.findings.Finding;
import com.securescore.findings.Severity;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
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
        Label message = new Label(f.message());
        message.setWrapText(true);
        message.getStyleClass().add("finding-message");
        Label fix = new Label("Fix: " + f.fix());
        fix.setWrapText(true);
        fix.getStyleClass().add("finding-fix");
        fix.setVisible(!f.fix().isBlank());
        fix.setManaged(!f.fix().isBlank());
        TextField code = new TextField(f.code().name());
        code.setEditable(false);
        code.setFocusTraversable(false);
        code.getStyleClass().add("finding-code");
        code.setPrefColumnCount(f.code().name().length() + 2);
        code.setMaxWidth(USE_PREF_SIZE);
        HBox top = new HBox(8, message);
        HBox.setHgrow(message, Priority.ALWAYS);
        VBox card = new VBox(4, top, fix, code);
        card.getStyleClass().addAll("finding", "finding-" + f.severity().word());
        card.setId("finding-" + f.code().name().toLowerCase(Locale.ROOT));
        card.setMaxWidth(600);
        return card;
    }
}

package com.securescore.ui.deploy;

import static com.securescore.ui.Controls.label;

import com.securescore.ui.Confirmations;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.service.AuthKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The outcome of a deployment as a card: where clients connect, what the name must point at (or
 * why there is nothing to point at yet), the keys masked with copy buttons, and what comes next.
 */
final class ResultCard {
    private final VBox root = new VBox(8);
    private final Label title = new Label();
    private final GridPane rows = new GridPane();
    private final Label next = new Label();

    ResultCard(String idPrefix) {
        root.setId(idPrefix + "Result");
        root.getStyleClass().add("result-card");
        title.setId(idPrefix + "ResultTitle");
        title.getStyleClass().add("result-title");
        rows.setHgap(10);
        rows.setVgap(6);
        next.setId(idPrefix + "ResultNext");
        next.setWrapText(true);
        next.setMaxWidth(620);
        root.getChildren().addAll(title, rows, next);
        root.setVisible(false);
        root.setManaged(false);
    }

    VBox view() {
        return root;
    }

    void hide() {
        root.setVisible(false);
        root.setManaged(false);
    }

    /**
     * @param primaryMasked the primary key masked, or null when the service has no keys to show (no key row)
     * @param key the full key for the clipboard (false: primary, true: secondary); never shown
     */
    void show(DeployedEndpoint endpoint, String keysFile, String primaryMasked, Function<Boolean, String> key,
            String nextStep) {
        rows.getChildren().clear();
        int row = 0;
        title.setText(endpoint.reachable() ? "Deployed" : "Deployed, without an address yet");
        root.getStyleClass().remove("result-card-warn");
        if (!endpoint.reachable()) {
            root.getStyleClass().add("result-card-warn");
        }
        rows.addRow(row++, label("Endpoint"), value("resultEndpoint", endpoint.domain() + ":" + endpoint.port()));
        List<String> targets = new ArrayList<>(endpoint.addresses());
        targets.addAll(endpoint.hostnames());
        Label address = value("resultAddress", targets.isEmpty() ? endpoint.note() : String.join(", ", targets));
        address.setWrapText(true);
        address.setMaxWidth(520);
        rows.addRow(row++, label(targets.isEmpty() ? "Address" : "Point the name at"), address);
        if (!targets.isEmpty() && !endpoint.note().isEmpty()) {
            Label note = value("resultNote", endpoint.note());
            note.setWrapText(true);
            note.setMaxWidth(520);
            rows.addRow(row++, label("Note"), note);
        }
        if (primaryMasked != null) {
            row = keys(row, primaryMasked, key);
        }
        if (keysFile != null) {
            Label file = value("resultKeysFile", keysFile);
            file.getStyleClass().add("help");
            rows.addRow(row, label("Keys file"), file);
        }
        next.setText(nextStep);
        root.setVisible(true);
        root.setManaged(true);
    }

    /** The key row: masked, with copy buttons. */
    private int keys(int row, String primaryMasked, Function<Boolean, String> key) {
        Button copyPrimary = new Button("Copy primary");
        copyPrimary.setId("resultCopyPrimary");
        Confirmations.copyButton(copyPrimary, () -> key.apply(false));
        Button copySecondary = new Button("Copy secondary");
        copySecondary.setId("resultCopySecondary");
        Confirmations.copyButton(copySecondary, () -> key.apply(true));
        copyPrimary.setMinWidth(Region.USE_PREF_SIZE);
        copySecondary.setMinWidth(Region.USE_PREF_SIZE);
        HBox keys = new HBox(8, value("resultKeys", primaryMasked), copyPrimary, copySecondary);
        keys.setAlignment(Pos.CENTER_LEFT);
        rows.addRow(row, label("Key"), keys);
        return row + 1;
    }

    static String masked(String primary) {
        return AuthKeys.mask(primary);
    }

    private static Label value(String id, String text) {
        Label l = new Label(text);
        l.setId(id);
        return l;
    }
}

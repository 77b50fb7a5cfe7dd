package com.securescore.ui.dns;

import static com.securescore.ui.Controls.label;

import com.securescore.deploy.TargetKind;
import com.securescore.ui.Confirmations;
import com.securescore.dns.DnsChecklist;
import com.securescore.dns.DnsRecord;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The record checklist: the hosts-file line (Local), then each way to point the name at the service,
 * with its records as a DNS provider's form asks for them and a copy button for each value.
 * Ids: {@code dnsHostsLine}, {@code dnsCopyHostsLine}, {@code dnsRoute-R}, {@code dnsRecord-R-I}
 * (type, host, value), {@code dnsCopy-R-I}, {@code dnsNotes}.
 */
final class ChecklistView extends VBox {
    ChecklistView() {
        super(10);
        setId("dnsChecklist");
    }

    void show(DnsChecklist checklist, boolean fromDeployment) {
        getChildren().clear();
        Label intro = new Label(fromDeployment ? "The values come from your deployment."
                : checklist.target() == TargetKind.LOCAL ? "Nothing deployed yet. The local service will listen on "
                        + "127.0.0.1, the address checked below; for other machines, fill in the value in <angle "
                        + "brackets>."
                : "Nothing deployed yet for this target: fill in the values in <angle brackets> from the target, "
                        + "and type the address below to check it.");
        intro.setId("dnsChecklistIntro");
        intro.setWrapText(true);
        intro.getStyleClass().add("help");
        getChildren().add(intro);
        if (!checklist.notes().isEmpty()) {
            VBox notes = new VBox(4);
            notes.setId("dnsNotes");
            for (String n : checklist.notes()) {
                notes.getChildren().add(wrapped(n, "note"));
            }
            getChildren().add(notes);
        }
        if (!checklist.hostsLine().isEmpty()) {
            TextField line = value(checklist.hostsLine());
            line.setId("dnsHostsLine");
            Button copy = copyButton(checklist.hostsLine());
            copy.setId("dnsCopyHostsLine");
            HBox row = new HBox(8, label(checklist.hostsFile()), line, copy);
            row.setAlignment(Pos.CENTER_LEFT);
            getChildren().add(row);
        }
        int r = 0;
        for (DnsChecklist.Route route : checklist.routes()) {
            getChildren().add(route(route, r++, checklist.routes().size() > 1));
        }
        setMaxWidth(680);
    }

    private VBox route(DnsChecklist.Route route, int index, boolean alternatives) {
        Label title = new Label((alternatives ? (index == 0 ? "" : "Or: ") : "") + route.title());
        title.getStyleClass().add("field-label");
        VBox box = new VBox(6, title, wrapped(route.where(), "help"));
        box.setId("dnsRoute-" + index);
        if (!route.records().isEmpty()) {
            GridPane grid = new GridPane();
            grid.setHgap(10);
            grid.setVgap(6);
            grid.addRow(0, label("Type"), label("Name"), label("Points to"));
            int i = 0;
            for (DnsRecord rec : route.records()) {
                Label type = new Label(rec.type());
                type.setId("dnsRecord-" + index + "-" + i + "-type");
                Label host = new Label(rec.host() + "   (" + rec.name() + ")");
                host.setId("dnsRecord-" + index + "-" + i + "-host");
                TextField value = value(rec.value());
                value.setId("dnsRecord-" + index + "-" + i + "-value");
                Button copy = copyButton(rec.value());
                copy.setId("dnsCopy-" + index + "-" + i);
                copy.setDisable(rec.placeholder());
                grid.addRow(i + 1, type, host, value, copy);
                i++;
            }
            box.getChildren().add(grid);
        }
        route.notes().forEach(n -> box.getChildren().add(wrapped(n, "note")));
        return box;
    }

    private static TextField value(String text) {
        TextField f = new TextField(text);
        f.setEditable(false);
        f.setPrefColumnCount(Math.max(12, Math.min(36, text.length() + 1)));
        f.getStyleClass().add("finding-code");
        return f;
    }

    private static Button copyButton(String text) {
        Button b = new Button("Copy");
        b.setMinWidth(Region.USE_PREF_SIZE);
        Confirmations.copyButton(b, () -> text);
        return b;
    }

    static Label wrapped(String text, String style) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMaxWidth(640);
        l.getStyleClass().add(style);
        return l;
    }
}

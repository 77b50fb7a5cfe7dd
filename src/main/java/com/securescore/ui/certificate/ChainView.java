package com.securescore.ui.certificate;

import com.securescore.cert.CertificateInfo;
import com.securescore.cert.Certificates;
import com.securescore.cert.CheckReport;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/**
 * The chain as a picture: leaf at the top, each issuer below it, every certificate a card with its
 * names and a validity bar that shows where today falls between "not before" and "not after".
 */
public final class ChainView extends VBox {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH)
            .withZone(ZoneId.systemDefault());
    private static final double BAR_WIDTH = 360;

    public ChainView() {
        super(0);
        setId("chain");
        getStyleClass().add("chain");
    }

    /**
     * Draws the path as linked cards, an "issued by" arrow only where the card below really issued
     * the one above; certificates past the trust anchor and strangers follow, set apart and unlinked.
     */
    public void show(List<CertificateInfo> chain, Instant now) {
        show(chain, now, null);
    }

    /** The issuer the path needs but the files lack: its name, and the buttons that fill it in. */
    public record Missing(String issuerName, List<? extends Node> actions) {
    }

    /**
     * As {@link #show(List, Instant)}, with the missing issuer drawn where it belongs (below the last
     * certificate of the path) as an empty card holding its name and the actions that fill it.
     */
    public void show(List<CertificateInfo> chain, Instant now, Missing missing) {
        getChildren().clear();
        String section = null;
        int lastOnPath = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (onPath(chain.get(i))) {
                lastOnPath = i;
            }
        }
        for (int i = 0; i < chain.size(); i++) {
            CertificateInfo e = chain.get(i);
            boolean onPath = onPath(e);
            if (i == lastOnPath + 1 && missing != null) {
                addMissing(missing);
            }
            if (onPath && i > 0 && onPath(chain.get(i - 1))) {
                getChildren().add(arrow());
            } else if (!onPath && !e.role().equals(section)) {
                section = e.role();
                Label heading = new Label(heading(e.role()));
                heading.getStyleClass().add("chain-section");
                heading.setId("chain-section-" + (e.role().equals(CheckReport.ROLE_PAST_ANCHOR) ? "past-anchor"
                        : "strangers"));
                heading.setWrapText(true);
                heading.setMaxWidth(480);
                getChildren().add(heading);
            }
            getChildren().add(card(e, now, i));
        }
        if (missing != null && lastOnPath == chain.size() - 1) {
            addMissing(missing);
        }
    }

    private void addMissing(Missing missing) {
        Label role = new Label("Missing issuer");
        role.getStyleClass().add("chain-role");
        Label subject = new Label(Certificates.commonName(missing.issuerName()));
        subject.getStyleClass().add("chain-subject");
        subject.setWrapText(true);
        Label why = new Label("Not in the files given. Clients need it to get from the certificate above to a "
                + "trusted root.");
        why.getStyleClass().add("help");
        why.setWrapText(true);
        VBox card = new VBox(3, role, subject, why);
        if (!missing.actions().isEmpty()) {
            HBox buttons = new HBox(8);
            buttons.getChildren().addAll(missing.actions());
            buttons.setPadding(new Insets(4, 0, 0, 0));
            card.getChildren().add(buttons);
        }
        card.getStyleClass().addAll("chain-card", "chain-missing");
        card.setId("chain-missing");
        card.setMaxWidth(480);
        getChildren().addAll(arrow(), card);
    }

    /** The link from a certificate to the one below it that issued it. */
    private static Label arrow() {
        Label arrow = new Label("issued by ↓");
        arrow.getStyleClass().add("chain-arrow");
        arrow.setMaxWidth(480);
        arrow.setAlignment(Pos.CENTER);
        return arrow;
    }

    /** Leaf, issuers and the anchor are linked; what is past the anchor and strangers are not. */
    static boolean onPath(CertificateInfo e) {
        return !e.role().equals(CheckReport.ROLE_PAST_ANCHOR) && !e.role().equals(CheckReport.ROLE_STRANGER);
    }

    private static String heading(String role) {
        return role.equals(CheckReport.ROLE_PAST_ANCHOR)
                ? "Sent but not needed: clients stop at the trusted root above"
                : "Not on the path to a trusted root";
    }

    private static VBox card(CertificateInfo e, Instant now, int index) {
        Label role = new Label(e.role().substring(0, 1).toUpperCase(Locale.ROOT) + e.role().substring(1));
        role.getStyleClass().add("chain-role");
        Label subject = new Label(Certificates.commonName(e.subject()));
        subject.getStyleClass().add("chain-subject");
        subject.setWrapText(true);
        Label issuer = new Label(e.subject().equals(e.issuer()) ? "Self-signed" : "Issued by "
                + Certificates.commonName(e.issuer()));
        issuer.getStyleClass().add("help");
        issuer.setWrapText(true);
        Label dn = new Label(e.subject());
        dn.getStyleClass().add("help");
        dn.setWrapText(true);
        VBox card = new VBox(3, role, subject, dn, issuer);
        if (!e.dnsNames().isEmpty()) {
            Label names = new Label("Names: " + String.join(", ", e.dnsNames()));
            names.setWrapText(true);
            card.getChildren().add(names);
        }
        if (e.keyBits() > 0) {
            Label key = new Label("Key: " + e.keyType() + " " + e.keyBits() + " bits");
            key.getStyleClass().add("help");
            card.getChildren().add(key);
        }
        card.getChildren().addAll(validityBar(e, now), validityText(e, now));
        card.getStyleClass().add("chain-card");
        if (!onPath(e)) {
            card.getStyleClass().add("chain-card-apart");
        }
        card.setId("chain-" + index);
        card.setMaxWidth(480);
        return card;
    }

    /** A bar from notBefore to notAfter, filled up to today; red when outside, amber in the last 30 days. */
    private static StackPane validityBar(CertificateInfo e, Instant now) {
        double total = Math.max(1, Duration.between(e.notBefore(), e.notAfter()).toSeconds());
        double elapsed = Duration.between(e.notBefore(), now).toSeconds();
        double fraction = Math.max(0, Math.min(1, elapsed / total));
        Rectangle track = new Rectangle(BAR_WIDTH, 6);
        track.getStyleClass().add("validity-track");
        Rectangle fill = new Rectangle(BAR_WIDTH * fraction, 6);
        fill.getStyleClass().addAll("validity-fill", "validity-" + state(e, now));
        Pane fillPane = new Pane(fill);
        fillPane.setMaxWidth(BAR_WIDTH);
        StackPane bar = new StackPane(track, fillPane);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setMaxWidth(BAR_WIDTH);
        return bar;
    }

    private static Label validityText(CertificateInfo e, Instant now) {
        String range = DAY.format(e.notBefore()) + " → " + DAY.format(e.notAfter());
        String status = switch (state(e, now)) {
            case "expired" -> "expired " + days(e.notAfter(), now) + " ago";
            case "future" -> "not valid for another " + days(now, e.notBefore());
            case "soon" -> "expires in " + days(now, e.notAfter());
            default -> "valid for " + days(now, e.notAfter()) + " more";
        };
        Label l = new Label(range + "  ·  " + status);
        l.getStyleClass().addAll("validity-text", "validity-" + state(e, now));
        return l;
    }

    static String state(CertificateInfo e, Instant now) {
        if (now.isAfter(e.notAfter())) {
            return "expired";
        }
        if (now.isBefore(e.notBefore())) {
            return "future";
        }
        return Duration.between(now, e.notAfter()).toDays() < 30 ? "soon" : "ok";
    }

    private static String days(Instant from, Instant to) {
        long d = Math.abs(Duration.between(from, to).toDays());
        return d == 1 ? "1 day" : d + " days";
    }
}

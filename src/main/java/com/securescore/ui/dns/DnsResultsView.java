package com.securescore.ui.dns;

import com.securescore.dns.DnsReport;
import com.securescore.dns.ResolverAnswer;
import com.securescore.findings.Finding;
import com.securescore.ui.FindingCard;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * Each resolver's answer (CNAME chain, addresses, TTL), the verdict, and the findings with their
 * fixes and codes. Ids: {@code dnsVerdict}, {@code dnsAnswer-N}, {@code dnsFinding-CODE}.
 */
final class DnsResultsView extends VBox {
    DnsResultsView() {
        super(8);
        setId("dnsResults");
    }

    void show(DnsReport report) {
        getChildren().clear();
        if (report == null) {
            return;
        }
        Label verdict = ChecklistView.wrapped(report.verdict(), report.matches() ? "message-ok" : "message-error");
        verdict.setId("dnsVerdict");
        getChildren().add(verdict);
        int i = 0;
        for (ResolverAnswer a : report.answers()) {
            Label answer = ChecklistView.wrapped(describe(a), "help");
            answer.setId("dnsAnswer-" + i++);
            getChildren().add(answer);
        }
        findings(report.findings());
        setMaxWidth(680);
    }

    static String describe(ResolverAnswer a) {
        StringBuilder b = new StringBuilder(a.resolver().label()).append(": ");
        b.append(switch (a.outcome()) {
            case MATCH -> "as expected";
            case NXDOMAIN -> "no such name";
            case NO_ADDRESS -> "no address";
            case STALE_ADDRESS -> "resolves elsewhere";
            case ADDRESS_MISSING -> "some addresses missing";
            case TIMEOUT -> "no answer";
            case SERVER_FAILURE -> "resolver error";
            case CNAME_LOOP -> "CNAME loop";
        });
        if (a.isAlias()) {
            b.append(" · ").append(String.join(" → ", a.chain()));
        }
        if (!a.addresses().isEmpty()) {
            b.append(" · ").append(String.join(", ", a.addresses()));
            if (a.ttlSeconds() >= 0) {
                b.append(" (TTL ").append(a.ttlSeconds()).append(" s)");
            }
        }
        if (!a.detail().isEmpty()) {
            b.append(" · ").append(a.detail());
        }
        return b.toString();
    }

    private void findings(List<Finding> findings) {
        for (Finding f : findings) {
            getChildren().add(card(f, "dnsFinding-"));
        }
    }

    /** A finding as a card: message, fix, and its code to quote. */
    static VBox card(Finding f, String idPrefix) {
        return FindingCard.of(f, idPrefix, 600);
    }
}

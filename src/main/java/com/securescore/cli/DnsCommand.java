package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.dns.DnsCheck;
import com.securescore.dns.DnsExpectation;
import com.securescore.dns.DnsReport;
import com.securescore.dns.DnsServer;
import com.securescore.dns.LocalNameCheck;
import com.securescore.dns.ResolverAnswer;
import com.securescore.domain.DomainCheck;
import com.securescore.domain.DomainNames;
import com.securescore.findings.Finding;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore dns}: does the service's name resolve to where it was deployed, on every resolver? */
@Command(name = "dns", mixinStandardHelpOptions = true,
        description = {"Check that NAME resolves to the expected address(es) or host name, resolver by resolver "
            + "and with no cache: CNAME chains, A/AAAA, TTLs, and the usual mistakes named with their fix.",
            "Exit 0 when it resolves as expected on every resolver asked, 1 when not, 2 on usage problems."})
final class DnsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--domain", required = true, paramLabel = "NAME", description = "The service's name, e.g. "
            + "scoring.contoso.com.")
    String domain;

    @Option(names = "--expect", split = ",", paramLabel = "ADDRESS",
            description = "Where NAME should point: IP addresses (A/AAAA), or a host name it should be a CNAME "
                    + "of (a load balancer's name). Comma-separated or repeated. Required, except with "
                    + "--system-resolver, where it defaults to 127.0.0.1 (where a local service listens).")
    List<String> expect;

    @Option(names = "--system-resolver", description = "Look NAME up as programs on this machine do, for a "
            + "service deployed here (deploy --target local, serve): the hosts file first, then the system "
            + "resolver; the answer says which one gave it. Instead of asking DNS servers one by one.")
    boolean systemResolver;

    @Option(names = "--resolver", paramLabel = "HOST[:PORT]", description = "Ask this resolver (repeatable); "
            + "default: this machine's configured resolvers.")
    List<String> resolvers = new ArrayList<>();

    @Option(names = "--wait", paramLabel = "DURATION", converter = DurationConverter.AboveZero.class,
            description = "Check again until it matches or this much time has passed, e.g. 30s, 5m, 1h.")
    Duration waitFor;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "10s",
            converter = DurationConverter.AboveZero.class, description = "With --wait: time between checks (default 10s).")
    Duration every;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3s",
            converter = DurationConverter.AboveZero.class, description = "How long to wait for each resolver's answer (default 3s).")
    Duration timeout;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        DomainCheck name = DomainNames.check(domain);
        boolean hostOnly = systemResolver && domain.trim().matches("[A-Za-z0-9-]+");
        if (!name.valid() && !hostOnly) {
            throw new UserInputException("--domain \"" + domain + "\": " + name.reason() + " " + name.fix());
        }
        if (expect == null || expect.isEmpty()) {
            if (!systemResolver) {
                throw new UserInputException("--expect: say where " + domain.trim() + " should point (an address or "
                        + "a host name), or add --system-resolver to check a service on this machine (127.0.0.1).");
            }
            expect = List.of(LocalNameCheck.LOOPBACK);
        }
        DnsExpectation expected = usage("--expect", () -> DnsExpectation.parse(expect));
        if (systemResolver && !resolvers.isEmpty()) {
            throw new UserInputException("--system-resolver and --resolver ask different things: this machine's "
                    + "own lookup, or the DNS servers you name. Give one of them.");
        }
        Duration interval = every;
        Duration deadline = waitFor;
        if (systemResolver) {
            LocalNameCheck local = new LocalNameCheck();
            DnsReport report;
            try {
                // A single label (localhost, a host in the hosts file) is a name this machine can look up.
                String checked = name.valid() ? name.name() : domain.trim();
                report = deadline == null ? local.check(checked, expected)
                        : local.waitFor(checked, expected, deadline, interval, lines(),
                        Cancellation.none(), r -> { });
            } catch (UncheckedIOException e) {
                throw new UserInputException(e.getMessage());
            }
            return print(report);
        }
        List<DnsServer> servers = new ArrayList<>();
        for (String r : resolvers) {
            servers.add(usage("--resolver", () -> DnsServer.parse(r)));
        }
        if (servers.isEmpty()) {
            servers = DnsServer.system();
            if (servers.isEmpty()) {
                throw new UserInputException("This machine has no DNS resolver configured: name one with "
                        + "--resolver HOST[:PORT].");
            }
        }
        Duration perQuery = timeout;
        DnsCheck check = new DnsCheck(perQuery);
        DnsReport report = deadline == null ? check.check(name.name(), expected, servers)
                : check.waitFor(name.name(), expected, servers, deadline, interval, lines(), Cancellation.none(),
                        r -> { });
        return print(report);
    }

    /** Each round's line on stderr, so stdout stays one report (or one JSON document). */
    private Progress lines() {
        PrintWriter err = spec.commandLine().getErr();
        return new Progress() {
            @Override
            public void stage(String stage, double fraction) {
            }

            @Override
            public void line(String text) {
                err.println(text);
                err.flush();
            }
        };
    }

    private int print(DnsReport report) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Json.print(out, json(report));
        } else {
            text(out, report);
        }
        return report.matches() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private static <T> T usage(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UserInputException(option + ": " + e.getMessage());
        }
    }

    static void text(PrintWriter out, DnsReport report) {
        for (ResolverAnswer a : report.answers()) {
            out.println("resolver " + a.resolver().label() + ": " + word(a.outcome()));
            if (a.isAlias()) {
                out.println("  CNAME chain: " + String.join(" -> ", a.chain()));
            }
            if (!a.addresses().isEmpty()) {
                out.println("  addresses: " + String.join(", ", a.addresses())
                        + (a.ttlSeconds() >= 0 ? "  (TTL " + a.ttlSeconds() + " s)" : ""));
            }
            if (a.negativeTtlSeconds() >= 0 && !a.matches()) {
                out.println("  negative TTL: " + a.negativeTtlSeconds() + " s");
            }
            if (!a.detail().isEmpty()) {
                out.println("  " + a.detail());
            }
        }
        out.println((report.matches() ? "ok: " : "not yet: ") + report.verdict());
        for (Finding f : report.findings()) {
            out.println(f.code() + " (" + f.severity().word() + "): " + f.message());
            out.println("  fix: " + f.fix());
        }
        out.flush();
    }

    static ObjectNode json(DnsReport report) {
        ObjectNode node = Json.object()
                .put("domain", report.domain())
                .put("matches", report.matches())
                .put("verdict", report.verdict())
                .put("checkedAt", report.checkedAt().toString());
        ObjectNode exp = node.putObject("expected");
        report.expected().addresses().stream().sorted().forEach(exp.putArray("addresses")::add);
        ArrayNode hosts = exp.putArray("hostnames");
        report.expected().hostnames().stream().sorted().forEach(hosts::add);
        ArrayNode array = node.putArray("resolvers");
        for (ResolverAnswer a : report.answers()) {
            ObjectNode r = array.addObject()
                    .put("resolver", a.resolver().label())
                    .put("outcome", a.outcome().name())
                    .put("ttl", a.ttlSeconds())
                    .put("negativeTtl", a.negativeTtlSeconds())
                    .put("detail", a.detail());
            a.chain().forEach(r.putArray("chain")::add);
            ArrayNode addresses = r.putArray("addresses");
            a.addresses().forEach(addresses::add);
        }
        Json.putFindings(node, report.findings());
        return node;
    }

    private static String word(ResolverAnswer.Outcome o) {
        return switch (o) {
            case MATCH -> "as expected";
            case NXDOMAIN -> "no such name (NXDOMAIN)";
            case NO_ADDRESS -> "no address (NODATA)";
            case STALE_ADDRESS -> "resolves elsewhere";
            case ADDRESS_MISSING -> "some expected addresses missing";
            case TIMEOUT -> "no answer";
            case SERVER_FAILURE -> "resolver error";
            case CNAME_LOOP -> "CNAME loop";
        };
    }
}

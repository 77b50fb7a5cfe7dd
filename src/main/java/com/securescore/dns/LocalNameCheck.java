package com.securescore.dns;

import com.securescore.dns.ResolverAnswer.Outcome;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Does the name reach a service on this machine? Asks what every program here gets: the hosts file
 * first (read by SecureScore, so a line counts the moment it is saved and the answer can say it came
 * from there), then the system resolver ({@code InetAddress.getAllByName}, which follows
 * nsswitch.conf on Linux). For the Local target only: a hosts-file line is the usual way to try the
 * name there, and the per-resolver DNS checks ({@link DnsCheck}) never read that file.
 */
public final class LocalNameCheck {
    /** Where the wizard's Local service listens: the address a local name should point to. */
    public static final String LOOPBACK = "127.0.0.1";
    static final String SYSTEM_RESOLVER = "the system resolver";

    private final HostsFile hosts;

    public LocalNameCheck() {
        this(HostsFile.forThisMachine());
    }

    /** @param hosts the hosts file to read before the system resolver (tests give one of their own) */
    public LocalNameCheck(HostsFile hosts) {
        this.hosts = hosts;
    }

    public HostsFile hostsFile() {
        return hosts;
    }

    /**
     * One look-up of {@code domain} on this machine, compared with {@code expected}.
     *
     * @throws IllegalArgumentException when the name is not a DNS name
     * @throws UncheckedIOException when the hosts file exists but cannot be read
     */
    public DnsReport check(String domain, DnsExpectation expected) {
        String name = DnsCheck.plain(DnsCheck.name(domain));
        Lookup got = lookup(name);
        List<ResolverAnswer> answers = new ArrayList<>();
        Outcome outcome = got.addresses.isEmpty() ? Outcome.NXDOMAIN : compare(got.addresses, expected);
        answers.add(new ResolverAnswer(DnsServer.thisMachine(got.source), outcome, List.of(name), got.addresses, -1, -1,
                ""));
        List<Finding> findings = outcome == Outcome.MATCH ? List.of() : List.of(finding(name, expected, got, outcome));
        return new DnsReport(name, expected, answers, findings, Instant.now());
    }

    /** {@link #check} again every {@code interval} until it matches or {@code deadline} has passed; Cancel ends it. */
    public DnsReport waitFor(String domain, DnsExpectation expected, Duration deadline, Duration interval,
            Progress progress, Cancellation cancel, Consumer<DnsReport> each) {
        return DnsCheck.repeat(() -> check(domain, expected), deadline, interval, progress, cancel, each);
    }

    private record Lookup(List<String> addresses, String source, boolean fromHostsFile) {
    }

    private Lookup lookup(String name) {
        try {
            List<String> listed = hosts.addressesOf(name);
            if (!listed.isEmpty()) {
                return new Lookup(listed, hosts.toString(), true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("The hosts file " + hosts + " could not be read (" + e.getMessage()
                    + "); check its permissions.", e);
        }
        List<String> found = new ArrayList<>();
        try {
            for (InetAddress a : InetAddress.getAllByName(name)) {
                String text = DnsExpectation.canonical(a);
                if (!found.contains(text)) {
                    found.add(text);
                }
            }
        } catch (UnknownHostException e) {
            found.clear();
        }
        return new Lookup(found, SYSTEM_RESOLVER, false);
    }

    /**
     * Match: every expected address is there, and anything else is a loopback address too (this same
     * machine: "localhost" is often 127.0.0.1 and ::1). Expected host names count as their addresses.
     */
    private Outcome compare(List<String> addresses, DnsExpectation expected) {
        Set<String> want = new LinkedHashSet<>(expected.addresses());
        for (String host : expected.hostnames()) {
            want.addAll(lookup(host).addresses);
        }
        Set<String> got = new LinkedHashSet<>(addresses);
        boolean loopbackWanted = want.stream().anyMatch(LocalNameCheck::loopback);
        Set<String> extra = new LinkedHashSet<>(got);
        extra.removeAll(want);
        if (!want.isEmpty() && got.containsAll(want)
                && (extra.isEmpty() || loopbackWanted && extra.stream().allMatch(LocalNameCheck::loopback))) {
            return Outcome.MATCH;
        }
        return !want.isEmpty() && want.containsAll(got) ? Outcome.ADDRESS_MISSING : Outcome.STALE_ADDRESS;
    }

    static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }

    private Finding finding(String name, DnsExpectation expected, Lookup got, Outcome outcome) {
        String address = expected.addresses().stream().sorted().findFirst().orElse(LOOPBACK);
        String line = "\"" + address + " " + name + "\"";
        String admin = " (as administrator" + (hosts.toString().startsWith("/") ? "; sudo" : "") + ")";
        return switch (outcome) {
            case NXDOMAIN -> Finding.of(FindingCode.DNS_NXDOMAIN, name + " is not known on this machine: " + hosts
                    + " does not name it, and the system resolver found no address for it.",
                    "Add the line " + line + " to " + hosts + admin + ", then check again. Other machines need "
                    + "a DNS record instead.");
            case ADDRESS_MISSING, STALE_ADDRESS -> Finding.of(outcome == Outcome.STALE_ADDRESS
                    ? FindingCode.DNS_STALE_ADDRESS : FindingCode.DNS_ADDRESS_MISSING,
                    name + " resolves to " + String.join(", ", got.addresses) + " on this machine (from "
                    + got.source + "), not to " + expected.describe() + ".",
                    got.fromHostsFile ? "Change the line for " + name + " in " + hosts + " to " + line + admin + "."
                            : "Add the line " + line + " to " + hosts + admin + ": this machine reads it before "
                            + "asking DNS.");
            default -> throw new IllegalStateException("not a finding: " + outcome);
        };
    }
}

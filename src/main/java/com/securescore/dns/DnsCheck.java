package com.securescore.dns;

import com.securescore.task.DurationText;
import com.securescore.dns.ResolverAnswer.Outcome;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.IOException;
import java.net.PortUnreachableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Asks resolvers, one by one and with no cache in between, what a name resolves to, and compares
 * that with where the service was deployed. A DNS change reaches clients resolver by resolver as
 * old answers expire, so each resolver's answer and its TTL is reported on its own.
 *
 * <p>CNAME chains are followed here (with a limit) rather than trusted to the resolver, so the
 * check works against an authoritative server too, which answers only for its own zones.
 */
public final class DnsCheck {
    /** Longer CNAME chains than this are reported as a loop; resolvers give up around here too. */
    public static final int MAX_CHAIN = 8;

    private final Duration timeout;

    /** Three seconds per query, about what a client waits before it tries the next resolver. */
    public DnsCheck() {
        this(Duration.ofSeconds(3));
    }

    /** @param timeout how long to wait for each resolver's answer to each query */
    public DnsCheck(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * One round: every resolver asked for the name's A and AAAA records.
     *
     * @param domain    the name to check (ASCII or punycode form; a final dot is allowed)
     * @param resolvers who to ask; {@link DnsServer#system()} for this machine's own
     * @throws IllegalArgumentException when the name is not a DNS name or no resolver is given
     */
    public DnsReport check(String domain, DnsExpectation expected, List<DnsServer> resolvers) {
        if (resolvers.isEmpty()) {
            throw new IllegalArgumentException("No resolver to ask: this machine has none configured. Name one "
                    + "(e.g. --resolver 1.1.1.1).");
        }
        Name name = name(domain);
        String shown = plain(name);
        List<ResolverAnswer> answers = new ArrayList<>();
        for (DnsServer server : resolvers) {
            answers.add(ask(server, name, expected));
        }
        var findings = new DnsFindings(this, shown, expected).explain(answers);
        return new DnsReport(shown, expected, answers, findings, Instant.now());
    }

    /**
     * Checks again every {@code interval} until the name matches on every resolver or {@code deadline}
     * has passed, then returns the last round. Waits with {@link Cancellation#sleep}, so Cancel
     * ends the wait at once (with a {@link java.util.concurrent.CancellationException}).
     *
     * @param each called with every round's report, the last one included
     */
    public DnsReport waitFor(String domain, DnsExpectation expected, List<DnsServer> resolvers, Duration deadline,
            Duration interval, Progress progress, Cancellation cancel, Consumer<DnsReport> each) {
        return repeat(() -> check(domain, expected, resolvers), deadline, interval, progress, cancel, each);
    }

    /** {@link #waitFor}'s loop, for any kind of round (the DNS servers', or this machine's own lookup). */
    static DnsReport repeat(Supplier<DnsReport> round, Duration deadline, Duration interval, Progress progress,
            Cancellation cancel, Consumer<DnsReport> each) {
        long start = System.nanoTime();
        long limit = deadline.toNanos();
        for (int attempt = 1; ; attempt++) {
            cancel.check();
            long elapsed = System.nanoTime() - start;
            progress.stage("Check " + attempt + ", " + DurationText.human(left(limit, elapsed)) + " left",
                    Math.min(1, elapsed / (double) Math.max(1, limit)));
            DnsReport report = round.get();
            each.accept(report);
            elapsed = System.nanoTime() - start;
            if (report.matches()) {
                progress.line("Check " + attempt + ": " + report.verdict());
                return report;
            }
            long leftNanos = limit - elapsed;
            if (leftNanos <= 0) {
                progress.line("Check " + attempt + ": " + report.verdict() + " Stopped waiting after "
                        + DurationText.human(deadline) + ".");
                return report;
            }
            long pause = Math.min(interval.toNanos(), leftNanos);
            progress.line("Check " + attempt + ": " + report.verdict() + " Next check in "
                    + DurationText.human(Duration.ofNanos(pause)) + ", " + DurationText.human(left(limit, elapsed))
                    + " left.");
            progress.stage("Waiting for check " + (attempt + 1) + ", " + DurationText.human(left(limit, elapsed))
                    + " left", Math.min(1, elapsed / (double) Math.max(1, limit)));
            cancel.sleep(Math.max(1, pause / 1_000_000L));
        }
    }

    private static Duration left(long limit, long elapsed) {
        return Duration.ofNanos(Math.max(0, limit - elapsed));
    }

    /** One resolver's answer for the name, compared with what is expected. */
    ResolverAnswer ask(DnsServer server, Name name, DnsExpectation expected) {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTimeout(timeout);
        Resolution a = resolve(resolver, name, Type.A);
        if (a.failure != null) {
            return new ResolverAnswer(server, a.failure, a.chain, List.of(), -1, -1, a.detail);
        }
        Resolution aaaa = resolve(resolver, name, Type.AAAA);
        List<String> addresses = new ArrayList<>(a.addresses);
        long ttl = a.ttl;
        if (aaaa.failure == null) {
            aaaa.addresses.stream().filter(x -> !addresses.contains(x)).forEach(addresses::add);
            ttl = minTtl(ttl, aaaa.ttl);
        }
        List<String> chain = a.chain;
        if (!expected.hostnames().isEmpty() && chain.stream().skip(1).anyMatch(expected.hostnames()::contains)) {
            return new ResolverAnswer(server, Outcome.MATCH, chain, addresses, ttl, -1,
                    addresses.isEmpty() ? "The CNAME is right, but " + a.chain.get(a.chain.size() - 1)
                            + " has no address yet." : "");
        }
        if (a.nxdomain) {
            return new ResolverAnswer(server, Outcome.NXDOMAIN, chain, List.of(), -1, a.negativeTtl, "");
        }
        if (addresses.isEmpty()) {
            return new ResolverAnswer(server, Outcome.NO_ADDRESS, chain, List.of(), -1,
                    minTtl(a.negativeTtl, aaaa.negativeTtl), "");
        }
        return new ResolverAnswer(server, compare(resolver, addresses, expected), chain, addresses, ttl, -1, "");
    }

    private Outcome compare(SimpleResolver resolver, List<String> addresses, DnsExpectation expected) {
        Set<String> got = new LinkedHashSet<>(addresses);
        Set<String> want = new LinkedHashSet<>(expected.addresses());
        if (want.isEmpty()) {
            // Only host names expected and the chain does not pass through them: an ALIAS (flattened)
            // record still matches when it gives exactly the host's addresses.
            for (String host : expected.hostnames()) {
                Resolution r = resolve(resolver, name(host), Type.A);
                Resolution r6 = resolve(resolver, name(host), Type.AAAA);
                Set<String> theirs = new LinkedHashSet<>(r.addresses);
                theirs.addAll(r6.addresses);
                if (!theirs.isEmpty() && theirs.equals(got)) {
                    return Outcome.MATCH;
                }
            }
            return Outcome.STALE_ADDRESS;
        }
        if (got.equals(want)) {
            return Outcome.MATCH;
        }
        return want.containsAll(got) ? Outcome.ADDRESS_MISSING : Outcome.STALE_ADDRESS;
    }

    /** The records of one type at the end of the name's CNAME chain, or why there are none. */
    private static final class Resolution {
        final List<String> chain = new ArrayList<>();
        final List<String> addresses = new ArrayList<>();
        long ttl = -1;
        long negativeTtl = -1;
        boolean nxdomain;
        Outcome failure;
        String detail = "";
    }

    Resolution resolve(SimpleResolver resolver, Name name, int type) {
        Resolution r = new Resolution();
        Name current = name;
        r.chain.add(plain(current));
        Set<Name> seen = new LinkedHashSet<>();
        seen.add(current);
        for (int query = 0; query <= MAX_CHAIN; query++) {
            Message response;
            try {
                response = resolver.send(Message.newQuery(Record.newRecord(current, type, DClass.IN)));
            } catch (PortUnreachableException e) {
                return failed(r, Outcome.TIMEOUT, "Nothing answers DNS queries there (port unreachable).");
            } catch (IOException e) {
                return failed(r, Outcome.TIMEOUT, "No answer within " + DurationText.human(timeout) + ".");
            }
            Followed followed = followCnames(r, response, current, seen);
            if (r.failure != null) {
                return r;
            }
            current = followed.name();
            if (settled(r, response, current, type, followed.advanced())) {
                return r;
            }
            // The answer stopped at a CNAME whose target it did not include: ask for the target.
        }
        return failed(r, Outcome.CNAME_LOOP, "The CNAME chain is longer than " + MAX_CHAIN + " names.");
    }

    /** Where the CNAMEs in one answer lead from {@code name}, and whether they led anywhere. */
    private record Followed(Name name, boolean advanced) {
    }

    /** Follows the answer's CNAMEs from {@code current}, adding each to the chain; a loop fails {@code r}. */
    private static Followed followCnames(Resolution r, Message response, Name current, Set<Name> seen) {
        boolean advanced = false;
        boolean moved = true;
        while (moved) {
            moved = false;
            for (Record rr : response.getSection(Section.ANSWER)) {
                if (rr instanceof CNAMERecord cname && rr.getName().equals(current)) {
                    Name target = cname.getTarget();
                    r.ttl = minTtl(r.ttl, rr.getTTL());
                    if (!seen.add(target) || seen.size() > MAX_CHAIN + 1) {
                        r.chain.add(plain(target));
                        failed(r, Outcome.CNAME_LOOP, seen.size() > MAX_CHAIN + 1
                                ? "The CNAME chain is longer than " + MAX_CHAIN + " names."
                                : "The CNAME chain comes back to " + plain(target) + ".");
                        return new Followed(current, advanced);
                    }
                    r.chain.add(plain(target));
                    current = target;
                    advanced = true;
                    moved = true;
                    break;
                }
            }
        }
        return new Followed(current, advanced);
    }

    /**
     * Takes the records of {@code type} for {@code current} from the answer; true when that settles the
     * resolution (addresses, no such name, a failure, or no records), false to ask for the CNAME's target.
     */
    private static boolean settled(Resolution r, Message response, Name current, int type, boolean advanced) {
        for (Record rr : response.getSection(Section.ANSWER)) {
            if (rr.getName().equals(current) && rr.getType() == type) {
                r.addresses.add(address(rr));
                r.ttl = minTtl(r.ttl, rr.getTTL());
            }
        }
        if (!r.addresses.isEmpty()) {
            return true;
        }
        int rcode = response.getRcode();
        if (rcode == Rcode.NXDOMAIN) {
            r.nxdomain = true;
            r.negativeTtl = negativeTtl(response);
            return true;
        }
        if (rcode != Rcode.NOERROR) {
            failed(r, Outcome.SERVER_FAILURE, "The resolver answered " + Rcode.string(rcode) + ".");
            return true;
        }
        if (!advanced) {
            r.negativeTtl = negativeTtl(response);
            return true;
        }
        return false;
    }

    private static Resolution failed(Resolution r, Outcome outcome, String detail) {
        r.failure = outcome;
        r.detail = detail;
        r.addresses.clear();
        return r;
    }

    private static String address(Record rr) {
        if (rr instanceof ARecord a) {
            return DnsExpectation.canonical(a.getAddress());
        }
        return DnsExpectation.canonical(((AAAARecord) rr).getAddress());
    }

    private static long negativeTtl(Message response) {
        for (Record rr : response.getSection(Section.AUTHORITY)) {
            if (rr instanceof SOARecord soa) {
                return Math.min(soa.getTTL(), soa.getMinimum());
            }
        }
        return -1;
    }

    private static long minTtl(long a, long b) {
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    static Name name(String domain) {
        try {
            String d = domain == null ? "" : domain.trim();
            if (d.isEmpty()) {
                throw new IllegalArgumentException("Give the name to check, e.g. scoring.contoso.com.");
            }
            return Name.fromString(d.toLowerCase(Locale.ROOT), Name.root);
        } catch (TextParseException e) {
            throw new IllegalArgumentException("\"" + domain + "\" is not a DNS name: " + e.getMessage());
        }
    }

    static String plain(Name name) {
        String s = name.toString(true).toLowerCase(Locale.ROOT);
        return s.isEmpty() ? "." : s;
    }

    /** What another name resolves to on one resolver: for the "record on the apex" diagnosis. */
    List<String> addressesOf(DnsServer server, String other) {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTimeout(timeout);
        Name n = name(other);
        List<String> all = new ArrayList<>(resolve(resolver, n, Type.A).addresses);
        resolve(resolver, n, Type.AAAA).addresses.stream().filter(x -> !all.contains(x)).forEach(all::add);
        return all;
    }

    /** The CNAME chain of another name on one resolver (its first element is the name itself). */
    List<String> chainOf(DnsServer server, String other) {
        SimpleResolver resolver = new SimpleResolver(server.address());
        resolver.setTimeout(timeout);
        return resolve(resolver, name(other), Type.A).chain;
    }
}

package com.securescore.dns;

import com.securescore.task.DurationText;
import com.securescore.dns.ResolverAnswer.Outcome;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the resolvers' answers into findings a person can act on: the usual mistakes named (a
 * record on the apex or on www instead of the name, a CNAME at the apex, an old address still
 * cached, a resolver that does not answer) and how long caches may keep the old answer.
 */
final class DnsFindings {
    private final DnsCheck check;
    private final String domain;
    private final DnsExpectation expected;

    DnsFindings(DnsCheck check, String domain, DnsExpectation expected) {
        this.check = check;
        this.domain = domain;
        this.expected = expected;
    }

    List<Finding> explain(List<ResolverAnswer> answers) {
        List<Finding> findings = new ArrayList<>();
        boolean any = answers.stream().anyMatch(ResolverAnswer::matches);
        boolean all = answers.stream().allMatch(ResolverAnswer::matches);
        if (any && !all) {
            List<String> ok = answers.stream().filter(ResolverAnswer::matches).map(a -> a.resolver().label()).toList();
            List<String> not = answers.stream().filter(a -> !a.matches()).map(a -> a.resolver().label()).toList();
            findings.add(Finding.of(FindingCode.DNS_PARTIAL, domain + " resolves as expected on " + String.join(", ", ok)
                    + " but not on " + String.join(", ", not) + ".", "Usually the change is still spreading: "
                    + "resolvers that cached the old answer keep it until its TTL runs out. Check again later "
                    + "(Keep checking, or --wait). If a resolver keeps a different answer, it may be asking another "
                    + "DNS server (a split-horizon or internal zone, or records at two DNS providers)."));
        }
        Map<Outcome, List<ResolverAnswer>> byOutcome = new EnumMap<>(Outcome.class);
        for (ResolverAnswer a : answers) {
            if (!a.matches()) {
                byOutcome.computeIfAbsent(a.outcome(), k -> new ArrayList<>()).add(a);
            }
        }
        byOutcome.forEach((outcome, list) -> findings.add(finding(outcome, list)));
        if (looksLikeApex(domain) && (answers.stream().anyMatch(ResolverAnswer::isAlias)
                || (!expected.hostnames().isEmpty() && !all))) {
            findings.add(Finding.of(FindingCode.DNS_CNAME_AT_APEX, domain + " looks like a zone apex (the name the "
                    + "zone itself is registered as), where a CNAME cannot sit beside the zone's SOA and NS records.",
                    "Use an A (and AAAA) record to the service's address, or your DNS provider's ALIAS/ANAME "
                    + "(CNAME flattening) record; or give the service a name below the apex, e.g. scoring."
                    + domain + "."));
        }
        if (!any) {
            onNeighbour(answers).ifPresent(findings::add);
        }
        return findings;
    }

    private Finding finding(Outcome outcome, List<ResolverAnswer> list) {
        String on = " on " + String.join(", ", list.stream().map(a -> a.resolver().label()).toList());
        ResolverAnswer first = list.get(0);
        String alias = first.isAlias() ? " (through the CNAME chain " + String.join(" → ", first.chain()) + ")" : "";
        return switch (outcome) {
            case NXDOMAIN -> Finding.of(FindingCode.DNS_NXDOMAIN, (first.isAlias()
                    ? domain + " is a CNAME of " + first.finalName() + ", which does not exist"
                    : domain + " does not exist") + on + "." + negative(list),
                    first.isAlias() ? "Point the CNAME at the right host name (see the checklist), or create "
                            + first.finalName() + "."
                            : "Create the record (an A/AAAA record to the service's address, or a CNAME to its host "
                            + "name; the wizard's DNS step lists it) on exactly this name, in the zone at your DNS "
                            + "provider (mind the zone: in contoso.com the name scoring.contoso.com is entered as "
                            + "\"scoring\")." + negativeFix(list));
            case NO_ADDRESS -> Finding.of(FindingCode.DNS_NO_ADDRESS, (first.isAlias() ? first.finalName()
                    + ", the end of " + domain + "'s CNAME chain," : domain) + " exists but has no A or AAAA record"
                    + on + "." + negative(list),
                    "Add an A (or AAAA) record to the service's address; a name that only has other records (TXT, MX) "
                    + "gives clients no address." + negativeFix(list));
            case STALE_ADDRESS -> Finding.of(FindingCode.DNS_STALE_ADDRESS, domain + alias
                    + (first.addresses().isEmpty() ? " points to " + first.finalName()
                    : " resolves to " + String.join(", ", first.addresses())) + on + ", not to "
                    + expected.describe() + "." + cached(list),
                    "Change the record to " + expected.describe() + " (remove the old addresses). Caches that "
                    + "hold the old answer keep it until its TTL runs out; lower the TTL a day before the next "
                    + "move.");
            case ADDRESS_MISSING -> Finding.of(FindingCode.DNS_ADDRESS_MISSING, domain + alias + " resolves to "
                    + String.join(", ", first.addresses()) + on + " only; " + missing(first) + " is missing."
                    + cached(list),
                    "Add a record for each missing address (A for IPv4, AAAA for IPv6), or drop it from the "
                    + "expected addresses if the service no longer uses it.");
            case TIMEOUT -> Finding.of(FindingCode.DNS_TIMEOUT, "The resolver" + (list.size() > 1 ? "s" : "") + on
                    + " did not answer. " + first.detail(),
                    "Check the resolver's address and port and that a firewall lets DNS (UDP and TCP port 53) "
                    + "through; or ask another resolver.");
            case SERVER_FAILURE -> Finding.of(FindingCode.DNS_SERVER_FAILURE, "The resolver" + on + " could not "
                    + "answer for " + domain + ". " + first.detail(),
                    "SERVFAIL usually means the zone's own DNS servers are unreachable or broken (a wrong NS "
                    + "delegation, a DNSSEC failure); REFUSED means this resolver does not answer for you or for "
                    + "this zone. Check the zone's NS records at the registrar, or ask another resolver.");
            case CNAME_LOOP -> Finding.of(FindingCode.DNS_CNAME_LOOP, domain + "'s CNAME chain does not end" + on
                    + ": " + String.join(" → ", first.chain()) + ". " + first.detail(),
                    "Make the CNAME point at the service's host name directly, and check that no name in the "
                    + "chain points back.");
            case MATCH -> throw new IllegalStateException("a match is not a finding");
        };
    }

    private String missing(ResolverAnswer a) {
        Set<String> rest = new LinkedHashSet<>(expected.addresses());
        a.addresses().forEach(rest::remove);
        return String.join(", ", rest);
    }

    private static String cached(List<ResolverAnswer> list) {
        long ttl = list.stream().mapToLong(ResolverAnswer::ttlSeconds).max().orElse(-1);
        return ttl < 0 ? "" : " Caches may keep this answer for up to " + DurationText.human(ttl) + " (TTL "
                + ttl + " s) after the record is changed.";
    }

    private static String negative(List<ResolverAnswer> list) {
        long ttl = list.stream().mapToLong(ResolverAnswer::negativeTtlSeconds).max().orElse(-1);
        return ttl < 0 ? "" : " Resolvers may remember that for up to " + DurationText.human(ttl)
                + " (the zone's negative TTL).";
    }

    private static String negativeFix(List<ResolverAnswer> list) {
        long ttl = list.stream().mapToLong(ResolverAnswer::negativeTtlSeconds).max().orElse(-1);
        return ttl < 0 ? "" : " After creating it, allow up to " + DurationText.human(ttl)
                + " for resolvers that already asked.";
    }

    /** True for a name with two labels (contoso.com): the usual shape of a registered zone's apex. */
    static boolean looksLikeApex(String domain) {
        String d = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        return d.split("\\.").length == 2;
    }

    /**
     * The expected record put on the parent (apex) name or on www instead of the name itself, a
     * common slip in a DNS provider's form; asked of the first resolver that answered.
     */
    private Optional<Finding> onNeighbour(List<ResolverAnswer> answers) {
        ResolverAnswer asked = answers.stream().filter(a -> a.outcome() == Outcome.NXDOMAIN
                || a.outcome() == Outcome.NO_ADDRESS).findFirst().orElse(null);
        if (asked == null) {
            return Optional.empty();
        }
        List<String> labels = List.of(domain.split("\\."));
        List<String> neighbours = new ArrayList<>();
        if (labels.size() >= 3) {
            String parent = String.join(".", labels.subList(1, labels.size()));
            neighbours.add(parent);
            if (!labels.get(0).equals("www")) {
                neighbours.add("www." + parent);
            }
        } else if (labels.size() == 2) {
            neighbours.add("www." + domain);
        }
        for (String other : neighbours) {
            if (holdsExpected(asked.resolver(), other)) {
                return Optional.of(Finding.of(FindingCode.DNS_RECORD_ON_APEX, "The expected "
                        + (expected.addresses().isEmpty() ? "CNAME" : "address") + " is on " + other + ", not on "
                        + domain + ".", "Create the record on " + domain + " itself: in the DNS provider's form, "
                        + "the name field is the part before the zone (\"" + labels.get(0) + "\"), not \"@\" (the "
                        + "apex) or \"www\". Keep or remove the record on " + other + " as you need."));
            }
        }
        return Optional.empty();
    }

    private boolean holdsExpected(DnsServer server, String other) {
        List<String> addresses = check.addressesOf(server, other);
        if (!expected.addresses().isEmpty() && !addresses.isEmpty()
                && expected.addresses().containsAll(addresses)) {
            return true;
        }
        if (expected.hostnames().isEmpty()) {
            return false;
        }
        return check.chainOf(server, other).stream().skip(1).anyMatch(expected.hostnames()::contains);
    }
}

package com.securescore.dns;

import com.securescore.domain.DomainNames;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the name should resolve to: the service's addresses (A/AAAA), or host names it may be a CNAME
 * of (a load balancer's name, an Azure-provided name). The name matches when its CNAME chain passes
 * through one of the host names, or when it resolves to exactly the given addresses.
 *
 * @param addresses canonical textual IPs ({@code 2001:db8::1}, not {@code 2001:0db8:0:0::1})
 * @param hostnames lower-case host names without the final dot
 */
public record DnsExpectation(Set<String> addresses, Set<String> hostnames) {
    public DnsExpectation {
        addresses = Set.copyOf(new LinkedHashSet<>(addresses));
        hostnames = Set.copyOf(new LinkedHashSet<>(hostnames));
        if (addresses.isEmpty() && hostnames.isEmpty()) {
            throw new IllegalArgumentException("Say what the name should resolve to: an address or a host name.");
        }
    }

    /**
     * Reads one or more comma-separated IP addresses or host names.
     *
     * @throws IllegalArgumentException with a sentence to show when an item is neither
     */
    public static DnsExpectation parse(String text) {
        List<String> items = new ArrayList<>();
        for (String part : (text == null ? "" : text).split("[,\\s]+")) {
            if (!part.isBlank()) {
                items.add(part.trim());
            }
        }
        return parse(items);
    }

    public static DnsExpectation parse(List<String> items) {
        Set<String> addresses = new LinkedHashSet<>();
        Set<String> hostnames = new LinkedHashSet<>();
        for (String raw : items) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            String address = literalAddress(item);
            if (address != null) {
                addresses.add(address);
                continue;
            }
            if (item.matches("[0-9.]+")) {
                throw new IllegalArgumentException("\"" + item + "\" is not a valid IPv4 address (four numbers "
                        + "from 0 to 255, e.g. 20.50.1.10).");
            }
            var check = DomainNames.check(item);
            if (!check.valid()) {
                throw new IllegalArgumentException("\"" + item + "\" is neither an IP address nor a host name: "
                        + check.reason());
            }
            hostnames.add(check.name());
        }
        return new DnsExpectation(addresses, hostnames);
    }

    /** The canonical form of an IPv4 or IPv6 literal, or null when {@code text} is not one (no lookups). */
    public static String literalAddress(String text) {
        String t = text.trim();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return canonical(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return null;
        }
    }

    static String canonical(InetAddress address) {
        String s = address.getHostAddress().toLowerCase(Locale.ROOT);
        int zone = s.indexOf('%');
        String plain = zone < 0 ? s : s.substring(0, zone);
        if (!plain.contains(":")) {
            return plain;
        }
        // Compress the longest run of zero groups, as people write IPv6 addresses (RFC 5952).
        String[] groups = plain.split(":");
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLen && j - i > 1) {
                bestStart = i;
                bestLen = j - i;
            }
        }
        if (bestStart < 0) {
            return plain;
        }
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLen, groups.length));
        return head + "::" + tail;
    }

    /** The expectation as a person would type it: addresses, then host names, comma-separated. */
    public String describe() {
        List<String> all = new ArrayList<>(addresses.stream().sorted().toList());
        all.addAll(hostnames.stream().sorted().toList());
        return String.join(", ", all);
    }
}

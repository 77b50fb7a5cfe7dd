package com.securescore.dns;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.ResolverConfig;

/**
 * A resolver to ask: the system's own (from its configuration) or one a person chose, written
 * {@code HOST[:PORT]} or {@code [IPv6]:PORT}. Checking each one on its own is what tells "resolves
 * here but not there" apart from "does not resolve".
 *
 * @param label   how a person wrote it, or the system resolver's address; shown with each answer
 * @param address where queries go; null for {@link #thisMachine}, which is not asked over DNS
 */
public record DnsServer(String label, InetSocketAddress address) {
    public static final int DNS_PORT = 53;

    /**
     * This machine's own name lookup (hosts file, then its resolvers, as every program here resolves
     * names), as the source of a {@link LocalNameCheck} answer; {@code source} says which part answered.
     */
    public static DnsServer thisMachine(String source) {
        return new DnsServer("this machine, from " + source, null);
    }

    /** The resolvers this machine is configured with (resolv.conf, the Windows registry, ...), read afresh. */
    public static List<DnsServer> system() {
        ResolverConfig.refresh();
        return ResolverConfig.getCurrentConfig().servers().stream()
                .map(a -> new DnsServer(display(a), a))
                .toList();
    }

    /**
     * Reads {@code HOST[:PORT]}: an IPv4 or IPv6 address or a host name, with an optional port.
     *
     * @throws IllegalArgumentException with a sentence to show when it is not one
     */
    public static DnsServer parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("A resolver is an address or host name, optionally with a port "
                    + "(10.0.0.2, 1.1.1.1:53, [2606:4700:4700::1111]:53, dns.contoso.com).");
        }
        String host = t;
        int port = DNS_PORT;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("\"" + t + "\" opens '[' for an IPv6 address but never closes it.");
            }
            host = t.substring(1, close);
            String rest = t.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("\"" + t + "\": after ']' only ':PORT' may follow.");
                }
                port = port(t, rest.substring(1));
            }
        } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
            host = t.substring(0, t.indexOf(':'));
            port = port(t, t.substring(t.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("\"" + t + "\" has a port but no resolver address.");
        }
        if (!host.contains(":") && !host.matches("[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("\"" + host + "\" is not an IP address or host name.");
        }
        try {
            InetAddress address = InetAddress.getByName(host);
            return new DnsServer(t, new InetSocketAddress(address, port));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("The resolver \"" + host + "\" is not an address and does not "
                    + "resolve to one.");
        }
    }

    private static int port(String whole, String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        throw new IllegalArgumentException("\"" + whole + "\": the port must be a number from 1 to 65535, not \""
                + text + "\".");
    }

    private static String display(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host.toLowerCase(Locale.ROOT) + "]";
        }
        return a.getPort() == DNS_PORT ? host : host + ":" + a.getPort();
    }

    @Override
    public String toString() {
        return label;
    }
}

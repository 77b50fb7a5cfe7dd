package com.securescore.dns;

import java.util.List;

/**
 * What one resolver said about the name, and how that compares with what was expected.
 *
 * @param resolver     who was asked
 * @param outcome      the verdict for this resolver
 * @param chain        the CNAME chain from the name to the name holding the addresses, first the
 *                     queried name itself; one element when there is no CNAME
 * @param addresses    the addresses at the end of the chain (A then AAAA), canonical text
 * @param ttlSeconds   the lowest TTL on the records that answered (how long a cache may keep this
 *                     answer), or -1 when nothing answered
 * @param negativeTtlSeconds for a name that does not exist or has no address: how long caches may
 *                     remember that (the zone's SOA minimum), or -1 when unknown
 * @param detail       one sentence on what went wrong talking to the resolver; empty when it answered
 */
public record ResolverAnswer(DnsServer resolver, Outcome outcome, List<String> chain, List<String> addresses,
                             long ttlSeconds, long negativeTtlSeconds, String detail) {
    public ResolverAnswer {
        chain = List.copyOf(chain);
        addresses = List.copyOf(addresses);
        detail = detail == null ? "" : detail;
    }

    /** The verdict for one resolver. */
    public enum Outcome {
        /** Resolves to the expected addresses, or is a CNAME of an expected host name. */
        MATCH,
        /** The name (or a name on its CNAME chain) does not exist. */
        NXDOMAIN,
        /** The name exists but has no A or AAAA record (NODATA). */
        NO_ADDRESS,
        /** It resolves to other addresses (or another host), perhaps besides the expected ones. */
        STALE_ADDRESS,
        /** It resolves to some of the expected addresses only, and nothing else. */
        ADDRESS_MISSING,
        /** The resolver did not answer in time, or nothing listens there. */
        TIMEOUT,
        /** The resolver answered with SERVFAIL, REFUSED or another error. */
        SERVER_FAILURE,
        /** The CNAME chain loops or is longer than any resolver follows. */
        CNAME_LOOP
    }

    public boolean matches() {
        return outcome == Outcome.MATCH;
    }

    /** The name that holds the addresses: the end of the CNAME chain. */
    public String finalName() {
        return chain.isEmpty() ? "" : chain.get(chain.size() - 1);
    }

    /** True when the name is an alias (a CNAME) of another name. */
    public boolean isAlias() {
        return chain.size() > 1;
    }
}

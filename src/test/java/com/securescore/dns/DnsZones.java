package com.securescore.dns;

import com.securescore.testsupport.KnotServer;
import java.util.Map;

/** The zones the DNS tests serve: every case written out, so each test documents itself. */
final class DnsZones {
    static final String SERVICE = "192.0.2.10";
    static final String SERVICE_V6 = "2001:db8::10";
    static final String OLD = "192.0.2.99";
    static final String LB = "192.0.2.50";

    private DnsZones() {
    }

    /** The zones as the DNS provider has them: right, wrong, chains, missing names, apex mistakes. */
    static Map<String, String> primary() {
        return KnotServer.zones(
                "contoso.test", KnotServer.zone("contoso.test", 1, 300,
                        "@ 3600 IN A " + SERVICE,          // the address on the apex instead of "scoring"
                        "right 60 IN A " + SERVICE,
                        "right 60 IN AAAA " + SERVICE_V6,
                        "wrong 3600 IN A " + OLD,            // an old address with a long TTL
                        "brief 5 IN A " + OLD,               // an old address with a short TTL
                        "extra 600 IN A " + SERVICE,
                        "extra 600 IN A " + OLD,
                        "alias 300 IN CNAME hop.contoso.test.",
                        "hop 120 IN CNAME lb.cloud.test.",
                        "dangling 300 IN CNAME gone.cloud.test.",
                        "loop1 300 IN CNAME loop2.contoso.test.",
                        "loop2 300 IN CNAME loop1.contoso.test.",
                        "textonly 300 IN TXT \"no address here\""),
                "fabrikam.test", KnotServer.zone("fabrikam.test", 1, 900,
                        "www 600 IN A " + SERVICE),          // on www instead of the name
                "cloud.test", KnotServer.zone("cloud.test", 1, 60,
                        "lb 120 IN A " + LB),
                // A two-label name holding a CNAME, as a zone apex would if a provider allowed it.
                "example", KnotServer.zone("example", 1, 60,
                        "shop 300 IN CNAME lb.cloud.test.",
                        "flat 300 IN A " + LB),
                "rollout.test", rollout(1, OLD));
    }

    /** Another resolver's view: the record changed there already or not yet. */
    static Map<String, String> secondary() {
        return KnotServer.zones("contoso.test", KnotServer.zone("contoso.test", 1, 300,
                "right 1800 IN A " + OLD));
    }

    /** A zone whose "scoring" record moves during a test. */
    static String rollout(long serial, String address) {
        return KnotServer.zone("rollout.test", serial, 60, "scoring 30 IN A " + address);
    }
}

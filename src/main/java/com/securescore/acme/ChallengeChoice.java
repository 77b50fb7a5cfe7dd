package com.securescore.acme;

import com.securescore.dns.DnsServer;
import java.time.Duration;
import java.util.List;

/** How the CA is shown control of the name. */
public sealed interface ChallengeChoice {
    /**
     * HTTP-01: SecureScore's own responder answers the CA on {@code port} (80, or where port 80 is forwarded).
     */
    record Http(int port) implements ChallengeChoice {
        public Http {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("The port must be a number from 1 to 65535, not " + port + ".");
            }
        }
    }

    /**
     * DNS-01, by hand: the user creates the TXT record shown; SecureScore checks it on {@code resolvers}
     * (the system's when empty) before asking the CA, checking again every {@code every} for up to
     * {@code waitFor} (zero: once).
     */
    record DnsManual(List<DnsServer> resolvers, Duration waitFor, Duration every) implements ChallengeChoice {
        public DnsManual {
            resolvers = List.copyOf(resolvers);
        }
    }
}

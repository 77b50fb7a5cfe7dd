package com.securescore.acme;

import com.securescore.dns.DnsServer;
import com.securescore.dns.TxtLookup;
import com.securescore.findings.FindingCode;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks that the DNS-01 TXT record is really there, on each resolver and with no cache, before the
 * CA is asked to look: a CA's failed validation is remembered (and counts against rate limits), a
 * check of our own is free.
 */
final class TxtWait {
    private static final Duration PER_QUERY = Duration.ofSeconds(3);

    private final Clock clock;

    TxtWait(Clock clock) {
        this.clock = clock;
    }

    void await(TxtRecord record, ChallengeChoice.DnsManual choice, Progress progress, Cancellation cancel)
            throws AcmeFailure {
        List<DnsServer> servers = choice.resolvers().isEmpty() ? DnsServer.system() : choice.resolvers();
        if (servers.isEmpty()) {
            throw new AcmeFailure(FindingCode.ACME_DNS_RECORD_NOT_SEEN, "This machine has no DNS resolver configured "
                    + "to check the TXT record with.", "Name a resolver to check with (e.g. the zone's name server).");
        }
        TxtLookup lookup = new TxtLookup(PER_QUERY);
        long end = clock.millis() + choice.waitFor().toMillis();
        while (true) {
            cancel.check();
            List<TxtLookup.Answer> answers = lookup.ask(record.name(), servers);
            List<TxtLookup.Answer> missing = answers.stream().filter(a -> !a.has(record.value())).toList();
            if (missing.isEmpty()) {
                progress.line("Challenge: the TXT record is there on " + servers.stream().map(DnsServer::label)
                        .collect(Collectors.joining(", ")) + ".");
                return;
            }
            if (clock.millis() >= end) {
                throw notSeen(record, missing);
            }
            progress.line("Challenge: the TXT record is not there yet on " + missing.stream()
                    .map(a -> a.resolver().label()).collect(Collectors.joining(", ")) + "; checking again in "
                    + choice.every().toSeconds() + " s.");
            cancel.sleep(Math.min(choice.every().toMillis(), Math.max(0, end - clock.millis())));
        }
    }

    private static AcmeFailure notSeen(TxtRecord record, List<TxtLookup.Answer> missing) {
        String each = missing.stream().map(a -> a.resolver().label() + ": " + (a.values().isEmpty() ? a.problem()
                : "other value(s) " + String.join(", ", a.values()))).collect(Collectors.joining("; "));
        return new AcmeFailure(FindingCode.ACME_DNS_RECORD_NOT_SEEN, "The TXT record " + record.name() + " with the "
                + "value " + record.value() + " is not there yet (" + each + "), so the certificate authority was "
                + "not asked to look.",
                "Create the TXT record exactly as shown in the zone of the name (in many DNS panels the name field "
                        + "is just _acme-challenge plus any subdomain), wait for it to reach the name servers, and "
                        + "try again.");
    }
}

package com.securescore.acme;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether a certificate is due for renewal: when less than a third of its lifetime remains (30 days
 * of Let's Encrypt's 90; certbot's rule too), or when there is no readable certificate at all.
 *
 * @param notAfter   when the current certificate expires; null when there is none
 * @param renewAfter from when it is due; null when there is none
 */
public record RenewalCheck(boolean due, Instant notAfter, Instant renewAfter) {
    /** The verdict for the certificate in {@code outDir}'s {@code fullchain.pem}. */
    public static RenewalCheck of(Path outDir, Clock clock) {
        return CertificateFiles.leaf(outDir).map(c -> of(c, clock)).orElse(new RenewalCheck(true, null, null));
    }

    static RenewalCheck of(X509Certificate leaf, Clock clock) {
        Instant from = leaf.getNotBefore().toInstant();
        Instant to = leaf.getNotAfter().toInstant();
        Instant renewAfter = to.minus(Duration.between(from, to).dividedBy(3));
        return new RenewalCheck(!clock.instant().isBefore(renewAfter), to, renewAfter);
    }
}

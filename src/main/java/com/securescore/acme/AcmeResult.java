package com.securescore.acme;

import com.securescore.cert.CheckReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A certificate that was issued and written, with the certificate checks' verdict on it.
 *
 * @param keptOld the user's earlier files, renamed rather than overwritten ({@code fullchain.pem.1}, ...)
 */
public record AcmeResult(Path fullchain, Path privkey, Path settings, List<Path> keptOld, Instant notAfter,
        CheckReport report) {
    public AcmeResult {
        keptOld = List.copyOf(keptOld);
    }
}

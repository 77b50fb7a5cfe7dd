package com.securescore.ui.certificate;

import java.time.Instant;
import java.util.List;

/**
 * What the chain picture shows of one certificate: enough to recognise it and see its validity,
 * nothing secret.
 *
 * @param role "Leaf", "Intermediate", "Root" or "Not on the path"
 */
public record ChainEntry(String role, String subject, String issuer, List<String> dnsNames, Instant notBefore,
                         Instant notAfter, String key) {
    public ChainEntry {
        dnsNames = List.copyOf(dnsNames);
    }
}

package com.securescore.testsupport;

import java.nio.file.Path;

/** Knot as the DNS and Pebble as the ACME CA using it, started together for a test class and stopped together. */
public record AcmeServers(KnotServer knot, Pebble pebble) implements AutoCloseable {
    /** Starts Knot serving {@code zone} for contoso.test, then Pebble resolving through it; state under {@code dir}. */
    public static AcmeServers start(Path dir, String zone) {
        KnotServer knot = KnotServer.start(dir.resolve("knot"), KnotServer.zones("contoso.test", zone));
        try {
            return new AcmeServers(knot, Pebble.start(dir.resolve("pebble"), Ports.unused(), knot.resolver()));
        } catch (RuntimeException e) {
            knot.close();
            throw e;
        }
    }

    @Override
    public void close() {
        pebble.close();
        knot.close();
    }
}

package com.securescore.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A real authoritative DNS server for tests: Knot DNS ({@code knotd}, Debian's {@code knot}) on a free
 * loopback port, serving zones the test writes, with its configuration, database and control socket
 * in a folder of the test's. Start it once per test class and close it in {@code @AfterAll}; a
 * shutdown hook stops it too if the JVM ends first.
 *
 * <p>Knot runs in the foreground, logs to stderr (kept in {@code knotd.log}, quoted in any failure)
 * and needs no root: without a {@code user:} setting it keeps the user it was started as, root
 * included. {@link #start} waits until it answers an SOA query for every zone, and fails at once
 * with its log when the process exits instead.
 */
public final class KnotServer implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofSeconds(15);

    private final Path dir;
    private final int port;
    private final ServerProcess server;

    private KnotServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.server = new ServerProcess(process, "knotd");
    }

    /**
     * Starts {@code knotd} serving {@code zones} (zone name → master-file text, $ORIGIN and SOA included).
     */
    public static KnotServer start(Path dir, Map<String, String> zones) {
        try {
            Files.createDirectories(dir);
            for (var zone : zones.entrySet()) {
                Files.writeString(dir.resolve(zone.getKey() + ".zone"), zone.getValue(), StandardCharsets.UTF_8);
            }
            // A port was free a moment ago; retry on the rare race with another process taking it.
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = Ports.unused();
                Files.writeString(dir.resolve("knot.conf"), config(dir, port, zones.keySet()));
                check(List.of("knotc", "-c", dir.resolve("knot.conf").toString(), "conf-check"), dir);
                Process p = new ProcessBuilder("knotd", "-c", dir.resolve("knot.conf").toString())
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("knotd.log").toFile())
                        .start();
                KnotServer server = new KnotServer(dir, port, p);
                try {
                    server.awaitAnswers(zones.keySet());
                    return server;
                } catch (IllegalStateException e) {
                    server.close();
                    last = e;
                    if (!server.log().contains("Address already in use")) {
                        throw e;
                    }
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start knotd (is Debian's knot package installed? "
                    + "tools/test.sh installs it)", e);
        }
    }

    private static String config(Path dir, int port, Iterable<String> zones) {
        StringBuilder b = new StringBuilder();
        b.append("server:\n")
                .append("  rundir: \"").append(dir).append("\"\n")
                .append("  listen: 127.0.0.1@").append(port).append('\n')
                .append("  background-workers: 1\n  udp-workers: 1\n  tcp-workers: 1\n")
                .append("log:\n  - target: stderr\n    any: info\n")
                .append("database:\n  storage: \"").append(dir).append("\"\n")
                .append("template:\n  - id: default\n    storage: \"").append(dir).append("\"\n")
                .append("    file: \"%s.zone\"\n")
                .append("zone:\n");
        for (String z : zones) {
            b.append("  - domain: ").append(z).append('\n');
        }
        return b.toString();
    }

    private void awaitAnswers(Iterable<String> zones) {
        long end = System.nanoTime() + START_LIMIT.toNanos();
        for (String zone : zones) {
            server.awaitReady("knotd", " for " + zone, () -> serial(zone) >= 0, end, START_LIMIT, this::log);
        }
    }

    /** The zone's SOA serial as the server answers it now, or -1 when it does not answer (yet). */
    public long serial(String zone) {
        try {
            SimpleResolver r = new SimpleResolver(address());
            r.setTimeout(Duration.ofMillis(200));
            Message m = r.send(Message.newQuery(Record.newRecord(Name.fromString(zone, Name.root), Type.SOA,
                    DClass.IN)));
            if (m.getRcode() != Rcode.NOERROR) {
                return -1;
            }
            return m.getSection(Section.ANSWER).stream().filter(x -> x instanceof SOARecord)
                    .mapToLong(x -> ((SOARecord) x).getSerial()).findFirst().orElse(-1);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Replaces a zone's content and waits until the server answers with it. The new text must carry
     * a higher SOA serial, as for any real zone change.
     */
    public void replaceZone(String zone, String text, long newSerial) {
        try {
            Files.writeString(dir.resolve(zone + ".zone"), text, StandardCharsets.UTF_8);
            check(List.of("knotc", "-c", dir.resolve("knot.conf").toString(), "-b", "zone-reload", zone), dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long end = System.nanoTime() + START_LIMIT.toNanos();
        while (serial(zone) != newSerial) {
            if (System.nanoTime() > end || !server.process().isAlive()) {
                throw new IllegalStateException("knotd did not load serial " + newSerial + " of " + zone + ":\n"
                        + log());
            }
            Thread.onSpinWait();
        }
    }

    private static void check(List<String> command, Path dir) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(15, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /** How a person (or {@code --resolver}) writes this server: {@code 127.0.0.1:PORT}. */
    public String resolver() {
        return "127.0.0.1:" + port;
    }

    /** What knotd has logged so far. */
    public String log() {
        try {
            return Files.readString(dir.resolve("knotd.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A master file: $ORIGIN, $TTL, SOA (serial, negative TTL), NS, then {@code records} lines. */
    public static String zone(String origin, long serial, long negativeTtl, String... records) {
        StringBuilder b = new StringBuilder()
                .append("$ORIGIN ").append(origin).append(".\n$TTL 3600\n")
                .append("@ IN SOA ns1.").append(origin).append(". hostmaster.").append(origin).append(". ")
                .append(serial).append(" 3600 600 86400 ").append(negativeTtl).append('\n')
                .append("@ IN NS ns1.").append(origin).append(".\n")
                .append("ns1 IN A 127.0.0.1\n");
        for (String r : records) {
            b.append(r).append('\n');
        }
        return b.toString();
    }

    /** Ordered zones for {@link #start}. */
    public static Map<String, String> zones(String... nameThenText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameThenText.length; i += 2) {
            m.put(nameThenText[i], nameThenText[i + 1]);
        }
        return m;
    }

    @Override
    public void close() {
        server.close();
    }
}

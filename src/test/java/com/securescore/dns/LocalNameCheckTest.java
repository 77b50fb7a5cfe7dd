package com.securescore.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.dns.ResolverAnswer.Outcome;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Local target's check: what this machine resolves, hosts file first (a file written here stands
 * in for /etc/hosts), then the system resolver (the real one, with names every machine answers alike).
 */
class LocalNameCheckTest {
    @TempDir
    Path dir;

    private LocalNameCheck withHosts(String... lines) throws Exception {
        Path file = dir.resolve("hosts");
        Files.write(file, List.of(lines));
        return new LocalNameCheck(new HostsFile(file));
    }

    private static DnsExpectation loopback() {
        return DnsExpectation.parse(LocalNameCheck.LOOPBACK);
    }

    @Test
    void theHostsFileLineTheChecklistSuggestsMakesTheCheckPassAndSaysWhereItCameFrom() throws Exception {
        LocalNameCheck check = withHosts("127.0.0.1 localhost", "127.0.0.1 scoring.contoso.test");

        DnsReport r = check.check("scoring.contoso.test", loopback());

        assertTrue(r.matches(), r.toString());
        assertEquals("scoring.contoso.test resolves to 127.0.0.1.", r.verdict());
        ResolverAnswer a = r.answers().get(0);
        assertEquals("this machine, from " + dir.resolve("hosts"), a.resolver().label());
        assertEquals(List.of("127.0.0.1"), a.addresses());
        assertTrue(r.findings().isEmpty());
    }

    @Test
    void aHostsFileLineToAnotherAddressIsNamedWithTheLineToWrite() throws Exception {
        LocalNameCheck check = withHosts("192.0.2.5 scoring.contoso.test");

        DnsReport r = check.check("scoring.contoso.test", loopback());

        assertFalse(r.matches());
        assertEquals(Outcome.STALE_ADDRESS, r.answers().get(0).outcome());
        Finding f = r.findings().get(0);
        assertEquals(FindingCode.DNS_STALE_ADDRESS, f.code());
        assertTrue(f.message().contains("resolves to 192.0.2.5 on this machine (from " + dir.resolve("hosts")
                + "), not to 127.0.0.1"), f.message());
        assertTrue(f.fix().contains("\"127.0.0.1 scoring.contoso.test\""), f.fix());
    }

    @Test
    void localhostComesFromTheSystemResolverAsALoopbackAddress() throws Exception {
        LocalNameCheck check = new LocalNameCheck(new HostsFile(dir.resolve("no-hosts-file")));

        DnsReport r = check.check("localhost", loopback());

        ResolverAnswer a = r.answers().get(0);
        assertEquals("this machine, from the system resolver", a.resolver().label());
        assertFalse(a.addresses().isEmpty());
        assertTrue(a.addresses().stream().allMatch(LocalNameCheck::loopback), a.addresses().toString());
        assertTrue(r.matches(), "127.0.0.1 (beside ::1, the same machine) is where localhost leads: " + r);
    }

    @Test
    void aNameNothingKnowsIsNotKnownHereWithTheHostsLineAsTheFix() throws Exception {
        LocalNameCheck check = withHosts("127.0.0.1 localhost");

        DnsReport r = check.check("nothing-here.securescore.invalid", loopback());

        assertFalse(r.matches());
        ResolverAnswer a = r.answers().get(0);
        assertEquals(Outcome.NXDOMAIN, a.outcome());
        assertEquals("this machine, from the system resolver", a.resolver().label());
        Finding f = r.findings().get(0);
        assertEquals(FindingCode.DNS_NXDOMAIN, f.code());
        assertEquals("nothing-here.securescore.invalid is not known on this machine: " + dir.resolve("hosts")
                + " does not name it, and the system resolver found no address for it.", f.message());
        assertEquals("Add the line \"127.0.0.1 nothing-here.securescore.invalid\" to " + dir.resolve("hosts")
                + " (as administrator; sudo), then check again. Other machines need a DNS record instead.", f.fix());
        assertEquals("nothing-here.securescore.invalid does not resolve to 127.0.0.1 yet.", r.verdict());
    }

    @Test
    void keepCheckingSeesTheLineAsSoonAsItIsSaved() throws Exception {
        Path file = dir.resolve("hosts");
        Files.write(file, List.of("127.0.0.1 localhost"));
        LocalNameCheck check = new LocalNameCheck(new HostsFile(file));
        List<DnsReport> rounds = new ArrayList<>();

        DnsReport last = check.waitFor("scoring.contoso.invalid", loopback(), Duration.ofSeconds(30),
                Duration.ofMillis(1), Progress.NONE, Cancellation.none(), r -> {
                    rounds.add(r);
                    if (rounds.size() == 1) {
                        // The person saves the suggested line after the first round says "not known".
                        writeQuietly(file, "127.0.0.1 localhost\n127.0.0.1 scoring.contoso.invalid\n");
                    }
                });

        assertEquals(2, rounds.size());
        assertEquals(Outcome.NXDOMAIN, rounds.get(0).answers().get(0).outcome());
        assertTrue(last.matches(), last.toString());
    }

    private static void writeQuietly(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

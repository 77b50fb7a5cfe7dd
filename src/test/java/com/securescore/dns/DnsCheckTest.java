package com.securescore.dns;

import static com.securescore.dns.DnsZones.LB;
import static com.securescore.dns.DnsZones.OLD;
import static com.securescore.dns.DnsZones.SERVICE;
import static com.securescore.dns.DnsZones.SERVICE_V6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.dns.ResolverAnswer.Outcome;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import com.securescore.testsupport.KnotServer;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.RecordedProgress;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live checks against real Knot DNS servers on loopback, with the mistakes people make in their zones. */
class DnsCheckTest {
    @TempDir
    static Path dir;

    static KnotServer primary;
    static KnotServer secondary;

    private final DnsCheck check = new DnsCheck(Duration.ofSeconds(2));

    @BeforeAll
    static void startServers() {
        primary = KnotServer.start(dir.resolve("primary"), DnsZones.primary());
        secondary = KnotServer.start(dir.resolve("secondary"), DnsZones.secondary());
    }

    @AfterAll
    static void stopServers() {
        if (primary != null) {
            primary.close();
        }
        if (secondary != null) {
            secondary.close();
        }
    }

    private static DnsServer server(KnotServer k) {
        return DnsServer.parse(k.resolver());
    }

    private DnsReport run(String name, String expect) {
        return check.check(name, DnsExpectation.parse(expect), List.of(server(primary)));
    }

    private static List<FindingCode> codes(DnsReport r) {
        return r.findings().stream().map(Finding::code).toList();
    }

    private static Finding finding(DnsReport r, FindingCode code) {
        return r.findings().stream().filter(f -> f.code() == code).findFirst()
                .orElseThrow(() -> new AssertionError("no " + code + " in " + r.findings()));
    }

    @Test
    void aNameWithTheExpectedAddressesMatchesWithItsTtl() {
        DnsReport r = run("right.contoso.test", SERVICE + "," + SERVICE_V6);
        assertTrue(r.matches(), r.toString());
        ResolverAnswer a = r.answers().get(0);
        assertEquals(List.of(SERVICE, SERVICE_V6), a.addresses());
        assertEquals(60, a.ttlSeconds());
        assertEquals(List.of("right.contoso.test"), a.chain());
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        assertTrue(r.verdict().contains("resolves to"), r.verdict());
    }

    @Test
    void anOldAddressIsStaleAndSaysHowLongCachesMayKeepIt() {
        DnsReport r = run("wrong.contoso.test", SERVICE);
        assertFalse(r.matches());
        assertEquals(Outcome.STALE_ADDRESS, r.answers().get(0).outcome());
        Finding f = finding(r, FindingCode.DNS_STALE_ADDRESS);
        assertTrue(f.message().contains(OLD) && f.message().contains("1 h") && f.message().contains("3600 s"),
                f.message());
        assertTrue(f.fix().contains(SERVICE), f.fix());
    }

    @Test
    void aShortTtlIsReportedAsShort() {
        Finding f = finding(run("brief.contoso.test", SERVICE), FindingCode.DNS_STALE_ADDRESS);
        assertTrue(f.message().contains("up to 5 s"), f.message());
    }

    @Test
    void anOldAddressBesideTheRightOneIsStaleToo() {
        DnsReport r = run("extra.contoso.test", SERVICE);
        assertEquals(Outcome.STALE_ADDRESS, r.answers().get(0).outcome());
    }

    @Test
    void onlySomeOfTheExpectedAddressesIsAMissingAddress() {
        DnsReport r = run("right.contoso.test", SERVICE + "," + SERVICE_V6 + ",192.0.2.11");
        assertEquals(Outcome.ADDRESS_MISSING, r.answers().get(0).outcome());
        assertTrue(finding(r, FindingCode.DNS_ADDRESS_MISSING).message().contains("192.0.2.11"));
    }

    @Test
    void aCnameChainIsFollowedAcrossZonesToTheLoadBalancer() {
        DnsReport r = run("alias.contoso.test", LB);
        assertTrue(r.matches(), r.toString());
        ResolverAnswer a = r.answers().get(0);
        assertEquals(List.of("alias.contoso.test", "hop.contoso.test", "lb.cloud.test"), a.chain());
        assertEquals(120, a.ttlSeconds(), "the lowest TTL on the chain");
    }

    @Test
    void aCnameOfTheExpectedHostNameMatches() {
        assertTrue(run("alias.contoso.test", "lb.cloud.test").matches());
        assertTrue(run("alias.contoso.test", "hop.contoso.test").matches());
    }

    @Test
    void aCnameToAnotherHostIsStale() {
        DnsReport r = run("alias.contoso.test", "other.cloud.test");
        assertEquals(Outcome.STALE_ADDRESS, r.answers().get(0).outcome());
        assertTrue(finding(r, FindingCode.DNS_STALE_ADDRESS).message().contains("→ lb.cloud.test"));
    }

    @Test
    void aFlattenedAliasGivingTheHostsAddressesMatchesTheHostName() {
        assertTrue(run("flat.example", "lb.cloud.test").matches());
    }

    @Test
    void aMissingNameIsNxdomainWithTheZonesNegativeTtl() {
        DnsReport r = run("nothing.fabrikam.test", SERVICE);
        assertEquals(Outcome.NXDOMAIN, r.answers().get(0).outcome());
        Finding f = finding(r, FindingCode.DNS_NXDOMAIN);
        assertTrue(f.message().contains("15 min"), f.message());
    }

    @Test
    void aCnameToANameThatDoesNotExistSaysWhichName() {
        DnsReport r = run("dangling.contoso.test", LB);
        assertEquals(Outcome.NXDOMAIN, r.answers().get(0).outcome());
        assertTrue(finding(r, FindingCode.DNS_NXDOMAIN).message().contains("gone.cloud.test"));
    }

    @Test
    void aNameWithoutAddressRecordsIsNoAddress() {
        DnsReport r = run("textonly.contoso.test", SERVICE);
        assertEquals(Outcome.NO_ADDRESS, r.answers().get(0).outcome());
        assertTrue(codes(r).contains(FindingCode.DNS_NO_ADDRESS));
    }

    @Test
    void aCnameLoopIsReportedNotFollowedForever() {
        DnsReport r = run("loop1.contoso.test", SERVICE);
        assertEquals(Outcome.CNAME_LOOP, r.answers().get(0).outcome());
        assertTrue(codes(r).contains(FindingCode.DNS_CNAME_LOOP));
    }

    @Test
    void theAddressOnTheApexInsteadOfTheNameIsNamed() {
        DnsReport r = run("scoring.contoso.test", SERVICE);
        assertEquals(List.of(FindingCode.DNS_NXDOMAIN, FindingCode.DNS_RECORD_ON_APEX), codes(r));
        Finding f = finding(r, FindingCode.DNS_RECORD_ON_APEX);
        assertTrue(f.message().contains("on contoso.test, not on scoring.contoso.test"), f.message());
        assertTrue(f.fix().contains("\"scoring\""), f.fix());
    }

    @Test
    void theAddressOnWwwInsteadOfTheNameIsNamed() {
        Finding f = finding(run("api.fabrikam.test", SERVICE), FindingCode.DNS_RECORD_ON_APEX);
        assertTrue(f.message().contains("on www.fabrikam.test"), f.message());
    }

    @Test
    void aCnameAtATwoLabelNameIsFlaggedAsACnameAtTheApex() {
        DnsReport r = run("shop.example", LB);
        assertTrue(r.matches(), "it resolves, through a CNAME a real apex could not hold");
        Finding f = finding(r, FindingCode.DNS_CNAME_AT_APEX);
        assertTrue(f.fix().contains("ALIAS"), f.fix());
    }

    @Test
    void aMissingApexNameExpectedToBeACnameIsToldToUseAnAliasInstead() {
        DnsReport r = run("missing.example", "lb.cloud.test");
        assertEquals(List.of(FindingCode.DNS_NXDOMAIN, FindingCode.DNS_CNAME_AT_APEX), codes(r));
    }

    @Test
    void aNameBelowTheApexIsNeverTakenForOne() {
        assertFalse(codes(run("alias.contoso.test", "other.cloud.test")).contains(FindingCode.DNS_CNAME_AT_APEX));
    }

    @Test
    void aNameThatMatchesOnOneResolverOnlyIsPartial() {
        DnsReport r = check.check("right.contoso.test", DnsExpectation.parse(SERVICE + "," + SERVICE_V6),
                List.of(server(primary), server(secondary)));
        assertFalse(r.matches());
        assertEquals(Outcome.MATCH, r.answers().get(0).outcome());
        assertEquals(Outcome.STALE_ADDRESS, r.answers().get(1).outcome());
        assertEquals(1800, r.answers().get(1).ttlSeconds());
        assertEquals(List.of(FindingCode.DNS_PARTIAL, FindingCode.DNS_STALE_ADDRESS), codes(r));
        assertTrue(finding(r, FindingCode.DNS_PARTIAL).message().contains(secondary.resolver()));
        assertTrue(r.verdict().contains("1 of 2"), r.verdict());
    }

    @Test
    void aResolverThatNeverAnswersTimesOutAndTheOtherStillCounts() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            DnsServer mute = DnsServer.parse("127.0.0.1:" + silent.getLocalPort());
            DnsReport r = new DnsCheck(Duration.ofMillis(300)).check("right.contoso.test",
                    DnsExpectation.parse(SERVICE + "," + SERVICE_V6), List.of(server(primary), mute));
            assertEquals(Outcome.TIMEOUT, r.answers().get(1).outcome());
            assertEquals(List.of(FindingCode.DNS_PARTIAL, FindingCode.DNS_TIMEOUT), codes(r));
            assertTrue(finding(r, FindingCode.DNS_TIMEOUT).message().contains("300 ms"), r.findings().toString());
        }
    }

    @Test
    void aPortNobodyListensOnDoesNotAnswer() {
        DnsServer nobody = DnsServer.parse("127.0.0.1:" + Ports.unused());
        DnsReport r = new DnsCheck(Duration.ofMillis(500)).check("right.contoso.test",
                DnsExpectation.parse(SERVICE), List.of(nobody));
        assertEquals(Outcome.TIMEOUT, r.answers().get(0).outcome());
        assertEquals(List.of(FindingCode.DNS_TIMEOUT), codes(r));
    }

    @Test
    void aZoneTheServerDoesNotServeIsAServerFailure() {
        DnsReport r = run("scoring.unknown.test", SERVICE);
        assertEquals(Outcome.SERVER_FAILURE, r.answers().get(0).outcome());
        assertTrue(finding(r, FindingCode.DNS_SERVER_FAILURE).message().contains("REFUSED"));
    }

    @Test
    void waitingEndsAtTheFirstCheckThatMatches() {
        List<DnsReport> rounds = new ArrayList<>();
        RecordedProgress progress = new RecordedProgress();
        List<String> stages = progress.stages;
        DnsReport last = check.waitFor("scoring.rollout.test", DnsExpectation.parse(SERVICE),
                List.of(server(primary)), Duration.ofSeconds(30), Duration.ofMillis(50), progress,
                Cancellation.none(), report -> {
                    rounds.add(report);
                    if (rounds.size() == 1) {
                        // The record is changed at the DNS provider between the first and second check.
                        primary.replaceZone("rollout.test", DnsZones.rollout(2, SERVICE), 2);
                    }
                });
        assertTrue(last.matches(), last.toString());
        assertEquals(2, rounds.size());
        assertFalse(rounds.get(0).matches());
        assertTrue(stages.get(0).startsWith("Check 1,") && stages.get(0).endsWith("left"), stages.toString());
        assertTrue(stages.stream().anyMatch(s -> s.startsWith("Check 2,")), stages.toString());
    }

    @Test
    void waitingStopsAtTheDeadlineWithTheLastAnswer() {
        List<DnsReport> rounds = new ArrayList<>();
        long start = System.nanoTime();
        DnsReport last = check.waitFor("wrong.contoso.test", DnsExpectation.parse(SERVICE), List.of(server(primary)),
                Duration.ofMillis(300), Duration.ofMillis(100), Progress.NONE, Cancellation.none(), rounds::add);
        assertFalse(last.matches());
        assertTrue(rounds.size() >= 2, "checked again before giving up: " + rounds.size());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5000);
    }

    @Test
    void cancellingEndsTheWaitAtOnce() {
        Cancellation cancel = new Cancellation();
        long start = System.nanoTime();
        assertThrows(CancellationException.class, () -> check.waitFor("wrong.contoso.test",
                DnsExpectation.parse(SERVICE), List.of(server(primary)), Duration.ofHours(1), Duration.ofMinutes(10),
                Progress.NONE, cancel, report -> cancel.cancel()));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5, "did not wait for the interval");
    }

    @Test
    void resolverAddressesAreReadWithPortsAndIpv6Brackets() {
        assertEquals(53, DnsServer.parse("10.0.0.2").address().getPort());
        assertEquals(5353, DnsServer.parse("127.0.0.1:5353").address().getPort());
        assertEquals(5300, DnsServer.parse("[::1]:5300").address().getPort());
        assertEquals(53, DnsServer.parse("::1").address().getPort());
        assertThrows(IllegalArgumentException.class, () -> DnsServer.parse("127.0.0.1:99999"));
        assertThrows(IllegalArgumentException.class, () -> DnsServer.parse("127.0.0.1:x"));
        assertThrows(IllegalArgumentException.class, () -> DnsServer.parse("bad host!"));
        assertThrows(IllegalArgumentException.class, () -> DnsServer.parse(""));
    }

    @Test
    void expectedValuesAreAddressesOrHostNames() {
        DnsExpectation e = DnsExpectation.parse("20.50.1.10, 2001:0db8:0:0:0:0:0:10,lb.Cloud.test.");
        assertEquals(Set.of("20.50.1.10", "2001:db8::10"), e.addresses());
        assertEquals(Set.of("lb.cloud.test"), e.hostnames());
        assertThrows(IllegalArgumentException.class, () -> DnsExpectation.parse("300.1.2.3"));
        assertThrows(IllegalArgumentException.class, () -> DnsExpectation.parse("not a name!"));
        assertThrows(IllegalArgumentException.class, () -> DnsExpectation.parse(" "));
    }
}

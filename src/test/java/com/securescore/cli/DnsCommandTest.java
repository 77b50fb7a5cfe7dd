package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.testsupport.KnotServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code securescore dns} against a real Knot server: exit codes, text and JSON as support staff read them. */
class DnsCommandTest extends CliRunner {
    @TempDir
    static Path dir;

    static KnotServer knot;

    @BeforeAll
    static void startKnot() {
        knot = KnotServer.start(dir.resolve("knot"), KnotServer.zones(
                "contoso.test", KnotServer.zone("contoso.test", 1, 300,
                        "@ 3600 IN A 192.0.2.10",
                        "right 60 IN A 192.0.2.10",
                        "wrong 3600 IN A 192.0.2.99",
                        "alias 300 IN CNAME lb.contoso.test.",
                        "lb 120 IN A 192.0.2.50")));
    }

    @AfterAll
    static void stopKnot() {
        if (knot != null) {
            knot.close();
        }
    }

    @Test
    void aNameAtTheExpectedAddressExitsZeroAndShowsTheAnswer() {
        assertEquals(0, run("dns", "--domain", "right.contoso.test", "--expect", "192.0.2.10",
                "--resolver", knot.resolver()), err.toString());
        String text = out.toString();
        assertTrue(text.contains("resolver " + knot.resolver() + ": as expected"), text);
        assertTrue(text.contains("addresses: 192.0.2.10  (TTL 60 s)"), text);
        assertTrue(text.contains("ok: right.contoso.test resolves to 192.0.2.10"), text);
    }

    @Test
    void aStaleAddressExitsOneWithTheFindingItsTtlAndFix() {
        assertEquals(1, run("dns", "--domain", "wrong.contoso.test", "--expect", "192.0.2.10",
                "--resolver", knot.resolver()));
        String text = out.toString();
        assertTrue(text.contains("resolves elsewhere"), text);
        assertTrue(text.contains("DNS_STALE_ADDRESS (error)") && text.contains("up to 1 h"), text);
        assertTrue(text.contains("fix: Change the record to 192.0.2.10"), text);
    }

    @Test
    void theCnameChainIsShownAndAHostNameCanBeExpected() {
        assertEquals(0, run("dns", "--domain", "alias.contoso.test", "--expect", "lb.contoso.test",
                "--resolver", knot.resolver()));
        assertTrue(out.toString().contains("CNAME chain: alias.contoso.test -> lb.contoso.test"), out.toString());
    }

    @Test
    void jsonHasEachResolversAnswerAndTheFindingCodes() throws Exception {
        assertEquals(1, run("dns", "--json", "--domain", "scoring.contoso.test", "--expect", "192.0.2.10",
                "--resolver", knot.resolver()));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertFalse(doc.get("matches").asBoolean());
        JsonNode r = doc.get("resolvers").get(0);
        assertEquals("NXDOMAIN", r.get("outcome").asText());
        assertEquals(300, r.get("negativeTtl").asInt());
        assertEquals("192.0.2.10", doc.get("expected").get("addresses").get(0).asText());
        assertEquals("DNS_NXDOMAIN", doc.get("findings").get(0).get("code").asText());
        assertEquals("DNS_RECORD_ON_APEX", doc.get("findings").get(1).get("code").asText());
    }

    @Test
    void waitingGivesUpAtTheDeadlineWithProgressOnStandardError() {
        assertEquals(1, run("dns", "--domain", "wrong.contoso.test", "--expect", "192.0.2.10",
                "--resolver", knot.resolver(), "--wait", "300ms", "--every", "100ms"));
        assertTrue(err.toString().contains("Check 1:") && err.toString().contains("Stopped waiting after 300 ms"),
                err.toString());
        assertTrue(out.toString().contains("DNS_STALE_ADDRESS"), out.toString());
    }

    @Test
    void waitingOnANameThatAlreadyMatchesReturnsAtOnce() {
        assertEquals(0, run("dns", "--domain", "right.contoso.test", "--expect", "192.0.2.10",
                "--resolver", knot.resolver(), "--wait", "1h"));
        assertTrue(err.toString().contains("Check 1: right.contoso.test resolves to 192.0.2.10"), err.toString());
    }

    @Test
    void aBadDurationIsAUsageError() {
        assertEquals(2, run("dns", "--domain", "right.contoso.test", "--expect", "192.0.2.10", "--wait", "soon"));
        assertTrue(err.toString().contains("--wait") && err.toString().contains("30s, 5m or 1h"), err.toString());
    }

    @Test
    void aBadAddressIsAUsageError() {
        assertEquals(2, run("dns", "--domain", "right.contoso.test", "--expect", "192.0.2.300",
                "--resolver", knot.resolver()));
        assertTrue(err.toString().contains("--expect") && err.toString().contains("not a valid IPv4"),
                err.toString());
    }

    @Test
    void aBadResolverIsAUsageError() {
        assertEquals(2, run("dns", "--domain", "right.contoso.test", "--expect", "192.0.2.10",
                "--resolver", "127.0.0.1:70000"));
        assertTrue(err.toString().contains("--resolver") && err.toString().contains("1 to 65535"), err.toString());
    }

    @Test
    void anInvalidDomainIsAUsageError() {
        assertEquals(2, run("dns", "--domain", "*.contoso.test", "--expect", "192.0.2.10"));
        assertTrue(err.toString().contains("--domain"), err.toString());
    }

    @Test
    void expectIsRequiredUnlessTheSystemResolverIsAsked() {
        assertEquals(2, run("dns", "--domain", "right.contoso.test"));
        assertTrue(err.toString().contains("--expect") && err.toString().contains("--system-resolver"),
                err.toString());
    }

    @Test
    void theSystemResolverFindsLocalhostOnTheLoopbackAddressByDefault() {
        assertEquals(0, run("dns", "--domain", "localhost", "--system-resolver"), err.toString());
        assertTrue(out.toString().startsWith("resolver this machine, from "), out.toString());
        assertTrue(out.toString().contains("ok: localhost resolves to 127.0.0.1."), out.toString());
        assertFalse(out.toString().contains("TTL"), "the system resolver gives no TTL: " + out);
    }

    @Test
    void theSystemResolverInJsonSaysANameNothingKnowsIsNotKnownHere() throws Exception {
        assertEquals(1, run("dns", "--json", "--domain", "nothing-here.securescore.invalid", "--system-resolver"));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertFalse(doc.get("matches").asBoolean());
        JsonNode r = doc.get("resolvers").get(0);
        assertEquals("this machine, from the system resolver", r.get("resolver").asText());
        assertEquals("NXDOMAIN", r.get("outcome").asText());
        assertEquals("127.0.0.1", doc.get("expected").get("addresses").get(0).asText());
        JsonNode f = doc.get("findings").get(0);
        assertEquals("DNS_NXDOMAIN", f.get("code").asText());
        assertTrue(f.get("message").asText().startsWith("nothing-here.securescore.invalid is not known on this "
                + "machine: /etc/hosts does not name it"), f.toString());
        assertTrue(f.get("fix").asText().contains("\"127.0.0.1 nothing-here.securescore.invalid\""), f.toString());
    }

    @Test
    void theSystemResolverAndNamedResolversAreOneOrTheOther() {
        assertEquals(2, run("dns", "--domain", "localhost", "--system-resolver", "--resolver", knot.resolver()));
        assertTrue(err.toString().contains("Give one of them"), err.toString());
    }
}

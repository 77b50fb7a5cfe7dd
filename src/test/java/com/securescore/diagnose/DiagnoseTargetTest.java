package com.securescore.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.service.AuthKeys;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What `diagnose` and the Diagnose window accept as the endpoint to diagnose, and how they refuse the rest. */
class DiagnoseTargetTest {
    @TempDir
    Path dir;

    private static DiagnoseTarget.Given given(String domain, String connectTo, List<Path> trust, Path keyFile)
            throws DiagnoseTarget.Problem {
        return new DiagnoseTarget.Given(DiagnoseTarget.hostPort("scoring.contoso.test:8443"), domain, connectTo,
                trust, keyFile, true, "svc", List.of());
    }

    @Test
    void hostAloneIsPort50051AndSpacesAroundAreIgnored() throws Exception {
        assertEquals(new DiagnoseTarget.HostPort("scoring.contoso.test", 50051),
                DiagnoseTarget.hostPort(" scoring.contoso.test "));
        assertEquals(new DiagnoseTarget.HostPort("scoring.contoso.test", 443),
                DiagnoseTarget.hostPort("scoring.contoso.test: 443"));
        assertEquals(new DiagnoseTarget.HostPort("::1", 50051), DiagnoseTarget.hostPort("::1"),
                "an IPv6 address has more than one colon: no port is read from it");
    }

    @Test
    void aPortThatIsNoPortOrAMissingHostIsRefusedWithTheFormToUse() {
        for (String bad : List.of("scoring.contoso.test:99999", "scoring.contoso.test:0", "scoring.contoso.test:x",
                "scoring.contoso.test:")) {
            DiagnoseTarget.Problem p = assertThrows(DiagnoseTarget.Problem.class, () -> DiagnoseTarget.hostPort(bad));
            assertEquals(DiagnoseTarget.Input.ENDPOINT, p.input());
            assertTrue(p.getMessage().contains("\"" + bad + "\" has no valid port") && p.getMessage()
                    .contains("1 to 65535"), p.getMessage());
        }
        for (String noHost : List.of(":8443", "", "   ")) {
            DiagnoseTarget.Problem p = assertThrows(DiagnoseTarget.Problem.class,
                    () -> DiagnoseTarget.hostPort(noHost));
            assertTrue(p.getMessage().startsWith("Give the endpoint as HOST or HOST:PORT"), p.getMessage());
        }
    }

    @Test
    void theRequestResolvesTheAddressReadsTheKeyAndChecksTheNameAsTheHostByDefault() throws Exception {
        Path keys = dir.resolve("keys.json");
        AuthKeys written = AuthKeys.open(keys).keys();
        Path trust = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");
        EndpointDiagnosis.Request r = DiagnoseTarget.request(given(" ", "127.0.0.1", List.of(trust), keys));
        assertEquals("scoring.contoso.test", r.domain());
        assertEquals(8443, r.port());
        assertEquals(InetAddress.getByName("127.0.0.1"), r.connectTo().orElseThrow());
        assertEquals(List.of(trust), r.trust());
        assertEquals(written.primary(), r.key().orElseThrow().value());
        assertTrue(r.key().orElseThrow().bearer());
        assertEquals("svc", r.key().orElseThrow().route());
        assertEquals("other.contoso.test", DiagnoseTarget.request(given("other.contoso.test", null, List.of(), null))
                .domain());
    }

    @Test
    void eachInputThatCannotBeUsedIsNamedWithoutQuotingAKey() throws Exception {
        DiagnoseTarget.Problem address = assertThrows(DiagnoseTarget.Problem.class,
                () -> DiagnoseTarget.request(given(null, "nonexistent.invalid", List.of(), null)));
        assertEquals(DiagnoseTarget.Input.CONNECT_TO, address.input());
        assertEquals("nonexistent.invalid is not an address that resolves.", address.getMessage());

        Path folder = Files.createDirectory(dir.resolve("roots"));
        DiagnoseTarget.Problem trust = assertThrows(DiagnoseTarget.Problem.class,
                () -> DiagnoseTarget.request(given(null, null, List.of(folder), null)));
        assertEquals(DiagnoseTarget.Input.TRUST, trust.input());
        assertEquals(folder + " is not a file.", trust.getMessage());

        Path noPrimary = Files.writeString(dir.resolve("keys.json"), "{\"secondary\": \"k2-secret-value\"}");
        DiagnoseTarget.Problem noKey = assertThrows(DiagnoseTarget.Problem.class,
                () -> DiagnoseTarget.request(given(null, null, List.of(), noPrimary)));
        assertEquals(DiagnoseTarget.Input.KEY_FILE, noKey.input());
        assertEquals(noPrimary + " holds no key (a keys file needs a \"primary\" key).", noKey.getMessage());

        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"primary\": \"k1-secret-value\", 5}");
        DiagnoseTarget.Problem unreadable = assertThrows(DiagnoseTarget.Problem.class,
                () -> DiagnoseTarget.request(given(null, null, List.of(), broken)));
        assertTrue(unreadable.getMessage().startsWith("could not read a key from " + broken), unreadable.getMessage());
        assertFalse(unreadable.getMessage().contains("secret-value"), "the file's content is never quoted");
    }
}

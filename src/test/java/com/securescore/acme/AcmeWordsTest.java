package com.securescore.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateExporter;
import com.securescore.findings.FindingCode;
import com.securescore.testsupport.TestPki;
import java.net.BindException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.toolbox.JSON;

/** What a person reads for CA answers a test server cannot be made to give, and the small rules around them. */
class AcmeWordsTest {
    @TempDir
    Path dir;

    static Problem problem(String type, String detail) throws Exception {
        return new Problem(JSON.parse("{\"type\":\"urn:ietf:params:acme:error:" + type + "\",\"detail\":\""
                + detail + "\",\"status\":429}"), new URL("https://acme.contoso.test/order"));
    }

    @Test
    void aRateLimitSaysWhenToTryAgainAndWhereTheLimitsAreExplained() throws Exception {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        AcmeRateLimitedException e = new AcmeRateLimitedException(problem("rateLimited",
                "too many certificates (5) already issued for this exact set of identifiers in the last 168h0m0s"),
                now.plus(3, ChronoUnit.HOURS), List.of(new URL("https://letsencrypt.org/docs/rate-limits/")));
        AcmeFailure f = AcmeErrors.of(e, URI.create("https://acme.contoso.test/dir"), Clock.fixed(now,
                ZoneOffset.UTC));
        assertEquals(FindingCode.ACME_RATE_LIMITED, f.code());
        assertEquals("The certificate authority refused the order: too many requests (its rate limit). The CA said: "
                + "too many certificates (5) already issued for this exact set of identifiers in the last 168h0m0s. "
                + "Try again after 2026-12-01T13:00:00Z (in 3 h). The CA explains its limits at "
                + "https://letsencrypt.org/docs/rate-limits/.", f.getMessage());
        assertTrue(f.fix().contains("Let's Encrypt's staging directory"), f.fix());
    }

    @Test
    void aDnsProblemOnHttp01MeansTheNamePointsNowhereReachable() throws Exception {
        AcmeFailure f = AcmeErrors.challengeFailed("scoring.contoso.com", problem("dns",
                "DNS problem: NXDOMAIN looking up A for scoring.contoso.com"), true, 80);
        assertEquals(FindingCode.ACME_CHALLENGE_FAILED, f.code());
        assertTrue(f.getMessage().contains("The CA said: DNS problem: NXDOMAIN looking up A for scoring.contoso.com. "
                + "The name does not resolve to an address the CA can reach: no A/AAAA record, or the wrong "
                + "address."), f.getMessage());
        assertTrue(f.fix().startsWith("Point scoring.contoso.com at this machine's public address"), f.fix());
    }

    @Test
    void portsBelow1024WithoutTheRightAreToldApartFromAPortInUse() {
        AcmeFailure denied = Http01Responder.bindFailure(80, new BindException("Permission denied"));
        assertEquals(FindingCode.ACME_HTTP_PORT_DENIED, denied.code());
        assertEquals("The challenge responder may not listen on port 80: ports below 1024 need administrator rights "
                + "on this system.", denied.getMessage());
        AcmeFailure inUse = Http01Responder.bindFailure(8080, new BindException("Address already in use"));
        assertEquals(FindingCode.ACME_HTTP_PORT_IN_USE, inUse.code());
    }

    @Test
    void renewalIsDueWhenLessThanAThirdOfTheLifetimeRemains() {
        Instant from = Instant.parse("2026-01-01T00:00:00Z");
        TestPki.Issued ca = TestPki.rootCa("Renewal CA");
        var leaf = TestPki.leaf(ca).dns("scoring.contoso.test").validity(from, from.plus(90, ChronoUnit.DAYS))
                .issue().certificate();
        RenewalCheck early = RenewalCheck.of(leaf, Clock.fixed(from.plus(59, ChronoUnit.DAYS), ZoneOffset.UTC));
        assertFalse(early.due());
        assertEquals(from.plus(60, ChronoUnit.DAYS), early.renewAfter());
        assertTrue(RenewalCheck.of(leaf, Clock.fixed(from.plus(60, ChronoUnit.DAYS), ZoneOffset.UTC)).due());
        assertTrue(RenewalCheck.of(dir, Clock.systemUTC()).due(), "no certificate at all: due");
    }

    @Test
    void directoriesByNameOrHttpsUrl() {
        assertEquals("https://acme-v02.api.letsencrypt.org/directory",
                AcmeDirectories.resolve("letsencrypt").toString());
        assertTrue(AcmeDirectories.isStaging(AcmeDirectories.resolve("LetsEncrypt-Staging")));
        assertEquals("https://ca.contoso.test/acme/directory",
                AcmeDirectories.resolve("https://ca.contoso.test/acme/directory").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AcmeDirectories.resolve("http://ca.contoso.test/directory"));
        assertTrue(e.getMessage().startsWith("\"http://ca.contoso.test/directory\" is not a certificate authority's "
                + "ACME directory"), e.getMessage());
    }

    @Test
    void theOwnAccountKeyIsMadeOnceOwnerOnlyAndAnImportedOneIsRead() throws Exception {
        Path file = dir.resolve("config").resolve("acme").resolve("account-key.pem");
        KeyPair made = AccountKeys.loadOrCreate(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(made.getPublic(), AccountKeys.loadOrCreate(file).getPublic(), "made once, then reused");

        KeyPair rsa = TestPki.rsaKey(2048);
        Path imported = dir.resolve("certbot-account.pem");
        Files.writeString(imported, CertificateExporter.privateKeyPem(rsa.getPrivate()));
        assertEquals(rsa.getPublic(), AccountKeys.read(imported).getPublic());

        AcmeFailure missing = assertThrows(AcmeFailure.class, () -> AccountKeys.read(dir.resolve("nope.pem")));
        assertEquals(FindingCode.ACME_ACCOUNT_KEY_UNREADABLE, missing.code());
        assertTrue(missing.getMessage().endsWith("could not be read: there is no such file."), missing.getMessage());
    }

    @Test
    void keyTypesByTheirCliWords() {
        assertEquals(KeyType.EC, KeyType.parse("ec"));
        assertEquals(KeyType.RSA3072, KeyType.parse("RSA3072"));
        assertEquals("EC", KeyType.EC.generate().getPublic().getAlgorithm());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyType.parse("dsa"));
        assertEquals("\"dsa\" is not a key type: use ec, rsa2048 or rsa3072.", e.getMessage());
    }
}

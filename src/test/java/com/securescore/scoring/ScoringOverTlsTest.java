package com.securescore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateService;
import com.securescore.cert.Source;
import com.securescore.findings.FindingCode;
import com.securescore.service.AuthKeys;
import com.securescore.service.BatchingClassifier;
import com.securescore.service.DemoClassifier;
import com.securescore.service.ScoringServer;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.TestPki;
import java.awt.Color;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real service and the real client over real TLS on loopback, with certificates made here. */
class ScoringOverTlsTest {
    static final String HOST = LocalService.HOST;
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    static Path dir;

    static LocalService service;
    static AuthKeys keys;
    static Path ca;

    @BeforeAll
    static void start() throws Exception {
        service = LocalService.start(dir, 256 * 1024);
        keys = service.keys();
        ca = service.ca();
    }

    @AfterAll
    static void stop() throws Exception {
        service.close();
    }

    static byte[] png(Color color, int size) {
        return LocalService.png(color, size);
    }

    private ScoringClient client(ScoringChannel ch, String key, boolean bearer) {
        return new ScoringClient(ch, new ScoringClient.Auth(key, bearer, bearer ? "scoring" : null), Labels.demo(),
                millis -> { }, 3);
    }

    private ScoringChannel channel() throws Exception {
        return ScoringChannel.tls(HOST, service.port(), ca, LOOPBACK);
    }

    @Test
    void scoresABatchWithThePrimaryKeyAndNamesTheColours() throws Exception {
        try (ScoringChannel ch = channel()) {
            List<ScoringClient.ImageScore> r = client(ch, keys.primary(), false).score(
                    List.of(png(Color.RED, 64), png(Color.BLUE, 64), png(Color.WHITE, 32)), Duration.ofSeconds(10), 5);
            assertEquals(3, r.size());
            assertEquals("mostly red", r.get(0).top().get(0).label());
            assertEquals("mostly blue", r.get(1).top().get(0).label());
            assertEquals(5, r.get(2).top().size());
            assertTrue(r.get(0).labelsSource().startsWith(Labels.DEMO_MARK)
                    && r.get(0).labelsSource().contains("not a real classifier"), r.get(0).labelsSource());
            float sum = 0;
            for (var s : r.get(0).top()) {
                sum += s.score();
            }
            assertTrue(sum > 0.5f && sum <= 1.0001f, "probabilities: " + sum);
        }
    }

    @Test
    void acceptsTheBearerFormAndTheSecondaryKey() throws Exception {
        try (ScoringChannel ch = channel()) {
            assertEquals(1, client(ch, keys.secondary(), true).score(List.of(png(Color.GREEN, 16)),
                    Duration.ofSeconds(10), 3).size());
        }
    }

    @Test
    void missingAndWrongKeysAreRefusedWithTheReasonAndNotRetried() throws Exception {
        AtomicInteger pauses = new AtomicInteger();
        try (ScoringChannel ch = channel()) {
            ScoringClient noKey = new ScoringClient(ch, ScoringClient.Auth.none(), Labels.demo(),
                    millis -> pauses.incrementAndGet(), 3);
            ScoringException none = assertThrows(ScoringException.class,
                    () -> noKey.score(List.of(png(Color.RED, 8)), Duration.ofSeconds(10), 1));
            assertEquals("AUTH_REJECTED", none.code());
            assertTrue(none.getMessage().contains("no key"), none.getMessage());
            ScoringException wrong = assertThrows(ScoringException.class, () -> client(ch, "not-the-key-at-all-123",
                    false).score(List.of(png(Color.RED, 8)), Duration.ofSeconds(10), 1));
            assertTrue(wrong.getMessage().contains("wrong key"), wrong.getMessage());
            assertEquals(0, pauses.get(), "UNAUTHENTICATED is never retried");
        }
    }

    @Test
    void secondaryKeepsWorkingWhilePrimaryIsRotatedOnTheRunningService() throws Exception {
        AuthKeys sameFile = AuthKeys.open(keys.file()).keys();
        String oldPrimary = sameFile.primary();
        String secondary = sameFile.secondary();
        String newPrimary = sameFile.regenerate(AuthKeys.Which.PRIMARY);
        try (ScoringChannel ch = channel()) {
            assertEquals(1, client(ch, secondary, false).score(List.of(png(Color.RED, 8)), Duration.ofSeconds(10), 1)
                    .size());
            assertEquals(1, client(ch, newPrimary, false).score(List.of(png(Color.RED, 8)), Duration.ofSeconds(10), 1)
                    .size());
            ScoringException old = assertThrows(ScoringException.class, () -> client(ch, oldPrimary, false)
                    .score(List.of(png(Color.RED, 8)), Duration.ofSeconds(10), 1));
            assertEquals("AUTH_REJECTED", old.code());
        }
    }

    @Test
    void badImageIsNamedByIndexAndOversizedRequestStatesTheLimit() throws Exception {
        try (ScoringChannel ch = channel()) {
            ScoringClient c = client(ch, keys.primary(), false);
            ScoringException bad = assertThrows(ScoringException.class, () -> c.score(
                    List.of(png(Color.RED, 8), "not an image".getBytes()), Duration.ofSeconds(10), 1));
            assertEquals("INVALID_ARGUMENT", bad.code());
            assertTrue(bad.getMessage().contains("image 1"), bad.getMessage());
            ScoringException big = assertThrows(ScoringException.class, () -> c.score(
                    List.of(TestPki.randomBytes(300 * 1024)), Duration.ofSeconds(10), 1));
            assertEquals("RESOURCE_EXHAUSTED", big.code());
            assertTrue(big.getMessage().contains("262144"), big.getMessage());
        }
    }

    @Test
    void refusesToSendAKeyWithoutTls() {
        try (ScoringChannel plain = ScoringChannel.plaintext("127.0.0.1", service.port())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client(plain, keys.primary(), false));
            assertTrue(e.getMessage().contains("without TLS"));
        }
    }

    @Test
    void untrustedAndWrongNameCertificatesAreExplained() throws Exception {
        TestPki.Issued other = TestPki.rootCa("Some Other CA");
        Path otherCa = TestPki.writePem(dir.resolve("other-ca.pem"), other.certificate());
        try (ScoringChannel ch = ScoringChannel.tls(HOST, service.port(), otherCa, LOOPBACK)) {
            ScoringException e = assertThrows(ScoringException.class, () -> client(ch, keys.primary(), false)
                    .score(List.of(png(Color.RED, 8)), Duration.ofSeconds(10), 1));
            assertEquals("CERT_UNTRUSTED", e.code(), e.getMessage());
            assertTrue(e.fix().contains("--trust"), e.fix());
        }
        try (ScoringChannel ch = ScoringChannel.tls("other.contoso.test", service.port(), ca, LOOPBACK)) {
            ScoringException e = assertThrows(ScoringException.class, () -> client(ch, keys.primary(), false)
                    .score(List.of(png(Color.RED, 8)), Duration.ofSeconds(10), 1));
            assertEquals("HOSTNAME_MISMATCH", e.code(), e.getMessage() + " / " + e.getCause());
        }
    }

    @Test
    void refusedConnectionIsExplainedAfterRetries() throws Exception {
        AtomicInteger pauses = new AtomicInteger();
        int freePort;
        try (var s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        try (ScoringChannel ch = ScoringChannel.tls(HOST, freePort, ca, LOOPBACK)) {
            ScoringClient c = new ScoringClient(ch, new ScoringClient.Auth(keys.primary(), false, null),
                    Labels.demo(), millis -> pauses.incrementAndGet(), 3);
            ScoringException e = assertThrows(ScoringException.class,
                    () -> c.score(List.of(png(Color.RED, 8)), Duration.ofSeconds(5), 1));
            assertEquals("CONNECT_REFUSED", e.code(), e.getMessage());
            assertEquals(2, pauses.get(), "UNAVAILABLE is retried, with back-off between attempts");
        }
    }

    /** The cause {@link ScoringClient#scoreAsync} failed with, as {@link ScoringClient#score} would throw it. */
    private static ScoringException asyncFailure(CompletableFuture<?> call) {
        CompletionException e = assertThrows(CompletionException.class,
                call::join);
        return assertInstanceOf(ScoringException.class, e.getCause());
    }

    @Test
    void callsInFlightTogetherEachGetTheirOwnImagesScores() throws Exception {
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE};
        String[] names = {"mostly red", "mostly green", "mostly blue"};
        try (ScoringChannel ch = channel()) {
            ScoringClient c = client(ch, keys.primary(), false);
            List<CompletableFuture<List<ScoringClient.ImageScore>>> calls = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                calls.add(c.scoreAsync(List.of(png(colours[i % 3], 16 + i)), Duration.ofSeconds(10), 1));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertEquals(names[i % 3], calls.get(i).join().get(0).top().get(0).label(), "call " + i);
            }
        }
    }

    @Test
    void aServiceThatBatchesAnswersEachOfManyCallsInFlightWithItsOwnImagesScores() throws Exception {
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE};
        String[] names = {"mostly red", "mostly green", "mostly blue"};
        var demo = new DemoClassifier();
        var dev = LocalService.devCertificate(Files.createDirectories(dir.resolve("batching")));
        try (var batching = new BatchingClassifier(demo, 16, Duration.ofMillis(2));
             var server = ScoringServer.start(dev.report(), "127.0.0.1", 0, keys, batching,
                     1 << 20);
             ScoringChannel ch = ScoringChannel.tls(HOST, server.port(), dev.ca(), LOOPBACK)) {
            ScoringClient c = client(ch, keys.primary(), false);
            List<CompletableFuture<List<ScoringClient.ImageScore>>> calls = new ArrayList<>();
            for (int i = 0; i < 90; i++) {
                List<byte[]> images = i % 10 == 9 ? List.of(png(colours[i % 3], 20), png(colours[(i + 1) % 3], 24))
                        : List.of(png(colours[i % 3], 16 + i));
                calls.add(c.scoreAsync(images, Duration.ofSeconds(20), 1));
            }
            for (int i = 0; i < calls.size(); i++) {
                List<ScoringClient.ImageScore> got = calls.get(i).join();
                assertEquals(names[i % 3], got.get(0).top().get(0).label(), "call " + i);
                if (i % 10 == 9) {
                    assertEquals(names[(i + 1) % 3], got.get(1).top().get(0).label(), "call " + i + ", image 1");
                }
            }
            assertEquals(calls.size() + calls.size() / 10, batching.images());
        } finally {
            demo.close();
        }
    }

    @Test
    void asyncCallsKeepTheRetryRulesAndExplainedFailures() throws Exception {
        AtomicInteger pauses = new AtomicInteger();
        try (ScoringChannel ch = channel()) {
            ScoringClient wrong = new ScoringClient(ch, new ScoringClient.Auth("not-the-key-at-all-123", false, null),
                    Labels.demo(), millis -> pauses.incrementAndGet(), 3);
            ScoringException e = asyncFailure(wrong.scoreAsync(List.of(png(Color.RED, 8)), Duration.ofSeconds(10), 1));
            assertEquals("AUTH_REJECTED", e.code());
            assertEquals(0, pauses.get(), "UNAUTHENTICATED is never retried");
            ScoringClient right = client(ch, keys.primary(), false);
            ScoringException bad = asyncFailure(right.scoreAsync(List.of(png(Color.RED, 8), "not an image".getBytes()),
                    Duration.ofSeconds(10), 1));
            assertEquals("INVALID_ARGUMENT", bad.code());
            assertTrue(bad.getMessage().contains("image 1"), bad.getMessage());
        }
        int freePort;
        try (var s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        try (ScoringChannel ch = ScoringChannel.tls(HOST, freePort, ca, LOOPBACK)) {
            ScoringClient c = new ScoringClient(ch, new ScoringClient.Auth(keys.primary(), false, null),
                    Labels.demo(), millis -> pauses.incrementAndGet(), 3);
            ScoringException e = asyncFailure(c.scoreAsync(List.of(png(Color.RED, 8)), Duration.ofSeconds(5), 1));
            assertEquals("CONNECT_REFUSED", e.code(), e.getMessage());
            assertEquals(2, pauses.get(), "UNAVAILABLE is retried, with back-off between attempts");
        }
        TestPki.Issued other = TestPki.rootCa("Yet Another CA");
        Path otherCa = TestPki.writePem(dir.resolve("another-ca.pem"), other.certificate());
        try (ScoringChannel ch = ScoringChannel.tls(HOST, service.port(), otherCa, LOOPBACK)) {
            ScoringException e = asyncFailure(client(ch, keys.primary(), false).scoreAsync(List.of(png(Color.RED, 8)),
                    Duration.ofSeconds(10), 1));
            assertEquals("CERT_UNTRUSTED", e.code(), e.getMessage());
            assertEquals(2, pauses.get(), "an untrusted certificate is not retried");
        }
    }

    @Test
    void anEd25519CertificateIsServedAndScoredWithAWarningThatManyClientsCannotUseIt() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Ed Test Root");
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        TestPki.Issued leaf = TestPki.leaf(root).dns(HOST).key(g.generateKeyPair()).issue();
        Path rootFile = TestPki.writePem(dir.resolve("ed-root.pem"), root.certificate());
        var report = new CertificateService().check(new CertificateService
                .Request(HOST, List.of(Source.text("ed.pem", TestPki.pem(leaf.certificate(),
                        leaf.privateKey()))), null, null, List.of(Source.file(rootFile))));
        assertTrue(report.ok(), report.findings().toString());
        assertTrue(report.has(FindingCode.KEY_TYPE_LIMITED), report.findings().toString());
        try (var server = ScoringServer.start(report, "127.0.0.1", 0, keys,
                new DemoClassifier(), 1 << 20);
             ScoringChannel ch = ScoringChannel.tls(HOST, server.port(), rootFile, LOOPBACK)) {
            var r = client(ch, keys.primary(), false).score(List.of(png(Color.RED, 16)), Duration.ofSeconds(10), 1);
            assertEquals("mostly red", r.get(0).top().get(0).label());
        }
    }
}

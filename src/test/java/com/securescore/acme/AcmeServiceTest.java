package com.securescore.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.Certificates;
import com.securescore.dns.DnsServer;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import com.securescore.testsupport.KnotServer;
import com.securescore.testsupport.Pebble;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.RecordedProgress;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificates over ACME from a real Pebble, validating through SecureScore's own responder and Knot. */
class AcmeServiceTest {
    static final String DOMAIN = "scoring.contoso.test";

    @TempDir
    static Path dir;

    static KnotServer knot;
    static Pebble pebble;
    static Path accountKey;
    static long serial = 1;

    @BeforeAll
    static void start() throws Exception {
        knot = KnotServer.start(dir.resolve("knot"), KnotServer.zones("contoso.test", zone()));
        pebble = Pebble.start(dir.resolve("pebble"), Ports.unused(), knot.resolver());
        accountKey = dir.resolve("account.pem");
        AccountKeys.loadOrCreate(accountKey);
    }

    @AfterAll
    static void stop() {
        if (pebble != null) {
            pebble.close();
        }
        if (knot != null) {
            knot.close();
        }
    }

    static String zone(String... more) {
        List<String> records = new ArrayList<>(List.of("scoring 60 IN A 127.0.0.1", "dnsonly 60 IN A 192.0.2.1"));
        records.addAll(List.of(more));
        return KnotServer.zone("contoso.test", serial, 60, records.toArray(String[]::new));
    }

    /** A new account each time: the CA remembers a confirmed name per account and would skip the challenge. */
    static Path newAccount() throws AcmeFailure {
        Path key = dir.resolve("accounts").resolve("account-" + System.nanoTime() + ".pem");
        AccountKeys.loadOrCreate(key);
        return key;
    }

    AcmeRequest http(Path out, int port) throws AcmeFailure {
        return new AcmeRequest(DOMAIN, pebble.directory().toString(), new ChallengeChoice.Http(port), newAccount(),
                "ops@contoso.test", KeyType.EC, List.of(pebble.tlsRoot(), pebble.issuingRoot()), out, true);
    }


    @Test
    void issuesOverHttp01ThroughItsOwnResponderAndTheChainPassesTheChecks() throws Exception {
        Path out = dir.resolve("http");
        RecordedProgress progress = new RecordedProgress();
        AcmeResult r = new AcmeService().issue(http(out, pebble.httpPort()), DnsRecordUser.NO_WAIT, progress,
                Cancellation.none());

        assertEquals(List.of(), r.report().findings().stream().filter(Finding::isError).toList(), pebble.log());
        assertTrue(r.report().ok());
        assertEquals(DOMAIN, Certificates.dnsNames(r.report().leaf()).get(0));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.privkey())));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(r.fullchain())));
        assertTrue(Files.readString(r.settings()).contains("\"challenge\" : \"http\""));
        assertFalse(Files.readString(r.settings()).contains("PRIVATE KEY"));
        List<AcmeStage> seen = progress.stages.stream().map(AcmeStage::ofLabel).filter(s -> s != null).distinct()
                .toList();
        assertEquals(List.of(AcmeStage.values()), seen, progress.stages.toString());
    }

    @Test
    void keepsTheEarlierFilesInsteadOfOverwritingThem() throws Exception {
        Path out = dir.resolve("twice");
        Files.createDirectories(out);
        Files.writeString(out.resolve("fullchain.pem"), "the user's own chain\n");
        Files.writeString(out.resolve("privkey.pem"), "the user's own key\n");

        AcmeResult r = new AcmeService().issue(http(out, pebble.httpPort()), DnsRecordUser.NO_WAIT, Progress.NONE,
                Cancellation.none());

        assertEquals(List.of(out.resolve("fullchain.pem.1"), out.resolve("privkey.pem.1")), r.keptOld());
        assertEquals("the user's own key\n", Files.readString(out.resolve("privkey.pem.1")));
        assertTrue(Files.readString(r.fullchain()).startsWith("-----BEGIN CERTIFICATE-----"));
    }

    @Test
    void issuesOverDns01WithTheRecordCheckedOnTheZonesServer() throws Exception {
        Path out = dir.resolve("dns");
        List<TxtRecord> shown = new ArrayList<>();
        DnsRecordUser user = (record, cancel) -> {
            shown.add(record);
            // The test plays the person who adds the record in the DNS provider's panel.
            serial++;
            knot.replaceZone("contoso.test", zone("_acme-challenge.dnsonly 60 IN TXT \"" + record.value() + "\""),
                    serial);
        };
        AcmeRequest request = new AcmeRequest("dnsonly.contoso.test", pebble.directory().toString(),
                new ChallengeChoice.DnsManual(List.of(DnsServer.parse(knot.resolver())), Duration.ZERO,
                        Duration.ofSeconds(1)),
                newAccount(), null, KeyType.RSA2048, List.of(pebble.tlsRoot(), pebble.issuingRoot()), out, true);

        AcmeResult r = new AcmeService().issue(request, user, Progress.NONE, Cancellation.none());

        assertEquals(1, shown.size());
        assertEquals("_acme-challenge.dnsonly.contoso.test", shown.get(0).name());
        assertTrue(r.report().ok(), r.report().findings().toString());
        assertEquals("RSA", r.report().leaf().getPublicKey().getAlgorithm());
    }

    @Test
    void aTxtRecordThatIsNotThereIsSaidBeforeTheCaIsAsked() throws Exception {
        AcmeRequest request = new AcmeRequest("dnsonly.contoso.test", pebble.directory().toString(),
                new ChallengeChoice.DnsManual(List.of(DnsServer.parse(knot.resolver())), Duration.ZERO,
                        Duration.ofSeconds(1)),
                newAccount(), null, KeyType.EC, List.of(pebble.tlsRoot()), dir.resolve("nodns"), true);
        AcmeFailure f = assertThrows(AcmeFailure.class, () -> new AcmeService().issue(request, DnsRecordUser.NO_WAIT,
                Progress.NONE, Cancellation.none()));
        assertEquals(FindingCode.ACME_DNS_RECORD_NOT_SEEN, f.code());
        assertTrue(f.getMessage().startsWith("The TXT record _acme-challenge.dnsonly.contoso.test with the value "),
                f.getMessage());
        assertTrue(f.getMessage().contains(knot.resolver() + ": "), f.getMessage());
        assertFalse(Files.exists(dir.resolve("nodns").resolve("fullchain.pem")));
    }

    @Test
    void anotherServerAnsweringPort80IsNamedWithTheCasDetail() throws Exception {
        HttpServer other = HttpServer.create(new InetSocketAddress(pebble.httpPort()), 4);
        other.createContext("/", ex -> {
            byte[] body = "Welcome to nginx!".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        other.start();
        try {
            AcmeFailure f = assertThrows(AcmeFailure.class, () -> new AcmeService().issue(
                    http(dir.resolve("proxy"), Ports.unused()), DnsRecordUser.NO_WAIT, Progress.NONE,
                    Cancellation.none()));
            assertEquals(FindingCode.ACME_CHALLENGE_FAILED, f.code());
            assertTrue(f.getMessage().startsWith("The certificate authority could not confirm that you control "
                    + DOMAIN + ". The CA said: "), f.getMessage());
            assertTrue(f.getMessage().contains("Something answered on port 80, but not SecureScore's responder: "
                    + "another web server or a proxy is answering for that name"), f.getMessage());
            assertTrue(f.fix().startsWith("Stop the other server or forward port 80 to this machine"), f.fix());
        } finally {
            other.stop(0);
        }
    }

    @Test
    void aClosedPort80IsSaidAsSuch() {
        // The responder listens on a port the CA is not sent to: nothing answers where the CA connects.
        AcmeFailure f = assertThrows(AcmeFailure.class, () -> new AcmeService().issue(
                http(dir.resolve("closed"), Ports.unused()), DnsRecordUser.NO_WAIT, Progress.NONE,
                Cancellation.none()));
        assertEquals(FindingCode.ACME_CHALLENGE_FAILED, f.code());
        assertTrue(f.getMessage().contains("It could not connect to port 80 of " + DOMAIN + ": the port is closed, "
                + "blocked by a firewall, or not forwarded to this machine."), f.getMessage());
        assertTrue(f.getMessage().contains("The CA said: "), f.getMessage());
    }

    @Test
    void aPortInUseIsSaidBeforeTheCaIsContacted() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            AcmeFailure f = assertThrows(AcmeFailure.class, () -> new AcmeService().issue(
                    http(dir.resolve("inuse"), taken.getLocalPort()), DnsRecordUser.NO_WAIT, Progress.NONE,
                    Cancellation.none()));
            assertEquals(FindingCode.ACME_HTTP_PORT_IN_USE, f.code());
            assertEquals("The challenge responder cannot listen on port " + taken.getLocalPort() + ": another "
                    + "program is using it (often a web server such as nginx or Apache).", f.getMessage());
        }
    }

    @Test
    void aDirectoryWhoseCertificateIsNotTrustedIsRefused() {
        AcmeRequest untrusted = new AcmeRequest(DOMAIN, pebble.directory().toString(),
                new ChallengeChoice.Http(Ports.unused()), accountKey, null, KeyType.EC, List.of(),
                dir.resolve("untrusted"), true);
        AcmeFailure f = assertThrows(AcmeFailure.class, () -> new AcmeService().issue(untrusted,
                DnsRecordUser.NO_WAIT, Progress.NONE, Cancellation.none()));
        assertEquals(FindingCode.ACME_DIRECTORY_UNTRUSTED, f.code());
        assertEquals("The certificate authority's server at 127.0.0.1 presented a TLS certificate this machine does "
                + "not trust, so nothing was sent to it.", f.getMessage());
    }

    @Test
    void aUrlThatIsNotAnAcmeDirectoryIsSaidPlainly() {
        String notAcme = pebble.management().resolve("/roots/0").toString();
        AcmeFailure f = assertThrows(AcmeFailure.class, () -> new AcmeService().termsOfService(notAcme,
                List.of(pebble.tlsRoot())));
        assertEquals(FindingCode.ACME_DIRECTORY_INVALID, f.code(), f.getMessage());
        assertTrue(f.getMessage().startsWith(notAcme + " answered, but not as an ACME directory"), f.getMessage());
    }

    /** A typo in the directory's path: the server answers 404, which is "no ACME directory there". */
    @Test
    void aWrongPathOnTheCaIsNotADirectoryEither() {
        String typo = pebble.directory().resolve("/dirr").toString();
        AcmeFailure f = assertThrows(AcmeFailure.class, () -> new AcmeService().termsOfService(typo,
                List.of(pebble.tlsRoot())));
        assertEquals(FindingCode.ACME_DIRECTORY_INVALID, f.code(), f.getMessage());
        assertTrue(f.getMessage().startsWith(typo + " answered, but not as an ACME directory"), f.getMessage());
    }

    @Test
    void aDirectoryNobodyAnswersIsUnreachable() {
        String nowhere = "https://127.0.0.1:" + Ports.unused() + "/dir";
        AcmeFailure f = assertThrows(AcmeFailure.class, () -> new AcmeService().termsOfService(nowhere, List.of()));
        assertEquals(FindingCode.ACME_DIRECTORY_UNREACHABLE, f.code(), f.getMessage());
        assertTrue(f.getMessage().startsWith("The ACME directory " + nowhere + " could not be reached: nothing "
                + "answers at 127.0.0.1:"), f.getMessage());
    }

    @Test
    void termsMustBeAgreedAndTheirAddressIsShown() throws Exception {
        String terms = new AcmeService().termsOfService(pebble.directory().toString(), List.of(pebble.tlsRoot()))
                .orElseThrow().toString();
        AcmeRequest notAgreed = new AcmeRequest(DOMAIN, pebble.directory().toString(),
                new ChallengeChoice.Http(Ports.unused()), accountKey, null, KeyType.EC, List.of(pebble.tlsRoot()),
                dir.resolve("terms"), false);
        AcmeFailure f = assertThrows(AcmeFailure.class, () -> new AcmeService().issue(notAgreed,
                DnsRecordUser.NO_WAIT, Progress.NONE, Cancellation.none()));
        assertEquals(FindingCode.ACME_TERMS_NOT_AGREED, f.code());
        assertTrue(f.getMessage().endsWith(terms), f.getMessage());
    }

    @Test
    void cancelStopsTheOrderWhileWaitingForTheRecord() {
        Cancellation cancel = new Cancellation();
        AcmeRequest request = new AcmeRequest("dnsonly.contoso.test", pebble.directory().toString(),
                new ChallengeChoice.DnsManual(List.of(DnsServer.parse(knot.resolver())), Duration.ofMinutes(5),
                        Duration.ofMinutes(1)),
                accountKey, null, KeyType.EC, List.of(pebble.tlsRoot()), dir.resolve("cancel"), true);
        DnsRecordUser pressesCancel = (record, c) -> c.cancel();
        assertThrows(CancellationException.class, () -> new AcmeService().issue(request, pressesCancel,
                Progress.NONE, cancel));
    }
}

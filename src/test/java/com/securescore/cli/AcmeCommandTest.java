package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.acme.AccountKeys;
import com.securescore.acme.AcmeFailure;
import com.securescore.testsupport.AcmeServers;
import com.securescore.testsupport.KnotServer;
import com.securescore.testsupport.Pebble;
import com.securescore.testsupport.Ports;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code securescore acme} and {@code acme renew} against a real Pebble, as a person and a script see them. */
class AcmeCommandTest extends CliRunner {
    static final String DOMAIN = "scoring.contoso.test";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static AcmeServers servers;
    static KnotServer knot;
    static Pebble pebble;
    static long serial = 1;

    @BeforeAll
    static void start() {
        servers = AcmeServers.start(shared, zone());
        knot = servers.knot();
        pebble = servers.pebble();
    }

    @AfterAll
    static void stop() {
        if (servers != null) {
            servers.close();
        }
    }

    static String zone(String... more) {
        List<String> records = new ArrayList<>(List.of("scoring 60 IN A 127.0.0.1", "manual 60 IN A 192.0.2.1"));
        records.addAll(List.of(more));
        return KnotServer.zone("contoso.test", serial, 60, records.toArray(String[]::new));
    }

    /** The options of an HTTP-01 order against this Pebble, with an account of its own, then {@code more}. */
    private String[] acme(Path outDir, int httpPort, String... more) {
        List<String> args = new ArrayList<>(List.of("acme", "--domain", DOMAIN,
                "--directory", pebble.directory().toString(), "--http-port", String.valueOf(httpPort),
                "--trust", pebble.tlsRoot().toString(), "--trust", pebble.issuingRoot().toString(),
                "--account-key", newAccountKey().toString(),
                "--out", outDir.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    /** A key of its own for each order: the CA would skip the challenge for a name it confirmed for an account. */
    private Path newAccountKey() {
        try {
            Path key = dir.resolve("account-" + System.nanoTime() + ".pem");
            AccountKeys.loadOrCreate(key);
            return key;
        } catch (AcmeFailure e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void issuesOverHttpAndSaysWhereTheFilesAreAndThatTheChecksPass() throws Exception {
        Path outDir = dir.resolve("out");
        assertEquals(0, run(acme(outDir, pebble.httpPort(), "--agree-tos")), err + "\n" + out);
        String text = out.toString();
        assertTrue(text.contains("Account: reading the directory " + pebble.directory()), text);
        assertTrue(text.contains("Challenge: showing control of " + DOMAIN), text);
        assertTrue(text.contains("Download: the certificate chain"), text);
        assertTrue(text.contains("Issued: a certificate for " + DOMAIN + " by "), text);
        assertTrue(text.contains("  " + outDir.resolve("privkey.pem") + " (owner-only)"), text);
        assertTrue(text.contains("Checks: no errors."), text);
        assertTrue(Files.isRegularFile(outDir.resolve("renewal.json")));
        assertEquals("", err.toString());
    }

    @Test
    void printsOneJsonDocumentForScripts() throws Exception {
        Path outDir = dir.resolve("json");
        assertEquals(0, run(acme(outDir, pebble.httpPort(), "--agree-tos", "--json", "--key-type", "rsa3072")),
                err.toString());
        JsonNode node = Json.MAPPER.readTree(out.toString());
        assertTrue(node.get("issued").asBoolean());
        assertTrue(node.get("ok").asBoolean());
        assertEquals(outDir.resolve("fullchain.pem").toString(), node.get("fullchain").asText());
        assertEquals(0, node.get("findings").size(), node.toString());
        assertTrue(err.toString().contains("Finalise: sending the certificate request (RSA 3072 key)"), err.toString());
    }

    @Test
    void refusesWithoutAgreeingToTheTermsAndShowsWhereTheyAre() {
        assertEquals(2, run(acme(dir.resolve("terms"), pebble.httpPort())));
        String e = err.toString();
        assertTrue(e.startsWith("securescore: The certificate authority's terms of service must be agreed to first: "),
                e);
        assertTrue(e.contains("Read them, then run the same command with --agree-tos."), e);
        assertFalse(Files.exists(dir.resolve("terms")));
    }

    @Test
    void withJsonTheTermsAreInTheDocumentToo() throws Exception {
        assertEquals(2, run(acme(dir.resolve("terms"), pebble.httpPort(), "--json")));
        JsonNode node = Json.MAPPER.readTree(out.toString());
        assertFalse(node.get("issued").asBoolean());
        assertTrue(node.get("termsOfService").asText().startsWith("data:"), node.toString());
        assertEquals("ACME_TERMS_NOT_AGREED", node.get("findings").get(0).get("code").asText());
    }

    @Test
    void aFailedChallengeSaysWhatTheCaSaidAndWhatItMeans() {
        // The responder listens on a port the CA is not sent to, as when port 80 is not forwarded.
        assertEquals(1, run(acme(dir.resolve("closed"), Ports.unused(), "--agree-tos")));
        String e = err.toString();
        assertTrue(e.startsWith("securescore: ACME_CHALLENGE_FAILED: The certificate authority could not confirm "
                + "that you control " + DOMAIN + ". The CA said: "), e);
        assertTrue(e.contains("It could not connect to port 80 of " + DOMAIN), e);
        assertTrue(e.contains("  fix: Open port 80 for " + DOMAIN + " from the internet (forwarded to port "), e);
        assertFalse(e.contains("\tat "), "no stack trace");
    }

    @Test
    void anUntrustedDirectoryCertificateAsksForTrust() {
        assertEquals(1, run("acme", "--domain", DOMAIN, "--directory", pebble.directory().toString(),
                "--http-port", String.valueOf(Ports.unused()), "--out", dir.resolve("x").toString()));
        String e = err.toString();
        assertTrue(e.startsWith("securescore: ACME_DIRECTORY_UNTRUSTED: The certificate authority's server at "
                + "127.0.0.1 presented a TLS certificate this machine does not trust"), e);
        assertTrue(e.contains("Use --trust FILE with that root certificate."), e);
    }

    @Test
    void aBadDirectoryIsSaidPlainly() {
        assertEquals(2, run("acme", "--domain", DOMAIN, "--directory", "acme.contoso.test/dir", "--http-port", "80",
                "--out", dir.toString()));
        assertTrue(err.toString().startsWith("securescore: --directory: \"acme.contoso.test/dir\" is not a "
                + "certificate authority's ACME directory: give letsencrypt, letsencrypt-staging or the CA's "
                + "https:// directory URL."), err.toString());

        StringWriter err2 = new StringWriter();
        String page = pebble.management().resolve("/roots/0").toString();
        int code = Cli.newCommandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(err2, true))
                .execute("acme", "--domain", DOMAIN, "--directory", page, "--http-port", "80",
                        "--trust", pebble.tlsRoot().toString(), "--out", dir.toString());
        assertEquals(1, code);
        assertTrue(err2.toString().startsWith("securescore: ACME_DIRECTORY_INVALID: " + page + " answered, but not "
                + "as an ACME directory"), err2.toString());
    }

    @Test
    void missingOptionsAreNamed() {
        assertEquals(2, run("acme", "--domain", DOMAIN));
        assertEquals("securescore: Missing: --directory URL|letsencrypt|letsencrypt-staging, --http-port N or "
                + "--dns-manual, --out DIR. Try 'securescore acme --help'.", err.toString().trim());
    }

    @Test
    void renewDoesNothingForAFreshCertificateAndRenewsWithForceKeepingTheOldFiles() throws Exception {
        Path outDir = dir.resolve("renew");
        assertEquals(0, run(acme(outDir, pebble.httpPort(), "--agree-tos")), err.toString());
        String first = Files.readString(outDir.resolve("fullchain.pem"));

        StringWriter notDue = new StringWriter();
        assertEquals(0, Cli.newCommandLine(new PrintWriter(notDue, true), new PrintWriter(err, true))
                .execute("acme", "renew", "--out", outDir.toString()));
        assertTrue(notDue.toString().startsWith("Not due: the certificate for " + DOMAIN + " is valid until "),
                notDue.toString());
        assertTrue(notDue.toString().contains("(a third of its lifetime left). Nothing done."), notDue.toString());
        assertEquals(first, Files.readString(outDir.resolve("fullchain.pem")));

        StringWriter forced = new StringWriter();
        assertEquals(0, Cli.newCommandLine(new PrintWriter(forced, true), new PrintWriter(err, true))
                .execute("acme", "renew", "--out", outDir.toString(), "--force"), err.toString());
        assertTrue(forced.toString().startsWith("Renewing now (--force); it would be due from "), forced.toString());
        assertTrue(forced.toString().contains("Issued: a certificate for " + DOMAIN), forced.toString());
        assertTrue(forced.toString().contains("kept the earlier file as " + outDir.resolve("fullchain.pem.1")),
                forced.toString());
        assertEquals(first, Files.readString(outDir.resolve("fullchain.pem.1")));
        assertFalse(first.equals(Files.readString(outDir.resolve("fullchain.pem"))));
    }

    @Test
    void renewInAFolderWithoutSettingsSaysSo() {
        assertEquals(1, run("acme", "renew", "--out", dir.toString()));
        assertTrue(err.toString().startsWith("securescore: ACME_RENEWAL_SETTINGS_MISSING: There is no renewal.json "
                + "in " + dir), err.toString());
    }

    /** Collects what is printed and completes with the TXT value once the user is asked to press Enter. */
    static final class Screen extends Writer {
        final StringBuilder text = new StringBuilder();
        final CompletableFuture<String> value = new CompletableFuture<>();
        private static final Pattern VALUE = Pattern.compile("  value: (\\S+)\\nPress Enter when it is there\\.\\n");

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            text.append(cbuf, off, len);
            Matcher m = VALUE.matcher(text);
            if (m.find()) {
                value.complete(m.group(1));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void dnsManualShowsTheRecordWaitsForEnterAndChecksItBeforeAskingTheCa() throws Exception {
        Screen screen = new Screen();
        InputStream stdin = System.in;
        PipedOutputStream keyboard = new PipedOutputStream();
        System.setIn(new PipedInputStream(keyboard));
        try {
            Path outDir = dir.resolve("dns");
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Cli.newCommandLine(
                    new PrintWriter(screen, true), new PrintWriter(err, true)).execute("acme",
                    "--domain", "manual.contoso.test", "--directory", pebble.directory().toString(), "--dns-manual",
                    "--dns-resolver", knot.resolver(), "--trust", pebble.tlsRoot().toString(),
                    "--trust", pebble.issuingRoot().toString(), "--account-key",
                    newAccountKey().toString(), "--out", outDir.toString(), "--agree-tos"));
            String value = screen.value.get(60, TimeUnit.SECONDS);
            synchronized (screen) {
                assertTrue(screen.text.toString().contains("Create this DNS record (in the zone that holds "
                        + "manual.contoso.test):\n  name:  _acme-challenge.manual.contoso.test\n  type:  TXT\n"),
                        screen.text.toString());
                assertTrue(screen.text.toString().endsWith("Press Enter when it is there.\n"), screen.text.toString());
            }
            serial++;
            knot.replaceZone("contoso.test", zone("_acme-challenge.manual 60 IN TXT \"" + value + "\""), serial);
            keyboard.write("\n".getBytes(StandardCharsets.US_ASCII));
            keyboard.flush();
            assertEquals(0, exit.get(120, TimeUnit.SECONDS), err + "\n" + screen.text);
            assertTrue(screen.text.toString().contains("the TXT record is there on " + knot.resolver()),
                    screen.text.toString());
            assertTrue(screen.text.toString().contains("Checks: no errors."), screen.text.toString());
        } finally {
            System.setIn(stdin);
            keyboard.close();
        }
    }
}

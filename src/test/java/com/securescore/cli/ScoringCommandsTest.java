package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.model.ModelSpec;
import com.securescore.service.AuthKeys;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.TestPki;
import com.securescore.testsupport.TinyOnnx;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** score, keys and serve as a demo giver or support engineer runs them, against a real TLS service. */
class ScoringCommandsTest extends CliRunner {
    private static final String HOST = LocalService.HOST;

    @TempDir
    static Path dir;

    static LocalService server;
    static Path tls;
    static Path keysFile;

    @BeforeAll
    static void start() throws Exception {
        server = LocalService.start(dir);
        tls = server.ca().getParent();
        keysFile = server.keysFile();
        Path images = Files.createDirectories(dir.resolve("images"));
        Files.write(images.resolve("red.png"), LocalService.png(Color.RED, 32));
        Files.write(images.resolve("green.png"), LocalService.png(Color.GREEN, 32));
        Files.writeString(images.resolve("notes.txt"), "not an image, skipped in folders");
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Test
    void scoresAFolderAndPrintsOneJsonDocument() throws Exception {
        assertEquals(0, run("score", "--host", HOST, "--connect-to", "127.0.0.1", "--port",
                String.valueOf(server.port()), "--key-file", keysFile.toString(), "--trust",
                tls.resolve("ca.pem").toString(), "--batch", "2", "--json", dir.resolve("images").toString()));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertEquals(2, doc.get("images").size());
        assertEquals("mostly green", doc.get("images").get(0).get("top").get(0).get("label").asText());
        assertEquals(2, doc.get("totals").get("scored").asInt());
        String key = AuthKeys.open(keysFile).keys().primary();
        assertFalse(out.toString().contains(key), "the key never appears in the output");
    }

    /** What the demo model calls red, green and blue images. */
    private static final String[] NAMES = {"mostly red", "mostly green", "mostly blue"};

    /** {@code count} PNGs img00.png… in a new folder, red, green, blue in turn, each a different size. */
    private static Path colouredImages(String folder, int count) throws IOException {
        Path many = Files.createDirectories(dir.resolve(folder));
        Color[] colours = {Color.RED, Color.GREEN, Color.BLUE};
        for (int i = 0; i < count; i++) {
            Files.write(many.resolve(String.format("img%02d.png", i)), LocalService.png(colours[i % 3], 16 + i));
        }
        return many;
    }

    @Test
    void manyImagesWithCallsInFlightComeBackInOrderEachWithItsOwnScores() throws Exception {
        Path many = colouredImages("many", 48);
        assertEquals(0, run("score", "--host", HOST, "--connect-to", "127.0.0.1", "--port",
                String.valueOf(server.port()), "--key-file", keysFile.toString(), "--trust",
                tls.resolve("ca.pem").toString(), "--concurrency", "16", "--top", "1", "--json", many.toString()));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertEquals(48, doc.get("totals").get("scored").asInt());
        for (int i = 0; i < 48; i++) {
            JsonNode image = doc.get("images").get(i);
            assertTrue(image.get("image").asText().endsWith(String.format("img%02d.png", i)), image.toString());
            assertEquals(NAMES[i % 3], image.get("top").get(0).get("label").asText(), image.toString());
        }
    }

    @Test
    void manyImagesInFlightArePrintedAsTextOnceEachInOrderWithTheirScores() throws Exception {
        Path many = colouredImages("many-text", 60);
        assertEquals(0, run("score", "--host", HOST, "--connect-to", "127.0.0.1", "--port",
                String.valueOf(server.port()), "--key-file", keysFile.toString(), "--trust",
                tls.resolve("ca.pem").toString(), "--concurrency", "8", "--top", "2", many.toString()));
        List<String> lines = out.toString().lines().toList();
        List<String> headings = lines.stream().filter(l -> l.startsWith("img")).toList();
        assertEquals(60, headings.size(), out.toString());
        for (int i = 0; i < 60; i++) {
            String heading = headings.get(i);
            assertTrue(heading.matches(String.format("img%02d\\.png  \\(\\d+ ms\\)", i)), heading);
            int at = lines.indexOf(heading);
            // Each image's own best label first, as a percentage with two places, then its runner-up.
            assertTrue(lines.get(at + 1).matches(" {2}[ \\d]{2}\\d\\.\\d{2}%  " + NAMES[i % 3]), lines.get(at + 1));
            assertTrue(lines.get(at + 2).matches(" {2}[ \\d]{2}\\d\\.\\d{2}%  \\S.*"), lines.get(at + 2));
        }
        assertTrue(lines.get(lines.size() - 1).startsWith("60 scored, 0 failed in "), out.toString());
    }

    @Test
    void scoreHasTheSameHelpAndUsageErrorsFromItsLeanCommandTree() {
        StringWriter fullOut = new StringWriter();
        StringWriter fullErr = new StringWriter();
        int full = Cli.newCommandLine(new PrintWriter(fullOut, true), new PrintWriter(fullErr, true))
                .execute("score", "--help");
        assertEquals(full, run("score", "--help"));
        assertEquals(fullOut.toString(), out.toString());
        assertTrue(out.toString().contains("Usage: securescore score"), out.toString());
        StringWriter usageErr = new StringWriter();
        int fullUsage = Cli.newCommandLine(new PrintWriter(new StringWriter(), true), new PrintWriter(usageErr, true))
                .execute("score", "--hots", "x", "a.png");
        assertEquals(fullUsage, run("score", "--hots", "x", "a.png"));
        assertEquals(usageErr.toString(), err.toString());
        assertTrue(err.toString().contains("Try 'securescore score --help'"), err.toString());
    }

    @Test
    void untrustedServiceIsExplainedAndExitsOne() {
        Path otherCa = TestPki.writePem(dir.resolve("other.pem"), TestPki.rootCa("Other").certificate());
        assertEquals(1, run("score", "--host", HOST, "--connect-to", "127.0.0.1", "--port",
                String.valueOf(server.port()), "--key-file", keysFile.toString(), "--trust", otherCa.toString(),
                dir.resolve("images").toString()));
        assertTrue(out.toString().contains("CERT_UNTRUSTED") && out.toString().contains("--trust"), out.toString());
        // The endpoint itself fails, so the rest of the folder is not sent at all.
        assertTrue(out.toString().contains("Stopped: the other 1 image was not sent"), out.toString());
        // The probe fetched the presented chain and judged it with the trust in use.
        assertTrue(out.toString().contains("What " + HOST) && out.toString().contains("CHAIN_INCOMPLETE"),
                out.toString());
    }

    @Test
    void wrongNameIsDiagnosedFromThePresentedCertificate() throws Exception {
        assertEquals(1, run("score", "--host", "other.contoso.test", "--connect-to", "127.0.0.1", "--port",
                String.valueOf(server.port()), "--key-file", keysFile.toString(), "--trust",
                tls.resolve("ca.pem").toString(), "--json", dir.resolve("images").resolve("red.png").toString()));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertEquals("HOSTNAME_MISMATCH", doc.get("images").get(0).get("error").asText());
        assertEquals("HOSTNAME_MISMATCH", doc.get("diagnosis").get("findings").get(0).get("code").asText());
    }

    @Test
    void keysShowMasksAndRegenerateRotatesOneKey() throws Exception {
        Path copy = Files.copy(keysFile, dir.resolve("keys-copy.json"));
        AuthKeys keys = AuthKeys.open(copy).keys();
        String primary = keys.primary();
        String secondary = keys.secondary();
        assertEquals(0, run("keys", "show", "--keys-file", copy.toString()));
        assertFalse(out.toString().contains(primary));
        assertEquals(0, run("keys", "regenerate", "secondary", "--keys-file", copy.toString()));
        assertEquals(primary, keys.primary(), "the other key is unchanged");
        assertFalse(secondary.equals(keys.secondary()), "an open AuthKeys sees the new key without reopening");
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(copy)));
    }

    @Test
    void serveRefusesToStartOnACertificateWithErrors() {
        TestPki.Issued self = TestPki.selfSignedLeaf().dns(HOST).issue();
        Path cert = TestPki.writePem(dir.resolve("bad.pem"), self.certificate());
        Path wrongKey = TestPki.writePem(dir.resolve("wrong.key"), TestPki.ecKey().getPrivate());
        assertEquals(1, run("serve", "--cert", cert.toString(), "--key", wrongKey.toString(), "--port", "0",
                "--keys-file", dir.resolve("unused.json").toString()));
        assertTrue(out.toString().contains("will not start") && out.toString().contains("KEY_MISMATCH"),
                out.toString());
        assertFalse(Files.exists(dir.resolve("unused.json")), "no keys are made for a service that did not start");
    }

    @Test
    void benchPrintsThroughputBesideTheRawEcho() {
        assertEquals(0, run("bench", "--seconds", "1", "--concurrency", "2"));
        String text = out.toString();
        assertTrue(text.contains("raw gRPC echo") && text.contains("no-op model") && text.contains("demo model"),
                text);
        assertTrue(text.lines().filter(l -> l.matches(".*\\s2\\s+\\d+.*%")).count() >= 3, text);
    }

    @Test
    void loadModeReportsFailedCallsAndHeap() {
        assertEquals(0, run("bench", "--load", "8", "--seconds", "1"));
        assertTrue(out.toString().matches("(?s)round 1: 8 clients for 1 s: \\d+ calls, 0 failed.*heap in use.*"),
                out.toString());
    }

    @Test
    void serveRefusesAModelThatIsNotOnnxBeforeMakingKeys() throws Exception {
        Path bogus = Files.writeString(dir.resolve("model.onnx"), "not a model");
        Path keys = dir.resolve("never.json");
        assertEquals(2, run("serve", "--cert", tls.resolve("fullchain.pem").toString(), "--key",
                tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString(), "--port", "0",
                "--keys-file", keys.toString(), "--model", bogus.toString()));
        assertTrue(err.toString().contains("cannot be loaded as an ONNX image classifier"), err.toString());
        assertFalse(Files.exists(keys));
    }

    private static int closedPort() {
        return Ports.unused();
    }

    /** Runs {@code body} with the model cache in a folder of its own (empty unless the body fills it). */
    private void withCache(String name, Executable body) throws Throwable {
        String old = System.getProperty("securescore.cache.dir");
        System.setProperty("securescore.cache.dir", dir.resolve(name).toString());
        try {
            body.execute();
        } finally {
            if (old == null) {
                System.clearProperty("securescore.cache.dir");
            } else {
                System.setProperty("securescore.cache.dir", old);
            }
        }
    }

    /** A {@code serve} running in the background, as a user leaves it running in a terminal. */
    private static final class Running implements AutoCloseable {
        final StringWriter said = new StringWriter();
        final ServeCommand serve;
        final CompletableFuture<Integer> exit;
        private final ExecutorService pool = Executors.newSingleThreadExecutor();

        Running(String... args) throws Exception {
            CommandLine cl = Cli.newCommandLine(new PrintWriter(said, true), new PrintWriter(said, true));
            serve = cl.getSubcommands().get("serve").getCommand();
            exit = CompletableFuture.supplyAsync(() -> cl.execute(args), pool);
            // Listening, or ended (refused to start): whichever comes first.
            CompletableFuture.anyOf(exit, CompletableFuture.runAsync(() -> {
                try {
                    serve.started.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })).get();
        }

        int stop() throws Exception {
            serve.stop.countDown();
            return exit.get();
        }

        @Override
        public void close() {
            serve.stop.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void serveSaysHowItBatchesAndScoresThroughItAndRefusesBadBatchSettingsBeforeMakingKeys() throws Exception {
        try (Running running = new Running("serve", "--cert", tls.resolve("fullchain.pem").toString(), "--key",
                tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString(), "--port", "0",
                "--keys-file", dir.resolve("batch-keys.json").toString(), "--demo-model", "--batch-max", "8",
                "--batch-wait", "1ms")) {
            assertTrue(running.said.toString().contains("Batching: calls that arrive together run as one batch of "
                    + "up to 8 images, waiting up to 1 ms for more; " + Runtime.getRuntime().availableProcessors()),
                    running.said.toString());
            assertEquals(0, run("score", "--host", HOST, "--connect-to", "127.0.0.1", "--port",
                    String.valueOf(running.serve.boundPort), "--key-file", dir.resolve("batch-keys.json").toString(),
                    "--trust", tls.resolve("ca.pem").toString(), "--concurrency", "4", "--top", "1", "--json",
                    dir.resolve("images").toString()));
            JsonNode doc = Json.MAPPER.readTree(out.toString());
            assertEquals("mostly green", doc.get("images").get(0).get("top").get(0).get("label").asText());
            assertEquals("mostly red", doc.get("images").get(1).get("top").get(0).get("label").asText());
            assertEquals(0, running.stop());
        }
        for (String[] bad : List.of(new String[] {"--batch-max", "0"}, new String[] {"--batch-wait", "soon"},
                new String[] {"--batch-wait", "5s"})) {
            StringWriter said = new StringWriter();
            int code = Cli.newCommandLine(new PrintWriter(said, true), new PrintWriter(said, true)).execute("serve",
                    "--cert", tls.resolve("fullchain.pem").toString(), "--key", tls.resolve("privkey.pem").toString(),
                    "--port", "0", "--keys-file", dir.resolve("never-keys.json").toString(), "--demo-model", bad[0],
                    bad[1]);
            assertEquals(ExitCodes.USAGE, code, said.toString());
            assertTrue(said.toString().contains(bad[0]), said.toString());
        }
        assertFalse(Files.exists(dir.resolve("never-keys.json")), "nothing is made for a service that cannot start");
    }

    @Test
    void serveAnswersPlainHttpHealthChecksForKubernetesProbesWithoutServingAnythingSecret() throws Throwable {
        int health = Ports.unused();
        try (Running running = new Running("serve", "--cert", tls.resolve("fullchain.pem").toString(), "--key",
                tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString(), "--port", "0",
                "--keys-file", dir.resolve("health-keys.json").toString(), "--demo-model", "--health-port",
                String.valueOf(health))) {
            var http = HttpClient.newHttpClient();
            for (String path : List.of("/healthz", "/readyz")) {
                var answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + health + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, answer.statusCode(), path);
                String primary = AuthKeys.open(dir.resolve("health-keys.json")).keys()
                        .primary();
                assertFalse(answer.body().contains(primary) || answer.body().contains("BEGIN"), answer.body());
            }
            assertEquals(0, running.stop());
        }
        assertThrows(ConnectException.class, () -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + health + "/healthz"))
                        .build(), HttpResponse.BodyHandlers.ofString()), "the health port closes too");
    }

    @Test
    void serveWithoutTheDefaultModelRunsTheDemoAndEveryResponseSaysSo() throws Throwable {
        withCache("empty-cache", () -> {
            String mirror = "http://127.0.0.1:" + closedPort() + "/resnet50-v1-7.onnx";
            try (Running running = new Running("serve", "--cert", tls.resolve("fullchain.pem").toString(), "--key",
                    tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString(), "--port", "0",
                    "--keys-file", dir.resolve("serve-keys.json").toString(), "--model-mirror", mirror)) {
                String said = running.said.toString();
                assertTrue(said.contains("Model: SecureScore demo model") && said.contains("not a real classifier"),
                        said);
                assertTrue(said.contains("ResNet-50 is not used") && said.contains("offline")
                        && said.contains("securescore model fetch"), said);

                assertEquals(0, run("score", "--host", HOST, "--connect-to", "127.0.0.1", "--port",
                        String.valueOf(running.serve.boundPort), "--key-file", dir.resolve("serve-keys.json").toString(),
                        "--trust", tls.resolve("ca.pem").toString(), dir.resolve("images").resolve("red.png").toString()));
                assertTrue(out.toString().startsWith("Scores from: SecureScore demo model"), out.toString());
                assertEquals(0, running.stop());
            }
        });
    }

    @Test
    void serveFindsTheServerCertificateInAChainGivenInAnyOrderAndPresentsItFirst() throws Exception {
        // The CA before the server certificate, as people paste them: the name comes from the leaf.
        Path reversed = dir.resolve("reversed.pem");
        Files.writeString(reversed, Files.readString(tls.resolve("ca.pem")) + Files.readString(tls.resolve("fullchain.pem")));
        try (Running running = new Running("serve", "--cert", reversed.toString(), "--key",
                tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString(), "--port", "0",
                "--keys-file", dir.resolve("reversed-keys.json").toString(), "--demo-model")) {
            String said = running.said.toString();
            assertTrue(said.startsWith("Scoring service for " + HOST + " listening"), said);
            assertTrue(said.contains("Certificate warning CHAIN_ORDER"), said);
            assertEquals(0, run("score", "--host", HOST, "--connect-to", "127.0.0.1", "--port",
                    String.valueOf(running.serve.boundPort), "--key-file", dir.resolve("reversed-keys.json").toString(),
                    "--trust", tls.resolve("ca.pem").toString(), dir.resolve("images").resolve("red.png").toString()));
            assertEquals(0, running.stop());
        }
    }

    @Test
    void serveStartsOnALongChainSendsItUpToTheTrustedRootAndTheClientConnects() throws Exception {
        TestPki.Issued oldRoot = TestPki.rootCa("DST Root CA X3");
        TestPki.Issued root = TestPki.rootCa("ISRG Root X1");
        TestPki.Issued cross = TestPki.crossSign(root, oldRoot).issue();
        TestPki.Issued r3 = TestPki.intermediate(root, "R3");
        TestPki.Issued leaf = TestPki.leaf(r3).dns(HOST).issue();
        Path chain = TestPki.writePem(dir.resolve("long-chain.pem"), leaf.certificate(), r3.certificate(),
                cross.certificate());
        Path key = TestPki.writePem(dir.resolve("long-chain.key"), leaf.privateKey());
        Path trust = TestPki.writePem(dir.resolve("isrg.pem"), root.certificate());
        try (Running running = new Running("serve", "--cert", chain.toString(), "--key", key.toString(), "--trust",
                trust.toString(), "--port", "0", "--keys-file", dir.resolve("long-keys.json").toString(),
                "--demo-model")) {
            String said = running.said.toString();
            assertTrue(said.startsWith("Scoring service for " + HOST + " listening"), said);
            assertTrue(said.contains("Certificate note CHAIN_PAST_ANCHOR: \"ISRG Root X1\" (issued by \"DST Root CA X3\")"
                    + " is past the trusted root"), said);
            assertEquals(0, run("score", "--host", HOST, "--connect-to", "127.0.0.1", "--port",
                    String.valueOf(running.serve.boundPort), "--key-file", dir.resolve("long-keys.json").toString(),
                    "--trust", trust.toString(), dir.resolve("images").resolve("red.png").toString()));
            assertEquals(0, running.stop());
        }
    }

    @Test
    void modelStatusAndFetchSayWhatIsMissingAndHowToGetIt() throws Throwable {
        withCache("model-cache", () -> {
            assertEquals(1, run("model", "status"));
            assertTrue(out.toString().contains("not downloaded yet") && out.toString().contains("securescore model fetch"),
                    out.toString());

            out.getBuffer().setLength(0);
            assertEquals(1, run("model", "fetch", "--mirror", "http://127.0.0.1:" + closedPort() + "/resnet50-v1-7.onnx"));
            assertTrue(out.toString().contains("could not be downloaded") && out.toString().contains("fix:"),
                    out.toString());

            out.getBuffer().setLength(0);
            Path wrong = Files.writeString(dir.resolve("resnet-copy.onnx"), "not the model");
            assertEquals(1, run("model", "fetch", "--from", wrong.toString()));
            assertTrue(out.toString().contains("resnet-copy.onnx") && out.toString().contains("different file"),
                    out.toString());

            out.getBuffer().setLength(0);
            assertEquals(1, run("model", "status", "--json"));
            JsonNode doc = Json.MAPPER.readTree(out.toString());
            assertEquals("missing", doc.get("state").asText());
            assertEquals(ModelSpec.RESNET50_V1.sha256(), doc.get("sha256").asText());
        });
    }

    @Test
    void serveChecksAModelsLabelsLayoutAndNormalisationBeforeStarting() throws Exception {
        Path model = Files.write(dir.resolve("means.onnx"), TinyOnnx.channelMeans(224));
        Path twoNames = Files.writeString(dir.resolve("two.txt"), "red\ngreen\n");
        String[] base = {"serve", "--cert", tls.resolve("fullchain.pem").toString(), "--key",
            tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString(), "--port", "0",
            "--keys-file", dir.resolve("never-made.json").toString(), "--model", model.toString()};

        assertEquals(2, run(concat(base, "--labels", twoNames.toString())));
        assertTrue(err.toString().contains("two.txt has 2 names, but means.onnx answers 3 scores"), err.toString());

        assertEquals(2, run(concat(base, "--layout", "chw")));
        assertTrue(err.toString().contains("--layout must be nchw"), err.toString());

        assertEquals(2, run(concat(base, "--std", "0.2,0")));
        assertTrue(err.toString().contains("--std takes three numbers"), err.toString());
        assertFalse(Files.exists(dir.resolve("never-made.json")), "no keys for a service that did not start");
    }

    private static String[] concat(String[] base, String... more) {
        String[] all = Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void serveWithALockedPfxAsksForThePasswordAndNothingElse() throws Exception {
        var dev = LocalService.devCertificate(dir.resolve("pfx"));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("service", dev.report().key(), "S3cret!".toCharArray(),
                dev.report().path().toArray(new Certificate[0]));
        Path pfx = dir.resolve("service.pfx");
        try (var outFile = Files.newOutputStream(pfx)) {
            store.store(outFile, "S3cret!".toCharArray());
        }
        assertEquals(1, run("serve", "--cert", pfx.toString(), "--port", "0", "--keys-file",
                dir.resolve("pfx-keys.json").toString(), "--demo-model"));
        String said = out.toString();
        assertTrue(said.contains("KEY_ENCRYPTED") && said.contains("--key-password-file"), said);
        assertFalse(said.contains("DOMAIN_INVALID"), "no name complaint when the name is locked in the bundle: " + said);

        Path password = Files.writeString(dir.resolve("pfx-password.txt"), "S3cret!\n");
        try (Running running = new Running("serve", "--cert", pfx.toString(), "--key-password-file",
                password.toString(), "--trust", dev.ca().toString(), "--port", "0", "--keys-file",
                dir.resolve("pfx-keys.json").toString(), "--demo-model")) {
            assertTrue(running.said.toString().startsWith("Scoring service for " + HOST), running.said.toString());
            assertEquals(0, running.stop());
        }
    }

    @Test
    void aSecondServiceOnTheSamePortIsToldThePortIsInUse() throws Exception {
        String[] args = {"serve", "--cert", tls.resolve("fullchain.pem").toString(), "--key",
            tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString(), "--port", "0",
            "--keys-file", dir.resolve("twice-keys.json").toString(), "--demo-model"};
        try (Running first = new Running(args)) {
            args[8] = String.valueOf(first.serve.boundPort);
            assertEquals(2, run(args));
            assertTrue(err.toString().contains("Port " + first.serve.boundPort + " on 127.0.0.1 is already in use"),
                    err.toString());
            assertEquals(0, first.stop());
        }
    }

    @Test
    void addressesAndPortsThatCannotWorkAreExplainedBeforeAnythingIsMade() throws Exception {
        String[] serve = {"serve", "--cert", tls.resolve("fullchain.pem").toString(), "--key",
            tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString(), "--keys-file",
            dir.resolve("unmade-keys.json").toString(), "--demo-model", "--port", "0", "--bind", "127.0.0.1"};
        serve[11] = "70000";
        assertEquals(2, run(serve));
        assertTrue(err.toString().contains("--port must be between 1 and 65535"), err.toString());
        serve[11] = "0";
        serve[13] = "203.0.113.7"; // TEST-NET-3: never an address of this machine
        assertEquals(2, run(serve));
        assertTrue(err.toString().contains("203.0.113.7 is not an address of this machine"), err.toString());
        assertFalse(Files.exists(dir.resolve("unmade-keys.json")), "no keys for a service that cannot listen");

        assertEquals(2, run("score", "--host", HOST, "--port", "99999", "--key-file", keysFile.toString(),
                dir.resolve("images").toString()));
        assertTrue(err.toString().contains("--port must be between 1 and 65535, not 99999"), err.toString());
        assertEquals(2, run("score", "--host", HOST, "--connect-to", "no-such-host.invalid", "--key-file",
                keysFile.toString(), dir.resolve("images").toString()));
        assertTrue(err.toString().contains("--connect-to no-such-host.invalid does not resolve"), err.toString());
    }
}

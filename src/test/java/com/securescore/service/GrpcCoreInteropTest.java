package com.securescore.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.scoring.ScoringChannel;
import com.securescore.scoring.ScoringClient;
import com.securescore.scoring.ScoringException;
import com.securescore.testsupport.LocalService;
import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SecureScore against another gRPC stack, both ways. The service as a client built on it sees it: Python's grpcio (gRPC C core with
 * BoringSSL: its own TLS, ALPN and HTTP/2), sending a request encoded by hand from PROTOCOL.md.
 * And the client against a server on that stack that answers like TensorFlow Serving (raw floats
 * in tensor_content, logits, no labels source). CI installs python3-grpcio (.ci/run).
 */
class GrpcCoreInteropTest {
    @TempDir
    static Path dir;

    static LocalService service;
    static Path client;
    static Path red;
    static Path blue;

    @BeforeAll
    static void start() throws Exception {
        service = LocalService.start(dir);
        client = dir.resolve("foreign_client.py");
        try (var in = GrpcCoreInteropTest.class.getResourceAsStream("foreign_client.py")) {
            Files.copy(in, client);
        }
        red = Files.write(dir.resolve("red.png"), LocalService.png(Color.RED, 30));
        blue = Files.write(dir.resolve("blue.png"), LocalService.png(Color.BLUE, 50));
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    /** The Debian interpreter, which has python3-grpcio; a user's own python3 may not. */
    private static String python() {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static List<String> call(String key, Path... images) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python(), client.toString(), LocalService.HOST,
                String.valueOf(service.port()), service.ca().toString(), key));
        for (Path p : images) {
            cmd.add(p.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().toList();
    }

    @Test
    void aBatchScoredByAgRpcCoreClientComesBackInFloatValWithItsLabelsSource() throws Exception {
        List<String> out = call(service.keys().primary(), red, blue);
        // Two images, ten classes: image 0 is "mostly red" (class 0), image 1 "mostly blue" (10 + 2).
        assertTrue(out.stream().anyMatch(l -> l.startsWith("output_alias float_val 20 max at 12")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.startsWith("labels_source SecureScore demo model")), out.toString());
    }

    @Test
    void theBearerFormIsAcceptedAndAWrongKeyRefusedWithTheReason() throws Exception {
        List<String> bearer = call("Bearer " + service.keys().secondary(), red);
        assertTrue(bearer.stream().anyMatch(l -> l.startsWith("output_alias float_val 10 max at 0")), bearer.toString());
        List<String> wrong = call("not-the-key", red);
        assertEquals(1, wrong.stream().filter(l -> l.startsWith("ERROR UNAUTHENTICATED wrong key")).count(),
                wrong.toString());
    }

    @Test
    void aFileThatIsNotAnImageIsNamedByIndex() throws Exception {
        List<String> out = call(service.keys().primary(), red, client);
        assertTrue(out.stream().anyMatch(l -> l.startsWith("ERROR INVALID_ARGUMENT image 1 cannot be decoded")),
                out.toString());
    }

    @Test
    void theClientScoresAgainstAServerOnAnotherStackThatAnswersInTensorContentWithLogits() throws Exception {
        Path server = dir.resolve("foreign_server.py");
        try (var in = GrpcCoreInteropTest.class.getResourceAsStream("foreign_server.py")) {
            Files.copy(in, server, StandardCopyOption.REPLACE_EXISTING);
        }
        Path tls = service.ca().getParent();
        Process p = new ProcessBuilder(python(), server.toString(), tls.resolve("fullchain.pem").toString(),
                tls.resolve("privkey.pem").toString(), "foreign-key").redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try {
            String first = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            int port = Integer.parseInt(String.valueOf(first).strip());
            try (ScoringChannel channel = ScoringChannel.tls(
                    LocalService.HOST, port, service.ca(), InetAddress.getLoopbackAddress())) {
                var client = new ScoringClient(channel,
                        new ScoringClient.Auth("foreign-key", true, null), List.of());
                var scores = client.score(List.of(Files.readAllBytes(red), Files.readAllBytes(blue)),
                        Duration.ofSeconds(10), 3);
                assertEquals(2, scores.size());
                assertEquals("golden retriever", scores.get(1).top().get(0).label(), "1,000 columns: ImageNet names");
                assertEquals("Labrador retriever", scores.get(1).top().get(1).label());
                assertTrue(!scores.get(0).probabilities(), "logits are recognised as not probabilities");
                assertEquals(null, scores.get(0).labelsSource(), "a service that does not say, says nothing");

                var wrong = new ScoringClient(channel,
                        new ScoringClient.Auth("not-it", false, null), List.of());
                var e = Assertions.assertThrows(ScoringException.class,
                        () -> wrong.score(List.of(Files.readAllBytes(red)), Duration.ofSeconds(10), 3));
                assertEquals("AUTH_REJECTED", e.code());
            }
        } finally {
            p.getOutputStream().close();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}

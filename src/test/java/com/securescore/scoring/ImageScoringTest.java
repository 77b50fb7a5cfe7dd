package com.securescore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.FindingCode;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Ports;
import java.awt.Color;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one scoring loop of `score` and the wizard's console, against a real TLS service. */
class ImageScoringTest {
    @TempDir
    static Path dir;

    static LocalService server;
    static Path red;
    static Path blue;
    static Path missing;

    @BeforeAll
    static void start() throws Exception {
        server = LocalService.start(dir);
        red = Files.write(dir.resolve("red.png"), LocalService.png(Color.RED, 40));
        blue = Files.write(dir.resolve("blue.png"), LocalService.png(Color.BLUE, 40));
        missing = dir.resolve("gone.png");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ScoringChannel channel(int port) throws Exception {
        return ScoringChannel.tls(LocalService.HOST, port, server.ca(), InetAddress.getLoopbackAddress());
    }

    private static ImageScoring scoring(ScoringChannel channel) throws Exception {
        ScoringClient client = new ScoringClient(channel, new ScoringClient.Auth(server.keys().primary(), false, null),
                List.of());
        return new ImageScoring(client, Duration.ofSeconds(10), 3);
    }

    @Test
    void oneByOneTellsEachImageInOrderAndAnUnreadableFileFailsOnItsOwn() throws Exception {
        List<String> told = new ArrayList<>();
        List<ImageScoring.Scored> out;
        try (ScoringChannel channel = channel(server.port())) {
            out = scoring(channel).oneByOne(List.of(red, missing, blue),
                    (r, done) -> told.add(done + " " + r.image().getFileName() + " " + r.ok()));
        }
        assertEquals(List.of("1 red.png true", "2 gone.png false", "3 blue.png true"), told);
        assertEquals("mostly red", out.get(0).score().top().get(0).label());
        assertEquals("mostly blue", out.get(2).score().top().get(0).label());
        ScoringException unreadable = out.get(1).error();
        assertEquals(FindingCode.FILE_UNREADABLE.name(), unreadable.code());
        assertTrue(unreadable.getMessage().startsWith("Could not read " + missing), unreadable.getMessage());
        assertFalse(unreadable.endpointFailure(), "the file's failure, not the endpoint's");
    }

    @Test
    void oneByOneStopsWhenTheEndpointItselfFails() throws Exception {
        List<ImageScoring.Scored> out;
        try (ScoringChannel channel = channel(Ports.unused())) {
            out = scoring(channel).oneByOne(List.of(red, blue, red), (r, done) -> { });
        }
        assertEquals(1, out.size(), "the other images were not sent: they would fail the same way");
        assertEquals(FindingCode.CONNECT_REFUSED.name(), out.get(0).error().code());
        assertNull(out.get(0).score());
    }

    @Test
    void aChunkIsOneCallWhoseUnreadableFileFailsAloneAndWhoseFailedCallFailsEachImage() throws Exception {
        try (ScoringChannel channel = channel(server.port())) {
            List<ImageScoring.Scored> out = scoring(channel).chunk(List.of(missing, red, blue)).get();
            assertEquals(List.of(missing, red, blue), out.stream().map(ImageScoring.Scored::image).toList());
            assertEquals(FindingCode.FILE_UNREADABLE.name(), out.get(0).error().code());
            assertTrue(out.get(1).ok() && out.get(2).ok());
            assertEquals(out.get(1).score().latencyMillis(), out.get(2).score().latencyMillis(),
                    "one call: the latency is shared");
        }
        try (ScoringChannel channel = channel(Ports.unused())) {
            List<ImageScoring.Scored> out = scoring(channel).chunk(List.of(red, blue)).get();
            assertEquals(2, out.size());
            assertTrue(out.stream().allMatch(r -> FindingCode.CONNECT_REFUSED.name().equals(r.error().code())),
                    out.toString());
        }
    }
}

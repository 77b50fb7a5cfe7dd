package com.securescore.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import com.securescore.scoring.Labels;
import com.securescore.scoring.ScoringChannel;
import com.securescore.scoring.ScoringClient;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.TinyOnnx;
import com.sun.net.httpserver.HttpServer;
import java.awt.Color;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the service runs when no model is named. The "zoo" here is a real HTTP server on loopback
 * serving a tiny real ONNX model made at test time, pinned to that model's SHA-256.
 */
class DefaultModelTest {
    @TempDir
    Path dir;

    private final byte[] tiny = TinyOnnx.channelMeans(224);
    private ModelCache cache;
    private ModelSpec spec;

    @BeforeEach
    void setUp() throws Exception {
        cache = new ModelCache(dir.resolve("cache"));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tiny));
        spec = new ModelSpec("Tiny test model", "tiny.onnx", List.of(URI.create("http://127.0.0.1:9/")), sha,
                tiny.length);
    }

    @Test
    void downloadsTheModelOnceAndRunsItWithTheImageNetLabels() throws Exception {
        HttpServer zoo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        zoo.createContext("/tiny.onnx", ex -> {
            ex.sendResponseHeaders(200, tiny.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(tiny);
            }
        });
        zoo.start();
        DefaultModel.Loaded loaded;
        try {
            ModelSpec online = spec.from(URI.create("http://127.0.0.1:" + zoo.getAddress().getPort() + "/tiny.onnx"));
            loaded = DefaultModel.load(cache, online, ModelDownloader.standard(), ModelDownloader.Progress.NONE);
        } finally {
            zoo.stop(0);
        }
        assertFalse(loaded.demo(), loaded.whyNotResNet());
        assertTrue(loaded.classifier().source().contains("verified"), loaded.classifier().source());
        float[][] scores = loaded.classifier().classify(List.of(LocalService.png(Color.RED, 300)));
        assertTrue(scores[0][0] > scores[0][1] && scores[0][0] > scores[0][2], "a red image: channel 0 highest");
        assertEquals("tench", loaded.classifier().labels().get(0), "ImageNet's class 0");

        // The zoo is gone now: the next start runs the cached, re-verified copy offline.
        DefaultModel.Loaded again = DefaultModel.load(cache, spec, null, ModelDownloader.Progress.NONE);
        assertFalse(again.demo(), again.whyNotResNet());
    }

    @Test
    void offlineWithNothingCachedRunsTheDemoModelAndSaysWhy() {
        DefaultModel.Loaded loaded = DefaultModel.load(cache, spec, null, ModelDownloader.Progress.NONE);
        assertTrue(loaded.demo());
        assertTrue(loaded.whyNotResNet().contains("not in the cache"), loaded.whyNotResNet());
        assertTrue(loaded.classifier().source().startsWith(Labels.DEMO_MARK)
                && loaded.classifier().source().contains("not a real classifier"), loaded.classifier().source());
    }

    @Test
    void aDamagedCachedCopyIsNotRunOffline() throws Exception {
        Files.createDirectories(cache.pathOf(spec).getParent());
        byte[] damaged = tiny.clone();
        damaged[damaged.length - 1] ^= 1;
        Files.write(cache.pathOf(spec), damaged);
        DefaultModel.Loaded loaded = DefaultModel.load(cache, spec, null, ModelDownloader.Progress.NONE);
        assertTrue(loaded.demo());
        assertTrue(loaded.whyNotResNet().contains("SHA-256"), loaded.whyNotResNet());
    }

    @Test
    void anUnreachableZooFallsBackToTheDemoModelWithTheReason() {
        DefaultModel.Loaded loaded = DefaultModel.load(cache, spec, ModelDownloader.standard(),
                ModelDownloader.Progress.NONE);
        assertTrue(loaded.demo());
        assertTrue(loaded.whyNotResNet().contains("could not be downloaded"), loaded.whyNotResNet());
    }

    @Test
    void aResNetShapedDefaultModelAnswersClientsWithImageNetNamesAndSaysWhereTheyComeFrom() throws Exception {
        byte[] model = TinyOnnx.imageNetShaped(207);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model));
        ModelSpec shaped = new ModelSpec("ResNet-shaped test model", "shaped.onnx",
                List.of(URI.create("http://127.0.0.1:9/")), sha, model.length);
        ModelDownloader.install(cache, shaped, Files.write(dir.resolve("copy.onnx"), model));
        DefaultModel.Loaded loaded = DefaultModel.load(cache, shaped, null, ModelDownloader.Progress.NONE);
        assertFalse(loaded.demo(), loaded.whyNotResNet());

        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        AuthKeys keys = AuthKeys.open(dir.resolve("keys.json")).keys();
        try (ScoringServer server = ScoringServer.start(dev.report(), "127.0.0.1", 0, keys, loaded.classifier(),
                ScoringServer.DEFAULT_MAX_REQUEST_BYTES);
             ScoringChannel channel = ScoringChannel.tls(LocalService.HOST, server.port(), dev.ca(),
                     InetAddress.getLoopbackAddress())) {
            var score = new ScoringClient(channel, new ScoringClient.Auth(keys.primary(), false, null), List.of())
                    .score(List.of(LocalService.png(Color.RED, 64)), Duration.ofSeconds(10), 5).get(0);
            assertEquals("golden retriever", score.top().get(0).label(), "class 207 by its ImageNet name");
            assertTrue(score.labelsSource().contains("verified") && score.labelsSource().contains("ImageNet"),
                    score.labelsSource());
        }
    }
}

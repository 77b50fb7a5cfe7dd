package com.securescore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.Ports;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import com.securescore.testsupport.PartialHttp;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fetching a model as a user on a real network sees it: a real HTTP server on loopback stands in
 * for the model zoo (redirects, range requests, a connection that breaks, a file that is not the
 * pinned one). The model bytes are random, made per test; the pinned hash is theirs.
 */
class ModelDownloaderTest {
    @TempDir
    Path dir;

    private final byte[] model = new byte[300_000];
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ModelCache cache;
    private ModelSpec spec;

    @BeforeEach
    void start() throws Exception {
        new Random(7).nextBytes(model);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/zoo/model.onnx", this::serveWithRanges);
        server.createContext("/moved", ex -> {
            requests.add("GET /moved");
            ex.getResponseHeaders().add("Location", "/zoo/model.onnx");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        server.createContext("/other", ex -> {
            requests.add("GET /other");
            byte[] other = model.clone();
            other[1000] ^= 1;
            ex.sendResponseHeaders(200, other.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(other);
            }
        });
        server.start();
        cache = new ModelCache(dir.resolve("cache"));
        spec = new ModelSpec("Test model", "model.onnx", List.of(url("/moved")), sha256(model), model.length);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void serveWithRanges(HttpExchange ex) throws IOException {
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add("GET /zoo/model.onnx" + (range == null ? "" : " " + range));
        int from = range == null ? 0 : Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        if (from > 0) {
            ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (model.length - 1) + "/" + model.length);
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, model.length - from);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(model, from, model.length - from);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void aModelBakedIntoAnImageIsUsedWithoutDownloadingAndStillVerified() throws Exception {
        Path baked = Files.createDirectories(dir.resolve("image-models"));
        Files.write(baked.resolve("model.onnx"), model);
        ModelCache withBaked = new ModelCache(dir.resolve("empty-cache"), baked);

        ModelCache.Status status = withBaked.status(spec);
        assertEquals(ModelCache.State.VERIFIED, status.state());
        assertEquals(baked.resolve("model.onnx"), status.file());
        assertEquals(baked.resolve("model.onnx"), new ModelDownloader(Proxy.NO_PROXY,
                Duration.ofSeconds(5))
                .fetch(withBaked, spec, (done, total) -> { }));
        assertTrue(requests.isEmpty(), "nothing was downloaded: " + requests);

        byte[] other = model.clone();
        other[10] ^= 1;
        Files.write(baked.resolve("model.onnx"), other);
        assertEquals(ModelCache.State.DAMAGED, withBaked.status(spec).state(), "a replaced baked file is not run");
    }

    @Test
    void downloadsOnceThroughARedirectWithProgressAndThenUsesTheCache() throws Exception {
        List<long[]> progress = new CopyOnWriteArrayList<>();
        Path file = ModelDownloader.standard().fetch(cache, spec, (done, total) -> progress.add(new long[] {done, total}));

        assertArrayEquals(model, Files.readAllBytes(file));
        assertEquals(ModelCache.State.VERIFIED, cache.status(spec).state());
        assertArrayEquals(new long[] {model.length, model.length}, progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], "progress never goes backwards");
        }
        assertEquals(List.of("GET /moved", "GET /zoo/model.onnx"), requests);

        ModelDownloader.standard().fetch(cache, spec, ModelDownloader.Progress.NONE);
        assertEquals(2, requests.size(), "a verified cached copy is used without asking the server again");
        assertFalse(Files.exists(cache.partOf(spec)));
    }

    @Test
    void aStalledConnectionIsGivenUpAndTheBytesSoFarKept() throws Exception {
        var testOver = new CountDownLatch(1);
        try {
            ModelDownloader impatient = new ModelDownloader(Proxy.NO_PROXY, Duration.ofMillis(300));
            ModelDownloader.DownloadException e = assertThrows(ModelDownloader.DownloadException.class,
                    () -> impatient.fetch(cache, spec.from(PartialHttp.serve(model, model.length / 2, null, 0, testOver)), ModelDownloader.Progress.NONE));
            assertTrue(e.getMessage().contains("sent nothing") && e.getMessage().contains("resumes"), e.getMessage());
            assertEquals(ModelCache.State.PARTIAL, cache.status(spec).state());
        } finally {
            testOver.countDown();
        }
    }

    @Test
    void anInterruptedDownloadIsKeptAndResumedWithARangeRequest() throws Exception {
        ModelDownloader.DownloadException e = assertThrows(ModelDownloader.DownloadException.class,
                () -> ModelDownloader.standard().fetch(cache, spec.from(PartialHttp.serve(model, model.length / 2, null, 0, null)),
                        ModelDownloader.Progress.NONE));
        assertTrue(e.getMessage().contains("resumes"), e.getMessage());
        assertEquals(ModelDownloader.DownloadException.Kind.INTERRUPTED, e.kind());
        ModelCache.Status partial = cache.status(spec);
        assertEquals(ModelCache.State.PARTIAL, partial.state());
        long have = partial.bytesPresent();
        assertTrue(have > 0 && have < model.length, "kept " + have);

        Path file = ModelDownloader.standard().fetch(cache, spec.from(url("/zoo/model.onnx")),
                ModelDownloader.Progress.NONE);
        assertEquals("GET /zoo/model.onnx bytes=" + have + "-", requests.get(requests.size() - 1));
        assertArrayEquals(model, Files.readAllBytes(file));
    }

    @Test
    void aFileThatIsNotThePinnedOneIsDeletedNotUsed() throws Exception {
        ModelDownloader.DownloadException e = assertThrows(ModelDownloader.DownloadException.class,
                () -> ModelDownloader.standard().fetch(cache, spec.from(url("/other")), ModelDownloader.Progress.NONE));
        assertTrue(e.getMessage().contains("SHA-256") && e.getMessage().contains(spec.sha256()), e.getMessage());
        assertEquals(ModelDownloader.DownloadException.Kind.NOT_THE_PINNED_FILE, e.kind());
        assertEquals(ModelCache.State.MISSING, cache.status(spec).state());
        assertFalse(Files.exists(cache.partOf(spec)), "no tampered bytes are left to resume from");
    }

    @Test
    void aDamagedCachedCopyIsDetectedAndReplaced() throws Exception {
        Path file = cache.pathOf(spec);
        Files.createDirectories(file.getParent());
        byte[] damaged = model.clone();
        damaged[5] ^= 1;
        Files.write(file, damaged);
        ModelCache.Status status = cache.status(spec);
        assertEquals(ModelCache.State.DAMAGED, status.state());
        assertTrue(status.detail().contains("SHA-256"), status.detail());

        ModelDownloader.standard().fetch(cache, spec, ModelDownloader.Progress.NONE);
        assertArrayEquals(model, Files.readAllBytes(file));
    }

    @Test
    void unreachableAndMissingFilesAreExplained() throws Exception {
        int closedPort = Ports.unused();
        ModelDownloader.DownloadException refused = assertThrows(ModelDownloader.DownloadException.class,
                () -> ModelDownloader.standard().fetch(cache,
                        spec.from(URI.create("http://127.0.0.1:" + closedPort + "/model.onnx")),
                        ModelDownloader.Progress.NONE));
        assertTrue(refused.getMessage().contains("offline"), refused.getMessage());
        assertEquals(ModelDownloader.DownloadException.Kind.UNREACHABLE, refused.kind());

        ModelDownloader.DownloadException missing = assertThrows(ModelDownloader.DownloadException.class,
                () -> ModelDownloader.standard().fetch(cache, spec.from(url("/nothing-here")),
                        ModelDownloader.Progress.NONE));
        assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
        assertEquals(ModelDownloader.DownloadException.Kind.REFUSED, missing.kind());
    }

    @Test
    void aCopyFromElsewhereIsInstalledOnlyIfItIsThePinnedFile() throws Exception {
        Path wrong = Files.write(dir.resolve("wrong.onnx"), new byte[model.length]);
        ModelDownloader.DownloadException e = assertThrows(ModelDownloader.DownloadException.class,
                () -> ModelDownloader.install(cache, spec, wrong));
        assertTrue(e.getMessage().contains("wrong.onnx") && e.getMessage().contains("SHA-256"), e.getMessage());
        assertEquals(ModelCache.State.MISSING, cache.status(spec).state());

        Path right = Files.write(dir.resolve("right.onnx"), model);
        ModelDownloader.install(cache, spec, right);
        assertEquals(ModelCache.State.VERIFIED, cache.status(spec).state());
        assertTrue(requests.isEmpty(), "nothing was downloaded");
    }

    @Test
    void theProxyIsUsedExceptForNoProxyHostsAndAProxyAskingForCredentialsIsExplained() throws Exception {
        // A forward proxy on loopback: it answers for any absolute URL, so a host that exists nowhere
        // can only be reached through it.
        List<String> proxied = new CopyOnWriteArrayList<>();
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", ex -> {
            proxied.add(ex.getRequestURI().toString());
            ex.sendResponseHeaders(200, model.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(model);
            }
        });
        proxy.start();
        try {
            Proxy through = new Proxy(Proxy.Type.HTTP, proxy.getAddress());
            ModelSpec behind = spec.from(URI.create("http://models.example.invalid/zoo/model.onnx"));
            ModelDownloader viaProxy = new ModelDownloader(through, List.of(), Duration.ofSeconds(10));
            viaProxy.fetch(cache, behind, ModelDownloader.Progress.NONE);
            assertEquals(List.of("http://models.example.invalid/zoo/model.onnx"), proxied);
            assertEquals(ModelCache.State.VERIFIED, cache.status(spec).state());

            ModelDownloader direct = new ModelDownloader(through, List.of(".example.invalid"),
                    Duration.ofSeconds(10));
            assertEquals(Proxy.NO_PROXY, direct.proxyFor("models.example.invalid"));
            assertEquals(through, direct.proxyFor("github.com"));
            assertEquals(Proxy.NO_PROXY, new ModelDownloader(through, List.of("*"),
                    Duration.ofSeconds(1)).proxyFor("github.com"));
        } finally {
            proxy.stop(0);
        }

        HttpServer locked = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        locked.createContext("/", ex -> {
            ex.getResponseHeaders().add("Proxy-Authenticate", "Basic realm=\"corp\"");
            ex.sendResponseHeaders(407, -1);
            ex.close();
        });
        locked.start();
        try {
            ModelDownloader viaLocked = new ModelDownloader(new Proxy(Proxy.Type.HTTP,
                    locked.getAddress()), List.of(), Duration.ofSeconds(10));
            ModelDownloader.DownloadException e = assertThrows(ModelDownloader.DownloadException.class,
                    () -> viaLocked.fetch(new ModelCache(dir.resolve("other-cache")),
                            spec.from(URI.create("http://models.example.invalid/zoo/model.onnx")),
                            ModelDownloader.Progress.NONE));
            assertTrue(e.getMessage().contains("HTTP 407") && e.getMessage().contains("--from FILE"), e.getMessage());
        } finally {
            locked.stop(0);
        }
    }
}

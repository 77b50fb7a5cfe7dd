package com.securescore.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Plays Azure on loopback over real HTTPS (a certificate for localhost made at test time): it
 * records every request and answers each "METHOD path" from a script, the last answer repeating.
 */
public final class FakeAzure implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    public record Received(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply of(int status, String body, String... headerPairs) {
            Map<String, String> h = new LinkedHashMap<>();
            for (int i = 0; i < headerPairs.length; i += 2) {
                h.put(headerPairs[i], headerPairs[i + 1]);
            }
            return new Reply(status, h, body);
        }
    }

    public final TestPki.Issued ca = TestPki.rootCa("Fake Azure CA");
    public final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, List<Reply>> script = new ConcurrentHashMap<>();
    private final HttpsServer server;

    public FakeAzure() throws Exception {
        TestPki.Issued cert = TestPki.leaf(ca).dns("localhost").issue();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("tls", cert.privateKey(), new char[0], new Certificate[] {cert.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), Ports.unused()), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", this::handle);
        server.start();
    }

    /** A client TLS context that trusts this server's CA and nothing else. */
    public SSLContext clientTls() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", ca.certificate());
        TrustManagerFactory tmf =
                TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** https://localhost:PORT */
    public URI base() {
        return URI.create("https://localhost:" + server.getAddress().getPort());
    }

    /** Answers {@code method} on paths ending in {@code pathSuffix} with these replies, in turn. */
    public FakeAzure on(String method, String pathSuffix, Reply... replies) {
        script.put(method + " " + pathSuffix, new ArrayList<>(List.of(replies)));
        return this;
    }

    public List<Received> requests(String method) {
        return received.stream().filter(r -> r.method().equals(method)).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = ex.getRequestURI().getPath();
        received.add(new Received(ex.getRequestMethod(), path, ex.getRequestURI().getQuery(),
                Map.copyOf(ex.getRequestHeaders()), body));
        Reply reply = Reply.of(404, "{\"error\":{\"code\":\"NotScripted\",\"message\":\"no reply for " + path + "\"}}");
        String best = null;
        for (String key : script.keySet()) {
            String[] parts = key.split(" ", 2);
            if (parts[0].equals(ex.getRequestMethod()) && path.endsWith(parts[1])
                    && (best == null || key.length() > best.length())) {
                best = key;
            }
        }
        if (best != null) {
            List<Reply> replies = script.get(best);
            synchronized (replies) {
                reply = replies.size() > 1 ? replies.remove(0) : replies.get(0);
            }
        }
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json");
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}

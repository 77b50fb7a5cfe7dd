package com.securescore.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Plain-HTTP health answers for orchestrators whose probes cannot speak TLS gRPC (Kubernetes'
 * built-in gRPC probe is plaintext only; the scoring port is TLS only). {@code /healthz} answers
 * 200 while the process runs, so a pod still downloading its model is not restarted;
 * {@code /readyz} answers 200 only once the scoring service takes calls, 503 with the reason
 * before. Nothing secret is served: no keys, no certificate, no model details.
 */
public final class HealthEndpoint implements AutoCloseable {
    private final HttpServer server;

    private HealthEndpoint(HttpServer server) {
        this.server = server;
    }

    /**
     * @param readiness null when ready, else why not ("loading the model")
     */
    public static HealthEndpoint start(String bind, int port, Supplier<String> readiness) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 8);
        server.createContext("/healthz", exchange -> answer(exchange, 200, "ok"));
        server.createContext("/readyz", exchange -> {
            String notReady = readiness.get();
            answer(exchange, notReady == null ? 200 : 503, notReady == null ? "ready" : notReady);
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "health");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new HealthEndpoint(server);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

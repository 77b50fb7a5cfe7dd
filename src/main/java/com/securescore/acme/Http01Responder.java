package com.securescore.acme;

import com.securescore.findings.FindingCode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HTTP-01 responder: a tiny web server that answers
 * {@code /.well-known/acme-challenge/TOKEN} with the key authorisation while an order is validated,
 * and nothing else. It listens on every address (IPv4 and IPv6: a CA tries IPv6 first when the name
 * has an AAAA record) on port 80, or on the port that port 80 is forwarded to.
 */
public final class Http01Responder implements AutoCloseable {
    static final String PATH = "/.well-known/acme-challenge/";

    private final HttpServer server;
    private final Map<String, String> answers = new ConcurrentHashMap<>();

    private Http01Responder(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts listening on {@code port} on every address.
     *
     * @throws AcmeFailure when the port cannot be had: taken by another program, or below 1024 without
     *                     the right to use it
     */
    public static Http01Responder start(int port) throws AcmeFailure {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(port), 16);
        } catch (BindException e) {
            throw bindFailure(port, e);
        } catch (IOException e) {
            throw new AcmeFailure(FindingCode.ACME_HTTP_PORT_IN_USE, "The challenge responder could not listen on "
                    + "port " + port + ": " + e.getMessage() + ".", "Choose another port and forward port 80 to it.");
        }
        Http01Responder responder = new Http01Responder(server);
        server.createContext("/", responder::handle);
        server.setExecutor(null);
        server.start();
        return responder;
    }

    static AcmeFailure bindFailure(int port, BindException e) {
        String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (m.contains("permission") || m.contains("access")) {
            return new AcmeFailure(FindingCode.ACME_HTTP_PORT_DENIED, "The challenge responder may not listen on port "
                    + port + ": ports below 1024 need administrator rights on this system.",
                    "Run SecureScore with the right to use port " + port + " (e.g. grant Java "
                            + "cap_net_bind_service), or listen on a high port such as 8080 and forward port 80 to "
                            + "it in the router or firewall.");
        }
        return new AcmeFailure(FindingCode.ACME_HTTP_PORT_IN_USE, "The challenge responder cannot listen on port "
                + port + ": another program is using it (often a web server such as nginx or Apache).",
                "Stop that program while the certificate is issued, or listen on another port and forward port 80 "
                        + "to it.");
    }

    /** The port it listens on (the one asked for, or the one chosen when 0 was asked for). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers {@code token} with {@code keyAuthorization} until removed. */
    public void put(String token, String keyAuthorization) {
        answers.put(token, keyAuthorization);
    }

    public void remove(String token) {
        answers.remove(token);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String answer = path.startsWith(PATH) && "GET".equals(exchange.getRequestMethod())
                    ? answers.get(path.substring(PATH.length())) : null;
            byte[] body = (answer != null ? answer : "Not an ACME challenge this server knows.\n")
                    .getBytes(StandardCharsets.US_ASCII);
            exchange.getResponseHeaders().set("Content-Type", answer != null ? "application/octet-stream"
                    : "text/plain");
            exchange.sendResponseHeaders(answer != null ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

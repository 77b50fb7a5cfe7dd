package com.securescore.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code openssl s_server} on a free loopback port, presenting exactly the chain it is given (broken or
 * not): an independent TLS peer. Ready once it prints ACCEPT; its stdin stays open (it stops on EOF).
 */
public final class OpensslServer implements AutoCloseable {
    private final Process process;
    private final int port;

    private OpensslServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param chain leaf first; the rest is sent after it ({@code -cert_chain})
     * @param extra more s_server options, e.g. "-alpn", "h2" or "-tls1_2", "-Verify", "1"
     */
    public static OpensslServer start(Path dir, List<X509Certificate> chain, PrivateKey key, String... extra)
            throws IOException {
        Path leaf = TestPki.writePem(dir.resolve("s_server-leaf.pem"), chain.get(0));
        Path keyFile = TestPki.writePem(dir.resolve("s_server-key.pem"), key);
        int port = Ports.unused();
        List<String> cmd = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                "-cert", leaf.toString(), "-key", keyFile.toString()));
        if (chain.size() > 1) {
            Path rest = TestPki.writePem(dir.resolve("s_server-chain.pem"),
                    chain.subList(1, chain.size()).toArray());
            cmd.addAll(List.of("-cert_chain", rest.toString()));
        }
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith("ACCEPT")) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // Keep s_server's output flowing so it never blocks on a full pipe.
                        }
                    } catch (IOException e) {
                        // The process ended.
                    }
                }, "s_server output");
                drain.setDaemon(true);
                drain.start();
                return new OpensslServer(p, port);
            }
        }
        p.destroyForcibly();
        throw new IOException("openssl s_server did not start: " + seen);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

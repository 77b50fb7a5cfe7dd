package com.securescore.testsupport;

import java.io.IOException;
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
        StartedLine.await(p, "ACCEPT", "openssl s_server");
        return new OpensslServer(p, port);
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

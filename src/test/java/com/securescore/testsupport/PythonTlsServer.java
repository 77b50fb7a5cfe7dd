package com.securescore.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server written with Python's own {@code ssl} and {@code socket} modules (Debian's
 * /usr/bin/python3): an independent peer for what openssl s_server cannot be told to do. Two kinds:
 * a TLS server that asks for client certificates ({@link #mutualTls}), and a port that accepts TCP
 * connections and never writes a byte ({@link #silent}). Ready once it prints its port; it stops
 * when its stdin closes.
 */
public final class PythonTlsServer implements AutoCloseable {
    private static final String SCRIPT = """
            import socket, ssl, sys, threading
            mode = sys.argv[1]
            listener = socket.socket()
            listener.bind(("127.0.0.1", 0))
            listener.listen(16)
            ctx = None
            if mode == "tls":
                version, verify, cert, key, client_ca = sys.argv[2:7]
                ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
                ctx.minimum_version = ctx.maximum_version = (
                    ssl.TLSVersion.TLSv1_3 if version == "1.3" else ssl.TLSVersion.TLSv1_2)
                ctx.load_cert_chain(cert, key)
                ctx.load_verify_locations(client_ca)
                ctx.verify_mode = ssl.CERT_REQUIRED if verify == "required" else ssl.CERT_OPTIONAL
            held = []
            def serve(conn):
                held.append(conn)
                if ctx is None:
                    return
                try:
                    tls = ctx.wrap_socket(conn, server_side=True)
                    held.append(tls)
                except (ssl.SSLError, OSError) as e:
                    print("REFUSED", e, flush=True)
                    conn.close()
            def accept():
                while True:
                    conn, _ = listener.accept()
                    threading.Thread(target=serve, args=(conn,), daemon=True).start()
            threading.Thread(target=accept, daemon=True).start()
            print("PORT", listener.getsockname()[1], flush=True)
            sys.stdin.read()
            """;

    private final Process process;
    private final int port;

    private PythonTlsServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * A TLS server ({@code version} "1.2" or "1.3") that asks for a client certificate issued by
     * {@code clientCa}, and breaks off the handshake without one when {@code required} (Python's
     * {@code CERT_REQUIRED}), or goes on without one ({@code CERT_OPTIONAL}).
     */
    public static PythonTlsServer mutualTls(Path dir, String version, boolean required, List<X509Certificate> chain,
                                            PrivateKey key, X509Certificate clientCa) throws IOException {
        Path cert = TestPki.writePem(dir.resolve("py-chain.pem"), chain.toArray());
        Path keyFile = TestPki.writePem(dir.resolve("py-key.pem"), key);
        Path ca = TestPki.writePem(dir.resolve("py-client-ca.pem"), clientCa);
        return start(dir, "tls", version, required ? "required" : "optional", cert.toString(), keyFile.toString(),
                ca.toString());
    }

    /** A port that accepts TCP connections and never says a word: no TLS, no plaintext, nothing. */
    public static PythonTlsServer silent(Path dir) throws IOException {
        return start(dir, "silent");
    }

    private static PythonTlsServer start(Path dir, String... args) throws IOException {
        Path script = Files.writeString(dir.resolve("py-server.py"), SCRIPT);
        String python = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String ready = StartedLine.await(p, "PORT ", "the Python server");
        return new PythonTlsServer(p, Integer.parseInt(ready.substring(5).strip()));
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}

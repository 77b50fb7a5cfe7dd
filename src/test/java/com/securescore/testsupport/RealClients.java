package com.securescore.testsupport;

import com.securescore.cert.ClientSupport.Client;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * The real TLS clients that run on a build machine, each connecting to a loopback port with SNI and
 * the host check for a name, trusting only one PEM file: the JDK, {@code openssl s_client
 * -verify_hostname}, Python's ssl, Python's grpcio (gRPC C core), Node's tls and a Go program (built
 * with Debian's Go, standard library only). A missing peer fails the test with the package to install.
 */
public final class RealClients implements AutoCloseable {
    /** What one client did: accepted the server's chain, or refused it with its own message. */
    public record Outcome(boolean accepted, String message) {
    }

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path GO = Path.of("/usr/lib/go-1.19/bin/go");

    private final Path dir;
    private final Path goClient;

    private RealClients(Path dir, Path goClient) {
        this.dir = dir;
        this.goClient = goClient;
    }

    /** Checks every peer is installed (else fails saying which Debian package) and builds the Go client. */
    public static RealClients prepare(Path dir) throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        if (run(dir, List.of("openssl", "version")).exit != 0) {
            missing.add("openssl (Debian package openssl)");
        }
        if (run(dir, List.of(PYTHON, "-c", "import ssl, grpc")).exit != 0) {
            missing.add("Python's grpcio (Debian packages python3, python3-grpcio)");
        }
        if (run(dir, List.of("node", "--version")).exit != 0) {
            missing.add("node (Debian package nodejs)");
        }
        if (!Files.isExecutable(GO)) {
            missing.add("Go 1.19 at " + GO + " (Debian package golang-1.19-go)");
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("The client-table test needs every real client on this machine; missing: "
                    + String.join(", ", missing) + ". tools/test.sh installs them.");
        }
        for (String script : List.of("tls_client.py", "grpc_client.py", "tls_client.js", "tlsclient.go")) {
            try (InputStream in = RealClients.class.getResourceAsStream("/com/securescore/cert/clients/" + script)) {
                Files.copy(in, dir.resolve(script));
            }
        }
        Path binary = dir.resolve("tlsclient");
        Files.createDirectories(dir.resolve("gocache"));
        Files.createDirectories(dir.resolve("gopath"));
        ProcessBuilder pb = new ProcessBuilder(GO.toString(), "build", "-o", binary.toString(), "tlsclient.go")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GOCACHE", dir.resolve("gocache").toString());
        pb.environment().put("GOPATH", dir.resolve("gopath").toString());
        pb.environment().put("GO111MODULE", "off");
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("GOFLAGS");
        Result built = run(pb, 300);
        if (built.exit != 0) {
            throw new AssertionError("Could not build the Go client with " + GO + ": " + built.out);
        }
        return new RealClients(dir, binary);
    }

    /** Every client's outcome against 127.0.0.1:{@code port}, checking {@code host}, trusting {@code ca}. */
    public Map<String, Outcome> connect(int port, String host, Path ca) throws Exception {
        Map<String, Outcome> out = new LinkedHashMap<>();
        String p = Integer.toString(port);
        out.put("jdk", jdk(port, host, ca));
        out.put("openssl", openssl(port, host, ca));
        out.put("python-ssl", parse(run(dir, List.of(PYTHON, "tls_client.py", p, host, ca.toString()))));
        out.put("grpcio", parse(run(dir, List.of(PYTHON, "grpc_client.py", p, host, ca.toString()))));
        out.put("node", parse(run(dir, List.of("node", "tls_client.js", p, host, ca.toString()))));
        out.put("go", parse(run(dir, List.of(goClient.toString(), p, host, ca.toString()))));
        return out;
    }

    /** Which real client stands for which row of the table (openssl s_client stands beside Python's ssl). */
    public static Map<Client, String> rows() {
        Map<Client, String> m = new EnumMap<>(Client.class);
        m.put(Client.JAVA, "jdk");
        m.put(Client.GRPC_CORE, "grpcio");
        m.put(Client.NODE, "node");
        m.put(Client.PYTHON_SSL, "python-ssl");
        m.put(Client.GO, "go");
        return m;
    }

    private static Outcome jdk(int port, String host, Path ca) throws Exception {
        KeyStore roots = KeyStore.getInstance("PKCS12");
        roots.load(null, null);
        int i = 0;
        try (InputStream in = Files.newInputStream(ca)) {
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                roots.setCertificateEntry("root" + i++, (X509Certificate) c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(roots);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), port);
             SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true)) {
            SSLParameters params = s.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            params.setServerNames(List.of(new SNIHostName(host)));
            params.setApplicationProtocols(new String[] {"h2"});
            s.setSSLParameters(params);
            s.setSoTimeout(10_000);
            s.startHandshake();
            return new Outcome(true, "");
        } catch (SSLException e) {
            return new Outcome(false, e.getMessage());
        }
    }

    private Outcome openssl(int port, String host, Path ca) throws IOException, InterruptedException {
        Result r = run(dir, List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", host,
                "-verify_hostname", host, "-verify_return_error", "-CAfile", ca.toString(), "-alpn", "h2"));
        boolean ok = r.exit == 0 && r.out.contains("Verify return code: 0 (ok)");
        String error = r.out.lines().filter(l -> l.startsWith("verify error:")).findFirst().orElse(r.out);
        return new Outcome(ok, ok ? "" : error);
    }

    private static Outcome parse(Result r) {
        String line = r.out.lines().filter(l -> l.startsWith("ACCEPT") || l.startsWith("REFUSE")).findFirst()
                .orElseThrow(() -> new AssertionError("client said neither ACCEPT nor REFUSE: " + r.out));
        return new Outcome(line.startsWith("ACCEPT"), line.startsWith("REFUSE ") ? line.substring(7) : "");
    }

    private record Result(int exit, String out) {
    }

    private static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        try {
            return run(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true), 60);
        } catch (IOException e) {
            return new Result(127, e.getMessage());
        }
    }

    private static Result run(ProcessBuilder pb, int seconds) throws IOException, InterruptedException {
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + pb.command());
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        // The clients are separate processes that have all ended; the folder is the test's.
    }
}

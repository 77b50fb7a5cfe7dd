package com.securescore.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A real private container registry for the integration tests: Debian's {@code docker-registry}
 * (distribution 2.8) on a free loopback port, over TLS with a certificate from a CA made at test time
 * ({@link #caFile()}), behind a password ({@code auth.htpasswd}, bcrypt), storing images in a temporary
 * folder. It is private the way a user's registry is: the node pulls from it only with an image pull
 * Secret, and trusts it only because it is given the CA ({@link KubernetesNode}).
 *
 * <p>Started once per JVM by {@link #get()}, which waits until {@code /v2/} answers (401 without a
 * password is an answer) and fails at once with the registry's log when the process exits instead;
 * stopped, and its storage deleted, when the JVM exits. Images get in with {@link #push}, a docker archive at a time (skopeo).
 */
public final class TestRegistry {
    private static final Duration START_LIMIT = Duration.ofSeconds(20);
    private static TestRegistry started;

    private final Path dir;
    private final int port;
    private final String user;
    private final String password;
    private final X509Certificate ca;
    private final ServerProcess server;

    private TestRegistry(Path dir, int port, String user, String password, X509Certificate ca, Process process) {
        this.dir = dir;
        this.ca = ca;
        this.port = port;
        this.user = user;
        this.password = password;
        this.server = new ServerProcess(process, "docker-registry");
    }

    /** The shared registry, started on first use. */
    public static synchronized TestRegistry get() {
        if (started == null) {
            started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "docker-registry-clean"));
        }
        return started;
    }

    /** Stops the registry and deletes what was pushed (hundreds of MB a run); config and log stay. */
    private void stop() {
        server.close();
        try {
            new ProcessBuilder("rm", "-rf", "--one-file-system", dir.resolve("storage").toString()).start()
                    .waitFor(60, TimeUnit.SECONDS);
        } catch (IOException e) {
            // At JVM exit: nothing left to report to.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static TestRegistry start() {
        try {
            Path dir = Files.createTempDirectory("test-registry");
            TestPki.Issued ca = TestPki.rootCa("SecureScore test registry CA");
            TestPki.Issued tls = TestPki.leaf(ca).dns("localhost").ip("127.0.0.1").issue();
            Path cert = TestPki.writePem(dir.resolve("registry.crt"), tls.certificate(), ca.certificate());
            Path key = TestPki.writePem(dir.resolve("registry.key"), tls.privateKey());
            // skopeo reads a folder of *.crt files as the CAs it trusts for the registry.
            Files.createDirectories(dir.resolve("certs"));
            TestPki.writePem(dir.resolve("certs/ca.crt"), ca.certificate());
            String user = "securescore-test";
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String password = HexFormat.of().formatHex(random);
            Path htpasswd = dir.resolve("htpasswd");
            Files.writeString(htpasswd, run(List.of("htpasswd", "-Bbn", user, password), Duration.ofSeconds(30),
                    "apache2-utils").strip() + "\n");
            Path passwordFile = dir.resolve("password");
            Files.writeString(passwordFile, password);
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            IllegalStateException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                int port = Ports.unused();
                Path config = dir.resolve("config.yml");
                Files.writeString(config, "version: 0.1\n"
                        + "log:\n  level: info\n"
                        + "storage:\n  filesystem:\n    rootdirectory: \"" + dir.resolve("storage") + "\"\n"
                        + "  delete:\n    enabled: true\n"
                        + "http:\n  addr: 127.0.0.1:" + port + "\n"
                        + "  tls:\n    certificate: \"" + cert + "\"\n    key: \"" + key + "\"\n"
                        + "auth:\n  htpasswd:\n    realm: securescore-test-registry\n    path: \"" + htpasswd + "\"\n");
                Process p;
                try {
                    p = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                            .redirectOutput(dir.resolve("registry.log").toFile()).start();
                } catch (IOException e) {
                    throw new IllegalStateException("Could not start docker-registry (is Debian's docker-registry "
                            + "package installed? tools/test.sh installs it)", e);
                }
                TestRegistry registry = new TestRegistry(dir, port, user, password, ca.certificate(), p);
                try {
                    registry.awaitAnswer();
                    return registry;
                } catch (IllegalStateException e) {
                    registry.server.close();
                    last = e;
                    if (!registry.log().contains("address already in use")) {
                        throw e;
                    }
                }
            }
            throw last;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitAnswer() {
        HttpClient client = client();
        server.awaitReady("docker-registry", "", () -> answers(client), System.nanoTime() + START_LIMIT.toNanos(),
                START_LIMIT, this::log);
    }

    /** Whether {@code /v2/} answers over TLS now; without a password that answer is 401. */
    private boolean answers(HttpClient client) {
        try {
            int status = client.send(HttpRequest.newBuilder(URI.create("https://" + address() + "/v2/"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 401 || status == 200;
        } catch (IOException e) {
            return false; // not listening yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** An HTTPS client that trusts only the registry's test CA. */
    public HttpClient client() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(2)).build();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 127.0.0.1:PORT}, as image references and Docker's config name the registry. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The CA that signed the registry's certificate (PEM). */
    public Path caFile() {
        return dir.resolve("certs/ca.crt");
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A file holding just the password, readable by its owner only (for --password-file style options). */
    public Path passwordFile() {
        return dir.resolve("password");
    }

    /**
     * Pushes a docker archive ({@code docker save} format) as {@code repository:tag} with skopeo, and
     * returns the full reference {@code 127.0.0.1:PORT/repository:tag}.
     */
    public String push(Path dockerArchive, String repository, String tag) {
        String reference = address() + "/" + repository + ":" + tag;
        // --insecure-policy: no signature policy file needed (TLS is still verified against caFile()).
        run(List.of("skopeo", "--insecure-policy", "copy", "--quiet", "--dest-creds", user + ":" + password,
                "--dest-cert-dir", caFile().getParent().toString(), "docker-archive:" + dockerArchive.toAbsolutePath(),
                "docker://" + reference), Duration.ofMinutes(5), "skopeo");
        return reference;
    }

    /**
     * Writes a Docker {@code config.json} with this registry's credentials ({@code auths}, base64
     * "user:password") into a new temporary folder and returns the folder, for {@code DOCKER_CONFIG}.
     * The file's content is also what a {@code kubernetes.io/dockerconfigjson} Secret holds.
     */
    public Path dockerConfig() {
        try {
            Path folder = Files.createTempDirectory(dir, "docker-config");
            String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            Path file = folder.resolve("config.json");
            Files.writeString(file, "{\"auths\": {\"" + address() + "\": {\"auth\": \"" + auth + "\"}}}\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What the registry has logged so far. */
    public String log() {
        try {
            return Files.readString(dir.resolve("registry.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Runs a command to its end and returns its output; fails with that output when it fails. */
    private static String run(List<String> command, Duration limit, String debianPackage) {
        String tool = command.get(0);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            // Read while it runs: a full pipe would stall it.
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Thread reader = new Thread(() -> {
                try {
                    p.getInputStream().transferTo(out);
                } catch (IOException e) {
                    // the process ended
                }
            }, tool + "-output");
            reader.start();
            if (!p.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(tool + " did not finish within " + limit.toSeconds() + " s");
            }
            reader.join(5000);
            String text = out.toString(StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(tool + " failed (exit " + p.exitValue() + "): " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + tool + " (is Debian's " + debianPackage
                    + " package installed? tools/test.sh installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

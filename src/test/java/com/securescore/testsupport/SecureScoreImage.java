package com.securescore.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SecureScore's own image as a user makes it: the packaged jar ({@code target/securescore.jar},
 * which failsafe's integration tests run after) in a JVM of its own runs {@code image build} onto
 * the node's Java base and pushes it to the test registry with its password. Built once per JVM.
 */
public final class SecureScoreImage {
    public static final Path JAR = Path.of("target", "securescore.jar").toAbsolutePath();
    private static String pushed;

    private SecureScoreImage() {
    }

    /** {@code 127.0.0.1:PORT/team/securescore:it@sha256:...}, pushed on first use. */
    public static synchronized String get() {
        if (pushed == null) {
            pushed = build("it").reference();
        }
        return pushed;
    }

    /** What one {@code securescore image build} printed, and the reference it pushed. */
    public record Built(int exit, String out, String err, String reference) {
    }

    /** A new image tagged {@code tag} (a new digest each time: its creation time differs). */
    public static Built build(String tag) {
        KubernetesNode node = KubernetesNode.get();
        TestRegistry registry = node.registry();
        Result r = run("image", "build", "--to", registry.address() + "/team/securescore:" + tag, "--base",
                node.baseImage(), "--trust", registry.caFile().toString(), "--registry-user", registry.user(),
                "--registry-password-file", registry.passwordFile().toString(), "--json");
        Matcher m = Pattern.compile("\"image\" : \"([^\"]+)\"").matcher(r.out);
        if (r.exit != 0 || !m.find()) {
            throw new IllegalStateException("securescore image build failed (exit " + r.exit + "):\n" + r.out + "\n"
                    + r.err);
        }
        return new Built(r.exit, r.out, r.err, m.group(1));
    }

    private record Result(int exit, String out, String err) {
    }

    /** The packaged jar in a JVM of its own, as the installed command runs. */
    private static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile("image-build", ".out");
            Path err = Files.createTempFile("image-build", ".err");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("securescore " + String.join(" ", args) + " ran over 5 minutes");
            }
            Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

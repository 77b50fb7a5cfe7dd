package com.securescore.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's own {@code keytool} command line, run as a separate process: the foreign tool that
 * makes the keystores Java shops have, so tests read files our code did not write.
 */
public final class Keytool {
    private Keytool() {
    }

    /** The output of a successful run (stdout and stderr together); fails the test on a non-zero exit. */
    public static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("keytool did not finish: " + command);
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("keytool failed (" + p.exitValue() + "): " + command + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("could not run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A self-signed EC key entry for {@code dns} made by {@code keytool -genkeypair}. */
    public static Path genKeyPair(Path store, String type, String storePassword, String keyPassword, String alias,
            String dns) {
        run("-genkeypair", "-keystore", store.toString(), "-storetype", type, "-storepass", storePassword,
                "-keypass", keyPassword, "-alias", alias, "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + dns, "-ext", "SAN=dns:" + dns, "-validity", "30");
        return store;
    }
}

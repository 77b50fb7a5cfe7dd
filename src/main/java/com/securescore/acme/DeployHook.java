package com.securescore.acme;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A command run after a successful renewal, as certbot's {@code --deploy-hook}: through {@code sh -c},
 * with {@code RENEWED_LINEAGE} (the folder holding the new files) and {@code RENEWED_DOMAINS} (the
 * name) in its environment, so scripts written for certbot work unchanged. It is how a certificate
 * reaches a place SecureScore does not update by itself (an Azure ML service, another server).
 */
public final class DeployHook {
    private DeployHook() {
    }

    /**
     * Runs {@code command} and passes each line it prints (standard output and error) to {@code output}.
     *
     * @return the command's exit code
     */
    public static int run(String command, Path lineage, String domain, Consumer<String> output)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
        pb.environment().put("RENEWED_LINEAGE", lineage.toAbsolutePath().toString());
        pb.environment().put("RENEWED_DOMAINS", domain);
        Process p = pb.start();
        p.getOutputStream().close();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.accept(line);
            }
        }
        return p.waitFor();
    }
}

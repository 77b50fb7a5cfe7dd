package com.securescore.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Waits for a server process to print the line that says it is ready ("ACCEPT", "PORT 4242"), then
 * keeps reading its output in the background so it never blocks on a full pipe.
 */
final class StartedLine {
    private StartedLine() {
    }

    /**
     * Returns the first line of {@code process}'s output that starts with {@code prefix}; when the output
     * ends first, the process is stopped and the failure says what {@code name} printed.
     */
    static String await(Process process, String prefix, String name) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            if (line.startsWith(prefix)) {
                Thread drain = new Thread(() -> {
                    try {
                        while (out.readLine() != null) {
                            // Keep the output flowing.
                        }
                    } catch (IOException e) {
                        // The process ended.
                    }
                }, name + " output");
                drain.setDaemon(true);
                drain.start();
                return line;
            }
        }
        process.destroyForcibly();
        throw new IOException(name + " did not start: " + seen);
    }
}

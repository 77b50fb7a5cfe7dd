package com.securescore.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the key a client sends from a file: either a service's keys file ({"primary", "secondary"},
 * as `serve` writes it) or a file holding just the key. One reader for the CLI and the console.
 */
public final class KeyFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KeyFiles() {
    }

    /** The primary (or secondary) key; "" when a keys file has no such key. */
    public static String read(Path file, boolean secondary) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) {
            return text;
        }
        JsonNode node = JSON.readTree(text);
        String field = secondary ? "secondary" : "primary";
        return node.hasNonNull(field) ? node.get(field).asText() : "";
    }
}

package com.securescore.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the key a client sends from a file: either a service's keys file ({"primary", "secondary"},
 * as `serve` writes it) or a file holding just the key. One reader for the CLI and the console.
 * A flat object of strings, as `serve` writes it, is read here without Jackson (400 classes to load
 * for every `score`); anything else goes to Jackson, which says what is wrong with it.
 */
public final class KeyFiles {
    private KeyFiles() {
    }

    /** The primary (or secondary) key; "" when a keys file has no such key. */
    public static String read(Path file, boolean secondary) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!text.startsWith("{")) {
            return text;
        }
        String field = secondary ? "secondary" : "primary";
        Map<String, String> flat = flatStrings(text);
        if (flat != null) {
            String value = flat.get(field);
            return value == null ? "" : value;
        }
        JsonNode node = new ObjectMapper().readTree(text);
        return node.hasNonNull(field) ? node.get(field).asText() : "";
    }

    /**
     * The primary (or secondary) key, for a use that needs one: a file without it is a {@link NoKeyException}
     * naming the file and the key a keys file needs. The message never quotes the file's content.
     */
    public static String require(Path file, boolean secondary) throws IOException {
        String text = read(file, secondary);
        if (text.isEmpty()) {
            throw new NoKeyException(file + " holds no key (a keys file needs a \""
                    + (secondary ? "secondary" : "primary") + "\" key).");
        }
        return text;
    }

    /** A key file that was read but holds no key: input to correct, said in a sentence naming the file. */
    public static final class NoKeyException extends IOException {
        private static final long serialVersionUID = 1L;

        NoKeyException(String message) {
            super(message);
        }
    }

    /** A JSON object whose values are all strings, or null when {@code text} is anything else. */
    static Map<String, String> flatStrings(String text) {
        Map<String, String> out = new HashMap<>();
        int[] at = {skip(text, 0)};
        if (at[0] >= text.length() || text.charAt(at[0]++) != '{') {
            return null;
        }
        at[0] = skip(text, at[0]);
        if (at[0] < text.length() && text.charAt(at[0]) == '}') {
            return skip(text, at[0] + 1) == text.length() ? out : null;
        }
        while (true) {
            String name = string(text, at);
            if (name == null) {
                return null;
            }
            at[0] = skip(text, at[0]);
            if (at[0] >= text.length() || text.charAt(at[0]++) != ':') {
                return null;
            }
            at[0] = skip(text, at[0]);
            String value = string(text, at);
            if (value == null) {
                return null;
            }
            out.put(name, value);
            at[0] = skip(text, at[0]);
            if (at[0] >= text.length()) {
                return null;
            }
            char c = text.charAt(at[0]++);
            if (c == '}') {
                return skip(text, at[0]) == text.length() ? out : null;
            }
            if (c != ',') {
                return null;
            }
            at[0] = skip(text, at[0]);
        }
    }

    private static int skip(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t' || text.charAt(i) == '\n'
                || text.charAt(i) == '\r')) {
            i++;
        }
        return i;
    }

    /** A JSON string at {@code at[0]} with its escapes undone, moving past it; null if there is none. */
    private static String string(String text, int[] at) {
        int i = at[0];
        if (i >= text.length() || text.charAt(i) != '"') {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (i++; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                at[0] = i + 1;
                return b.toString();
            }
            if (c < 0x20) {
                return null;
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (++i >= text.length()) {
                return null;
            }
            char e = text.charAt(i);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 >= text.length()) {
                        return null;
                    }
                    try {
                        b.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
                    } catch (NumberFormatException x) {
                        return null;
                    }
                    i += 4;
                }
                default -> {
                    return null;
                }
            }
        }
        return null;
    }
}

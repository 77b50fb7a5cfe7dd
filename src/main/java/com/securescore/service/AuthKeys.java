package com.securescore.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securescore.cert.SecureFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The service's two auth keys, kept in a JSON file {"primary": ..., "secondary": ...} that only
 * the owner can read. Two keys let clients move to a regenerated key without downtime: rotate one,
 * move clients to it, then rotate the other. A running service notices a changed file on the next
 * call, so rotation needs no restart.
 */
public final class AuthKeys {
    /** Which of the two keys. */
    public enum Which {
        PRIMARY, SECONDARY;

        public String field() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private volatile Loaded loaded;

    private record Loaded(byte[] primary, byte[] secondary, FileTime modified, long size) {
    }

    private AuthKeys(Path file, Loaded loaded) {
        this.file = file;
        this.loaded = loaded;
    }

    /**
     * Opens the keys file, creating it with two new random keys (owner-only) when it does not exist.
     *
     * @return the keys, and whether they were just created (the only time to show them in full)
     */
    public static Opened open(Path file) throws IOException {
        boolean created = false;
        if (!Files.exists(file)) {
            write(file, newKey(), newKey(), false);
            created = true;
        }
        return new Opened(new AuthKeys(file, read(file)), created);
    }

    /** The keys and whether the file was just made. */
    public record Opened(AuthKeys keys, boolean created) {
    }

    /**
     * Two keys held somewhere other than a local file (a cluster's Secret), in the keys file's JSON
     * form. Its text form is masked, so a pair that reaches a log shows no key.
     */
    public record Pair(String primary, String secondary) {
        public static Pair fresh() {
            return new Pair(newKey(), newKey());
        }

        /** The same pair with one key replaced by a new random one. */
        public Pair regenerate(Which which) {
            return which == Which.PRIMARY ? new Pair(newKey(), secondary) : new Pair(primary, newKey());
        }

        public String get(Which which) {
            return which == Which.PRIMARY ? primary : secondary;
        }

        public byte[] json() {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("primary", primary);
            map.put("secondary", secondary);
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(map);
            } catch (IOException e) {
                throw new IllegalStateException("two strings as JSON", e);
            }
        }

        /** @param where names the source in the message when the content is not a keys file */
        public static Pair parse(byte[] bytes, String where) throws IOException {
            Map<?, ?> map;
            try {
                map = JSON.readValue(bytes, Map.class);
            } catch (IOException e) {
                throw new IOException(where + " is not a keys file (expected JSON with \"primary\" and \"secondary\").");
            }
            Object primary = map == null ? null : map.get("primary");
            Object secondary = map == null ? null : map.get("secondary");
            if (!(primary instanceof String p) || !(secondary instanceof String s) || p.length() < 16
                    || s.length() < 16) {
                throw new IOException(where + " must hold two keys of at least 16 characters: {\"primary\": \"...\", "
                        + "\"secondary\": \"...\"}.");
            }
            return new Pair(p, s);
        }

        /** Writes the pair as a keys file, owner-only. */
        public void save(Path file, boolean replace) throws IOException {
            SecureFiles.write(file, json(), true, replace);
        }

        @Override
        public String toString() {
            return "Pair[primary=" + mask(primary) + ", secondary=" + mask(secondary) + "]";
        }
    }

    /** A new key: 32 random bytes, base64url without padding (43 characters, safe in any header). */
    static String newKey() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    public Path file() {
        return file;
    }

    public String primary() {
        return new String(current().primary, StandardCharsets.UTF_8);
    }

    public String secondary() {
        return new String(current().secondary, StandardCharsets.UTF_8);
    }

    /** True when {@code presented} is either key; compared in constant time. */
    public boolean accepts(String presented) {
        if (presented == null || presented.isEmpty()) {
            return false;
        }
        byte[] p = presented.getBytes(StandardCharsets.UTF_8);
        Loaded k = current();
        // Evaluate both comparisons so the time does not tell which key matched.
        boolean first = MessageDigest.isEqual(p, k.primary);
        boolean second = MessageDigest.isEqual(p, k.secondary);
        return first | second;
    }

    /** Replaces one key with a new random one and returns it; the other key keeps working. */
    public String regenerate(Which which) throws IOException {
        Loaded k = current();
        String fresh = newKey();
        String primary = which == Which.PRIMARY ? fresh : new String(k.primary, StandardCharsets.UTF_8);
        String secondary = which == Which.SECONDARY ? fresh : new String(k.secondary, StandardCharsets.UTF_8);
        write(file, primary, secondary, true);
        loaded = read(file);
        return fresh;
    }

    /** Shows the start of a key only, for logs and screens: "AbCd…" (never the whole key). */
    public static String mask(String key) {
        return key.length() <= 8 ? "…" : key.substring(0, 4) + "…";
    }

    /** The keys as they are in the file now; re-read only when the file changed. */
    private Loaded current() {
        Loaded k = loaded;
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (!modified.equals(k.modified) || size != k.size) {
                k = read(file);
                loaded = k;
            }
        } catch (IOException e) {
            // The file went away or became unreadable: keep serving with the keys we have.
        }
        return k;
    }

    private static Loaded read(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        byte[] bytes = Files.readAllBytes(file);
        Pair pair = Pair.parse(bytes, file.toString());
        return new Loaded(pair.primary().getBytes(StandardCharsets.UTF_8),
                pair.secondary().getBytes(StandardCharsets.UTF_8), modified, bytes.length);
    }

    private static void write(Path file, String primary, String secondary, boolean replace) throws IOException {
        new Pair(primary, secondary).save(file, replace);
    }
}

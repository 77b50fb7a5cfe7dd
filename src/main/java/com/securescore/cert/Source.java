package com.securescore.cert;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Certificate or key material as the user gave it: the bytes of a file, or text pasted into the
 * wizard. The name is what messages call it ("chain.pem", "pasted text").
 *
 * @param size the full size in bytes; larger than {@code bytes.length} when the file was too big to read whole
 */
public record Source(String name, byte[] bytes, long size) {
    /** No certificate or key file is this large; reading more would only hurt. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    /** Reads a file; a missing or unreadable file throws, since there is nothing to explain about its content. */
    public static Source file(Path path) throws IOException {
        long size = Files.size(path);
        try (InputStream in = Files.newInputStream(path)) {
            return new Source(path.toString(), in.readNBytes(MAX_BYTES), size);
        }
    }

    public static Source bytes(String name, byte[] bytes) {
        return new Source(name, bytes, bytes.length);
    }

    public static Source text(String name, String text) {
        return bytes(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean truncated() {
        return size > bytes.length;
    }

    /** The file name without its folders, for short messages. */
    public String shortName() {
        int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
        return slash >= 0 ? name.substring(slash + 1) : name;
    }
}

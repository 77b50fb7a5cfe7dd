package com.securescore.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A base image small enough to make in a test, as a docker archive the way {@code docker save} writes
 * it: one layer holding one file, a config naming that layer, a manifest. Given to an image build as
 * {@code tar://FILE}, so the build needs no base from a registry. Nothing in it runs; the pushes are
 * what the tests look at.
 */
public final class TinyBaseImage {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TinyBaseImage() {
    }

    /** Writes the archive to {@code file} (replacing it) and returns {@code file}. */
    public static Path write(Path file) throws IOException {
        byte[] layer = tar(Map.of("opt/java/bin/README", "a stand-in for a Java runtime".getBytes(
                StandardCharsets.UTF_8)));
        String diffId = "sha256:" + HexFormat.of().formatHex(sha256(layer));
        byte[] config = JSON.writeValueAsBytes(Map.of("architecture", "amd64", "os", "linux",
                "config", Map.of("Env", List.of("PATH=/opt/java/bin:/usr/bin")),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId))));
        byte[] manifest = JSON.writeValueAsBytes(List.of(Map.of("Config", "config.json",
                "RepoTags", List.of("tiny-base:17"), "Layers", List.of("layer/layer.tar"))));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("config.json", config);
        files.put("layer/layer.tar", layer);
        files.put("manifest.json", manifest);
        Files.write(file, tar(files));
        return file;
    }

    /** {@code tar://FILE}, as an image build takes a base archive. */
    public static String reference(Path file) {
        return "tar://" + file.toAbsolutePath();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] tar(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(f.getValue().length);
                out.putArchiveEntry(entry);
                out.write(f.getValue());
                out.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}

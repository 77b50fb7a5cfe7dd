package com.securescore.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The user's cache folder for downloaded models. Every use re-checks the file against its pinned
 * size and SHA-256, so a damaged or replaced file is never run.
 */
public final class ModelCache {
    /** What the cache holds for one model. */
    public enum State { MISSING, PARTIAL, VERIFIED, DAMAGED }

    /** The state of one model's file, with how much of it is there. */
    public record Status(ModelSpec spec, Path file, State state, long bytesPresent, String detail) {
    }

    private final Path dir;
    /** A read-only folder of model files that came with the installation (an image's), or null. */
    private final Path preinstalled;

    public ModelCache(Path dir) {
        this(dir, null);
    }

    /**
     * @param preinstalled a read-only folder whose files are used when the cache has none (an image's
     *                     baked models); they are verified like downloaded ones; null for none
     */
    public ModelCache(Path dir, Path preinstalled) {
        this.dir = dir;
        this.preinstalled = preinstalled;
    }

    /**
     * The system property {@code securescore.cache.dir}, else SECURESCORE_CACHE_DIR, else the OS's cache
     * folder; with the models an image baked in (SECURESCORE_MODELS_DIR, set by securescore image build).
     */
    public static ModelCache standard() {
        String baked = System.getenv("SECURESCORE_MODELS_DIR");
        return new ModelCache(defaultDirectory(), baked == null || baked.isBlank() ? null : Path.of(baked));
    }

    static Path defaultDirectory() {
        String override = System.getProperty("securescore.cache.dir");
        if (override == null || override.isBlank()) {
            override = System.getenv("SECURESCORE_CACHE_DIR");
        }
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return Path.of(local != null ? local : home, "SecureScore", "cache");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Caches", "SecureScore");
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        return xdg != null && !xdg.isBlank() ? Path.of(xdg, "securescore") : Path.of(home, ".cache", "securescore");
    }

    public Path directory() {
        return dir;
    }

    /** Where {@code spec}'s file lives once downloaded. */
    public Path pathOf(ModelSpec spec) {
        return dir.resolve("models").resolve(spec.fileName());
    }

    /** Where an unfinished download of {@code spec} is kept, so the next attempt resumes it. */
    Path partOf(ModelSpec spec) {
        return pathOf(spec).resolveSibling(spec.fileName() + ".part");
    }

    /** Checks the cached file (size, then SHA-256); reports a partial download if there is one. */
    public Status status(ModelSpec spec) throws IOException {
        Path file = pathOf(spec);
        if (!Files.isRegularFile(file) && preinstalled != null
                && Files.isRegularFile(preinstalled.resolve(spec.fileName()))) {
            file = preinstalled.resolve(spec.fileName());
        }
        if (!Files.isRegularFile(file)) {
            Path part = partOf(spec);
            if (Files.isRegularFile(part)) {
                long have = Files.size(part);
                return new Status(spec, file, State.PARTIAL, have, ModelSpec.mebibytes(have) + " of "
                        + ModelSpec.mebibytes(spec.size()) + " downloaded; the next fetch resumes it");
            }
            return new Status(spec, file, State.MISSING, 0, "not downloaded yet");
        }
        long size = Files.size(file);
        if (size != spec.size()) {
            return new Status(spec, file, State.DAMAGED, size, "damaged or replaced: it is " + size + " bytes; "
                    + spec.size()
                    + " were expected");
        }
        String actual = sha256(file);
        if (!actual.equals(spec.sha256())) {
            return new Status(spec, file, State.DAMAGED, size, "damaged or replaced: its SHA-256 is " + actual + "; "
                    + spec.sha256()
                    + " is pinned");
        }
        return new Status(spec, file, State.VERIFIED, size, "verified, SHA-256 " + spec.shortHash());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}

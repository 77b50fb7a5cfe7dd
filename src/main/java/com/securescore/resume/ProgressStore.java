package com.securescore.resume;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes {@link SavedProgress} as JSON in the user's config folder. A damaged or
 * unreadable file is treated as "nothing to resume" rather than an error: losing a resume offer is
 * better than refusing to start. Writes go through a temporary file and a rename, so a crash never
 * leaves half a file.
 */
public final class ProgressStore {
    /** System property that overrides the config folder (tests, portable installs). */
    public static final String CONFIG_DIR_PROPERTY = "securescore.config.dir";
    private static final String FILE_NAME = "progress.json";

    private final Path file;
    /** Made on first use: with no saved run the wizard opens without loading Jackson's databind. */
    private ObjectMapper mapper;

    public ProgressStore(Path configDir) {
        this.file = configDir.resolve(FILE_NAME);
    }

    /** The store in the platform's usual config folder (or the one named by the system property). */
    public static ProgressStore forCurrentUser() {
        return new ProgressStore(configDir());
    }

    private synchronized ObjectMapper mapper() {
        if (mapper == null) {
            mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        }
        return mapper;
    }

    public Path file() {
        return file;
    }

    public Optional<SavedProgress> load() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            SavedProgress p = mapper().readValue(file.toFile(), SavedProgress.class);
            return p == null || p.isEmpty() ? Optional.empty() : Optional.of(p);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public void save(SavedProgress progress) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), "progress", ".tmp");
        try {
            mapper().writeValue(tmp.toFile(), progress);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    public void clear() throws IOException {
        Files.deleteIfExists(file);
    }

    public static Path configDir() {
        String override = System.getProperty(CONFIG_DIR_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String home = System.getProperty("user.home");
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return Path.of(appData != null ? appData : home, "SecureScore");
        }
        if (os.contains("mac")) {
            return Path.of(home, "Library", "Application Support", "SecureScore");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : Path.of(home, ".config").toString(), "securescore");
    }
}

package com.securescore.resume;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One file the Certificate step was reading, with what it was for and how it looked when the step read
 * it (size and time of last change, never its content), so Resume reads the same files the same way and can
 * say plainly when one is gone or changed.
 *
 * @param path     where the file is
 * @param role     what the step used it for
 * @param size     its size in bytes when read, or null when it could not be had
 * @param modified its time of last change (milliseconds since 1970) when read, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedFile(String path, Role role, Long size, Long modified) {

    /** What the step used a file for. */
    public enum Role {
        /** Chosen or dropped together (certificates, and a key among them), in the order given. */
        GIVEN,
        /** A key file chosen on its own. */
        KEY,
        /** An issuer's file added from a finding's button. */
        ADDED
    }

    /** How a saved file is now, next to how it was when read. */
    public enum Now {
        SAME, CHANGED, GONE
    }

    /** {@code file} as it looks now. */
    public static SavedFile of(Path file, Role role) {
        try {
            return new SavedFile(file.toString(), role, Files.size(file), Files.getLastModifiedTime(file).toMillis());
        } catch (IOException | SecurityException e) {
            return new SavedFile(file.toString(), role, null, null);
        }
    }

    public Path file() {
        return Path.of(path);
    }

    /** Whether the file is still there and looks as it did when read (one saved without its looks counts as SAME). */
    public Now now() {
        Path f = file();
        if (!Files.isRegularFile(f)) {
            return Now.GONE;
        }
        if (size == null || modified == null) {
            return Now.SAME;
        }
        SavedFile again = of(f, role);
        return Objects.equals(size, again.size()) && Objects.equals(modified, again.modified()) ? Now.SAME
                : Now.CHANGED;
    }
}

package com.securescore.cert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Writes files that may hold secrets: created owner-only from the first byte (never widened after
 * the fact), and never over an existing file unless asked to.
 */
public final class SecureFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");

    private SecureFiles() {
    }

    /** The files among {@code targets} that already exist. */
    public static List<Path> existing(List<Path> targets) {
        return targets.stream().filter(Files::exists).toList();
    }

    /** Writes {@code content}; owner-only when {@code secret}; refuses to replace a file unless {@code force}. */
    public static void write(Path file, byte[] content, boolean secret, boolean force) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        if (!force && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "exists; not overwritten");
        }
        // Write beside the target, then move: a crash never leaves half a key in place.
        Path tmp = secret && posix(dir)
                ? Files.createTempFile(dir, ".securescore", ".tmp", ownerOnly())
                : Files.createTempFile(dir, ".securescore", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(content);
            }
            if (secret && !posix(dir)) {
                ownerOnlyElsewhere(tmp);
            } else if (!secret && posix(dir)) {
                // Temporary files start owner-only; certificates are public and others must read them.
                Files.setPosixFilePermissions(tmp, PUBLIC);
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }

    /** On file systems without POSIX permissions (Windows), restrict with the basic flags we have. */
    private static void ownerOnlyElsewhere(Path file) {
        java.io.File f = file.toFile();
        f.setReadable(false, false);
        f.setReadable(true, true);
        f.setWritable(false, false);
        f.setWritable(true, true);
    }
}

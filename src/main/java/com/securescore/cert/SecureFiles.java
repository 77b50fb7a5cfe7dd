package com.securescore.cert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * Writes files that may hold secrets: created owner-only before the first byte is written (never
 * narrowed after the fact), and never over an existing file unless asked to. Owner-only is mode 0600
 * where files have POSIX modes (Linux, macOS), and an ACL of the owner and SYSTEM alone, inherited
 * entries replaced, where they have ACLs (Windows); a folder this makes is 0700 on POSIX. Works on any
 * file system's {@link Path}, so the Windows way is tested on an in-memory one.
 */
public final class SecureFiles {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PUBLIC = PosixFilePermissions.fromString("rw-r--r--");
    private static final String PREFIX = ".securescore";
    private static final String SUFFIX = ".tmp";

    private SecureFiles() {
    }

    /** The files among {@code targets} that already exist. */
    public static List<Path> existing(List<Path> targets) {
        return targets.stream().filter(Files::exists).toList();
    }

    /** Writes {@code content}; owner-only when {@code secret}; refuses to replace a file unless {@code force}. */
    public static void write(Path file, byte[] content, boolean secret, boolean force) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = posix(dir);
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER));
        } else {
            Files.createDirectories(dir);
        }
        if (!force && Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "exists; not overwritten");
        }
        // Write beside the target, then move: a crash never leaves half a key in place.
        Path tmp = secret ? ownerOnlyTempFile(dir, posix) : Files.createTempFile(dir, PREFIX, SUFFIX);
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(content);
            }
            if (!secret && posix) {
                // Temporary files start owner-only; certificates are public and others must read them.
                Files.setPosixFilePermissions(tmp, PUBLIC);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** An empty temporary file in {@code dir} that only its owner can read, made so before it holds anything. */
    private static Path ownerOnlyTempFile(Path dir, boolean posix) throws IOException {
        if (posix) {
            return Files.createTempFile(dir, PREFIX, SUFFIX, ownerOnly());
        }
        if (OwnerOnlyAcl.supported(dir)) {
            return OwnerOnlyAcl.createTempFile(dir, PREFIX, SUFFIX);
        }
        throw new IOException(dir + " is on a file system that keeps no owner or permissions (FAT or exFAT, "
                + "for example), so a file there cannot be kept from other users; nothing was written. Choose a "
                + "folder on an NTFS disk, such as one in your user folder.");
    }

    private static boolean posix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
    }
}

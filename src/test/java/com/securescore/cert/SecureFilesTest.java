package com.securescore.cert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import com.securescore.service.AuthKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret files are owner-only on both kinds of file system: POSIX modes on the real disk here, and on
 * an in-memory file system set up as Windows (ACLs, no POSIX modes), whose new files come with a
 * "Users may read" entry as NTFS folders usually hand down.
 */
class SecureFilesTest {
    @TempDir
    Path dir;

    private FileSystem windows;

    @AfterEach
    void closeWindows() throws IOException {
        if (windows != null) {
            windows.close();
        }
    }

    /** A Windows-like file system whose new files inherit "BUILTIN\Users: read". */
    private Path windowsFolder() throws IOException {
        UserPrincipal users;
        try (FileSystem probe = Jimfs.newFileSystem(Configuration.windows())) {
            users = probe.getUserPrincipalLookupService().lookupPrincipalByName("BUILTIN\\Users");
        }
        AclEntry inherited = AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(users)
                .setPermissions(EnumSet.of(AclEntryPermission.READ_DATA, AclEntryPermission.READ_ATTRIBUTES))
                .build();
        windows = Jimfs.newFileSystem(Configuration.windows().toBuilder()
                .setAttributeViews("basic", "owner", "acl")
                .setDefaultAttributeValue("acl:acl", List.of(inherited))
                .build());
        return windows.getPath("C:\\Users\\me\\securescore");
    }

    private static String privateKeyPem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return CertificateExporter.privateKeyPem(g.generateKeyPair().getPrivate());
    }

    private static Set<String> grantees(Path file) throws IOException {
        List<AclEntry> acl = Files.getFileAttributeView(file, AclFileAttributeView.class).getAcl();
        for (AclEntry e : acl) {
            assertEquals(AclEntryType.ALLOW, e.type(), "only grants: " + acl);
            assertEquals(EnumSet.allOf(AclEntryPermission.class), e.permissions(), "full access: " + acl);
        }
        return acl.stream().map(e -> e.principal().getName()).collect(Collectors.toSet());
    }

    @Test
    void privateKeyOnPosixIsMode0600InAFolderMade0700() throws Exception {
        String pem = privateKeyPem();
        Path key = dir.resolve("new").resolve("privkey.pem");

        SecureFiles.write(key, pem.getBytes(StandardCharsets.US_ASCII), true, false);

        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key.getParent())));
        assertEquals(pem, Files.readString(key));
    }

    @Test
    void certificateOnPosixStaysReadableByOthers() throws Exception {
        Path cert = dir.resolve("fullchain.pem");

        SecureFiles.write(cert, "-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII), false, false);

        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)));
    }

    @Test
    void privateKeyOnWindowsGrantsOnlyItsOwnerAndSystemWithTheInheritedEntryGone() throws Exception {
        Path folder = windowsFolder();
        String pem = privateKeyPem();
        Path key = folder.resolve("privkey.pem");

        SecureFiles.write(key, pem.getBytes(StandardCharsets.US_ASCII), true, false);

        String owner = Files.getOwner(key).getName();
        assertEquals(Set.of(owner, "SYSTEM"), grantees(key), "BUILTIN\\Users must lose its inherited read");
        assertEquals(pem, Files.readString(key, StandardCharsets.US_ASCII));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("privkey.pem"), files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left beside the key");
        }
    }

    @Test
    void keysFileAndKubernetesSecretOnWindowsAreOwnerOnlyThroughTheirWriters() throws Exception {
        Path folder = windowsFolder();
        Path keysFile = folder.resolve("keys.json");
        AuthKeys.Pair pair = AuthKeys.Pair.fresh();

        pair.save(keysFile, false);

        assertEquals(Set.of(Files.getOwner(keysFile).getName(), "SYSTEM"), grantees(keysFile));
        assertEquals(pair, AuthKeys.Pair.parse(Files.readAllBytes(keysFile), keysFile.toString()));

        Path yaml = folder.resolve("scoring.yaml");
        byte[] secretYaml = "kind: Secret\ndata:\n  tls.key: c2VjcmV0\n".getBytes(StandardCharsets.UTF_8);
        SecureFiles.write(yaml, secretYaml, true, false);
        assertEquals(Set.of(Files.getOwner(yaml).getName(), "SYSTEM"), grantees(yaml));
        assertArrayEquals(secretYaml, Files.readAllBytes(yaml));
    }

    @Test
    void replacingAKeyOnWindowsKeepsItOwnerOnlyAndRefusesWithoutForce() throws Exception {
        Path key = windowsFolder().resolve("privkey.pem");
        SecureFiles.write(key, "first".getBytes(StandardCharsets.US_ASCII), true, false);

        assertThrows(FileAlreadyExistsException.class,
                () -> SecureFiles.write(key, "second".getBytes(StandardCharsets.US_ASCII), true, false));
        assertEquals("first", Files.readString(key));

        SecureFiles.write(key, "second".getBytes(StandardCharsets.US_ASCII), true, true);
        assertEquals("second", Files.readString(key));
        assertEquals(Set.of(Files.getOwner(key).getName(), "SYSTEM"), grantees(key));
    }

    @Test
    void certificateOnWindowsKeepsTheFoldersEntries() throws Exception {
        Path cert = windowsFolder().resolve("fullchain.pem");

        SecureFiles.write(cert, "-----BEGIN CERTIFICATE-----\n".getBytes(StandardCharsets.US_ASCII), false, false);

        List<AclEntry> acl = Files.getFileAttributeView(cert, AclFileAttributeView.class).getAcl();
        assertEquals(List.of("BUILTIN\\Users"), acl.stream().map(e -> e.principal().getName()).toList(),
                "a certificate is public: others may still read it");
    }

    @Test
    void secretOnAFileSystemWithoutOwnersOrPermissionsIsRefusedWithNothingWritten() throws Exception {
        try (FileSystem fat = Jimfs.newFileSystem(Configuration.windows().toBuilder()
                .setAttributeViews("basic").build())) {
            Path key = fat.getPath("C:\\stick\\privkey.pem");

            IOException e = assertThrows(IOException.class,
                    () -> SecureFiles.write(key, "secret".getBytes(StandardCharsets.US_ASCII), true, false));

            assertTrue(e.getMessage().contains("C:\\stick") && e.getMessage().contains("cannot be kept from other users")
                    && e.getMessage().contains("Choose a folder"), e.getMessage());
            assertFalse(Files.exists(key));
            try (Stream<Path> files = Files.list(key.getParent())) {
                assertEquals(0, files.count(), "no temporary file either");
            }
        }
    }
}

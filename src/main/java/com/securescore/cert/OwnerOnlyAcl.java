package com.securescore.cert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Owner-only files where permissions are an access-control list, not a POSIX mode (Windows, NTFS).
 * There a new file takes the folder's inherited entries (often "Users: read"), and
 * {@code File.setReadable(false, false)} changes nothing; so the file is made empty, given an ACL of
 * its owner and SYSTEM alone (replacing every inherited entry), checked, and only then written to.
 */
final class OwnerOnlyAcl {
    /** Windows' service account, which backup and the OS itself run as; absent elsewhere. */
    static final String SYSTEM = "SYSTEM";

    private OwnerOnlyAcl() {
    }

    /** Whether {@code dir}'s file store keeps ACLs (NTFS does; FAT and exFAT do not). */
    static boolean supported(Path dir) throws IOException {
        return dir.getFileSystem().supportedFileAttributeViews().contains("acl")
                && Files.getFileStore(dir).supportsFileAttributeView(AclFileAttributeView.class);
    }

    /**
     * An empty new file in {@code dir} whose ACL grants its owner (and SYSTEM, where the system has
     * one) full access and nobody else anything; deleted again if that cannot be made so.
     */
    static Path createTempFile(Path dir, String prefix, String suffix) throws IOException {
        UserPrincipalLookupService lookup = lookupService(dir);
        Optional<UserPrincipal> named = find(lookup, System.getProperty("user.name"));
        Optional<UserPrincipal> system = find(lookup, SYSTEM);
        Path tmp = null;
        if (named.isPresent()) {
            try {
                // At creation where the provider takes an initial ACL (Windows' does), so not even the
                // empty file is ever open to others.
                tmp = Files.createTempFile(dir, prefix, suffix, attribute(grants(named.get(), system)));
            } catch (UnsupportedOperationException e) {
                tmp = null;
            }
        }
        if (tmp == null) {
            tmp = Files.createTempFile(dir, prefix, suffix);
        }
        try {
            UserPrincipal owner = Files.getOwner(tmp);
            // An administrator's files may belong to the Administrators group: grant the person then.
            UserPrincipal you = owner instanceof GroupPrincipal && named.isPresent() ? named.get() : owner;
            List<AclEntry> acl = grants(you, system);
            AclFileAttributeView view = Files.getFileAttributeView(tmp, AclFileAttributeView.class);
            // Set after creation too: an initial ACL is merged with the folder's inheritable entries,
            // a set one replaces them.
            view.setAcl(acl);
            for (AclEntry e : view.getAcl()) {
                if (e.type() != AclEntryType.ALLOW || !(e.principal().equals(you)
                        || system.map(e.principal()::equals).orElse(false))) {
                    throw new IOException("Could not make " + tmp.getFileName() + " in " + dir
                            + " readable by its owner alone (it still grants " + e.principal().getName()
                            + "); nothing secret was written. Choose a folder of your own, on a local disk.");
                }
            }
            return tmp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /** Full access for {@code you} and {@code system}, and nothing else. */
    static List<AclEntry> grants(UserPrincipal you, Optional<UserPrincipal> system) {
        List<AclEntry> acl = new ArrayList<>();
        acl.add(fullAccess(you));
        system.filter(s -> !s.equals(you)).ifPresent(s -> acl.add(fullAccess(s)));
        return List.copyOf(acl);
    }

    private static AclEntry fullAccess(UserPrincipal who) {
        return AclEntry.newBuilder().setType(AclEntryType.ALLOW).setPrincipal(who)
                .setPermissions(EnumSet.allOf(AclEntryPermission.class)).build();
    }

    private static UserPrincipalLookupService lookupService(Path dir) {
        try {
            return dir.getFileSystem().getUserPrincipalLookupService();
        } catch (UnsupportedOperationException e) {
            return null;
        }
    }

    private static Optional<UserPrincipal> find(UserPrincipalLookupService lookup, String name) {
        if (lookup == null || name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(lookup.lookupPrincipalByName(name));
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    private static FileAttribute<List<AclEntry>> attribute(List<AclEntry> acl) {
        return new FileAttribute<>() {
            @Override
            public String name() {
                return "acl:acl";
            }

            @Override
            public List<AclEntry> value() {
                return acl;
            }
        };
    }
}

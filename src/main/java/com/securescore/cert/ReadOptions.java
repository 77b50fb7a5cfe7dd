package com.securescore.cert;

import java.util.Arrays;

/**
 * What opens the user's files: the password of a key or bundle (for a Java keystore, its store
 * password), a separate key password for stores whose key entry has its own, and which key entry
 * (alias) to use when a keystore holds several. Used, never kept.
 *
 * @param password    opens encrypted keys, PKCS#12 bundles and Java keystores; may be null
 * @param keyPassword the key entry's own password when it differs from the store's; null means the same
 * @param alias       the key entry to use in a keystore with several; null when there is one
 */
public record ReadOptions(char[] password, char[] keyPassword, String alias) {
    public static final ReadOptions NONE = new ReadOptions(null, null, null);

    public static ReadOptions password(char[] password) {
        return new ReadOptions(password, null, null);
    }

    /** The password for a key: its own when given, otherwise the one password. */
    char[] forKey() {
        return keyPassword != null ? keyPassword : password;
    }

    /** Overwrites both passwords. */
    public void wipe() {
        if (password != null) {
            Arrays.fill(password, '\0');
        }
        if (keyPassword != null) {
            Arrays.fill(keyPassword, '\0');
        }
    }
}

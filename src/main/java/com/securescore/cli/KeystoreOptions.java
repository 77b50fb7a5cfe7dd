package com.securescore.cli;

import com.securescore.cert.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options for reading a Java keystore (JKS, JCEKS) or a PKCS#12 file whose key has a password
 * of its own, or that holds several keys: a picocli mixin, so every command that reads certificates
 * parses them alike.
 */
final class KeystoreOptions {
    @Option(names = "--store-password-file", paramLabel = "FILE", description = "Password of a keystore (.jks, "
            + ".jceks, .p12) when its key has a different one; then --key-password-file is the key's. Without it, "
            + "--key-password-file opens store and key alike.")
    Path storePasswordFile;

    @Option(names = "--alias", paramLabel = "NAME", description = "Which key entry of a keystore to use when it "
            + "holds several (the finding KEYSTORE_ALIAS lists them).")
    String alias;

    /** The passwords and alias to read with; {@code keyPasswordFile} may be null (then the environment or nothing). */
    ReadOptions read(Path keyPasswordFile) throws IOException {
        if (storePasswordFile == null) {
            return new ReadOptions(Passwords.read(keyPasswordFile, false, ""), null, alias);
        }
        char[] store = Passwords.read(storePasswordFile, false, "");
        char[] key = keyPasswordFile == null ? null : Passwords.read(keyPasswordFile, false, "");
        return new ReadOptions(store, key, alias);
    }
}

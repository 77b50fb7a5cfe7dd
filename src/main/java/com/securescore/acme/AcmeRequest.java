package com.securescore.acme;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One certificate order.
 *
 * @param directory    letsencrypt, letsencrypt-staging or the CA's directory URL, as typed
 * @param accountKey   the account key file to use; null for SecureScore's own in the config folder
 * @param email        contact address for expiry notices; may be null
 * @param trust        extra trusted roots (PEM files): for the directory's HTTPS and for checking the
 *                     issued chain when the CA is a private or test one
 * @param agreeToTerms the user agreed to the CA's terms of service
 */
public record AcmeRequest(String domain, String directory, ChallengeChoice challenge, Path accountKey, String email,
        KeyType keyType, List<Path> trust, Path outDir, boolean agreeToTerms) {
    public AcmeRequest {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(outDir, "outDir");
        keyType = keyType == null ? KeyType.EC : keyType;
        trust = trust == null ? List.of() : List.copyOf(trust);
        email = email == null || email.isBlank() ? null : email.trim();
    }

    /** The account key file this order uses. */
    public Path accountKeyFile() {
        return accountKey != null ? accountKey : AccountKeys.defaultFile();
    }
}

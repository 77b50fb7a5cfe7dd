package com.securescore.cli;

import com.securescore.image.RegistryCredentials;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * A container registry's user name and password, shared by {@code image build} (to push) and
 * {@code deploy --target kubernetes} (the cluster's image pull Secret). Without them, the Docker
 * config's entry for the registry is used, as docker and Jib do.
 */
final class RegistryOptions {
    static final String PASSWORD_ENV = "SECURESCORE_REGISTRY_PASSWORD";

    @Option(names = "--registry-user", paramLabel = "NAME", description = "The registry user (default: the Docker "
            + "config's entry for the registry, as docker login wrote it; DOCKER_CONFIG or ~/.docker/config.json).")
    String user;

    @Option(names = "--registry-password-file", paramLabel = "FILE", description = "With --registry-user: a file "
            + "holding the password or access token (else " + PASSWORD_ENV + ", else asked on the console).")
    Path passwordFile;

    /** The credentials to use: the login given, else the Docker config's. */
    RegistryCredentials credentials() throws IOException {
        if (user == null) {
            if (passwordFile != null) {
                throw new UserInputException("--registry-password-file needs --registry-user (the user name).");
            }
            return RegistryCredentials.standard(null);
        }
        char[] password = Passwords.read(passwordFile, PASSWORD_ENV, true, "Registry password for " + user + ": ");
        if (password == null) {
            throw new UserInputException("--registry-user " + user + " needs a password: --registry-password-file "
                    + "FILE, or " + PASSWORD_ENV + ".");
        }
        return RegistryCredentials.standard(new RegistryCredentials.Login(user, password, "--registry-user " + user));
    }
}

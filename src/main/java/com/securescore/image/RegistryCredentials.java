package com.securescore.image;

import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Registry credentials found where docker and Jib find them: a user name and password the user
 * gave, else the Docker config ({@code $DOCKER_CONFIG/config.json}, else {@code
 * ~/.docker/config.json}: its {@code auths}, {@code credHelpers} and {@code credsStore}). The
 * same lookup serves pushing an image and the cluster's image pull Secret. Passwords are never
 * logged; {@link Credential#source} says where one came from.
 */
public final class RegistryCredentials {
    /**
     * A user name and password given for one registry.
     *
     * @param source where the person gave it, as they would name it ("--registry-user alice", "the registry
     *               fields"), for messages
     */
    public record Login(String user, char[] password, String source) {
        public Login {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("a registry login needs a user name");
            }
            password = password == null ? new char[0] : password.clone();
        }

        @Override
        public char[] password() {
            return password.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Login l && l.user.equals(user) && Arrays.equals(l.password, password)
                    && l.source.equals(source);
        }

        @Override
        public int hashCode() {
            return user.hashCode();
        }

        @Override
        public String toString() {
            return "Login[user=" + user + ", password=(hidden), source=" + source + "]";
        }
    }

    /** Credentials for one registry and where they came from ("--registry-user alice", a Docker config file). */
    public record Credential(String user, String password, String source) {
        @Override
        public String toString() {
            return "Credential[user=" + user + ", password=(hidden), source=" + source + "]";
        }
    }

    private final Path dockerConfig;
    private final Login login;

    /**
     * @param dockerConfig the Docker config file (it need not exist)
     * @param login        what the user gave, or null; it is used for every registry named
     */
    public RegistryCredentials(Path dockerConfig, Login login) {
        this.dockerConfig = dockerConfig;
        this.login = login;
    }

    /** The Docker config docker itself reads: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public static Path standardDockerConfig(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir, "config.json");
        }
        return Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    /** The standard Docker config, with {@code login} (or null) first. */
    public static RegistryCredentials standard(Login login) {
        return new RegistryCredentials(standardDockerConfig(System.getenv()), login);
    }

    /** The registry an image name points at (host or host:port; Docker Hub's for a bare name), or null if invalid. */
    public static String registryOf(String image) {
        try {
            return ImageReference.parse(image.trim()).getRegistry();
        } catch (InvalidImageReferenceException | RuntimeException e) {
            return null;
        }
    }

    public Path dockerConfig() {
        return dockerConfig;
    }

    public boolean hasLogin() {
        return login != null;
    }

    /**
     * The credentials for {@code registry} (host or host:port as in an image name), or empty when
     * neither the login nor the Docker config has any: the registry may allow anonymous access. The
     * login is meant for the registry the person is working with (where the image goes, where the
     * cluster pulls it from); for any other, such as a base image's, see {@link #fromDockerConfig}.
     */
    public Optional<Credential> find(String registry) throws ImageBuildException {
        if (login != null) {
            return Optional.of(new Credential(login.user(), new String(login.password()), login.source()));
        }
        return fromDockerConfig(registry);
    }

    /** The Docker config's credentials for {@code registry}, or empty; never the login. */
    public Optional<Credential> fromDockerConfig(String registry) throws ImageBuildException {
        if (!Files.isRegularFile(dockerConfig)) {
            return Optional.empty();
        }
        CredentialRetriever retriever = CredentialRetrieverFactory.forImage(ImageReference.of(registry, "any", null),
                event -> { }).dockerConfig(dockerConfig);
        try {
            return retriever.retrieve().map(c -> new Credential(c.getUsername(), c.getPassword(),
                    dockerConfig + " (" + registry + ")"));
        } catch (Exception e) {
            throw new ImageBuildException("The Docker config " + dockerConfig + " names a credential helper for "
                    + registry + " that failed: " + e.getMessage() + ". Run docker login " + registry
                    + " again, or give a registry user and password.", e);
        }
    }

    /** What was sent to {@code registry}, for a refusal's message: whose credentials, from where, or why none. */
    public String tried(String registry, Optional<Credential> found) {
        if (found.isPresent()) {
            return "the user " + found.get().user() + " from " + found.get().source();
        }
        return Files.isRegularFile(dockerConfig) ? "none: the Docker config " + dockerConfig + " has no entry for "
                + registry : "none: no registry user given, and no Docker config at " + dockerConfig;
    }
}

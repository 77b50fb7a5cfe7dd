package com.securescore.image;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The jar this SecureScore runs from: the .deb's, or {@code target/securescore.jar}. An image is
 * built from exactly that file, so the pods run the same version as the command that deployed them.
 */
public final class InstalledJar {
    private InstalledJar() {
    }

    /** A jar to package instead, for runs from a folder of classes (an IDE, the integration tests). */
    public static final String PROPERTY = "securescore.jar";

    /**
     * The running jar, or the one the system property {@value #PROPERTY} names.
     *
     * @throws ImageBuildException when SecureScore runs from a folder of classes (an IDE, {@code mvn
     *                             javafx:run}): there is no single file to put into an image
     */
    public static Path locate() throws ImageBuildException {
        String named = System.getProperty(PROPERTY);
        if (named != null && !named.isBlank()) {
            return check(Path.of(named));
        }
        CodeSource source = InstalledJar.class.getProtectionDomain().getCodeSource();
        Path path = null;
        if (source != null && source.getLocation() != null) {
            try {
                path = Path.of(source.getLocation().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                path = null;
            }
        }
        return check(path);
    }

    static Path check(Path path) throws ImageBuildException {
        if (path == null || !Files.isRegularFile(path) || !path.getFileName().toString().endsWith(".jar")) {
            throw new ImageBuildException("This SecureScore runs from " + (path == null ? "an unknown place"
                    : "the folder " + path) + ", not from a jar, so there is no application file to put into an "
                    + "image. Run SecureScore from its jar (mvn package makes target/securescore.jar) or from "
                    + "the installed application.");
        }
        return path;
    }
}

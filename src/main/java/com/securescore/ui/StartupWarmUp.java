package com.securescore.ui;

import com.securescore.StartupClasses;
import com.securescore.resume.ProgressStore;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads, on a second core, the classes the first window needs ({@link StartupClasses}) while JavaFX
 * starts its toolkit on the first, and Jackson's when a saved run will be read. Loading and verifying
 * them cost the window a few hundred milliseconds when done in turn on the JavaFX thread; here they
 * overlap with the toolkit's own start. Nothing is initialised off the JavaFX thread.
 */
final class StartupWarmUp {
    /** {@code -Dsecurescore.warmUp=false} turns it off (tools/startup-classes.sh, to see the window's own order). */
    static final String ENABLED_PROPERTY = "securescore.warmUp";
    /** The class-data archive's name beside the jar, as the launcher's options give it (installer/linux.conf). */
    static final String ARCHIVE = "securescore.jsa";

    private StartupWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    static void start() {
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true")) || classArchiveBesideJar()) {
            return;
        }
        Thread t = new Thread(() -> {
            // A saved run is read early in building the window: its JSON classes first (nothing without one).
            ProgressStore.forCurrentUser().load();
            StartupClasses.link();
        }, "securescore-warm-up");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Whether the installed launcher reads these classes from the class-data archive the .deb made beside
     * the jar (decision 0014): they are then ready-made, and a second thread loading them only competed with
     * JavaFX's start (measured: the window 0.3 s later).
     */
    static boolean classArchiveBesideJar() {
        try {
            Path jar = Path.of(StartupWarmUp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return jar.getParent() != null && Files.isRegularFile(jar.resolveSibling(ARCHIVE));
        } catch (URISyntaxException | RuntimeException e) {
            return false;
        }
    }
}

package com.securescore.ui;

import com.securescore.resume.ProgressStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a second core, the classes the first window needs while JavaFX starts its toolkit on the
 * first: the shell, the Domain step, the JavaFX controls, skins and CSS classes they bring (listed in
 * {@code startup-classes.txt}, made by {@code tools/startup-classes.sh}), and Jackson when a saved run
 * will be read. Loading and verifying them cost the window several hundred milliseconds when done in
 * turn on the JavaFX thread; here they overlap with the toolkit's own start.
 *
 * <p>Classes are loaded and linked, never initialised, so no static initialiser runs off the JavaFX
 * thread. A name that no longer exists is skipped: a stale list costs time, never correctness.
 */
final class StartupWarmUp {
    static final String CLASS_LIST = "startup-classes.txt";
    /** {@code -Dsecurescore.warmUp=false} turns it off (tools/startup-classes.sh, to see the window's own order). */
    static final String ENABLED_PROPERTY = "securescore.warmUp";

    private StartupWarmUp() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    static void start() {
        if (!Boolean.parseBoolean(System.getProperty(ENABLED_PROPERTY, "true"))) {
            return;
        }
        Thread t = new Thread(StartupWarmUp::run, "securescore-warm-up");
        t.setDaemon(true);
        t.start();
    }

    private static void run() {
        // A saved run is read early in building the window: its JSON classes first (nothing without one).
        ProgressStore.forCurrentUser().load();
        ClassLoader loader = StartupWarmUp.class.getClassLoader();
        try (InputStream in = StartupWarmUp.class.getResourceAsStream(CLASS_LIST)) {
            if (in != null) {
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String name = lines.readLine(); name != null; name = lines.readLine()) {
                    link(name.strip(), loader);
                }
            }
        } catch (IOException e) {
            // Only a head start is lost.
        }
    }

    /** Loads and links (verifies) one class without running its static initialiser. */
    static boolean link(String name, ClassLoader loader) {
        if (name.isEmpty() || name.startsWith("#")) {
            return false;
        }
        try {
            // Reflection links the class; forName(…, false, …) alone would load it only.
            Class.forName(name, false, loader).getDeclaredConstructors();
            return true;
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return false;
        }
    }
}

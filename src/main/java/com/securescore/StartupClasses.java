package com.securescore;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The classes the wizard's first window loads, in order ({@code startup-classes.txt}, made by
 * {@code tools/startup-classes.sh}): the shell, the Domain step, and the JavaFX controls, skins and CSS
 * classes they bring. The wizard loads them on a second thread while JavaFX starts; the Linux package's
 * class-data archive takes them in when it is made at install time, so the installed wizard reads them
 * ready-made. Named as text, so the command line that makes the archive never depends on JavaFX.
 *
 * <p>Classes are loaded and linked (verified), never initialised: no static initialiser runs. A name
 * that no longer exists is skipped: a stale list costs time, never correctness.
 */
public final class StartupClasses {
    static final String LIST = "startup-classes.txt";

    private StartupClasses() {
    }

    /** Loads and links every listed class; returns how many were found. */
    public static int link() {
        ClassLoader loader = StartupClasses.class.getClassLoader();
        int linked = 0;
        try (InputStream in = StartupClasses.class.getResourceAsStream(LIST)) {
            if (in == null) {
                return 0;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            for (String name = lines.readLine(); name != null; name = lines.readLine()) {
                if (link(name.strip(), loader)) {
                    linked++;
                }
            }
        } catch (IOException e) {
            // Only a head start is lost.
        }
        return linked;
    }

    /** Loads and links one class without running its static initialiser; false for a comment or a name gone. */
    static boolean link(String name, ClassLoader loader) {
        if (name.isEmpty() || name.startsWith("#")) {
            return false;
        }
        try {
            // Reflection links the class; forName(…, false, …) alone would only load it.
            Class.forName(name, false, loader).getDeclaredConstructors();
            return true;
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return false;
        }
    }
}

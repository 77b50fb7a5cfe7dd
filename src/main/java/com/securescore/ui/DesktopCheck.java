package com.securescore.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the wizard needs from the machine before JavaFX is asked to start, so that a server or a
 * container without a desktop gets one line saying what is missing (and that every step is also a
 * command) instead of a toolkit stack trace.
 */
public final class DesktopCheck {
    static final String COMMANDS = "Every step is also a command: run securescore --help "
            + "(or java -jar securescore.jar --help).";

    /** Where Debian, Ubuntu, Fedora and Arch keep GTK 3's shared library. */
    static final List<Path> GTK_DIRS = List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib/aarch64-linux-gnu"),
            Path.of("/usr/lib64"), Path.of("/usr/lib"), Path.of("/lib/x86_64-linux-gnu"), Path.of("/lib64"),
            Path.of("/usr/local/lib"));

    private DesktopCheck() {
    }

    /** The missing part in one sentence, or empty when the wizard can start here. */
    public static Optional<String> missing(String osName, Map<String, String> env, List<Path> gtkDirs) {
        if (!osName.toLowerCase(Locale.ROOT).contains("linux")) {
            return Optional.empty();
        }
        if (blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.of("The wizard needs a desktop, and there is no display here (DISPLAY is not set; over "
                    + "SSH use ssh -X, or run it on the desktop).");
        }
        if (gtkDirs.stream().noneMatch(d -> Files.exists(d.resolve("libgtk-3.so.0")))) {
            return Optional.of("The wizard needs GTK 3, which is not installed here (libgtk-3.so.0 was not found; on "
                    + "Debian or Ubuntu: sudo apt install libgtk-3-0).");
        }
        return Optional.empty();
    }

    /** One line for a toolkit that failed to start anyway: the first cause's message, without the trace. */
    public static String failed(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String why = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return "The wizard could not open a window: " + why + ".";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

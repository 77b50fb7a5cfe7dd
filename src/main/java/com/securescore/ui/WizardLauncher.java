package com.securescore.ui;

import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.application.Application;

/** Starts the JavaFX wizard; kept apart from {@code Main} so the CLI never loads JavaFX. */
public final class WizardLauncher {
    /**
     * JavaFX warns at every start that it was loaded from the class path, which is our deliberate
     * set-up (docs/decisions/0001). Held in a field so the logger and its level are not collected.
     */
    private static final Logger PLATFORM_LOG = Logger.getLogger("javafx");

    private WizardLauncher() {
    }

    /**
     * Opens the wizard, or, where it cannot open (no display, no GTK 3), says so in one line on
     * stderr with the command-line alternative and exits with status 1.
     */
    public static void launch(String[] args) {
        Optional<String> missing = DesktopCheck.missing(System.getProperty("os.name", ""), System.getenv(),
                DesktopCheck.GTK_DIRS);
        if (missing.isPresent()) {
            cannotStart(missing.get());
        }
        PLATFORM_LOG.setLevel(Level.SEVERE);
        StartupWarmUp.start();
        try {
            Application.launch(SecureScoreApp.class, args);
        } catch (RuntimeException | LinkageError e) {
            cannotStart(DesktopCheck.failed(e));
        }
    }

    private static void cannotStart(String why) {
        System.err.println("securescore: " + why + " " + DesktopCheck.COMMANDS);
        System.exit(1);
    }

    /** Called once the toolkit is up: JavaFX logs at its usual level again. */
    static void startupDone() {
        PLATFORM_LOG.setLevel(null);
    }
}

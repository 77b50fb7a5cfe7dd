package com.securescore.ui;

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

    public static void launch(String[] args) {
        PLATFORM_LOG.setLevel(Level.SEVERE);
        Application.launch(SecureScoreApp.class, args);
    }

    /** Called once the toolkit is up: JavaFX logs at its usual level again. */
    static void startupDone() {
        PLATFORM_LOG.setLevel(null);
    }
}

package com.securescore.ui;

import javafx.application.Application;

/** Starts the JavaFX wizard; kept apart from {@code Main} so the CLI never loads JavaFX. */
public final class WizardLauncher {
    private WizardLauncher() {
    }

    public static void launch(String[] args) {
        Application.launch(SecureScoreApp.class, args);
    }
}

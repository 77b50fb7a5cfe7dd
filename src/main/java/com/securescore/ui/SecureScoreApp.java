package com.securescore.ui;

import com.securescore.resume.ProgressStore;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one wizard window, resume offer included. */
public final class SecureScoreApp extends Application {
    @Override
    public void start(Stage stage) {
        WizardLauncher.startupDone();
        new WizardWindow(ProgressStore.forCurrentUser(), stage);
        stage.show();
    }
}

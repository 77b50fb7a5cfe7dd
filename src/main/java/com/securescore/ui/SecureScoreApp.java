package com.securescore.ui;

import com.securescore.resume.ProgressStore;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: one wizard window, resume offer included. */
public final class SecureScoreApp extends Application {
    @Override
    public void start(Stage stage) {
        WizardLauncher.startupDone();
        WizardWindow window = new WizardWindow(ProgressStore.forCurrentUser(), stage);
        List<String> files = getParameters().getRaw();
        if (files.size() == 1) {
            window.openCertificate(Path.of(files.get(0)));
        }
        stage.show();
    }
}

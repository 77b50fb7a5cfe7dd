package com.securescore.ui;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Placeholder until the wizard shell lands. */
public final class SecureScoreApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.setTitle("SecureScore");
        stage.setScene(new Scene(new Label("SecureScore"), 800, 600));
        stage.show();
    }
}

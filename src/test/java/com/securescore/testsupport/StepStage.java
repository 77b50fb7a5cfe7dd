package com.securescore.testsupport;

import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;

/** Shows one step's view as the wizard's content area does: scrolling, full width, the wizard's stylesheet. */
public final class StepStage {
    private StepStage() {
    }

    public static void show(Stage stage, Node view, double width, double height) {
        ScrollPane scroll = new ScrollPane(view);
        scroll.setFitToWidth(true);
        stage.setScene(new Scene(scroll, width, height));
        stage.getScene().getStylesheets().add(Objects.requireNonNull(
                StepStage.class.getResource("/com/securescore/ui/securescore.css")).toExternalForm());
        stage.show();
    }
}

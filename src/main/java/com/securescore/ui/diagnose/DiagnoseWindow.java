package com.securescore.ui.diagnose;

import com.securescore.diagnose.EndpointDiagnosis;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Diagnose an endpoint" in its own window, owned by the wizard's: open beside any step, prefilled
 * from what the wizard knows, and closed with it. Closing it stops waiting for a diagnosis.
 */
public final class DiagnoseWindow {
    private final Stage stage = new Stage();
    private final DiagnoseView view;

    public DiagnoseWindow(Window owner, WizardState state) {
        view = new DiagnoseView(new DiagnoseViewModel(state, BackgroundRunner.FX, new EndpointDiagnosis()));
        Scene scene = new Scene((Parent) view.view(), 780, 720);
        scene.getStylesheets().addAll(
                Objects.requireNonNull(DiagnoseWindow.class.getResource("/com/securescore/ui/securescore.css"))
                        .toExternalForm(),
                Objects.requireNonNull(DiagnoseWindow.class.getResource("diagnose.css")).toExternalForm());
        if (owner != null) {
            stage.initOwner(owner);
            if (owner instanceof Stage o) {
                stage.getIcons().setAll(o.getIcons());
            }
        }
        stage.setTitle("SecureScore — Diagnose an endpoint");
        stage.setScene(scene);
        stage.setMinWidth(560);
        stage.setMinHeight(420);
        stage.setOnHidden(e -> view.model().stopWaiting());
    }

    /** Shows the window (again), with blank fields filled from the wizard. */
    public void show() {
        view.onShow();
        stage.show();
        stage.toFront();
    }

    public Stage stage() {
        return stage;
    }

    public DiagnoseView view() {
        return view;
    }
}

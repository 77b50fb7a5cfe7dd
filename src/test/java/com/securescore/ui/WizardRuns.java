package com.securescore.ui;

import com.securescore.resume.ProgressStore;
import com.securescore.ui.deploy.DeployStepView;
import com.securescore.ui.wizard.StepId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.stage.Stage;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizards a TestFX test opens on one saved-progress store: the first in the primary stage, then
 * restarts in windows of their own, as a person closing and starting the wizard again. {@link #close()}
 * stops the services they started and closes the windows opened besides the primary one.
 */
final class WizardRuns {
    /** This test's folder (files made for it, the config folder, no kubeconfig). */
    final Path run;
    final ProgressStore store;
    /** The wizard in the primary stage. */
    final WizardWindow first;
    /** Windows opened besides the primary one, in order. */
    final List<Stage> opened = new ArrayList<>();
    /** Every wizard opened, the first included, in order. */
    final List<WizardWindow> wizards = new ArrayList<>();

    private WizardRuns(Path run, Stage stage) {
        this.run = run;
        this.store = new ProgressStore(run.resolve("config"));
        this.first = new WizardWindow(store, stage, run.resolve("no-kubeconfig"));
        wizards.add(first);
    }

    /** The first wizard in {@code stage}, on a fresh store in a new folder under {@code dir}, shown in front. */
    static WizardRuns open(Path dir, Stage stage) throws IOException {
        WizardRuns runs = new WizardRuns(Files.createDirectories(dir.resolve("run-" + System.nanoTime())), stage);
        stage.show();
        stage.toFront();
        return runs;
    }

    /** The wizard started again on the same store, in a window of its own at the size it picks. */
    WizardWindow restart(FxRobot robot) {
        return restart(robot, Double.NaN, Double.NaN);
    }

    /** The wizard started again on the same store, in a window of its own of {@code width}×{@code height}. */
    WizardWindow restart(FxRobot robot, double width, double height) {
        WizardWindow[] restarted = new WizardWindow[1];
        robot.interact(() -> {
            Stage again = new Stage();
            opened.add(again);
            restarted[0] = new WizardWindow(store, again, run.resolve("no-kubeconfig"));
            wizards.add(restarted[0]);
            if (!Double.isNaN(width)) {
                again.setWidth(width);
                again.setHeight(height);
            }
            again.show();
            again.toFront();
        });
        return restarted[0];
    }

    /** Stops what the wizards started (a Local service) and closes the windows opened besides the primary one. */
    void close() throws Exception {
        FileDialogs.use(FileDialogs.NATIVE);
        WaitForAsyncUtils.asyncFx(() -> {
            wizards.forEach(w -> ((DeployStepView) w.model().step(StepId.DEPLOY)).shutdown());
            opened.forEach(Stage::close);
        }).get();
    }
}

package com.securescore.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.model.ModelCache;
import com.securescore.resume.ProgressStore;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Logs;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.Shots;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardFlow;
import com.securescore.ui.wizard.WizardShellView;
import com.securescore.ui.wizard.WizardShellViewModel;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Deploy step inside the wizard's frame, offline with an empty cache (ResNet-50 cannot be had):
 * Next follows "a service runs" through every Start and Stop.
 */
@ExtendWith(ApplicationExtension.class)
class DeployStepInWizardTest {
    @TempDir
    static Path dir;

    private DeployStepView deploy;
    private Stage stage;

    /** A step that is always ready, standing in for the steps before and after Deploy. */
    private record Plain(StepId id) implements WizardStep {
        @Override
        public String subtitle() {
            return id.title();
        }

        @Override
        public Node view() {
            return new Label(id.title());
        }

        @Override
        public ObservableBooleanValue canAdvance() {
            return ALWAYS_READY;
        }

        @Override
        public ObservableBooleanValue busy() {
            return NEVER_BUSY;
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path run = dir.resolve("run-" + System.nanoTime());
        LocalService.DevCertificate dev = LocalService.devCertificate(run);
        WizardState state = new WizardState();
        state.domainProperty().set(LocalService.HOST);
        state.certificateProperty().set(dev.report());
        deploy = new DeployStepView(new DeployStepViewModel(state, BackgroundRunner.FX,
                new ModelCache(run.resolve("cache")), null, run.resolve("keys.json")),
                new KubernetesDeployViewModel(state, BackgroundRunner.FX, run.resolve("no-kubeconfig"), run),
                new AzureDeployViewModel(state, BackgroundRunner.FX, run));
        List<WizardStep> steps = new ArrayList<>();
        for (StepId id : StepId.values()) {
            steps.add(id == StepId.DEPLOY ? deploy : new Plain(id));
        }
        WizardShellViewModel shell = new WizardShellViewModel(state, new WizardFlow(),
                new ProgressStore(run.resolve("config")), steps);
        stage.setScene(new Scene(new WizardShellView(shell, finished -> stage.close()).root(), 960, 640));
        stage.getScene().getStylesheets().add(getClass().getResource("/com/securescore/ui/securescore.css")
                .toExternalForm());
        stage.show();
    }

    @AfterEach
    void stopTheService() throws Exception {
        WaitForAsyncUtils.asyncFx(deploy::shutdown).get();
    }

    private static Button next(FxRobot robot) {
        return robot.lookup("#nextButton").queryButton();
    }

    private void startAndWait(FxRobot robot) throws Exception {
        robot.clickOn("#deployStart");
        FxWait.until(20, TimeUnit.SECONDS, () -> deploy.model().runningProperty().get()
                || !deploy.model().busyProperty().get() && !deploy.model().statusProperty().get().isEmpty()
                        && !deploy.model().statusProperty().get().startsWith("Starting"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(deploy.model().runningProperty().get(), deploy.model().statusProperty().get());
    }

    @Test
    void nextFollowsTheRunningServiceThroughStartStopStartWhenTheDemoStandsIn(FxRobot robot) throws Exception {
        for (int i = 0; i < 3; i++) {
            robot.clickOn("#nextButton");
        }
        assertEquals("Deploy", robot.lookup("#stepTitle").queryAs(Label.class).getText());
        robot.doubleClickOn("#deployPort").write(String.valueOf(Ports.unused()));
        assertTrue(next(robot).isDisabled(), "nothing runs yet");

        startAndWait(robot);
        String log = Logs.text(robot, "#deployLog");
        assertTrue(log.contains("Listening on 127.0.0.1"), log);
        assertFalse(next(robot).isDisabled(), "the service runs: Next leads on");
        Shots.take(robot, stage.getScene(), "1-deploy-running-next-enabled");

        robot.clickOn("#deployStop");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(next(robot).isDisabled(), "stopped: nothing runs, so Next waits");
        Shots.take(robot, stage.getScene(), "1-deploy-stopped-next-disabled");

        startAndWait(robot);
        assertFalse(next(robot).isDisabled(), "started again: Next leads on");

        robot.clickOn("#nextButton");
        assertEquals("DNS", robot.lookup("#stepTitle").queryAs(Label.class).getText());
        robot.clickOn("#backButton");
        robot.clickOn("#deployStop");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(next(robot).isDisabled(), "stopped after coming back: Next waits");
        startAndWait(robot);
        assertFalse(next(robot).isDisabled());
    }
}

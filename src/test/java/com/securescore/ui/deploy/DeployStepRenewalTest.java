package com.securescore.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateRepairs;
import com.securescore.model.ModelCache;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Logs;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.ServedCertificate;
import com.securescore.testsupport.StepStage;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.certificate.CertificateStepViewModel;
import com.securescore.ui.wizard.WizardState;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
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
 * The wizard's Local service runs from the Certificate step's files (here its development
 * certificate) and serves a renewal written into them without a restart; broken files are not served.
 */
@ExtendWith(ApplicationExtension.class)
class DeployStepRenewalTest {
    @TempDir
    Path dir;

    private DeployStepView view;
    private WizardState state;
    private Path tls;

    @Start
    void start(Stage stage) throws Exception {
        Path run = dir.resolve("run-" + System.nanoTime());
        tls = run.resolve("tls");
        state = new WizardState();
        state.domainProperty().set(LocalService.HOST);
        // The Certificate step makes the files, so the Local service runs from them as in the wizard.
        new CertificateStepViewModel(state, BackgroundRunner.FX, new CertificateRepairs())
                .makeDevelopmentCertificate(tls);
        DeployStepViewModel model = new DeployStepViewModel(state, BackgroundRunner.FX,
                new ModelCache(run.resolve("cache")), null, run.resolve("keys.json"));
        model.watchEvery = Duration.ofMillis(100);
        view = new DeployStepView(model,
                new KubernetesDeployViewModel(state, BackgroundRunner.FX, run.resolve("no-kubeconfig"), run),
                new AzureDeployViewModel(state, BackgroundRunner.FX, run));
        StepStage.show(stage, view.view(), 760, 640);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(view::shutdown).get();
    }

    private void awaitLog(FxRobot robot, String text) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Logs.text(robot, "#deployLog").contains(text));
    }

    @Test
    void aRenewalWrittenIntoTheCertificateFilesIsServedAndSaidInTheLog(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> state.certificateProperty().get() != null);
        WaitForAsyncUtils.asyncFx(view::onEnter).get();
        int port = Ports.unused();
        robot.doubleClickOn("#deployPort").write(String.valueOf(port));
        robot.clickOn("#deployStart");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> view.model().runningProperty().get());
        BigInteger before = ServedCertificate.serial(port, tls.resolve("ca.pem"));
        assertEquals(ServedCertificate.serialIn(tls.resolve("fullchain.pem")), before);

        // Half-written files: the previous certificate stays, and the log says so.
        LocalService.cutShort(tls);
        awaitLog(robot, "still serving the previous certificate.");
        assertEquals(before, ServedCertificate.serial(port, tls.resolve("ca.pem")));

        // The renewal: new files (and their development root) in place of the old ones.
        Path renewed = LocalService.renewInto(tls, dir.resolve("next"));
        awaitLog(robot, "The certificate files changed: serving the new certificate (valid until ");
        BigInteger after = ServedCertificate.serial(port, tls.resolve("ca.pem"));
        assertNotEquals(before, after);
        assertEquals(ServedCertificate.serialIn(renewed), after);
        String log = Logs.text(robot, "#deployLog");
        assertEquals(1, log.lines().filter(l -> l.contains("serving the new certificate")).count(), log);

        // Stopped: nothing watches the files any more.
        robot.clickOn("#deployStop");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("certificate-watch") && t.isAlive()));
        assertTrue(Logs.text(robot, "#deployLog").endsWith("Stopped."), Logs.text(robot, "#deployLog"));
    }
}

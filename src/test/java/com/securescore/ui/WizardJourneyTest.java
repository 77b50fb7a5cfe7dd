package com.securescore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.resume.ProgressStore;
import com.securescore.testsupport.AnsweredDialogs;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.KubernetesControlPlane;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Logs;
import com.securescore.testsupport.Pages;
import com.securescore.testsupport.Ports;
import com.securescore.ui.deploy.DeployStepView;
import com.securescore.ui.wizard.StepId;
import io.fabric8.kubernetes.api.model.Pod;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole wizard as a person clicks it, from an empty Domain field to scored images (Local) or to
 * a deployment's result card (Kubernetes, against a real API server; the test plays the kubelet).
 * Only the native file dialogs are answered by the test, as the person would answer them.
 */
@ExtendWith(ApplicationExtension.class)
class WizardJourneyTest {
    @TempDir
    static Path dir;

    private WizardWindow window;
    private Path run;

    @Start
    void start(Stage stage) throws Exception {
        run = Files.createDirectories(dir.resolve("run-" + System.nanoTime()));
        Path kubeconfig = KubernetesControlPlane.get().kubeconfig();
        window = new WizardWindow(new ProgressStore(run.resolve("config")), stage, kubeconfig);
        // The primary stage is shared with the test classes before this one: give it the wizard's own size
        // (a smaller one left behind hid the Kubernetes pane's Preview button under the page's edge), and
        // no other window of theirs in front of it.
        stage.setWidth(960);
        stage.setHeight(640);
        stage.show();
        stage.toFront();
    }

    @AfterEach
    void stopServices() throws Exception {
        FileDialogs.use(FileDialogs.NATIVE);
        WaitForAsyncUtils.asyncFx(() -> ((DeployStepView) window.model().step(StepId.DEPLOY)).shutdown()).get();
    }

    /** The person's answers to the file dialogs: this folder, these files. */
    private static void answerDialogs(Path folder, List<Path> files) {
        AnsweredDialogs.use(folder, files);
    }

    /** With -Dsecurescore.shots=DIR, a picture of the window at this point of the journey, for people to judge. */
    private static void shot(FxRobot robot, String name) throws Exception {
        String folder = System.getProperty("securescore.shots");
        if (folder == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        var image = robot.capture(robot.lookup("#stepTitle").query().getScene().getRoot()).getImage();
        Files.createDirectories(Path.of(folder));
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                Path.of(folder, name + ".png").toFile());
    }

    private String title(FxRobot robot) {
        return robot.lookup("#stepTitle").queryAs(Label.class).getText();
    }

    private void next(FxRobot robot) {
        robot.clickOn("#nextButton");
    }

    private void awaitNext(FxRobot robot) throws Exception {
        FxWait.until(30, TimeUnit.SECONDS, () -> !robot.lookup("#nextButton").queryButton().isDisabled());
    }

    /** Domain and a development certificate, as the first two steps are filled in. */
    private void domainAndDevelopmentCertificate(FxRobot robot) throws Exception {
        assertEquals("Domain", title(robot));
        robot.clickOn("#domainField").write(LocalService.HOST);
        next(robot);
        assertEquals("Certificate", title(robot));
        answerDialogs(Files.createDirectories(run.resolve("tls")), List.of());
        robot.clickOn("#modeDevelopment");
        robot.clickOn("#makeDevCert");
        awaitNext(robot);
        assertTrue(Files.exists(run.resolve("tls").resolve("ca.pem")), "the development CA is written");
        next(robot);
        assertEquals("Target", title(robot));
    }

    @Test
    void fromAnEmptyWizardToImagesScoredOverAuthenticatedTlsOnThisMachine(FxRobot robot) throws Exception {
        domainAndDevelopmentCertificate(robot);
        next(robot);
        assertEquals("Deploy", title(robot));
        robot.clickOn("#deployModelDemo");
        robot.doubleClickOn("#deployPort").write(String.valueOf(Ports.unused()));
        robot.clickOn("#deployStart");
        awaitNext(robot);
        shot(robot, "local-1-deploy");
        next(robot);
        assertEquals("DNS", title(robot));
        shot(robot, "local-2-dns");
        String hosts = robot.lookup("#dnsHostsLine").queryAs(TextField.class).getText();
        assertTrue(hosts.contains("127.0.0.1") && hosts.contains(LocalService.HOST), hosts);
        next(robot);
        assertEquals("Scoring console", title(robot));

        Path red = run.resolve("red.png");
        Path blue = run.resolve("blue.png");
        Files.write(red, LocalService.png(Color.RED, 64));
        Files.write(blue, LocalService.png(Color.BLUE, 64));
        answerDialogs(run, List.of(red, blue));
        robot.clickOn("#consoleChoose");
        FxWait.until(30, TimeUnit.SECONDS,
                () -> robot.lookup(".score-card").queryAll().size() == 2
                        && robot.lookup("#consoleTotals").queryAs(Label.class).getText().startsWith("2 scored"));
        List<String> labels = robot.lookup(".score-card .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertTrue(labels.contains("red.png") && labels.contains("mostly red"), labels.toString());
        assertTrue(labels.contains("blue.png") && labels.contains("mostly blue"), labels.toString());
        assertTrue(robot.lookup("#consoleLabelsSource").queryAs(Label.class).getText().contains("demo"),
                "the demo model says it is the demo");
        shot(robot, "local-3-console");
    }

    @Test
    void fromAnEmptyWizardToAKubernetesDeploymentWithItsAddress(FxRobot robot) throws Exception {
        KubernetesControlPlane cluster = KubernetesControlPlane.get();
        cluster.ensureNode();
        domainAndDevelopmentCertificate(robot);
        robot.clickOn("#target-kubernetes");
        next(robot);
        assertEquals("Deploy", title(robot));
        assertTrue(robot.lookup("#nextButton").queryButton().isDisabled(), "nothing deployed yet");
        assertEquals("test", robot.lookup("#k8sContext").queryAs(ComboBox.class).getValue());
        String namespace = "w-" + UUID.randomUUID().toString().substring(0, 8);
        robot.doubleClickOn("#k8sNamespace").eraseText(20).write(namespace);
        robot.clickOn("#k8sServiceType").clickOn("NodePort: a port on every node");
        robot.doubleClickOn("#k8sImage").eraseText(60).write("registry.test/securescore:1");
        // Below the registry login and the image pull Secret: scrolled to, as a person would.
        Pages.scrollToSee(robot, robot.lookup(".step-content")
                .queryAs(ScrollPane.class), robot.lookup("#k8sPreview").query());
        robot.clickOn("#k8sPreview");
        shot(robot, "k8s-1-preview");
        String preview = robot.lookup("#k8sPreviewText").queryAs(TextArea.class).getText();
        assertTrue(preview.contains("namespace: \"" + namespace + "\"") && preview.contains("(hidden: tls.key)"),
                () -> "preview: " + preview + "; window " + robot.lookup("#k8sPreview").query().getScene().getWindow()
                        .getWidth() + "x" + robot.lookup("#k8sPreview").query().getScene().getWindow().getHeight()
                        + "; windows open: " + Window.getWindows().size()
                        + "; status: " + robot.lookup("#k8sStatus").queryAs(Label.class).getText()
                        + "; namespace field: " + robot.lookup("#k8sNamespace").queryAs(TextField.class)
                        .getText());

        robot.clickOn("#k8sDeploy");
        for (Pod pod : cluster.awaitScheduledPods(namespace, 2, p -> true)) {
            cluster.markReady(pod);
        }
        FxWait.until(60, TimeUnit.SECONDS, () -> robot.lookup("#k8sResult").query().isVisible());
        String address = robot.lookup("#resultAddress").queryAs(Label.class).getText();
        assertEquals("203.0.113.10", address, "the node's external address");
        String endpoint = robot.lookup("#resultEndpoint").queryAs(Label.class).getText();
        assertTrue(endpoint.startsWith(LocalService.HOST + ":3"), endpoint);
        assertFalse(robot.lookup("#resultKeys").queryAs(Label.class).getText().length() > 8, "the key is masked");
        shot(robot, "k8s-2-result");
        String log = Logs.text(robot, "#k8sLog");
        assertTrue(log.contains("Rollout complete: 2 of 2 pods ready."), log);
        awaitNext(robot);
        next(robot);
        assertEquals("DNS", title(robot));
        shot(robot, "k8s-3-dns");
        String value = robot.lookup("#dnsRecord-0-0-value").queryAs(TextField.class).getText();
        assertEquals("203.0.113.10", value);
    }
}

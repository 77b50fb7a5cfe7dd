package com.securescore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.image.InstalledJar;
import com.securescore.resume.ProgressStore;
import com.securescore.testsupport.AnsweredDialogs;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.KnotServer;
import com.securescore.testsupport.KubernetesNode;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Logs;
import com.securescore.testsupport.Pages;
import com.securescore.testsupport.SecureScoreImage;
import com.securescore.ui.deploy.DeployStepView;
import com.securescore.ui.wizard.StepId;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole wizard as a person clicks it, on the real node: from an empty Domain field, a development
 * certificate, the Kubernetes target, Build and push of this installation's image to the private
 * registry (its CA chosen, the login typed), Deploy, DNS checked against Knot serving the person's
 * record, and images scored in the console through the NodePort.
 */
@ExtendWith(ApplicationExtension.class)
class WizardOnRealNodeIT {
    private static KubernetesNode node;
    private static KnotServer knot;
    private static Path dir;

    private WizardWindow window;
    private String namespace;

    @BeforeAll
    static void startServers() throws Exception {
        node = KubernetesNode.get();
        dir = Files.createTempDirectory("wizard-node-it");
        // The record the person made: the name points at the node, which answers on loopback here.
        knot = KnotServer.start(dir.resolve("knot"), KnotServer.zones("contoso.test", KnotServer.zone(
                "contoso.test", 1, 60, "scoring 60 IN A 127.0.0.1")));
        // The wizard runs from the test's classes: it packages the jar the build made, as installed.
        System.setProperty(InstalledJar.PROPERTY, SecureScoreImage.JAR.toString());
    }

    @AfterAll
    static void stopServers() {
        System.clearProperty(InstalledJar.PROPERTY);
        if (knot != null) {
            knot.close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        Path run = Files.createDirectories(dir.resolve("run"));
        window = new WizardWindow(new ProgressStore(run.resolve("config")), stage, node.kubeconfig());
        stage.setWidth(1100);
        stage.setHeight(760);
        stage.show();
        stage.toFront();
    }

    @AfterEach
    void stop() throws Exception {
        FileDialogs.use(FileDialogs.NATIVE);
        WaitForAsyncUtils.asyncFx(() -> ((DeployStepView) window.model().step(StepId.DEPLOY)).shutdown()).get();
        if (namespace != null) {
            node.deleteNamespace(namespace);
        }
    }

    private static String title(FxRobot robot) {
        return robot.lookup("#stepTitle").queryAs(Label.class).getText();
    }

    private static void awaitNext(FxRobot robot, int seconds) throws Exception {
        FxWait.until(seconds, TimeUnit.SECONDS, () -> !robot.lookup("#nextButton").queryButton()
                .isDisabled());
    }

    /** Scrolls the step's page until the control is in sight, as a person would. */
    private static void see(FxRobot robot, String id) {
        robot.lookup(".step-content").tryQueryAs(ScrollPane.class).ifPresent(page -> Pages.scrollToSee(robot, page,
                robot.lookup(id).query()));
    }

    private static void write(FxRobot robot, String id, String text) {
        see(robot, id);
        robot.clickOn(id);
        robot.lookup(id).queryAs(TextField.class).clear();
        robot.write(text);
    }

    @Test
    void fromAnEmptyDomainFieldToImagesScoredOnRealPods(FxRobot robot) throws Exception {
        assertEquals("Domain", title(robot));
        robot.clickOn("#domainField").write(LocalService.HOST);
        robot.clickOn("#nextButton");
        assertEquals("Certificate", title(robot));
        Path tls = Files.createDirectories(dir.resolve("tls"));
        AnsweredDialogs.use(tls, List.of());
        robot.clickOn("#modeDevelopment");
        robot.clickOn("#makeDevCert");
        awaitNext(robot, 30);
        robot.clickOn("#nextButton");
        assertEquals("Target", title(robot));
        robot.clickOn("#target-kubernetes");
        robot.clickOn("#nextButton");
        assertEquals("Deploy", title(robot));

        namespace = "wizard-" + Long.toHexString(System.nanoTime() & 0xffffff);
        write(robot, "#k8sNamespace", namespace);
        see(robot, "#k8sServiceType");
        robot.clickOn("#k8sServiceType").clickOn("NodePort: a port on every node");
        write(robot, "#k8sRegistryUser", node.registry().user());
        write(robot, "#k8sRegistryPassword", node.registry().password());
        see(robot, "#k8sBuildOpen");
        robot.clickOn("#k8sBuildOpen");
        write(robot, "#k8sBuildTarget", node.registry().address() + "/team/securescore:wizard");
        write(robot, "#k8sBuildBase", node.baseImage());
        AnsweredDialogs.use(node.registry().caFile().getParent(), List.of(node.registry().caFile()));
        see(robot, "#k8sBuildChooseCa");
        robot.clickOn("#k8sBuildChooseCa");
        see(robot, "#k8sBuildStart");
        robot.clickOn("#k8sBuildStart");
        FxWait.until(3, TimeUnit.MINUTES, () -> robot.lookup("#k8sImage").queryAs(TextField.class)
                .getText().contains("@sha256:"));
        String image = robot.lookup("#k8sImage").queryAs(TextField.class).getText();
        assertTrue(image.startsWith(node.registry().address() + "/team/securescore:wizard@sha256:"), image);
        see(robot, "#k8sBuildClose");
        robot.clickOn("#k8sBuildClose");
        see(robot, "#k8sDemoModel");
        robot.clickOn("#k8sDemoModel");
        see(robot, "#k8sDeploy");
        robot.clickOn("#k8sDeploy");
        FxWait.until(4, TimeUnit.MINUTES, () -> robot.lookup("#k8sResult").query().isVisible()
                || robot.lookup("#k8sStatus").queryAs(Label.class).getText().startsWith("Not deployed"));
        String log = Logs.text(robot, "#k8sLog");
        assertTrue(log.contains("Rollout complete: 2 of 2 pods ready."), log + "\nkubelet:\n"
                + node.logTail("kubelet", 30));
        assertTrue(log.contains("Image pull Secret securescore-registry: the user " + node.registry().user()), log);
        String endpoint = robot.lookup("#resultEndpoint").queryAs(Label.class).getText();
        String nodePort = endpoint.substring(endpoint.lastIndexOf(':') + 1);
        awaitNext(robot, 10);
        robot.clickOn("#nextButton");

        assertEquals("DNS", title(robot));
        write(robot, "#dnsResolver", knot.resolver());
        write(robot, "#dnsExpected", "127.0.0.1");
        robot.clickOn("#dnsCheckNow");
        // The verdict is there once the answer is (a lookup before it would end the wait at once).
        FxWait.until(60, TimeUnit.SECONDS, () -> robot.lookup("#dnsVerdict").tryQuery()
                .map(n -> ((Label) n).getText().contains("resolves to 127.0.0.1")).orElse(false));
        robot.clickOn("#nextButton");

        assertEquals("Scoring console", title(robot));
        write(robot, "#consolePort", nodePort);
        write(robot, "#consoleConnectTo", "127.0.0.1");
        Path red = dir.resolve("red.png");
        Path blue = dir.resolve("blue.png");
        Files.write(red, LocalService.png(Color.RED, 64));
        Files.write(blue, LocalService.png(Color.BLUE, 64));
        AnsweredDialogs.use(dir, List.of(red, blue));
        robot.clickOn("#consoleChoose");
        FxWait.until(60, TimeUnit.SECONDS, () -> robot.lookup(".score-card").queryAll().size() == 2
                && robot.lookup("#consoleTotals").queryAs(Label.class).getText().startsWith("2 scored"));
        List<String> labels = robot.lookup(".score-card .label").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertTrue(labels.contains("mostly red") && labels.contains("mostly blue"), labels.toString());
    }
}

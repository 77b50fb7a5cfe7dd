package com.securescore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.resume.ProgressStore;
import com.securescore.testsupport.AnsweredDialogs;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.OpensslPki;
import com.securescore.testsupport.Pages;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.deploy.DeployStepView;
import com.securescore.ui.wizard.StepId;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
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
 * The screenshot tour: every step and every target, clicked as a person does, one PNG per state in
 * {@code target/screenshots/} (or {@code -Dsecurescore.tour=DIR}), so anyone changing a view can look at
 * all of them in a minute. Under Xvfb ({@code tools/screenshot-tour.sh}) the pictures come from the real
 * window system; in the ordinary headless run they come from Monocle. Each stop also asserts what a
 * person must see there, so the tour fails when a state cannot be reached.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTourTest {
    /** The smallest window the wizard allows (WizardWindow's minimum). */
    static final double MIN_WIDTH = 760;
    static final double MIN_HEIGHT = 520;

    @TempDir
    static Path dir;

    private WizardWindow window;
    private Stage stage;
    private Path run;
    private final List<String> taken = new ArrayList<>();
    private int count;

    @Start
    void start(Stage primary) throws Exception {
        // A window of its own: the tour resizes it to the smallest size, and the primary stage is shared
        // with the test classes that run after this one (an explicitly sized stage keeps its size).
        this.stage = new Stage();
        // Out of the way: lookups would otherwise also find the controls of the scene it still shows.
        primary.hide();
        run = Files.createDirectories(dir.resolve("run-" + System.nanoTime()));
        window = new WizardWindow(new ProgressStore(run.resolve("config")), stage, run.resolve("no-kubeconfig"));
        stage.setWidth(1000);
        stage.setHeight(720);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        FileDialogs.use(FileDialogs.NATIVE);
        WaitForAsyncUtils.asyncFx(() -> ((DeployStepView) window.model().step(StepId.DEPLOY)).shutdown()).get();
        WaitForAsyncUtils.asyncFx(stage::close).get();
    }

    private static Path folder() {
        return Path.of(System.getProperty("securescore.tour", "target/screenshots"));
    }

    /** One picture of the whole window, numbered in tour order. */
    private void shot(FxRobot robot, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        var image = robot.capture(stage.getScene().getRoot()).getImage();
        Files.createDirectories(folder());
        String file = String.format("%02d-%s.png", ++count, name);
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                folder().resolve(file).toFile());
        taken.add(file);
    }

    private static void answerDialogs(Path folder, List<Path> files) {
        AnsweredDialogs.use(folder, files);
    }

    private String title(FxRobot robot) {
        return robot.lookup("#stepTitle").queryAs(Label.class).getText();
    }

    private void awaitIdle(FxRobot robot) throws Exception {
        FxWait.until(30, TimeUnit.SECONDS, () -> !window.model().currentProperty().get().busy().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void resize(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Scrolls the step as a person would until the node {@code query} finds is in sight. */
    private Node see(FxRobot robot, String query) {
        Node node = robot.lookup(query).query();
        Pages.scrollToSee(robot, robot.lookup(".step-content").queryAs(ScrollPane.class),
                node);
        return node;
    }

    /** At the smallest size the step still fits its width: no sideways scrolling, nothing pushed out. */
    private void fitsSideways(FxRobot robot) {
        ScrollPane content = robot.lookup(".step-content").queryAs(ScrollPane.class);
        double viewport = content.getViewportBounds().getWidth();
        double width = content.getContent().getLayoutBounds().getWidth();
        assertTrue(width <= viewport + 1, title(robot) + ": content " + width + " wider than " + viewport);
    }

    /**
     * The Kubernetes pane's Build and push panel, opened with a registry login typed (the password masked),
     * then Build: the tour runs from classes, so the panel shows why there is no jar to build from.
     */
    private void kubernetesBuildPanel(FxRobot robot) throws Exception {
        see(robot, "#k8sRegistryUser");
        robot.clickOn("#k8sRegistryUser").write("team-ci");
        robot.clickOn("#k8sRegistryPassword").write("not-shown-anywhere");
        robot.clickOn("#k8sBuildOpen");
        see(robot, "#k8sImage");
        assertTrue(robot.lookup("#k8sBuildPanel").query().isVisible());
        shot(robot, "deploy-kubernetes-build-panel");
        robot.clickOn("#k8sBuildTarget").write("registry.example.com/team/securescore:1");
        robot.clickOn(see(robot, "#k8sBuildStart"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#k8sBuildStatus").queryAs(Label.class).getText().contains("not from a jar"));
        shot(robot, "deploy-kubernetes-build-no-jar");
        resize(robot, MIN_WIDTH, MIN_HEIGHT);
        fitsSideways(robot);
        see(robot, "#k8sRegistryUser");
        shot(robot, "smallest-deploy-kubernetes-login");
        see(robot, "#k8sBuildTarget");
        shot(robot, "smallest-deploy-kubernetes-build-panel");
        resize(robot, 1000, 720);
        // Back to the top, where the next pane's controls are.
        robot.interact(() -> robot.lookup(".step-content").queryAs(ScrollPane.class).setVvalue(0));
    }

    @Test
    void everyStepEveryTargetAndTheSmallestWindow(FxRobot robot) throws Exception {
        // 1. Domain
        assertEquals("Domain", title(robot));
        shot(robot, "domain-empty");
        robot.clickOn("#domainField").write("10.0.0.1");
        shot(robot, "domain-error");
        robot.interact(() -> robot.lookup("#domainField").queryAs(TextField.class).clear());
        robot.write(LocalService.HOST + ".");
        shot(robot, "domain-valid-with-note");
        robot.clickOn("#nextButton");

        // 2. Certificate: empty, findings, the missing-issuer card, a repair with its notice, development
        assertEquals("Certificate", title(robot));
        shot(robot, "certificate-empty");
        TestPki.Issued root = TestPki.rootCa("Tour Root");
        TestPki.Issued inter = TestPki.intermediate(root, "Tour Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(inter).dns(LocalService.HOST).issue();
        TestPki.Issued stranger = TestPki.rootCa("Unrelated Root");
        Path pasted = TestPki.writePem(run.resolve("server.pem"), leaf.certificate(), stranger.certificate(),
                leaf.privateKey());
        Path issuer = TestPki.writePem(run.resolve("issuing-ca.pem"), inter.certificate());
        answerDialogs(run, List.of(pasted));
        robot.clickOn("#chooseFiles");
        awaitIdle(robot);
        shot(robot, "certificate-findings");
        see(robot, "#chain-missing");
        shot(robot, "certificate-missing-issuer-and-stranger");
        answerDialogs(run, List.of(issuer));
        robot.clickOn(see(robot, "#repair-add_issuer_file"));
        awaitIdle(robot);
        assertTrue(robot.lookup("#repairChange").queryAs(Label.class).getText().startsWith("Added"));
        shot(robot, "certificate-repaired-with-notice");
        Path rootFile = TestPki.writePem(run.resolve("tour-root.pem"), root.certificate());
        answerDialogs(run, List.of(rootFile));
        robot.clickOn(see(robot, "#repair-add_issuer_file"));
        awaitIdle(robot);
        // The private root just added is trusted in one click, without its file being asked for again.
        robot.clickOn(see(robot, "#repair-trust_root"));
        awaitIdle(robot);
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"));
        see(robot, "#certStatus");
        shot(robot, "certificate-ready-after-trusting-the-root");
        answerDialogs(Files.createDirectories(run.resolve("tls")), List.of());
        see(robot, "#modeAcme");
        robot.clickOn("#modeAcme");
        assertTrue(robot.lookup(".finding").queryAll().isEmpty(), "the ACME way starts from nothing");
        shot(robot, "certificate-acme-empty");
        robot.clickOn("#modeDevelopment");
        assertTrue(robot.lookup(".finding").queryAll().isEmpty(), "nothing of the other way shows");
        shot(robot, "certificate-development-empty");
        robot.clickOn("#makeDevCert");
        awaitIdle(robot);
        assertTrue(robot.lookup("#devWritten").query().isVisible());
        shot(robot, "certificate-development-made");
        robot.clickOn("#nextButton");

        // 3. Target, each one
        assertEquals("Target", title(robot));
        for (String target : List.of("local", "kubernetes", "aci", "aks", "fpga")) {
            robot.clickOn("#target-" + target);
            shot(robot, "target-" + target);
        }

        // 4. Deploy, each target's pane (Azure: the requests; Kubernetes: no kubeconfig here, a failure)
        for (String target : List.of("kubernetes", "aci", "aks", "fpga")) {
            robot.clickOn("#nav-target");
            robot.clickOn("#target-" + target);
            robot.clickOn("#nextButton");
            assertEquals("Deploy", title(robot));
            shot(robot, "deploy-" + target);
            if (target.equals("kubernetes")) {
                kubernetesBuildPanel(robot);
            }
        }
        robot.clickOn("#nav-target");
        robot.clickOn("#target-local");
        robot.clickOn("#nextButton");
        shot(robot, "deploy-local-model-choice");
        robot.clickOn("#deployModelDemo");
        robot.doubleClickOn("#deployPort").write(String.valueOf(Ports.unused()));
        robot.clickOn("#deployStart");
        FxWait.until(60, TimeUnit.SECONDS, () -> !robot.lookup("#nextButton").queryButton().isDisabled());
        shot(robot, "deploy-local-running");

        // 5. DNS
        robot.clickOn("#nextButton");
        assertEquals("DNS", title(robot));
        shot(robot, "dns-local");

        // 6. Scoring console: scored images, then a failure (a wrong key)
        robot.clickOn("#nextButton");
        assertEquals("Scoring console", title(robot));
        shot(robot, "console-ready");
        Path red = run.resolve("red.png");
        Path blue = run.resolve("blue.png");
        Files.write(red, LocalService.png(Color.RED, 64));
        Files.write(blue, LocalService.png(Color.BLUE, 64));
        answerDialogs(run, List.of(red, blue));
        robot.clickOn("#consoleChoose");
        FxWait.until(30, TimeUnit.SECONDS, () -> robot.lookup(".score-card").queryAll().size() == 2);
        awaitIdle(robot);
        shot(robot, "console-scored");
        TextField key = robot.lookup("#consoleKey").queryAs(TextField.class);
        String good = key.getText();
        robot.interact(() -> key.setText("not-the-key-" + "x".repeat(20)));
        robot.clickOn("#consoleClear");
        robot.clickOn("#consoleChoose");
        FxWait.until(30, TimeUnit.SECONDS, () -> robot.lookup("#consoleStatus").queryAs(Label.class)
                .getText().toLowerCase(Locale.ROOT).contains("key"));
        awaitIdle(robot);
        shot(robot, "console-failure-wrong-key");
        robot.interact(() -> key.setText(good));

        // 7. The smallest window, on every step
        resize(robot, MIN_WIDTH, MIN_HEIGHT);
        shot(robot, "smallest-console");
        fitsSideways(robot);
        for (String step : List.of("dns", "deploy", "target", "certificate", "domain")) {
            robot.clickOn("#nav-" + step);
            fitsSideways(robot);
            shot(robot, "smallest-" + step);
        }

        assertEquals(count, taken.size());
        assertTrue(Files.isRegularFile(folder().resolve(taken.get(0))));
    }

    /**
     * A private CA made with openssl: the chain without its root and a PKCS#1 key, the root's file chosen
     * from the missing issuer's finding, then trusted from the root's own finding in one click. Pictures
     * of the finding with its button and of Ready, at 1024x700 and at the smallest window.
     */
    @Test
    void privateRootPathFindingWithItsButtonThenReady(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write(LocalService.HOST);
        robot.clickOn("#nextButton");
        assertEquals("Certificate", title(robot));
        resize(robot, 1024, 700);
        OpensslPki pki = OpensslPki.make(run.resolve("lab"),
                LocalService.HOST);
        answerDialogs(run, List.of(pki.file("chain.pem"), pki.file("leaf-pkcs1.key")));
        robot.clickOn("#chooseFiles");
        awaitIdle(robot);
        answerDialogs(run, List.of(pki.file("root.pem")));
        robot.clickOn(see(robot, "#finding-chain_incomplete #repair-add_issuer_file"));
        awaitIdle(robot);
        see(robot, "#finding-untrusted_root");
        assertTrue(robot.lookup("#repair-trust_root").queryButton().getText().startsWith("Trust \"Contoso Lab Root CA\""));
        shot(robot, "private-root-trust-button");
        resize(robot, MIN_WIDTH, MIN_HEIGHT);
        fitsSideways(robot);
        see(robot, "#finding-untrusted_root");
        shot(robot, "smallest-private-root-trust-button");
        robot.clickOn(see(robot, "#repair-trust_root"));
        awaitIdle(robot);
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"));
        see(robot, "#certStatus");
        fitsSideways(robot);
        shot(robot, "smallest-private-root-ready");
        resize(robot, 1024, 700);
        see(robot, "#certStatus");
        shot(robot, "private-root-ready");
    }

    /** A finished run, with the Local service running on the demo model, up to the scoring console. */
    private void runningServiceOnTheConsole(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write(LocalService.HOST);
        // Next once the name is checked (Next enabled), then on once the Certificate step is made and shown.
        // A click, not Enter: under Xvfb with no window manager a typed key can go to no window at all.
        FxWait.until(10, TimeUnit.SECONDS, () -> !robot.lookup("#nextButton").queryButton().isDisabled());
        robot.clickOn("#nextButton");
        try {
            FxWait.until(30, TimeUnit.SECONDS, () -> "Certificate".equals(title(robot))
                    && robot.lookup("#modeDevelopment").tryQuery().isPresent());
        } catch (TimeoutException e) {
            throw new AssertionError("Next did not lead to the Certificate step; the window shows \"" + title(robot)
                    + "\" and Next is " + (robot.lookup("#nextButton").queryButton().isDisabled() ? "off" : "on"), e);
        }
        WaitForAsyncUtils.waitForFxEvents();
        answerDialogs(Files.createDirectories(run.resolve("tls")), List.of());
        robot.clickOn("#modeDevelopment");
        robot.clickOn("#makeDevCert");
        awaitIdle(robot);
        robot.clickOn("#nextButton").clickOn("#nextButton");
        robot.clickOn("#deployModelDemo");
        robot.doubleClickOn("#deployPort").write(String.valueOf(Ports.unused()));
        robot.clickOn("#deployStart");
        FxWait.until(60, TimeUnit.SECONDS, () -> !robot.lookup("#nextButton").queryButton().isDisabled());
        robot.clickOn("#nextButton").clickOn("#nextButton");
        assertEquals("Scoring console", title(robot));
    }

    /** The dialog window on screen whose pane has {@code id}. */
    private DialogPane dialog(FxRobot robot, String id) {
        return robot.lookup(id).match((Node n) -> n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).tryQueryAs(DialogPane.class).orElse(null);
    }

    private void shotOf(Scene scene, FxRobot robot, String name) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        var image = robot.capture(scene.getRoot()).getImage();
        Files.createDirectories(folder());
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                folder().resolve(String.format("%02d-%s.png", ++count, name)).toFile());
    }

    /** Finish on the console while the service runs: the question, what closing stops, the command to copy. */
    @Test
    void finishWhileTheServiceRuns(FxRobot robot) throws Exception {
        runningServiceOnTheConsole(robot);
        robot.clickOn("#nextButton");
        FxWait.until(10, TimeUnit.SECONDS, () -> dialog(robot, "#finishConfirm") != null);
        DialogPane ask = dialog(robot, "#finishConfirm");
        assertTrue(robot.from(ask).lookup("#finishCommand").queryAs(TextField.class).getText()
                .startsWith("securescore serve --cert "));
        shotOf(ask.getScene(), robot, "finish-while-the-service-runs");
        shot(robot, "finish-while-the-service-runs-window");
        robot.clickOn(robot.from(ask).lookup((Button b) -> "Go back".equals(b.getText()))
                .queryButton());
        assertTrue(stage.isShowing());
    }

    /** A restart with the resume banner, at the default size and the smallest, then where Resume goes. */
    @Test
    void restartWithTheResumeBanner(FxRobot robot) throws Exception {
        runningServiceOnTheConsole(robot);
        robot.clickOn("#cancelButton");
        FxWait.until(10, TimeUnit.SECONDS, () -> dialog(robot, "#closeConfirm") != null);
        robot.clickOn(robot.from(dialog(robot, "#closeConfirm")).lookup((Button b) ->
                "Close".equals(b.getText())).queryButton());
        FxWait.until(10, TimeUnit.SECONDS, () -> !stage.isShowing());
        WizardWindow first = window;
        robot.interact(() -> {
            ((DeployStepView) first.model().step(StepId.DEPLOY)).shutdown();
            stage = new Stage();
            window = new WizardWindow(new ProgressStore(run.resolve("config")), stage, run.resolve("no-kubeconfig"));
            stage.show();
        });
        assertTrue(robot.lookup("#resumeBanner").query().isVisible());
        shot(robot, "restart-resume-banner");
        resize(robot, MIN_WIDTH, MIN_HEIGHT);
        shot(robot, "smallest-restart-resume-banner");
        resize(robot, 1000, 720);
        robot.clickOn("#resumeButton");
        FxWait.until(20, TimeUnit.SECONDS, () -> "Deploy".equals(title(robot))
                && robot.lookup("#resumeNote").query().isVisible());
        shot(robot, "resumed-at-deploy-service-stopped");
    }
}

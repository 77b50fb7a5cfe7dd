package com.securescore.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.image.InstalledJar;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelSpec;
import com.securescore.testsupport.AnsweredDialogs;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Logs;
import com.securescore.testsupport.Pages;
import com.securescore.testsupport.Shots;
import com.securescore.testsupport.StepStage;
import com.securescore.testsupport.TestRegistry;
import com.securescore.testsupport.TinyBaseImage;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.wizard.WizardState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Screen;
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
 * Build and push in the Kubernetes pane as a person uses it, against a real private registry over TLS
 * with a password: fill the login and the panel, pick the registry's CA, Build, watch the bar and the
 * log, and find the pushed reference in the Image field and in the registry. Also: a wrong password,
 * Cancel, and a SecureScore that runs from classes (no jar). The base is a tiny docker archive.
 */
@ExtendWith(ApplicationExtension.class)
class ImageBuildPanelTest {
    @TempDir
    static Path dir;

    private Stage stage;
    private KubernetesDeployViewModel model;
    private Path jar;
    private Path base;
    /** Each test's own repository, so one test's push cannot answer another's question. */
    private String repository;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path run = Files.createDirectories(dir.resolve("run-" + System.nanoTime()));
        repository = "panel-test/securescore-" + run.getFileName().toString().substring(4);
        jar = Files.writeString(run.resolve("securescore.jar"), "the application, for the image");
        base = TinyBaseImage.write(run.resolve("base.tar"));
        WizardState state = new WizardState();
        state.domainProperty().set(LocalService.HOST);
        state.certificateProperty().set(LocalService.devCertificate(run).report());
        model = new KubernetesDeployViewModel(state, BackgroundRunner.FX, run.resolve("no-kubeconfig"), run,
                new ImageBuildViewModel.Parts(() -> jar, new ModelCache(run.resolve("models")), ModelSpec.resnet50(null),
                        run.resolve("layers"), run.resolve("no-docker-config.json")));
        StepStage.show(stage, new KubernetesDeployView(model).view(), width(), 768);
        // The stage is shared by the tests, and one of them makes it the smallest window.
        stage.setWidth(width());
        stage.setHeight(Math.min(768, Screen.getPrimary().getBounds().getHeight() - 40));
        stage.setX(0);
        stage.setY(0);
    }

    /** A common laptop's 1366 px, or less where the screen is narrower (Monocle's headless one is 1280 px). */
    private static double width() {
        return Math.min(1366, Screen.getPrimary().getBounds().getWidth() - 40);
    }

    @AfterEach
    void restoreDialogs() {
        FileDialogs.use(FileDialogs.NATIVE);
    }

    /** The login and the panel as a person fills them; the CA comes through the file dialog. */
    private void fillIn(FxRobot robot, TestRegistry registry, String password, String tag) {
        see(robot, "#k8sRegistryUser");
        robot.clickOn("#k8sRegistryUser").write(registry.user());
        robot.clickOn("#k8sRegistryPassword").write(password);
        robot.clickOn("#k8sBuildOpen");
        see(robot, "#k8sBuildStart");
        robot.clickOn("#k8sBuildTarget").write(registry.address() + "/" + repository + ":" + tag);
        TextField baseField = robot.lookup("#k8sBuildBase").queryAs(TextField.class);
        robot.interact(() -> baseField.setText(TinyBaseImage.reference(base)));
        AnsweredDialogs.use(null, List.of(registry.caFile()));
        robot.clickOn("#k8sBuildChooseCa");
        assertEquals(registry.caFile().toAbsolutePath().toString(),
                robot.lookup("#k8sBuildCa").queryAs(TextField.class).getText());
    }

    private void see(FxRobot robot, String query) {
        Pages.scrollToSee(robot, (ScrollPane) stage.getScene().getRoot(), robot.lookup(query).query());
    }

    private void awaitBuilt(FxRobot robot) throws Exception {
        FxWait.until(120, TimeUnit.SECONDS, () -> !model.imageBuild().busyProperty().get()
                && !model.imageBuild().statusProperty().get().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private String status(FxRobot robot) {
        return robot.lookup("#k8sBuildStatus").queryAs(Label.class).getText();
    }

    @Test
    void buildAndPushPutsThePushedDigestIntoTheImageFieldAndTheRegistryHasIt(FxRobot robot) throws Exception {
        TestRegistry registry = TestRegistry.get();
        assertFalse(robot.lookup("#k8sBuildPanel").query().isVisible(), "closed until asked for");
        CheckBox bake = robot.lookup("#k8sBuildBakeResnet").queryAs(CheckBox.class);
        fillIn(robot, registry, registry.password(), "1");
        PasswordField password = robot.lookup("#k8sRegistryPassword").queryAs(PasswordField.class);
        assertTrue(password.getSkin() != null && !password.getCharacters().isEmpty());
        assertTrue(bake.isDisabled(), "no ResNet-50 in this model cache");
        assertTrue(robot.lookup("#k8sBuildResnetNote").queryAs(Label.class).getText().contains("not in this machine's"));
        Shots.take(robot, stage.getScene(), "k8s-build-panel-filled");

        // The bar moves with the fractions the build reports; it is seen while the build runs.
        List<Double> seen = new CopyOnWriteArrayList<>();
        ProgressBar bar = robot.lookup("#k8sBuildProgress").queryAs(ProgressBar.class);
        robot.interact(() -> bar.progressProperty().addListener((o, was, now) -> {
            if (bar.isVisible()) {
                seen.add(now.doubleValue());
            }
        }));
        robot.clickOn("#k8sBuildStart");
        awaitBuilt(robot);

        assertFalse(model.imageBuild().failedProperty().get(), status(robot));
        String image = robot.lookup("#k8sImage").queryAs(TextField.class).getText();
        assertTrue(image.matches("127\\.0\\.0\\.1:\\d+/" + repository + ":1@sha256:[0-9a-f]{64}"), image);
        assertTrue(status(robot).startsWith("Pushed " + image) && status(robot).contains("The Image field now names "
                + "it, so Deploy runs this image."), status(robot));
        assertTrue(seen.stream().anyMatch(f -> f > 0 && f < 1), "the bar showed the build's progress: " + seen);
        String log = Logs.text(robot, "#k8sBuildLog");
        assertTrue(log.contains("Building " + registry.address() + "/" + repository + ":1 from tar://"), log);
        assertTrue(log.contains("Pushing to " + registry.address() + " as " + registry.user()), log);
        assertTrue(log.contains("Pushed " + image), log);
        assertFalse(log.contains(registry.password()), "the password is never logged");
        var tags = ImageBuildViewModelTest.tags(registry, repository);
        assertEquals(200, tags.statusCode(), tags.body());
        assertTrue(tags.body().contains("\"1\""), tags.body());
        see(robot, "#k8sBuildStatus");
        Shots.take(robot, stage.getScene(), "k8s-build-pushed");

        // Deploy now uses that image, pulling it with a Secret made of the same login; the preview hides it.
        model.contexts().setAll("test");
        robot.interact(() -> model.contextProperty().set("test"));
        robot.clickOn("#k8sPreview");
        WaitForAsyncUtils.waitForFxEvents();
        String preview = robot.lookup("#k8sPreviewText").queryAs(TextArea.class).getText();
        assertTrue(preview.contains(image), preview);
        assertTrue(preview.contains("kubernetes.io/dockerconfigjson") && preview.contains("(hidden: .dockerconfigjson)"),
                preview);
        assertFalse(preview.contains(registry.password()), "the preview hides the registry password");

        robot.interact(() -> stage.setWidth(760));
        robot.interact(() -> stage.setHeight(520));
        see(robot, "#k8sBuildStatus");
        Shots.take(robot, stage.getScene(), "k8s-build-pushed-smallest");
    }

    @Test
    void aWrongPasswordShowsTheRegistrysRefusalNamingTheUser(FxRobot robot) throws Exception {
        TestRegistry registry = TestRegistry.get();
        fillIn(robot, registry, "not-the-password", "wrong");
        String before = robot.lookup("#k8sImage").queryAs(TextField.class).getText();

        robot.clickOn("#k8sBuildStart");
        awaitBuilt(robot);

        String status = status(robot);
        assertTrue(status.contains("refused the credentials (401 Unauthorized)") && status.contains(registry.user()),
                status);
        assertFalse(status.contains("Exception") || status.contains("\tat "), "no stack trace: " + status);
        assertTrue(robot.lookup("#k8sBuildStatus").query().getStyleClass().contains("message-error"));
        assertEquals(before, robot.lookup("#k8sImage").queryAs(TextField.class).getText(), "the image stays");
        assertEquals(404, ImageBuildViewModelTest.tags(registry, repository).statusCode());
        see(robot, "#k8sBuildStatus");
        Shots.take(robot, stage.getScene(), "k8s-build-401");
    }

    @Test
    void cancelStopsTheBuildAndNothingIsTagged(FxRobot robot) throws Exception {
        TestRegistry registry = TestRegistry.get();
        // A jar big enough (random bytes do not compress) that the push is still under way when Cancel is clicked.
        writeRandom(jar, 256L << 20);
        fillIn(robot, registry, registry.password(), "cancelled");

        robot.clickOn("#k8sBuildStart");
        FxWait.until(60, TimeUnit.SECONDS, () -> robot.lookup("#k8sBuildStage").queryAs(Label.class)
                .getText().startsWith("Pushing to"));
        Button cancel = robot.lookup("#k8sBuildCancel").queryButton();
        assertFalse(cancel.isDisabled());
        assertTrue(robot.lookup("#k8sDeploy").queryButton().isDisabled(), "no deployment while the image is built");
        long clicked = System.nanoTime();
        robot.clickOn(cancel);
        awaitBuilt(robot);

        assertTrue(System.nanoTime() - clicked < TimeUnit.SECONDS.toNanos(10), "Cancel is felt at once");
        assertTrue(status(robot).startsWith("Cancelled"), status(robot));
        assertEquals("Cancelled", robot.lookup("#k8sBuildStage").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#k8sDeploy").queryButton().isDisabled());
        var tags = ImageBuildViewModelTest.tags(registry, repository);
        assertTrue(tags.statusCode() == 404 || !tags.body().contains("cancelled"), tags.body());
    }

    @Test
    void runningFromClassesShowsTheRefusalInThePanel(FxRobot robot) throws Exception {
        KubernetesDeployViewModel fromClasses = new KubernetesDeployViewModel(new WizardState(), BackgroundRunner.FX,
                dir.resolve("no-kubeconfig"), dir, new ImageBuildViewModel.Parts(
                        InstalledJar::locate, new ModelCache(dir.resolve("models")),
                        ModelSpec.resnet50(null), dir.resolve("layers"), dir.resolve("no-docker-config.json")));
        robot.interact(() -> StepStage.show(stage, new KubernetesDeployView(fromClasses).view(), width(), 768));
        robot.clickOn("#k8sBuildOpen");
        see(robot, "#k8sBuildStart");
        robot.clickOn("#k8sBuildTarget").write("registry.example.com/team/securescore:1");
        robot.clickOn("#k8sBuildStart");
        WaitForAsyncUtils.waitForFxEvents();

        String status = status(robot);
        assertTrue(status.contains("not from a jar") && status.contains("mvn package"), status);
        assertTrue(robot.lookup("#k8sBuildStatus").query().isVisible());
        assertFalse(fromClasses.imageBuild().busyProperty().get());
        Shots.take(robot, stage.getScene(), "k8s-build-no-jar");
    }

    private static void writeRandom(Path file, long bytes) throws IOException {
        Random random = new Random(1);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < bytes; written += block.length) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }
}

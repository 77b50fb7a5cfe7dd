package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.resume.ProgressStore;
import com.securescore.testsupport.AnsweredDialogs;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.KnotServer;
import com.securescore.testsupport.Pebble;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.Shots;
import com.securescore.testsupport.StepStage;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Certificate step's ACME way as a person clicks through it, against a real Pebble and Knot. */
@ExtendWith(ApplicationExtension.class)
class AcmePaneTest {
    @TempDir
    static Path dir;

    static KnotServer knot;
    static Pebble pebble;
    static Path trust;
    static String configBefore;

    private final WizardState state = new WizardState();
    private CertificateStepView view;

    @BeforeAll
    static void start() throws Exception {
        knot = KnotServer.start(dir.resolve("knot"), KnotServer.zones("contoso.test",
                KnotServer.zone("contoso.test", 1, 60, "scoring 60 IN A 127.0.0.1")));
        pebble = Pebble.start(dir.resolve("pebble"), Ports.unused(), knot.resolver());
        // One file with both roots: the one Pebble's HTTPS is signed by and the one it issues under.
        trust = dir.resolve("company-ca.pem");
        Files.writeString(trust, Files.readString(pebble.tlsRoot()) + Files.readString(pebble.issuingRoot()));
        configBefore = System.getProperty(ProgressStore.CONFIG_DIR_PROPERTY);
        System.setProperty(ProgressStore.CONFIG_DIR_PROPERTY, dir.resolve("config").toString());
    }

    @AfterAll
    static void stop() {
        if (configBefore == null) {
            System.clearProperty(ProgressStore.CONFIG_DIR_PROPERTY);
        } else {
            System.setProperty(ProgressStore.CONFIG_DIR_PROPERTY, configBefore);
        }
        if (pebble != null) {
            pebble.close();
        }
        if (knot != null) {
            knot.close();
        }
    }

    @Start
    void show(Stage stage) {
        state.domainProperty().set("scoring.contoso.test");
        view = new CertificateStepView(state);
        StepStage.show(stage, view.view(), 760, 760);
        AnsweredDialogs.use(dir.resolve("issued"), List.of(trust));
    }

    @AfterEach
    void nativeDialogs() {
        FileDialogs.use(FileDialogs.NATIVE);
    }

    @Test
    void getsACertificateOverHttpAndTheStepChecksIt(FxRobot robot) throws Exception {
        robot.clickOn("#modeAcme");
        robot.clickOn("#acmeDirectory");
        robot.clickOn("Another CA (its ACME directory URL)");
        robot.clickOn("#acmeDirectoryUrl").write(pebble.directory().toString());
        robot.clickOn("#acmeTrust");
        FxWait.until(20, TimeUnit.SECONDS, () -> robot.lookup("#acmeTermsLink")
                .queryAs(Hyperlink.class).isVisible());
        assertTrue(robot.lookup("#acmeStart").queryButton().isDisabled(), "not before the terms are agreed to");

        robot.clickOn("#acmeAgree");
        robot.doubleClickOn("#acmeHttpPort").write(String.valueOf(pebble.httpPort()));
        robot.clickOn("#acmeOutDir");
        assertFalse(robot.lookup("#acmeStart").queryButton().isDisabled());
        Shots.take(robot, robot.lookup("#acmeStart").query().getScene(), "acme-1-form");
        robot.clickOn("#acmeStart");

        FxWait.until(60, TimeUnit.SECONDS, () -> !robot.lookup("#acmeDone").queryAs(Label.class)
                .getText().isEmpty() || !robot.lookup("#acmeError").queryAs(Label.class).getText().isEmpty());
        assertEquals("", robot.lookup("#acmeError").queryAs(Label.class).getText(), pebble.log());
        assertEquals("✓ Challenge", robot.lookup("#acmeStage-challenge").queryAs(Label.class).getText());
        assertEquals("✓ Download", robot.lookup("#acmeStage-download").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#acmeDone").queryAs(Label.class).getText().contains(dir.resolve("issued")
                .resolve("privkey.pem") + " (only you can read the key)"));

        FxWait.until(20, TimeUnit.SECONDS, () -> view.model().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Shots.take(robot, robot.lookup("#acmeStart").query().getScene(), "acme-2-issued");
        assertTrue(view.model().reportProperty().get().ok(), view.model().reportProperty().get().findings()
                .toString());
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"),
                robot.lookup("#certStatus").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#saveFiles").queryButton().isDisabled());
        assertTrue(Files.isRegularFile(dir.resolve("config").resolve("acme").resolve("account-key.pem")));
    }
}

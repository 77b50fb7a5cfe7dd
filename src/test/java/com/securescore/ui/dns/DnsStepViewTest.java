package com.securescore.ui.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.dns.DnsCheck;
import com.securescore.dns.HostsFile;
import com.securescore.dns.LocalNameCheck;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.KnotServer;
import com.securescore.testsupport.StepStage;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
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

/** The DNS step as a data scientist uses it after deploying: read the record, copy its value, check it live. */
@ExtendWith(ApplicationExtension.class)
class DnsStepViewTest {
    @TempDir
    static Path dir;

    static KnotServer knot;

    private WizardState state;
    private DnsStepView view;

    @BeforeAll
    static void startKnot() throws Exception {
        // Stands in for /etc/hosts, with the line the Local checklist suggests.
        Files.write(dir.resolve("hosts"), List.of("127.0.0.1 localhost", "127.0.0.1 scoring.contoso.test"));
        knot = KnotServer.start(dir.resolve("knot"), KnotServer.zones(
                "contoso.test", KnotServer.zone("contoso.test", 1, 300,
                        "scoring 60 IN A 192.0.2.10",
                        "wrong 3600 IN A 192.0.2.99")));
    }

    @AfterAll
    static void stopKnot() {
        if (knot != null) {
            knot.close();
        }
    }

    @Start
    void start(Stage stage) {
        state = new WizardState();
        state.domainProperty().set("scoring.contoso.test");
        state.targetProperty().set(TargetKind.FPGA);
        state.deployedProperty().set(new DeployedEndpoint(TargetKind.FPGA, "scoring.contoso.test", 443,
                List.of("192.0.2.10"), List.of(), "", null));
        view = new DnsStepView(new DnsStepViewModel(state, BackgroundRunner.FX, new DnsCheck(Duration.ofSeconds(2)),
                new LocalNameCheck(new HostsFile(dir.resolve("hosts")))));
        view.model().resolverProperty().set(knot.resolver());
        view.onEnter();
        StepStage.show(stage, view.view(), 800, 700);
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(view::shutdown).get();
    }

    @Test
    void theRecordFromTheDeploymentCanBeCopiedAndCheckedLive(FxRobot robot) throws Exception {
        assertTrue(robot.lookup("#dnsHostsLine").tryQuery().isEmpty(), "no hosts-file line for a remote target");
        assertEquals("A", robot.lookup("#dnsRecord-0-0-type").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#dnsRecord-0-0-host").queryAs(Label.class).getText().startsWith("scoring"));
        assertEquals("192.0.2.10", robot.lookup("#dnsRecord-0-0-value").queryAs(TextField.class).getText());
        robot.clickOn("#dnsCopy-0-0");
        assertEquals("192.0.2.10", WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get());
        assertEquals("192.0.2.10", robot.lookup("#dnsExpected").queryAs(TextField.class).getText());

        robot.clickOn("#dnsCheckNow");
        FxWait.until(10, TimeUnit.SECONDS, () -> view.model().reportProperty().get() != null
                && !view.model().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        String verdict = robot.lookup("#dnsVerdict").queryAs(Label.class).getText();
        assertTrue(verdict.contains("scoring.contoso.test resolves to 192.0.2.10"), verdict);
        String answer = robot.lookup("#dnsAnswer-0").queryAs(Label.class).getText();
        assertTrue(answer.contains(knot.resolver() + ": as expected") && answer.contains("TTL 60 s"), answer);
        shot(robot, "securescore.shot.dns");
    }

    /** A picture of the step when the property names a file (for reviewing the layout by eye). */
    private static void shot(FxRobot robot, String property) throws IOException {
        String file = System.getProperty(property);
        if (file != null) {
            var image = robot.capture(robot.lookup("#dnsResults").query().getScene().getRoot()).getImage();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                    new File(file));
        }
    }

    @Test
    void keepCheckingShowsTheFindingAndCancelStopsIt(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            state.domainProperty().set("wrong.contoso.test");
            view.model().pace(Duration.ofMinutes(10), Duration.ofHours(1));
            view.onEnter();
        }).get();
        assertTrue(robot.lookup("#dnsCancel").queryButton().isDisabled());
        robot.clickOn("#dnsKeepChecking");
        FxWait.until(10, TimeUnit.SECONDS, () -> view.model().reportProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#dnsProgress").query().isVisible());
        assertTrue(robot.lookup("#dnsCheckNow").queryButton().isDisabled());
        assertTrue(robot.lookup("#dnsFinding-dns_stale_address").tryQuery().isPresent());
        shot(robot, "securescore.shot.dns.waiting");
        robot.clickOn("#dnsCancel");
        FxWait.until(5, TimeUnit.SECONDS, () -> !view.model().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Stopped checking.", robot.lookup("#dnsStatus").queryAs(Label.class).getText());
        assertFalse(robot.lookup("#dnsProgress").query().isVisible());
        assertFalse(robot.lookup("#dnsCheckNow").queryButton().isDisabled());
    }

    @Test
    void localKeepsItsNoteAndGivesTheHostsFileLine(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            state.targetProperty().set(TargetKind.LOCAL);
            view.onEnter();
        }).get();
        shot(robot, "securescore.shot.dns.local");
        // Said once, in the checklist: the console needs no record and still checks the name.
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).anyMatch(t -> t.contains(
                "connects to 127.0.0.1 and still checks that the certificate names scoring.contoso.test")));
        assertEquals("127.0.0.1 scoring.contoso.test",
                robot.lookup("#dnsHostsLine").queryAs(TextField.class).getText());
        assertTrue(robot.lookup("#pendingNotice").tryQuery().isEmpty(), "no 'not available yet' notice any more");
    }

    @Test
    void localSuggestsTheLoopbackAddressAndPassesOnceTheHostsFileHasTheLine(FxRobot robot) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> {
            state.targetProperty().set(TargetKind.LOCAL);
            view.onEnter();
            // Blank, as the step starts: this machine's own lookup (the other tests name a Knot server here).
            view.model().resolverProperty().set("");
        }).get();
        assertEquals("127.0.0.1", robot.lookup("#dnsExpected").queryAs(TextField.class).getText());
        String help = robot.lookup("#dnsExpectedHelp").queryAs(Label.class).getText();
        assertTrue(help.startsWith("127.0.0.1 is the address the local service listens on.")
                && help.contains(dir.resolve("hosts") + " first"), help);
        assertEquals("blank = this machine (hosts file, then its resolvers)",
                robot.lookup("#dnsResolver").queryAs(TextField.class).getPromptText());

        robot.clickOn("#dnsCheckNow");
        FxWait.until(10, TimeUnit.SECONDS, () -> view.model().reportProperty().get() != null
                && !view.model().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("scoring.contoso.test resolves to 127.0.0.1.",
                robot.lookup("#dnsVerdict").queryAs(Label.class).getText());
        assertEquals("this machine, from " + dir.resolve("hosts") + ": as expected · 127.0.0.1",
                robot.lookup("#dnsAnswer-0").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#dnsFinding-dns_nxdomain").tryQuery().isEmpty());
        shot(robot, "securescore.shot.dns.local.checked");
    }
}

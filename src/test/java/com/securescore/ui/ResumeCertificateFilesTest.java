package com.securescore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CheckReport;
import com.securescore.resume.ProgressStore;
import com.securescore.testsupport.AnsweredDialogs;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.OpensslPki;
import com.securescore.testsupport.Pages;
import com.securescore.testsupport.Shots;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.input.KeyCode;
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
 * A new user's walk, then a restart: three files chosen at once in the Certificate step (a chain with the
 * issuer first and CRLF line ends, an encrypted PKCS#8 key, the private root as a DER .cer), the key
 * unlocked, the root trusted, the chain put in order; Resume then reads the same files the same way.
 * Clicked and typed as a person does, on files openssl made at test time.
 */
@ExtendWith(ApplicationExtension.class)
class ResumeCertificateFilesTest {
    private static final String DOMAIN = "scoring.resume.test";

    @TempDir
    static Path dir;

    private Stage stage;
    private WizardRuns runs;
    private ProgressStore store;
    private Path run;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        runs = WizardRuns.open(dir, stage);
        run = runs.run;
        store = runs.store;
    }

    @AfterEach
    void closeEverything() throws Exception {
        runs.close();
    }

    /** The walk's three files: chain.crt (issuer, then leaf; CRLF), leaf-enc.key, WalkRootCA.cer (DER). */
    private record WalkFiles(Path chain, Path key, Path rootCer, String leafSubject) {
    }

    private WalkFiles makeFiles() throws Exception {
        OpensslPki pki = OpensslPki.make(run.resolve("pki"), DOMAIN);
        Path files = Files.createDirectories(run.resolve("files"));
        Path chain = Files.writeString(files.resolve("scoring_resume_test_chain.crt"),
                Files.readString(pki.file("chain.pem")).replace("\r\n", "\n").replace("\n", "\r\n"));
        Path key = Files.copy(pki.file("leaf-enc.key"), files.resolve("scoring_resume_test.key"));
        X509Certificate root;
        try (InputStream in = Files.newInputStream(pki.file("root.pem"))) {
            root = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        Path rootCer = Files.write(files.resolve("WalkRootCA.cer"), root.getEncoded());
        List<X509Certificate> chainCerts;
        try (InputStream in = Files.newInputStream(chain)) {
            chainCerts = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(c -> (X509Certificate) c).toList();
        }
        return new WalkFiles(chain, key, rootCer, chainCerts.get(1).getSubjectX500Principal().getName());
    }

    private static String title(FxRobot robot) {
        return robot.lookup("#stepTitle").queryAs(Label.class).getText();
    }

    private static Button next(FxRobot robot) {
        return robot.lookup("#nextButton").queryButton();
    }

    private static boolean passwordAsked(FxRobot robot) {
        return robot.lookup("#passwordRow").match(Node::isVisible).tryQuery().isPresent();
    }

    /** A finding's code as the step shows it under its card (KEY_MISMATCH, NO_DNS_NAMES…), on screen now. */
    private static boolean shown(FxRobot robot, String code) {
        return robot.lookup((Label l) -> code.equals(l.getText()) && l.getScene() != null && l.isVisible())
                .tryQuery().isPresent();
    }

    private static Node shownRepair(FxRobot robot, String name) {
        return robot.lookup("#repair-" + name).match((Node n) -> n.getScene() != null && n.isVisible())
                .tryQuery().orElse(null);
    }

    /** Scrolls to the repair's button once the check is done, as a person would, and presses it. */
    private static void clickRepair(FxRobot robot, WizardWindow wizard, String name) throws Exception {
        FxWait.until(20, TimeUnit.SECONDS, () -> !wizard.model().busy().get()
                && shownRepair(robot, name) != null);
        WaitForAsyncUtils.waitForFxEvents();
        Node button = shownRepair(robot, name);
        Pages.scrollToSee(robot, robot.lookup(".step-content").queryAs(ScrollPane.class), button);
        robot.clickOn(button);
    }

    /** Domain; the three files chosen at once; the password; Trust the root; Put in order; Ready; Next. */
    private void walkToReadyAndOn(FxRobot robot, WalkFiles f) throws Exception {
        WizardWindow wizard = runs.first;
        robot.clickOn("#domainField").write(DOMAIN);
        robot.type(KeyCode.ENTER);
        assertEquals("Certificate", title(robot));
        // The order a file chooser lists them in: WalkRootCA.cer first.
        AnsweredDialogs.use(run, List.of(f.rootCer(), f.key(), f.chain()));
        robot.clickOn("#chooseFiles");
        FxWait.until(20, TimeUnit.SECONDS, () -> passwordAsked(robot));
        robot.clickOn("#passwordField").write(OpensslPki.KEY_PASSWORD).type(KeyCode.ENTER);
        clickRepair(robot, wizard, "trust_root");
        clickRepair(robot, wizard, "put_in_order");
        FxWait.until(20, TimeUnit.SECONDS, () -> !next(robot).isDisabled());
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"));
        assertEquals(f.leafSubject(), wizard.state().certificateProperty().get().leaf().getSubjectX500Principal()
                .getName());
        robot.clickOn("#nextButton");
        assertEquals("Target", title(robot));
        robot.clickOn("#cancelButton");
        FxWait.until(10, TimeUnit.SECONDS, () -> !stage.isShowing());
    }

    private WizardWindow restartAndResume(FxRobot robot) throws Exception {
        WizardWindow restarted = runs.restart(robot, 960, 640);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#resumeBanner").query().isVisible());
        robot.clickOn("#resumeButton");
        return restarted;
    }

    @Test
    void threeFilesChosenAtOnceComeBackOnResumeAndReachTheSameReady(FxRobot robot) throws Exception {
        WalkFiles f = makeFiles();
        walkToReadyAndOn(robot, f);
        String saved = Files.readString(store.file());
        assertTrue(saved.contains(f.chain().toString()) && saved.contains(f.key().toString())
                && saved.contains(f.rootCer().toString()), "every file in the progress file: " + saved);
        assertFalse(saved.contains(OpensslPki.KEY_PASSWORD), "no password in the progress file: " + saved);

        WizardWindow resumed = restartAndResume(robot);
        FxWait.until(20, TimeUnit.SECONDS, () -> passwordAsked(robot));
        assertEquals("Certificate", title(robot));
        String using = robot.lookup("#sourcesText").queryAs(Label.class).getText();
        assertTrue(using.contains(f.chain().getFileName().toString()) && using.contains("WalkRootCA.cer"), using);
        Shots.take(robot, runs.opened.get(0).getScene(), "resume-files-password");
        robot.clickOn("#passwordField").write(OpensslPki.KEY_PASSWORD).type(KeyCode.ENTER);

        // On by itself to where the run left off, with the same certificate as before the restart.
        FxWait.until(20, TimeUnit.SECONDS, () -> "Target".equals(title(robot)));
        CheckReport report = resumed.state().certificateProperty().get();
        assertTrue(report.ok(), "Ready again: " + report.findings());
        assertEquals(f.leafSubject(), report.leaf().getSubjectX500Principal().getName());
        assertTrue(report.findings().stream().noneMatch(x -> x.code().name().equals("KEY_MISMATCH")),
                report.findings().toString());
        assertEquals(f.rootCer(), resumed.state().trustPathProperty().get());
        assertEquals(List.of("PUT_IN_ORDER"), List.copyOf(resumed.state().repairs()));
    }

    @Test
    void aProgressFileFromBeforeTheFilesWereKeptStillResumes(FxRobot robot) throws Exception {
        WalkFiles f = makeFiles();
        // As an earlier version wrote it: the chain and the key, the root, the repair; no list of files.
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), """
                {
                  "domain" : "%s",
                  "certificatePath" : "%s",
                  "keyPath" : "%s",
                  "trustPath" : "%s",
                  "target" : "LOCAL",
                  "step" : "TARGET",
                  "savedAt" : "2026-12-01T10:00:00Z",
                  "reached" : "TARGET",
                  "repairs" : [ "PUT_IN_ORDER" ],
                  "localModel" : "DEMO",
                  "localPort" : 50051,
                  "empty" : false
                }
                """.formatted(DOMAIN, json(f.chain()), json(f.key()), json(f.rootCer())));
        robot.interact(stage::close);

        WizardWindow resumed = restartAndResume(robot);
        FxWait.until(20, TimeUnit.SECONDS, () -> passwordAsked(robot));
        robot.clickOn("#passwordField").write(OpensslPki.KEY_PASSWORD).type(KeyCode.ENTER);
        FxWait.until(20, TimeUnit.SECONDS, () -> "Target".equals(title(robot)));
        CheckReport report = resumed.state().certificateProperty().get();
        assertTrue(report.ok(), "Ready again: " + report.findings());
        assertEquals(f.leafSubject(), report.leaf().getSubjectX500Principal().getName());
    }

    @Test
    void aChainFileDeletedSinceIsNamedPlainlyAndNoKeyFindingIsShown(FxRobot robot) throws Exception {
        WalkFiles f = makeFiles();
        walkToReadyAndOn(robot, f);
        Files.delete(f.chain());

        WizardWindow resumed = restartAndResume(robot);
        FxWait.until(20, TimeUnit.SECONDS, () -> "Certificate".equals(title(robot))
                && !resumed.model().busy().get());
        WaitForAsyncUtils.waitForFxEvents();
        String status = robot.lookup("#certStatus").queryAs(Label.class).getText();
        assertTrue(status.contains(f.chain().getFileName().toString()) && status.contains("no longer there")
                && status.contains("Choose files"), status);
        Label note = robot.lookup("#resumeNote").queryAs(Label.class);
        assertTrue(note.isVisible() && note.getText().contains("no longer there: choose it again below"),
                note.getText());
        Shots.take(robot, runs.opened.get(0).getScene(), "resume-files-chain-gone");
        // Nothing was checked without it: no finding about the key, no password asked for in vain.
        assertFalse(shown(robot, "KEY_MISMATCH"));
        assertFalse(shown(robot, "KEY_ENCRYPTED"));
        assertFalse(passwordAsked(robot));
        assertNull(resumed.state().certificateProperty().get());

        // Closed again as it is: the saved run still names every file and where it left off.
        robot.clickOn("#cancelButton");
        String saved = Files.readString(store.file());
        assertTrue(saved.contains(f.chain().toString()) && saved.contains("\"step\" : \"TARGET\""), saved);
    }

    private static String json(Path p) {
        return p.toString().replace("\\", "\\\\");
    }
}

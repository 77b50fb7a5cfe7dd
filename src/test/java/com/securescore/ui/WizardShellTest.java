package com.securescore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.resume.ProgressStore;
import com.securescore.testsupport.AnsweredDialogs;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Logs;
import com.securescore.testsupport.Pages;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.TestPki;
import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard's frame as a new user met it: Finish while the service runs, the keyboard from the first
 * key press, the side bar going forward, a restart that keeps what was done (never a password), Start
 * over, and the window's size. Clicked and typed as a person does.
 */
@ExtendWith(ApplicationExtension.class)
class WizardShellTest {
    private static final String KEY_PASSWORD = "correct horse battery";

    @TempDir
    static Path dir;

    private Stage stage;
    private WizardRuns runs;
    private ProgressStore store;
    private WizardWindow window;
    private Path run;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        runs = WizardRuns.open(dir, stage);
        run = runs.run;
        store = runs.store;
        window = runs.first;
    }

    @AfterEach
    void closeEverything() throws Exception {
        runs.close();
    }

    private String title(FxRobot robot) {
        return robot.lookup("#stepTitle").queryAs(Label.class).getText();
    }

    private Button next(FxRobot robot) {
        return robot.lookup("#nextButton").queryButton();
    }

    private void awaitNext(FxRobot robot) throws Exception {
        FxWait.until(30, TimeUnit.SECONDS, () -> !next(robot).isDisabled());
    }

    private static boolean portFree(int port) {
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return again.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    /** The question {@code id} on screen now; a dialog still closing from the last answer is not it. */
    private DialogPane dialog(FxRobot robot, String id) {
        return robot.lookup(id).match((Node n) -> n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).tryQueryAs(DialogPane.class).orElse(null);
    }

    private DialogPane awaitDialog(FxRobot robot, String id) throws Exception {
        FxWait.until(10, TimeUnit.SECONDS, () -> dialog(robot, id) != null);
        return dialog(robot, id);
    }

    private void answer(FxRobot robot, DialogPane dialog, String text) {
        robot.clickOn(robot.from(dialog).lookup((Button b) -> text.equals(b.getText())).queryButton());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> buttons(DialogPane dialog) {
        return dialog.getButtonTypes().stream().map(t -> ((Button) dialog.lookupButton(t)).getText()).toList();
    }

    /** Domain and a development certificate, typed and clicked; then Target and Deploy with the demo model. */
    private int upToARunningLocalService(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write(LocalService.HOST);
        robot.clickOn("#nextButton");
        AnsweredDialogs.use(Files.createDirectories(run.resolve("tls")), List.of());
        robot.clickOn("#modeDevelopment");
        robot.clickOn("#makeDevCert");
        awaitNext(robot);
        robot.clickOn("#nextButton");
        robot.clickOn("#nextButton");
        assertEquals("Deploy", title(robot));
        return startService(robot);
    }

    private int startService(FxRobot robot) throws Exception {
        int port = Ports.unused();
        robot.clickOn("#deployModelDemo");
        robot.doubleClickOn("#deployPort").write(String.valueOf(port));
        robot.clickOn("#deployStart");
        try {
            FxWait.until(30, TimeUnit.SECONDS, () -> !portFree(port));
        } catch (TimeoutException e) {
            throw new AssertionError("not started: " + robot.lookup("#deployStatus").queryAs(Label.class).getText()
                    + " / " + Logs.text(robot, "#deployLog"), e);
        }
        return port;
    }

    // 1. Finish

    @Test
    void finishWithTheServiceRunningAsksSaysItCannotOutliveTheWindowAndGoBackKeepsItRunning(FxRobot robot)
            throws Exception {
        int port = upToARunningLocalService(robot);
        awaitNext(robot);
        robot.clickOn("#nextButton").clickOn("#nextButton");
        assertEquals("Scoring console", title(robot));
        assertEquals("Finish", next(robot).getText());

        robot.clickOn("#nextButton");
        DialogPane ask = awaitDialog(robot, "#finishConfirm");
        assertTrue(stage.isShowing(), "the window stays while the question is open");
        assertEquals(List.of("Stop the service and close", "Go back"), buttons(ask));
        String text = robot.from(ask).lookup("#finishText").queryAs(Label.class).getText();
        assertTrue(text.contains("127.0.0.1:" + port + " is running") && text.contains("cannot stay running"), text);
        String command = robot.from(ask).lookup("#finishCommand").queryAs(TextField.class).getText();
        Path tls = run.resolve("tls").toAbsolutePath();
        assertTrue(command.startsWith("securescore serve --cert " + tls.resolve("fullchain.pem")), command);
        assertTrue(command.contains("--cert " + tls.resolve("privkey.pem")) && command.contains("--port " + port)
                && command.contains("--domain " + LocalService.HOST) && command.contains("--demo-model")
                && command.contains("--keys-file " + run.resolve("config").resolve("local-service-keys.json")),
                command);
        // "Go back" is the default: Enter keeps the wizard and its service.
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing() && dialog(robot, "#finishConfirm") == null, "Go back keeps the window");
        assertFalse(portFree(port), "and the service keeps running");

        robot.clickOn("#nextButton");
        answer(robot, awaitDialog(robot, "#finishConfirm"), "Stop the service and close");
        FxWait.until(10, TimeUnit.SECONDS, () -> !stage.isShowing());
        FxWait.until(10, TimeUnit.SECONDS, () -> portFree(port));
    }

    @Test
    void finishWithoutARunningServiceClosesWithoutAsking(FxRobot robot) throws Exception {
        robot.clickOn("#nav-console");
        assertEquals("Finish", next(robot).getText());
        robot.clickOn("#nextButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isShowing());
        assertTrue(dialog(robot, "#finishConfirm") == null);
    }

    // 2. Keyboard and the side bar

    @Test
    void typingStartsInTheDomainFieldAndEnterGoesOnToTheNextStepsFirstField(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        TextField domain = robot.lookup("#domainField").queryAs(TextField.class);
        assertTrue(domain.isFocused(), "focus is in the Domain field, not " + stage.getScene().getFocusOwner());
        robot.write("scoring.contoso.com");
        assertEquals("scoring.contoso.com", domain.getText());
        robot.type(KeyCode.SPACE);
        assertEquals("Domain", title(robot), "Space types into the field; it does not jump to the console");
        robot.type(KeyCode.BACK_SPACE);
        robot.type(KeyCode.ENTER);
        assertEquals("Certificate", title(robot), "Enter in a valid field is Next");
        robot.clickOn("#nav-console");
        assertEquals("Scoring console", title(robot));
        WaitForAsyncUtils.waitForFxEvents();
        Node focused = stage.getScene().getFocusOwner();
        assertTrue(focused instanceof TextField && ((TextField) focused).isEditable(),
                "the console opens with focus in its first field, not " + focused);
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(stage.isShowing(), "Escape is Cancel");
    }

    @Test
    void theSideBarGoesForwardToStepsReachedBeforeAndSaysWhyOthersAreDisabled(FxRobot robot) throws Exception {
        Button certificate = robot.lookup("#nav-certificate").queryButton();
        assertTrue(certificate.isDisabled(), "nothing to go to before a domain");
        assertEquals("Complete Domain first.", tooltip(robot, "certificate"));
        assertFalse(robot.lookup("#nav-console").queryButton().isDisabled());

        robot.clickOn("#domainField").write("scoring.contoso.com");
        assertFalse(certificate.isDisabled(), "a valid domain opens the way to the next step");
        robot.clickOn(certificate);
        assertEquals("Certificate", title(robot));
        assertTrue(robot.lookup("#nav-target").queryButton().isDisabled());
        assertEquals("Complete Certificate first.", tooltip(robot, "target"));
        AnsweredDialogs.use(Files.createDirectories(run.resolve("tls")), List.of());
        robot.clickOn("#modeDevelopment");
        robot.clickOn("#makeDevCert");
        awaitNext(robot);
        robot.clickOn("#nextButton");
        assertEquals("Target", title(robot));
        assertEquals("Complete Deploy first.", tooltip(robot, "dns"));

        robot.clickOn("#nav-domain");
        assertEquals("Domain", title(robot));
        Button target = robot.lookup("#nav-target").queryButton();
        assertFalse(target.isDisabled(), "Target was reached and Domain and Certificate are still complete");
        robot.clickOn(target);
        assertEquals("Target", title(robot));
        assertFalse(robot.lookup("#nav-deploy").queryButton().isDisabled(), "the next step, as Next");
        assertTrue(robot.lookup("#nav-dns").queryButton().isDisabled());

        // A step before it no longer complete closes the way again.
        robot.clickOn("#nav-domain");
        robot.doubleClickOn("#domainField").eraseText(30).write("10.0.0.1");
        assertTrue(target.isDisabled());
        assertEquals("Complete Domain first.", tooltip(robot, "target"));
    }

    /** The reason a side-bar step is disabled, from the tooltip on its holder (a disabled button shows none). */
    private String tooltip(FxRobot robot, String step) {
        WaitForAsyncUtils.waitForFxEvents();
        Node holder = robot.lookup("#navHolder-" + step).query();
        Tooltip tip = (Tooltip) holder.getProperties().get(Tooltip.class);
        return tip == null ? null : tip.getText();
    }

    @Test
    void theSideBarTakesNoFocusOnStartUp(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Node focused = stage.getScene().getFocusOwner();
        assertFalse(focused != null && focused.getStyleClass().contains("step-item"), "focus on " + focused);
    }

    /**
     * Unlocking a key with Enter hides the password row that held focus: focus stays in the step (JavaFX
     * had moved it to a side-bar step, where the next Enter left the step), and no step button has it.
     */
    @Test
    void focusStaysInTheStepWhenTheFieldHoldingItGoesAway(FxRobot robot) throws Exception {
        TestPki.Issued root = TestPki.rootCa("Focus Root");
        TestPki.Issued leaf = TestPki.leaf(root).dns(LocalService.HOST).issue();
        Path cert = TestPki.writePem(run.resolve("focus-cert.pem"), leaf.certificate());
        Path key = encryptedKey(run.resolve("focus-key.pem"), leaf.privateKey());
        robot.clickOn("#domainField").write(LocalService.HOST);
        robot.type(KeyCode.ENTER);
        assertEquals("Certificate", title(robot));
        AnsweredDialogs.use(run, List.of(cert, key));
        robot.clickOn("#chooseFiles");
        FxWait.until(20, TimeUnit.SECONDS, () -> robot.lookup("#passwordRow").tryQuery().map(Node::isVisible).orElse(false));
        Node field = robot.lookup("#passwordField").query();
        assertTrue(field.getScene() != null, "the password field is on screen");
        robot.clickOn(field).write(KEY_PASSWORD).type(KeyCode.ENTER);
        FxWait.until(20, TimeUnit.SECONDS, () -> !robot.lookup("#passwordRow").tryQuery()
                .map(Node::isVisible).orElse(false));
        WaitForAsyncUtils.waitForFxEvents();
        Node focused = stage.getScene().getFocusOwner();
        Node step = robot.lookup(".step-content").query();
        boolean inStep = false;
        for (Node n = focused; n != null; n = n.getParent()) {
            inStep |= n == step;
        }
        assertTrue(inStep, "focus on " + focused);
    }

    // 3. Resume

    /** An encrypted PKCS#8 key, as openssl pkcs8 -topk8 -v2 aes-256-cbc writes it. */
    private static Path encryptedKey(Path file, PrivateKey key) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword(KEY_PASSWORD.toCharArray()).build();
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
            w.writeObject(new JcaPKCS8Generator(key, encryptor));
        }
        return Files.writeString(file, pem.toString());
    }

    private WizardWindow restart(FxRobot robot, double width, double height) {
        return runs.restart(robot, width, height);
    }

    @Test
    void resumeRestoresTheRepairTheModelAndThePortAndAsksForThePasswordSayingWhy(FxRobot robot) throws Exception {
        TestPki.Issued root = TestPki.rootCa("Resume Root");
        TestPki.Issued issuing = TestPki.intermediate(root, "Resume Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(issuing).dns(LocalService.HOST).issue();
        // The issuer before the server's certificate: the order the Certificate step puts right.
        Path chain = TestPki.writePem(run.resolve("chain.pem"), issuing.certificate(), leaf.certificate());
        Path key = encryptedKey(run.resolve("key.pem"), leaf.privateKey());
        Path rootFile = TestPki.writePem(run.resolve("root.pem"), root.certificate());

        robot.clickOn("#domainField").write(LocalService.HOST);
        robot.type(KeyCode.ENTER);
        assertEquals("Certificate", title(robot));
        AnsweredDialogs.use(run, List.of(chain, key));
        robot.clickOn("#chooseFiles");
        FxWait.until(20, TimeUnit.SECONDS, () -> robot.lookup("#passwordRow").tryQuery().map(Node::isVisible).orElse(false));
        robot.clickOn("#passwordField").write(KEY_PASSWORD).type(KeyCode.ENTER);
        AnsweredDialogs.use(run, List.of(rootFile));
        // The root's file as the missing issuer, then that root trusted in one click, then the order.
        clickRepair(robot, "add_issuer_file");
        clickRepair(robot, "trust_root");
        clickRepair(robot, "put_in_order");
        FxWait.until(20, TimeUnit.SECONDS, () -> shownRepair(robot, "put_in_order") == null
                && !next(robot).isDisabled());
        robot.clickOn("#nextButton").clickOn("#nextButton");
        assertEquals("Deploy", title(robot));
        int port = startService(robot);
        awaitNext(robot);
        robot.clickOn("#nextButton").clickOn("#nextButton");
        assertEquals("Scoring console", title(robot));
        robot.clickOn("#cancelButton");
        answer(robot, awaitDialog(robot, "#closeConfirm"), "Close");
        FxWait.until(10, TimeUnit.SECONDS, () -> !stage.isShowing() && portFree(port));

        String saved = Files.readString(store.file());
        assertFalse(saved.contains(KEY_PASSWORD), "no password in the progress file: " + saved);
        assertTrue(saved.contains("PUT_IN_ORDER") && saved.contains("DEMO"), saved);

        // The restart, at the smallest window: the banner's buttons keep their whole words.
        restart(robot, WizardWindow.MIN_WIDTH, WizardWindow.MIN_HEIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#resumeBanner").query().isVisible());
        assertWhole(robot, "#resumeButton");
        assertWhole(robot, "#startOverButton");
        String banner = robot.lookup("#resumeText").queryAs(Label.class).getText();
        assertTrue(banner.contains(LocalService.HOST) && banner.contains("Scoring console"), banner);

        robot.clickOn("#resumeButton");
        FxWait.until(20, TimeUnit.SECONDS, () -> robot.lookup("#passwordRow").tryQuery().map(Node::isVisible).orElse(false));
        assertEquals("Certificate", title(robot));
        String prompt = robot.lookup("#passwordPrompt").queryAs(Label.class).getText();
        assertTrue(prompt.startsWith("Your key file is encrypted; type its password to continue where you left off"),
                prompt);
        robot.clickOn("#passwordField").write(KEY_PASSWORD).type(KeyCode.ENTER);

        // On by itself to where the person has to act again: the service stopped with the last window.
        Label note = robot.lookup("#resumeNote").queryAs(Label.class);
        FxWait.until(20, TimeUnit.SECONDS, () -> "Deploy".equals(title(robot))
                && note.getText().contains("stopped when SecureScore closed"));
        assertTrue(note.isVisible());
        assertTrue(robot.lookup("#deployModelDemo").queryAs(RadioButton.class).isSelected(), "the demo model again");
        assertEquals(String.valueOf(port), robot.lookup("#deployPort").queryAs(TextField.class).getText());
        robot.clickOn("#deployStart");
        FxWait.until(30, TimeUnit.SECONDS, () -> "Scoring console".equals(title(robot)));
        assertFalse(robot.lookup("#resumeNote").query().isVisible());
        assertFalse(portFree(port));
        // The chain the service serves is the one put in order: the certificate step has no order finding.
        WizardWindow restarted = runs.wizards.get(1);
        assertTrue(restarted.state().certificateProperty().get().findings().stream()
                .noneMatch(f -> f.code().name().equals("CHAIN_ORDER")), "put in order again");
        assertEquals(List.of("PUT_IN_ORDER"), List.copyOf(restarted.state().repairs()));

        // Finish: the command to copy names a password file for the locked key, and says what to put there.
        robot.clickOn("#nextButton");
        DialogPane ask = awaitDialog(robot, "#finishConfirm");
        assertTrue(robot.from(ask).lookup("#finishCommand").queryAs(TextField.class).getText()
                .contains("--key-password-file PASSWORD-FILE"));
        String said = robot.from(ask).lookup("#finishPasswordFile").queryAs(Label.class).getText();
        assertTrue(said.startsWith("The key is locked: replace PASSWORD-FILE with the name of a file that holds its "
                + "password"), said);
        robot.clickOn(robot.from(ask).lookup((Button b) -> "Go back".equals(b.getText())).queryButton());
    }

    private void awaitIdle(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        FxWait.until(20, TimeUnit.SECONDS, () -> !window.model().busy().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The repair button on the page now (the one a check before replaced is not). */
    private static Node shownRepair(FxRobot robot, String name) {
        return robot.lookup("#repair-" + name).match((Node n) -> n.getScene() != null && n.isVisible())
                .tryQuery().orElse(null);
    }

    private static Node awaitRepair(FxRobot robot, String name) throws Exception {
        FxWait.until(20, TimeUnit.SECONDS, () -> shownRepair(robot, name) != null);
        return shownRepair(robot, name);
    }

    /** Scrolls to the repair's button once the check is done, as a person would, and presses it. */
    private void clickRepair(FxRobot robot, String name) throws Exception {
        awaitIdle(robot);
        see(robot, awaitRepair(robot, name));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(see(robot, awaitRepair(robot, name)));
    }

    private Node see(FxRobot robot, Node node) {
        Pages.scrollToSee(robot, robot.lookup(".step-content")
                .queryAs(ScrollPane.class), node);
        return node;
    }

    /** The button shows its whole label, not cut to "…". */
    private static void assertWhole(FxRobot robot, String id) {
        Button b = robot.lookup(id).queryButton();
        String shown = robot.from(b).lookup(".text").queryAs(Text.class).getText();
        assertEquals(b.getText(), shown, id + " is cut");
    }

    @Test
    void startOverAsksBeforeDeletingTheSavedRun(FxRobot robot) throws Exception {
        robot.clickOn("#domainField").write("scoring.contoso.com");
        robot.clickOn("#nextButton");
        robot.clickOn("#cancelButton");
        restart(robot, 960, 640);
        robot.clickOn("#startOverButton");
        DialogPane ask = awaitDialog(robot, "#startOverConfirm");
        assertTrue(ask.getContentText().contains("scoring.contoso.com"), ask.getContentText());
        answer(robot, ask, "Keep it");
        assertTrue(robot.lookup("#resumeBanner").query().isVisible(), "kept: still offered");
        assertTrue(store.load().isPresent());
        robot.clickOn("#startOverButton");
        answer(robot, awaitDialog(robot, "#startOverConfirm"), "Forget the saved run");
        assertFalse(robot.lookup("#resumeBanner").query().isVisible());
        assertTrue(store.load().isEmpty());
    }

    // 4. The window's size

    @Test
    void theWindowOpensAtItsDefaultSizeAndKeepsItsMinimumForResizing(FxRobot robot) throws Exception {
        runs.restart(robot);
        Stage[] shown = {runs.opened.get(0)};
        // Under a window manager the size arrives a moment after the window: as a person would see it.
        try {
            FxWait.until(5, TimeUnit.SECONDS, () -> shown[0].getWidth() == WizardWindow.WIDTH
                    && shown[0].getHeight() == WizardWindow.HEIGHT);
        } catch (TimeoutException e) {
            // Said by the assertions below.
        }
        assertEquals(WizardWindow.WIDTH, shown[0].getWidth(), 1);
        assertEquals(WizardWindow.HEIGHT, shown[0].getHeight(), 1);
        assertEquals(WizardWindow.MIN_WIDTH, shown[0].getMinWidth(), 0.1);
        assertEquals(WizardWindow.MIN_HEIGHT, shown[0].getMinHeight(), 0.1);
    }

    @Test
    void onASmallScreenTheWindowFitsTheUsableArea() {
        Dimension2D fitted = WizardWindow.defaultSize(new Rectangle2D(0, 0, 800, 560));
        assertEquals(800, fitted.getWidth());
        assertEquals(560, fitted.getHeight());
        Dimension2D roomy = WizardWindow.defaultSize(new Rectangle2D(0, 0, 1920, 1040));
        assertEquals(WizardWindow.WIDTH, roomy.getWidth());
        assertEquals(WizardWindow.HEIGHT, roomy.getHeight());
    }
}

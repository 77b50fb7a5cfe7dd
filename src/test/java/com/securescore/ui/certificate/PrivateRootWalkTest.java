package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.OpensslPki;
import com.securescore.testsupport.Pages;
import com.securescore.testsupport.PersonAtFileDialogs;
import com.securescore.testsupport.Shots;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
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

/**
 * A new user's private CA, made with openssl, walked through the Certificate step by clicking as a
 * person does: messy chain files, an encrypted PKCS#8 key and a PKCS#1 key, a private root. The step
 * reaches Ready with at most one click per finding, never asks for the same file twice, and never shows
 * a command-line flag or environment variable.
 */
@ExtendWith(ApplicationExtension.class)
class PrivateRootWalkTest {
    private static final String DOMAIN = "scoring.contoso.test";
    private static final Pattern CLI_ONLY = Pattern.compile("--[a-z]|SECURESCORE_|securescore [a-z]");

    @TempDir
    Path dir;

    private CertificatePage on;
    private WizardState state;
    private CertificateStepView view;
    private ScrollPane page;

    @Start
    void start(Stage stage) {
        on = CertificatePage.show(stage, DOMAIN, 900, 700);
        state = on.state;
        view = on.view;
        page = on.page;
    }

    @AfterEach
    void restore() {
        CertificatePage.restoreDialogs();
    }

    private void awaitChecked() throws Exception {
        on.awaitChecked();
    }

    private List<String> codes() {
        return view.model().reportProperty().get().findings().stream().map(f -> f.code().name()).toList();
    }

    /** Every text the step shows now: none names a flag, an environment variable or a securescore command. */
    private void noCliTexts(FxRobot robot) {
        List<String> bad = new ArrayList<>();
        for (Node n : robot.lookup(".labeled").queryAll()) {
            if (n instanceof Labeled l && n.isVisible() && l.getText() != null && CLI_ONLY.matcher(l.getText()).find()) {
                bad.add(l.getText());
            }
        }
        assertTrue(bad.isEmpty(), "the step names the command line: " + bad);
    }

    private Button button(FxRobot robot, String query) {
        Button b = robot.lookup(query).queryButton();
        assertTrue(b.isVisible() && !b.isDisabled(), query + " can be clicked");
        return b;
    }

    @Test
    void chainWithTheRootInTheWrongOrderAndAnEncryptedKeyReachReadyInOneClickPerFinding(FxRobot robot)
            throws Exception {
        OpensslPki pki = OpensslPki.make(dir.resolve("lab"), DOMAIN);
        PersonAtFileDialogs person = PersonAtFileDialogs.use()
                .willPick(pki.file("chain-with-root.pem"))
                .willPick(pki.file("leaf-enc.key"));

        robot.clickOn("#chooseFiles");
        awaitChecked();
        robot.clickOn("#chooseKey");
        awaitChecked();
        // The key dialog opened where the chain was chosen and showed the keys (the filter hid them before).
        PersonAtFileDialogs.Shown keyDialog = person.shown().get(1);
        assertEquals(pki.file("chain-with-root.pem").getParent(), keyDialog.openedIn());
        assertTrue(keyDialog.names().containsAll(List.of("leaf-enc.key", "leaf-pkcs1.key", "server.key")),
                keyDialog.names().toString());
        assertEquals("chain-with-root.pem, leaf-enc.key", view.model().sourcesTextProperty().get());
        assertEquals(List.of("KEY_ENCRYPTED", "UNTRUSTED_ROOT", "CHAIN_ORDER", "ROOT_INCLUDED"), codes());
        noCliTexts(robot);

        // Each finding holds its fix: the order first, as a person reading from the top may do.
        int clicks = 0;
        robot.clickOn(button(robot, "#finding-chain_order #repair-put_in_order"));
        clicks++;
        awaitChecked();
        assertTrue(robot.lookup("#repairChange").queryAs(Label.class).getText().startsWith("Put in order"));

        // The password is typed where the finding asks for it; the order stays repaired.
        Pages.scrollToSee(robot, robot.lookup(".scroll-pane").queryAs(ScrollPane.class),
                robot.lookup("#finding-key_encrypted").query());
        Shots.take(robot, page.getScene(), "cert-password-in-its-finding");
        robot.clickOn(robot.lookup("#finding-key_encrypted #passwordField").queryAs(Node.class)).write(OpensslPki.KEY_PASSWORD)
                .type(KeyCode.ENTER);
        awaitChecked();
        assertEquals(List.of("UNTRUSTED_ROOT", "FORMAT_CONVERTED", "ROOT_INCLUDED"), codes().stream()
                .sorted((a, b) -> a.equals("UNTRUSTED_ROOT") ? -1 : b.equals("UNTRUSTED_ROOT") ? 1 : a.compareTo(b))
                .toList());

        Button trust = button(robot, "#finding-untrusted_root #repair-trust_root");
        assertEquals("Trust \"" + OpensslPki.ROOT_NAME + "\" as your private root", trust.getText());
        robot.clickOn(trust);
        clicks++;
        awaitChecked();
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"));
        assertEquals(2, clicks, "one click for each of the two findings with a button");
        assertEquals(2, person.shown().size(), "no file was asked for again");
        // The root lives inside the chain file, so it was saved beside it as a file clients can be given.
        Path trusted = state.trustPathProperty().get();
        assertEquals(pki.file("contoso-lab-root-ca.pem"), trusted);
        assertEquals(Files.readString(pki.file("root.pem")).strip(), Files.readString(trusted).strip());
        noCliTexts(robot);
    }

    @Test
    void chainWithoutTheRootAndAPkcs1KeyGetTheRootFromItsFileOnceAndTrustItInOneClick(FxRobot robot)
            throws Exception {
        OpensslPki pki = OpensslPki.make(dir.resolve("lab"), DOMAIN);
        PersonAtFileDialogs person = PersonAtFileDialogs.use()
                .willPick(pki.file("chain.pem"), pki.file("leaf-enc.key"))
                .willPick(pki.file("leaf-pkcs1.key"))
                .willPick(pki.file("root.pem"));

        robot.clickOn("#chooseFiles");
        awaitChecked();
        assertTrue(codes().contains("KEY_ENCRYPTED"));
        // Another key chosen: it replaces the first, it is not added beside it.
        robot.clickOn("#chooseKey");
        awaitChecked();
        assertEquals("chain.pem, leaf-pkcs1.key", view.model().sourcesTextProperty().get());
        assertEquals(List.of("CHAIN_INCOMPLETE", "CHAIN_ORDER", "FORMAT_CONVERTED"), codes());
        assertTrue(robot.lookup("#chain-missing").query().isVisible(), "the gap is drawn in the chain");
        noCliTexts(robot);

        int clicks = 0;
        robot.clickOn(button(robot, "#finding-chain_incomplete #repair-add_issuer_file"));
        clicks++;
        awaitChecked();
        assertEquals(pki.file("chain.pem").getParent(), person.shown().get(2).openedIn(),
                "the issuer's dialog opens where the last file was chosen");
        assertTrue(codes().contains("UNTRUSTED_ROOT"), codes().toString());
        noCliTexts(robot);

        // The root just added is offered as the trusted root: one click, no file asked for again.
        robot.clickOn(button(robot, "#finding-untrusted_root #repair-trust_root"));
        clicks++;
        awaitChecked();
        assertEquals(pki.file("root.pem"), state.trustPathProperty().get());
        assertTrue(robot.lookup("#repairChange").queryAs(Label.class).getText()
                .startsWith("Trusting \"" + OpensslPki.ROOT_NAME + "\" as your private root (from root.pem)"),
                robot.lookup("#repairChange").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"));

        robot.clickOn(button(robot, "#finding-chain_order #repair-put_in_order"));
        clicks++;
        awaitChecked();
        assertFalse(codes().contains("CHAIN_ORDER"));
        assertTrue(view.model().canAdvance().get());
        assertEquals(3, clicks);
        assertEquals(3, person.shown().size(), "each file was asked for once");
        assertNull(person.shown().get(0).openedIn(), "only the very first dialog opens where the platform likes");
        noCliTexts(robot);
    }

    @Test
    void aFileGivenByMistakeIsRemovedFromTheListWithoutStartingOver(FxRobot robot) throws Exception {
        OpensslPki pki = OpensslPki.make(dir.resolve("lab"), DOMAIN);
        PersonAtFileDialogs.use().willPick(pki.file("chain-with-root.pem"), pki.file("leaf-enc.key"),
                pki.file("leaf-pkcs1.key"));
        robot.clickOn("#chooseFiles");
        awaitChecked();
        assertEquals("chain-with-root.pem, leaf-enc.key, leaf-pkcs1.key", view.model().sourcesTextProperty().get());

        robot.clickOn("#removeFile");
        robot.clickOn("Remove leaf-enc.key");
        awaitChecked();
        assertEquals("chain-with-root.pem, leaf-pkcs1.key", view.model().sourcesTextProperty().get());
        assertFalse(codes().contains("KEY_ENCRYPTED"), "the locked key is no longer read: " + codes());

        robot.clickOn(button(robot, "#finding-untrusted_root #repair-trust_root"));
        awaitChecked();
        assertTrue(view.model().canAdvance().get());
        // The trusted root is an entry too: taking it back is said in the page and can be undone.
        robot.clickOn("#removeFile");
        robot.clickOn("Remove trusted root contoso-lab-root-ca.pem");
        awaitChecked();
        assertTrue(codes().contains("UNTRUSTED_ROOT"));
        assertEquals("No longer trusting contoso-lab-root-ca.pem as the root.",
                robot.lookup("#repairChange").queryAs(Label.class).getText());
        Pages.scrollToSee(robot, robot.lookup(".scroll-pane").queryAs(ScrollPane.class),
                robot.lookup("#repairUndo").query());
        robot.clickOn(button(robot, "#repairUndo"));
        awaitChecked();
        assertTrue(view.model().canAdvance().get());
    }
}

package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.AnsweredDialogs;
import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.Pages;
import com.securescore.testsupport.Shots;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The chain picture and the repairs as a person meets them: a missing issuer is an empty card where
 * it belongs, and its finding holds the button that fills it; an unrelated certificate is set apart,
 * never linked; every repair says what it changed once, in the page (no bar over the step's controls),
 * can be undone, and leaves the page where it was.
 */
@ExtendWith(ApplicationExtension.class)
class RepairsOnScreenTest {
    private static final String DOMAIN = "scoring.contoso.test";
    private CertificatePage on;
    private WizardState state;
    private CertificateStepView view;
    private ScrollPane page;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("repairs");
        on = CertificatePage.show(stage, DOMAIN, 760, 560);
        state = on.state;
        view = on.view;
        page = on.page;
    }

    @AfterEach
    void restore() {
        CertificatePage.restoreDialogs();
    }

    private void paste(FxRobot robot, String pem) throws Exception {
        robot.interact(() -> view.model().usePastedText(pem));
        FxWait.until(20, TimeUnit.SECONDS, () -> view.model().reportProperty().get() != null
                && !view.model().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void awaitChecked() throws Exception {
        on.awaitChecked();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    @Test
    void aMissingIssuerIsAnEmptyCardThatFillsAndUndoes(FxRobot robot) throws Exception {
        TestPki.Issued root = TestPki.rootCa("Contoso Root");
        TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(inter).dns(DOMAIN).issue();
        TestPki.Issued other = TestPki.rootCa("Unrelated Root");
        state.trustPathProperty().set(TestPki.writePem(dir.resolve("root.pem"), root.certificate()));
        paste(robot, TestPki.pem(leaf.certificate(), other.certificate(), leaf.privateKey()));

        // The leaf, then "issued by" to an empty card naming the missing issuer; the unrelated root is set
        // apart below, with no arrow to it.
        Node missing = robot.lookup("#chain-missing").query();
        assertTrue(missing.isVisible());
        List<Node> cards = List.copyOf(robot.lookup("#chain").query().getParent().lookupAll(".chain-card"));
        assertEquals(3, cards.size(), "leaf, the missing issuer, the stranger");
        assertEquals(1, robot.lookup(".chain-arrow").queryAll().size(), "one real link: leaf to its issuer");
        assertTrue(robot.from(missing).lookup(".label").queryAll().stream().anyMatch(n -> "Contoso Issuing CA"
                .equals(((Label) n).getText())));
        assertTrue(robot.lookup("#chain-section-strangers").query().isVisible());
        assertTrue(robot.lookup("#repair-drop_strangers").queryAll().isEmpty(),
                "nothing is dropped while the gap could need it");

        // The file the person picks in the open dialog.
        AnsweredDialogs.use(null, List.of(TestPki.writePem(dir.resolve("issuing-ca.pem"), inter.certificate())));
        Button add = robot.lookup("#finding-chain_incomplete #repair-add_issuer_file").queryButton();
        Pages.scrollToSee(robot, page, add);
        double place = page.getVvalue();
        Shots.take(robot, page.getScene(), "cert-missing-issuer");
        robot.clickOn(add);
        awaitChecked();
        assertTrue(robot.lookup("#chain-missing").queryAll().isEmpty(), "the gap is filled");
        // The chain grew by a card, so the page is a little longer; what matters is that it did not jump
        // to its first control, as it did when the pressed button vanished with focus on it.
        assertTrue(place > 0.3 && page.getVvalue() > 0.3, "the page stays where the person was reading: "
                + place + " -> " + page.getVvalue());
        assertEquals("Added \"Contoso Issuing CA\".", text(robot, "#repairChange"));
        assertTrue(view.model().sourcesTextProperty().get().contains("issuing-ca.pem (added)"),
                view.model().sourcesTextProperty().get());
        // Said once, in the page above the findings: no bar slides over the step's controls.
        assertTrue(robot.lookup("#repairUndo").queryButton().isVisible(), "Undo is beside what changed");
        Shots.take(robot, page.getScene(), "cert-repair-in-page");

        Pages.scrollToSee(robot, page, robot.lookup("#repairUndo").queryButton());
        robot.clickOn("#repairUndo");
        awaitChecked();
        assertFalse(robot.lookup("#chain-missing").queryAll().isEmpty(), "the gap is back");
        assertEquals("Undone: Added \"Contoso Issuing CA\".", text(robot, "#repairChange"));
        assertFalse(view.model().sourcesTextProperty().get().contains("issuing-ca.pem"));
    }

    @Test
    void droppingUnrelatedCertificatesNamesThemCanBeUndoneAndKeepsThePlace(FxRobot robot) throws Exception {
        TestPki.Issued root = TestPki.rootCa("Contoso Root");
        TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(inter).dns(DOMAIN).issue();
        TestPki.Issued other = TestPki.rootCa("Unrelated Root");
        state.trustPathProperty().set(TestPki.writePem(dir.resolve("root.pem"), root.certificate()));
        paste(robot, TestPki.pem(leaf.certificate(), inter.certificate(), other.certificate(), leaf.privateKey()));

        Button drop = robot.lookup("#repair-drop_strangers").queryButton();
        robot.interact(() -> page.setVvalue(0));
        robot.clickOn(drop);
        awaitChecked();
        assertEquals("Dropped \"Unrelated Root\".", text(robot, "#repairChange"));
        assertTrue(robot.lookup("#chain-section-strangers").queryAll().isEmpty());
        assertTrue(robot.lookup("#repairUndo").queryButton().isFocused(), "focus by what changed");
        assertTrue(page.getVvalue() < 0.5, "the page did not jump to its end: " + page.getVvalue());

        robot.clickOn("#repairUndo");
        awaitChecked();
        assertFalse(robot.lookup("#chain-section-strangers").queryAll().isEmpty(), "Unrelated Root is back");
        assertTrue(view.model().canAdvance().get(), "an extra certificate is a warning: still deployable");
    }
}

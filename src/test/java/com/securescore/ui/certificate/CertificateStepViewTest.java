package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.TestPki;
import com.securescore.ui.wizard.WizardState;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Certificate step as a person uses it: paste, read the findings, click the repair. */
@ExtendWith(ApplicationExtension.class)
class CertificateStepViewTest {
    private final WizardState state = new WizardState();
    private CertificateStepView view;

    @Start
    void start(Stage stage) {
        state.domainProperty().set("scoring.contoso.test");
        view = new CertificateStepView(state);
        ScrollPane scroll = new ScrollPane(view.view());
        scroll.setFitToWidth(true);
        stage.setScene(new Scene(scroll, 740, 700));
        stage.show();
    }

    @Test
    void pastedChainInTheWrongOrderIsExplainedAndRepairedWithOneClick(FxRobot robot) throws Exception {
        TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
        TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(inter).dns("scoring.contoso.test").issue();
        String pem = TestPki.pem(inter.certificate(), leaf.certificate(), leaf.privateKey());
        // A private root the machine does not trust: give it as trust, as the development path does.
        state.trustPathProperty().set(TestPki.writePem(java.nio.file.Files.createTempDirectory("trust")
                .resolve("root.pem"), root.certificate()).toString());

        robot.clickOn("#pastePem");
        TextArea area = robot.lookup("#pasteArea").queryAs(TextArea.class);
        robot.interact(() -> area.setText(pem));
        robot.clickOn("OK");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#finding-chain_order").queryAll()
                .isEmpty());
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"));
        assertEquals("pasted text", view.model().sourcesTextProperty().get());
        assertFalse(robot.lookup("#saveFiles").queryButton().isDisabled());

        Button putInOrder = robot.lookup("#repair-put_in_order").queryButton();
        robot.clickOn(putInOrder);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#finding-chain_order").queryAll()
                .isEmpty());
        assertTrue(robot.lookup("#repair-put_in_order").queryAll().isEmpty());
        assertEquals(3, robot.lookup(".chain-card").queryAll().size(), "leaf, intermediate and trusted root");
    }

    @Test
    void wrongKeyKeepsSaveDisabledAndShowsTheCode(FxRobot robot) throws Exception {
        TestPki.Issued self = TestPki.selfSignedLeaf().dns("scoring.contoso.test").issue();
        String pem = TestPki.pem(self.certificate(), TestPki.ecKey().getPrivate());
        robot.interact(() -> view.model().usePastedText(pem));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#finding-key_mismatch").queryAll()
                .isEmpty());
        assertTrue(robot.lookup("#saveFiles").queryButton().isDisabled());
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().contains("1 error"));
    }
}

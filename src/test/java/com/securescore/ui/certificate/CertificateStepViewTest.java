package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.wizard.WizardState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
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
        state.trustPathProperty().set(TestPki.writePem(Files.createTempDirectory("trust")
                .resolve("root.pem"), root.certificate()));

        robot.clickOn("#pastePem");
        TextArea area = robot.lookup("#pasteArea").queryAs(TextArea.class);
        robot.interact(() -> area.setText(pem));
        robot.clickOn("OK");
        FxWait.until(20, TimeUnit.SECONDS, () -> !robot.lookup("#finding-chain_order").queryAll()
                .isEmpty());
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"));
        assertEquals("pasted text; trusted root: root.pem", view.model().sourcesTextProperty().get(),
                "Using: names the trusted root the check used too");
        assertFalse(robot.lookup("#saveFiles").queryButton().isDisabled());

        Button putInOrder = robot.lookup("#repair-put_in_order").queryButton();
        robot.clickOn(putInOrder);
        FxWait.until(20, TimeUnit.SECONDS, () -> robot.lookup("#finding-chain_order").queryAll()
                .isEmpty());
        assertTrue(robot.lookup("#repair-put_in_order").queryAll().isEmpty());
        assertEquals(3, robot.lookup(".chain-card").queryAll().size(), "leaf, intermediate and trusted root");
    }

    @Test
    void wrongKeyKeepsSaveDisabledAndShowsTheCode(FxRobot robot) throws Exception {
        TestPki.Issued self = TestPki.selfSignedLeaf().dns("scoring.contoso.test").issue();
        String pem = TestPki.pem(self.certificate(), TestPki.ecKey().getPrivate());
        robot.interact(() -> view.model().usePastedText(pem));
        FxWait.until(20, TimeUnit.SECONDS, () -> !robot.lookup("#finding-key_mismatch").queryAll()
                .isEmpty());
        assertTrue(robot.lookup("#saveFiles").queryButton().isDisabled());
        // The count is said once, in the findings' heading; the status line does not repeat it.
        assertEquals("1 error — must be fixed before deploying", robot.lookup("#findings-error").queryAs(Label.class)
                .getText());
        assertEquals("Not ready to deploy for scoring.contoso.test.", robot.lookup("#certStatus").queryAs(Label.class)
                .getText());
    }

    /**
     * Switching to "Make a development certificate" shows nothing of the pasted chain (no findings, no
     * "Ready", Next off) until one is made; the folder it went to is shown with a way to open it; going
     * back to "Use my certificate" brings the pasted chain and its trusted root back.
     */
    @Test
    void eachWayKeepsItsOwnStateAndTheDevelopmentFolderIsShown(FxRobot robot) throws Exception {
        Path dir = Files.createTempDirectory("modes");
        TestPki.Issued root = TestPki.rootCa("Mine Root");
        TestPki.Issued leaf = TestPki.leaf(root).dns("scoring.contoso.test").issue();
        Path rootFile = TestPki.writePem(dir.resolve("mine-root.pem"), root.certificate());
        state.trustPathProperty().set(rootFile);
        robot.interact(() -> view.model().usePastedText(TestPki.pem(leaf.certificate(), leaf.privateKey())));
        FxWait.until(20, TimeUnit.SECONDS, () -> view.model().canAdvance().get());
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"));

        robot.clickOn("#modeDevelopment");
        assertEquals("", robot.lookup("#certStatus").queryAs(Label.class).getText(), "no Ready for files not made");
        assertTrue(robot.lookup(".chain-card").queryAll().isEmpty());
        assertTrue(robot.lookup(".finding").queryAll().isEmpty());
        assertFalse(view.model().canAdvance().get());
        assertEquals(null, state.certificateProperty().get(), "the wizard goes on with nothing from the other way");
        assertEquals(null, state.trustPathProperty().get());
        String notice = robot.lookup("#devNotice").queryAs(Label.class).getText();
        assertFalse(notice.contains("Keep ca.pem's key private") || notice.contains("--"), notice);

        Path devDir = Files.createDirectory(dir.resolve("dev"));
        List<Path> opened = new ArrayList<>();
        FileDialogs.use(new FileDialogs() {
            @Override
            public List<File> openFiles(Window owner, String title,
                    List<FileChooser.ExtensionFilter> filters) {
                return null;
            }

            @Override
            public File folder(Window owner, String title) {
                return devDir.toFile();
            }

            @Override
            public boolean openFolder(Path folder) {
                opened.add(folder);
                return true;
            }
        });
        try {
            robot.clickOn("#makeDevCert");
            FxWait.until(20, TimeUnit.SECONDS, () -> view.model().canAdvance().get());
            Label written = robot.lookup("#devWritten").queryAs(Label.class);
            assertTrue(written.isVisible() && written.getText().startsWith("Written to " + devDir + ": ca.pem"),
                    written.getText());
            robot.clickOn("#devOpenFolder");
            assertEquals(List.of(devDir), opened);
        } finally {
            FileDialogs.use(FileDialogs.NATIVE);
        }
        assertEquals(devDir.resolve("ca.pem"), state.trustPathProperty().get());

        robot.clickOn("#modeImport");
        assertTrue(robot.lookup("#certStatus").queryAs(Label.class).getText().startsWith("Ready"));
        assertEquals(rootFile, state.trustPathProperty().get(), "the imported chain's own trusted root is back");
        assertEquals("pasted text; trusted root: mine-root.pem", view.model().sourcesTextProperty().get());
        assertTrue(view.model().canAdvance().get());
        assertEquals("leaf", state.certificateProperty().get().chainInfo().get(0).role());

        robot.clickOn("#modeDevelopment");
        assertTrue(robot.lookup("#devWritten").queryAs(Label.class).isVisible(), "the made certificate is still there");
        assertEquals(devDir.resolve("ca.pem"), state.trustPathProperty().get());
    }
}

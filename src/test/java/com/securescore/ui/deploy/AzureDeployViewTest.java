package com.securescore.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.deploy.TargetKind;
import com.securescore.testsupport.StepStage;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Azure (ACI) part of the Deploy step as a person uses it: type the form, preview, export, read the files. */
@ExtendWith(ApplicationExtension.class)
class AzureDeployViewTest {
    @TempDir
    static Path dir;

    private AzureDeployViewModel model;
    private AzureDeployView view;
    private WizardState state;

    @Start
    void start(Stage stage) {
        TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
        TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(inter).dns(AzureDeployViewModelTest.DOMAIN).issue();
        state = new WizardState();
        state.domainProperty().set(AzureDeployViewModelTest.DOMAIN);
        state.certificateProperty().set(AzureDeployViewModelTest.report(root, inter, leaf));
        state.targetProperty().set(TargetKind.ACI);
        model = new AzureDeployViewModel(state, BackgroundRunner.FX, () -> null, Map.of(), null);
        view = new AzureDeployView(model);
        StepStage.show(stage, view.view(), 780, 760);
    }

    @Test
    void typingTheAciFormPreviewingAndExportingListsTheWrittenFiles(FxRobot robot) throws Exception {
        assertTrue(shown(robot.lookup("#azureImageId").query()), "ACI asks for the image");
        assertFalse(shown(robot.lookup("#azureComputeName").query()), "and not for an AKS compute");
        assertTrue(robot.lookup("#azureNote").queryAs(Label.class).getText().contains("30 June 2026"));

        robot.clickOn("#azureSubscription").write(AzureDeployViewModelTest.SUBSCRIPTION);
        robot.clickOn("#azureResourceGroup").write("rg-scoring");
        robot.clickOn("#azureWorkspace").write("ws-scoring");
        robot.clickOn("#azureRegion").write("eastus");
        robot.clickOn("#azureServiceName").write("Scoring");
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = robot.lookup("#azureProblemServiceName").queryAs(Label.class);
        assertTrue(shown(problem) && problem.getText().contains("lower-case"), problem.getText());
        robot.eraseText(7).write("scoring-svc");
        robot.clickOn("#azureImageId").write("scoring-image:1");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(shown(robot.lookup("#azureProblemServiceName").query()));

        robot.clickOn("#azurePreview");
        WaitForAsyncUtils.waitForFxEvents();
        String preview = robot.lookup("#azurePreviewText").queryAs(TextArea.class).getText();
        assertTrue(preview.contains("POST https://eastus.api.azureml.ms/modelmanagement/v1.0/subscriptions/"
                + AzureDeployViewModelTest.SUBSCRIPTION), preview);
        assertTrue(preview.contains("(PEM: 2 certificates, leaf first") && !preview.contains("-----BEGIN"), preview);

        Path out = Files.createDirectories(dir.resolve("export"));
        WaitForAsyncUtils.asyncFx(() -> model.export(out)).get();
        WaitForAsyncUtils.waitForFxEvents();

        assertTrue(robot.lookup("#azureExportFolder").queryAs(Label.class).getText().contains(out.toString()));
        String files = robot.lookup("#azureExportedFiles").queryAs(Label.class).getText();
        assertTrue(files.contains("aci-create.json  (owner-only: holds the private key)"), files);
        assertTrue(files.contains("privkey.pem  (owner-only: holds the private key)"), files);
        assertTrue(files.contains("README"), files);
        assertTrue(Files.isRegularFile(out.resolve("aci-create.json")));
        assertTrue(model.doneProperty().get());

        String shot = System.getProperty("securescore.shot.azure");
        if (shot != null) {
            var image = WaitForAsyncUtils.asyncFx(() -> view.view().snapshot(null, null)).get();
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png",
                    new File(shot));
            // The AKS form too, for a look at its own fields.
            var aks = WaitForAsyncUtils.asyncFx(() -> {
                state.targetProperty().set(TargetKind.AKS);
                return view.view();
            }).get();
            WaitForAsyncUtils.waitForFxEvents();
            var second = WaitForAsyncUtils.asyncFx(() -> aks.snapshot(null, null)).get();
            ImageIO.write(SwingFXUtils.fromFXImage(second, null), "png",
                    new File(shot.replace(".png", "-aks.png")));
        }
    }

    @Test
    void theFpgaRequestIsSentOnlyToAnEndpointTheUserNames(FxRobot robot) {
        robot.interact(() -> state.targetProperty().set(TargetKind.FPGA));
        WaitForAsyncUtils.waitForFxEvents();
        Button send = robot.lookup("#azureSubmit").queryAs(Button.class);
        assertEquals("Send to your endpoint", send.getText(), "no \"Submit to Azure\" for a service Azure no longer runs");
        assertTrue(send.isDisabled(), "nothing to send to until an API host is given");
        robot.interact(() -> model.apiBaseProperty().set("https://fpga.lab.test"));
        assertFalse(send.isDisabled());
        robot.interact(() -> state.targetProperty().set(TargetKind.ACI));
        assertEquals("Submit to Azure", send.getText());
    }

    /** Visible on screen: the node and every parent. */
    private static boolean shown(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }
}

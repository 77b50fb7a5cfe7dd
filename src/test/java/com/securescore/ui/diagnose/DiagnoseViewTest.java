package com.securescore.ui.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.FxWait;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.OpensslServer;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.domain.DomainStepView;
import com.securescore.ui.wizard.WizardState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.stage.Window;
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

/**
 * Someone who deployed nothing opens "Diagnose an endpoint…" from the Domain step, types a live
 * endpoint (SecureScore's own service on loopback), picks the trust and keys files, diagnoses it,
 * reads the verdict and the client table, and saves the report.
 */
@ExtendWith(ApplicationExtension.class)
class DiagnoseViewTest {
    @TempDir
    static Path dir;

    static LocalService service;

    private Stage stage;

    @BeforeAll
    static void startService() throws Exception {
        service = LocalService.start(dir.resolve("service"));
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        DomainStepView domain = new DomainStepView(new WizardState());
        stage.setScene(new Scene((Parent) domain.view(), 700, 400));
        stage.getScene().getStylesheets().add(getClass().getResource("/com/securescore/ui/securescore.css")
                .toExternalForm());
        stage.show();
    }

    @AfterEach
    void closeWindows() throws Exception {
        FileDialogs.use(FileDialogs.NATIVE);
        WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(w -> w != stage).toList()
                .forEach(Window::hide)).get();
    }

    /** The person's answers: the CA for the trust, the keys file for the key, this file to save into. */
    private static void answerDialogs(Path report) {
        FileDialogs.use(new FileDialogs() {
            @Override
            public List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
                return List.of((title.contains("keys") ? service.keysFile() : service.ca()).toFile());
            }

            @Override
            public File folder(Window owner, String title) {
                return null;
            }

            @Override
            public File saveFile(Window owner, String title, String initialName,
                                 List<FileChooser.ExtensionFilter> filters) {
                assertTrue(initialName.endsWith(".html"), initialName);
                return report.toFile();
            }
        });
    }

    @Test
    void diagnosesALiveEndpointFromTheFirstPageAndSavesTheReport(FxRobot robot) throws Exception {
        Path report = dir.resolve("report.html");
        answerDialogs(report);
        robot.clickOn("#diagOpen");
        robot.clickOn("#diagEndpoint").write(LocalService.HOST + ":" + service.port());
        robot.clickOn("#diagConnectTo").write("127.0.0.1");
        robot.clickOn("#diagChooseTrust");
        robot.clickOn("#diagChooseKey");
        assertEquals(service.ca().toFile().getAbsolutePath(), robot.lookup("#diagTrust")
                .queryTextInputControl().getText());
        robot.clickOn("#diagRun");
        Label title = robot.lookup("#diagVerdictTitle").queryAs(Label.class);
        FxWait.until(40, TimeUnit.SECONDS, () -> !title.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(title.getText().startsWith("Works"), title.getText() + " / "
                + robot.lookup("#diagStatus").queryAs(Label.class).getText());
        assertTrue(title.getParent().getStyleClass().contains("diag-works"));
        GridPane clients = robot.lookup("#diagClients").queryAs(GridPane.class);
        assertFalse(clients.getChildren().isEmpty());
        assertEquals("accepts", robot.lookup("#diagClient-java").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#diagKeys").queryAs(Label.class).getText().contains("A call with the key answered"));
        shot(robot);

        robot.clickOn("#diagSaveReport");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.isRegularFile(report));
        assertTrue(Files.readString(report).contains("Works"));
        assertTrue(robot.lookup("#diagReportStatus").queryAs(Label.class).getText().startsWith("Report saved"));
        String onScreen = robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList()
                .toString();
        assertFalse(onScreen.contains(service.keys().primary()), "the key is never shown");
    }

    @Test
    void aRefusedPortShowsProblemsWithTheFindingAndNoClientTable(FxRobot robot) throws Exception {
        robot.clickOn("#diagOpen");
        robot.clickOn("#diagEndpoint").write("127.0.0.1:" + Ports.unused());
        robot.clickOn("#diagRun");
        Label title = robot.lookup("#diagVerdictTitle").queryAs(Label.class);
        FxWait.until(40, TimeUnit.SECONDS, () -> !title.getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(title.getText().startsWith("Problems: 1 error"), title.getText());
        assertTrue(title.getParent().getStyleClass().contains("diag-problems"));
        assertTrue(robot.lookup("#diagFinding-connect_refused").tryQuery().isPresent());
        assertFalse(robot.lookup("#diagClients").query().isVisible());
    }

    /** The person's answer to every "choose a file" dialog: {@code file}. */
    private static void answerOpenWith(Path file) {
        FileDialogs.use(new FileDialogs() {
            @Override
            public List<File> openFiles(Window owner, String title, List<FileChooser.ExtensionFilter> filters) {
                return List.of(file.toFile());
            }

            @Override
            public File folder(Window owner, String title) {
                return null;
            }

            @Override
            public File saveFile(Window owner, String title, String initialName,
                                 List<FileChooser.ExtensionFilter> filters) {
                return null;
            }
        });
    }

    private static Label awaitVerdict(FxRobot robot, String before) throws Exception {
        Label title = robot.lookup("#diagVerdictTitle").queryAs(Label.class);
        FxWait.until(40, TimeUnit.SECONDS, () -> !title.getText().isEmpty()
                && !title.getText().equals(before) && !robot.lookup("#diagRun").query().isDisabled());
        WaitForAsyncUtils.waitForFxEvents();
        return title;
    }

    private static String textOf(FxRobot robot, String cardId) {
        return robot.lookup(cardId + " .label").queryAllAs(Label.class).stream().map(Label::getText).toList()
                .toString();
    }

    @Test
    void aServerUnderARootTheClientLacksIsUntrustedRootAndTheButtonThatChoosesTheRootFixesIt(FxRobot robot)
            throws Exception {
        TestPki.Issued root = TestPki.rootCa("Diagnose Window Private Root");
        TestPki.Issued ca = TestPki.intermediate(root, "Diagnose Window Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(ca).dns(LocalService.HOST).issue();
        Path rootFile = TestPki.writePem(dir.resolve("window-root.pem"), root.certificate());
        answerOpenWith(rootFile);
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), ca.certificate()),
                leaf.privateKey())) {
            robot.clickOn("#diagOpen");
            robot.clickOn("#diagEndpoint").write(LocalService.HOST + ":" + s.port());
            robot.clickOn("#diagConnectTo").write("127.0.0.1");
            robot.clickOn("#diagRun");
            Label title = awaitVerdict(robot, "");
            assertTrue(title.getText().startsWith("Problems"), title.getText());
            assertTrue(robot.lookup("#diagFinding-untrusted_root").tryQuery().isPresent(), textOf(robot,
                    "#diagFindings"));
            assertFalse(robot.lookup("#diagFinding-chain_incomplete").tryQuery().isPresent(), "the server is not "
                    + "blamed: " + textOf(robot, "#diagFindings"));
            String card = textOf(robot, "#diagFinding-untrusted_root");
            assertTrue(card.contains("The server is fine") && card.contains("Choose the root CA file"), card);
            assertFalse(GuiFixes.COMMAND_LINE.matcher(card).find(), "no option or variable in the window: " + card);

            robot.clickOn("#diagFixChooseRoot-untrusted_root");
            Label again = awaitVerdict(robot, title.getText() + "\u0000");
            FxWait.until(40, TimeUnit.SECONDS,
                    () -> robot.lookup("#diagFinding-untrusted_root").tryQuery().isEmpty());
            assertEquals(rootFile.toFile().getAbsolutePath(), robot.lookup("#diagTrust").queryTextInputControl()
                    .getText());
            assertTrue(robot.lookup("#diagFinding-no_http2").tryQuery().isPresent(), again.getText());
        }
    }

    @Test
    void aKeyFileTypedIntoTheFieldIsUsedOnceTheRootIsChosen(FxRobot robot) throws Exception {
        answerOpenWith(service.ca());
        robot.clickOn("#diagOpen");
        robot.clickOn("#diagEndpoint").write(LocalService.HOST + ":" + service.port());
        robot.clickOn("#diagConnectTo").write("127.0.0.1");
        robot.clickOn("#diagKeyFile").write(service.keysFile().toString());
        robot.clickOn("#diagRun");
        Label title = awaitVerdict(robot, "");
        String keys = robot.lookup("#diagKeys").queryAs(Label.class).getText();
        assertFalse(keys.contains("No key file given"), "a key file was given: " + keys);
        assertTrue(keys.contains("read but not sent"), keys);
        assertTrue(title.getText().startsWith("Problems"), title.getText());

        robot.clickOn("#diagFixChooseRoot-chain_incomplete");
        FxWait.until(40, TimeUnit.SECONDS, () -> title.getText().startsWith("Works"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#diagKeys").queryAs(Label.class).getText().contains("A call with the key answered"),
                robot.lookup("#diagKeys").queryAs(Label.class).getText());
        String onScreen = robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).toList()
                .toString();
        assertFalse(onScreen.contains(service.keys().primary()), "the key is never shown");
    }

    @Test
    void anExplainedMessageWhoseFixIsToDiagnoseOffersTheButtonNotTheCommand(FxRobot robot) throws Exception {
        robot.clickOn("#diagOpen");
        robot.clickOn("#diagEndpoint").write("127.0.0.1:" + Ports.unused());
        robot.clickOn("Explain an error message");
        robot.clickOn("#diagPaste").write("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] "
                + "certificate verify failed");
        robot.clickOn("#diagExplain");
        String card = textOf(robot, "#diagExplanation-verify-failed");
        assertFalse(card.contains("securescore diagnose") || card.contains("--trust"), card);
        robot.clickOn("#diagExplainDiagnose-verify-failed");
        Label title = awaitVerdict(robot, "");
        assertTrue(robot.lookup("#diagEndpointTab").query() != null);
        assertTrue(title.getText().startsWith("Problems: 1 error"), title.getText());
        assertTrue(robot.lookup("#diagFinding-connect_refused").tryQuery().isPresent());
    }

    /** With -Dsecurescore.shot.diagnose=FILE.png (or a folder), a picture of the window with its verdict. */
    private static void shot(FxRobot robot) throws Exception {
        String where = System.getProperty("securescore.shot.diagnose");
        if (where == null || where.isBlank()) {
            return;
        }
        Path file = where.endsWith(".png") ? Path.of(where) : Path.of(where, "diagnose.png");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Node root = robot.lookup("#diagRoot").query();
        var image = WaitForAsyncUtils.asyncFx(() -> root.getScene().getRoot().snapshot(null, null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        // The whole result as well, below the window's fold: the findings, the chain and the client table.
        Node content = robot.lookup("#diagResult").query().getParent();
        var whole = WaitForAsyncUtils.asyncFx(() -> content.snapshot(null, null)).get();
        ImageIO.write(SwingFXUtils.fromFXImage(whole, null), "png",
                file.resolveSibling(file.getFileName().toString().replace(".png", "-whole.png")).toFile());
    }
}

package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateInfo;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class FindingsAndChainViewTest {
    private final FindingsView findings = new FindingsView();
    private final ChainView chain = new ChainView();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new VBox(findings, chain), 700, 700));
        stage.show();
    }

    @Test
    void errorsComeFirstAndEachShowsItsFixAndCopyableCode(FxRobot robot) {
        robot.interact(() -> findings.show(List.of(
                Finding.of(FindingCode.ROOT_INCLUDED, "chain.pem includes the root \"Contoso Root\".", "Drop it."),
                Finding.of(FindingCode.KEY_MISMATCH, "key.pem does not belong to \"scoring.contoso.com\".",
                        "Use the key made with this certificate's request."))));
        List<String> headings = robot.lookup(".findings-heading").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        assertEquals(2, headings.size());
        assertTrue(headings.get(0).startsWith("1 error"), headings.toString());
        assertTrue(headings.get(1).startsWith("1 note"), headings.toString());
        TextField code = robot.lookup("#finding-key_mismatch .finding-code").queryAs(TextField.class);
        assertEquals("KEY_MISMATCH", code.getText());
        assertTrue(!code.isEditable());
        // The wizard's own words for the fix, from the registry: no command-line flag in a window.
        assertEquals("Fix: " + FindingCode.KEY_MISMATCH.guiFix(), robot.lookup("#finding-key_mismatch .finding-fix")
                .queryAs(Label.class).getText());
    }

    @Test
    void chainCardsShowValidityStateInWords(FxRobot robot) {
        Instant now = Instant.parse("2026-11-28T12:00:00Z");
        robot.interact(() -> chain.show(List.of(
                new CertificateInfo("leaf", "CN=scoring.contoso.com", "CN=Contoso Issuing CA", "1f",
                        now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10)), List.of("scoring.contoso.com"),
                        "EC", 256, "AB:CD"),
                new CertificateInfo("intermediate", "CN=Contoso Issuing CA", "CN=Contoso Root", "2e",
                        now.minus(Duration.ofDays(800)), now.minus(Duration.ofDays(3)), List.of(), "RSA", 2048,
                        "EF:01")), now));
        List<String> texts = robot.lookup(".validity-text").queryAllAs(Label.class).stream().map(Label::getText)
                .toList();
        assertTrue(texts.get(0).endsWith("expires in 10 days"), texts.get(0));
        assertTrue(texts.get(1).endsWith("expired 3 days ago"), texts.get(1));
        assertTrue(robot.lookup("#chain-1 .validity-text").query().getStyleClass().contains("validity-expired"));
    }
}

package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Material;
import com.securescore.cert.TrustAnchors;
import com.securescore.testsupport.TestPki;
import java.time.Instant;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The chain picture draws only real issuer links and sets apart what clients never use. */
@ExtendWith(ApplicationExtension.class)
class ChainViewPathsTest {
    private final ChainView chain = new ChainView();

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new ScrollPane(chain), 700, 700));
        stage.show();
    }

    @Test
    void crossSignatureIsShownApartAsSentButNotNeededWithoutAnIssuerArrow(FxRobot robot) {
        TestPki.Issued dst = TestPki.rootCa("DST Root CA X3");
        TestPki.Issued isrg = TestPki.rootCa("ISRG Root X1");
        TestPki.Issued cross = TestPki.crossSign(isrg, dst).issue();
        TestPki.Issued r3 = TestPki.intermediate(isrg, "R3");
        TestPki.Issued leaf = TestPki.leaf(r3).dns("scoring.contoso.test").issue();
        TestPki.Issued stranger = TestPki.leaf(TestPki.rootCa("Other Root")).dns("other.test").issue();
        CheckReport report = new CertificateService().check("scoring.contoso.test", Material.of(List.of(
                leaf.certificate(), r3.certificate(), cross.certificate(), stranger.certificate()), "chain.pem"),
                TrustAnchors.only(List.of(isrg.certificate())));

        robot.interact(() -> chain.show(report.chainInfo(), Instant.now()));

        List<String> roles = robot.lookup(".chain-role").queryAllAs(Label.class).stream().map(Label::getText).toList();
        assertEquals(List.of("Leaf", "Intermediate", "Trusted root", "Sent but not needed", "Not on the path"), roles);
        assertEquals(2, robot.lookup(".chain-arrow").queryAll().size(), "leaf ← R3 ← ISRG Root X1, nothing more");
        Label heading = robot.lookup("#chain-section-past-anchor").queryAs(Label.class);
        assertTrue(heading.getText().startsWith("Sent but not needed"), heading.getText());
        Node crossCard = robot.lookup("#chain-3").query();
        assertTrue(crossCard.getStyleClass().contains("chain-card-apart"));
        assertFalse(robot.lookup("#chain-2").query().getStyleClass().contains("chain-card-apart"));
        assertTrue(robot.lookup("#chain-section-strangers").tryQuery().isPresent());
        // The section heading stands where an arrow would otherwise claim the anchor issued the cross-signature.
        int anchorAt = chain.getChildren().indexOf(robot.lookup("#chain-2").query());
        assertEquals(heading, chain.getChildren().get(anchorAt + 1));
    }
}

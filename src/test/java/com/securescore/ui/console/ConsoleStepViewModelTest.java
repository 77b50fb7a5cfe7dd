package com.securescore.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateService;
import com.securescore.cert.DevelopmentCertificates;
import com.securescore.cert.Source;
import com.securescore.service.AuthKeys;
import com.securescore.service.DemoClassifier;
import com.securescore.service.ScoringServer;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's logic against a real TLS service, without the FX thread. */
class ConsoleStepViewModelTest {
    private static final String HOST = "scoring.contoso.test";

    @TempDir
    static Path dir;

    static ScoringServer server;
    static Path keys;
    static Path ca;
    static Path red;

    @BeforeAll
    static void start() throws Exception {
        var dev = new DevelopmentCertificates().create(HOST, 30, DevelopmentCertificates.KeyType.EC,
                dir.resolve("tls"), false);
        ca = dev.files().get(0);
        var report = new CertificateService().check(new CertificateService.Request(HOST,
                List.of(Source.file(dev.files().get(1)), Source.file(dev.files().get(2))), null, null,
                List.of(Source.file(ca))));
        keys = dir.resolve("keys.json");
        server = ScoringServer.start(report, "127.0.0.1", 0, AuthKeys.open(keys).keys(), new DemoClassifier(),
                ScoringServer.DEFAULT_MAX_REQUEST_BYTES);
        BufferedImage img = new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 40);
        g.dispose();
        red = dir.resolve("red.png");
        ImageIO.write(img, "png", red.toFile());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private ConsoleStepViewModel model() {
        WizardState state = new WizardState();
        state.domainProperty().set(HOST);
        state.trustPathProperty().set(ca.toString());
        ConsoleStepViewModel m = new ConsoleStepViewModel(state, BackgroundRunner.DIRECT);
        m.onEnter();
        m.portProperty().set(String.valueOf(server.port()));
        m.connectToProperty().set("127.0.0.1");
        return m;
    }

    @Test
    void scoresWithTheKeyFromTheKeysFileAndKeepsAHistory() throws Exception {
        ConsoleStepViewModel m = model();
        assertEquals(HOST, m.hostProperty().get(), "the domain from step 1 is the host");
        m.loadKeyFile(keys);
        m.score(List.of(red));
        m.score(List.of(red, red));
        assertEquals(3, m.results().size());
        assertTrue(m.results().get(0).ok(), m.statusProperty().get());
        assertEquals("mostly red", m.results().get(0).score().top().get(0).label());
        assertTrue(m.totalsProperty().get().startsWith("3 scored"), m.totalsProperty().get());
        String command = m.command().get();
        assertTrue(command.contains("--host " + HOST) && command.contains("--trust ") && command.contains("red.png"),
                command);
        assertFalse(command.contains(m.keyProperty().get()), "the command never contains the key");
    }

    @Test
    void wrongKeyIsExplainedOnTheResult() {
        ConsoleStepViewModel m = model();
        m.keyProperty().set("definitely-not-the-right-key");
        m.score(List.of(red));
        assertFalse(m.results().get(0).ok());
        assertEquals("UNAUTHENTICATED", m.results().get(0).code());
        assertTrue(m.statusProperty().get().contains("refused the key"), m.statusProperty().get());
    }

    @Test
    void untrustedServiceIsDiagnosedWithTheCertificateFindings() {
        ConsoleStepViewModel m = model();
        m.trustPathProperty().set(null);
        m.loadKeyFile(keys);
        m.score(List.of(red));
        assertEquals("CERT_UNTRUSTED", m.results().get(0).code());
        assertTrue(m.results().get(0).error().contains("CHAIN_INCOMPLETE"), m.results().get(0).error());
    }

    @Test
    void asksForAKeyBeforeConnecting() {
        ConsoleStepViewModel m = model();
        m.score(List.of(red));
        assertTrue(m.results().isEmpty());
        assertTrue(m.statusProperty().get().startsWith("Enter the service's key"));
        assertTrue(Files.exists(red));
    }
}

package com.securescore.ui.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.LocalService;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's logic against a real TLS service, without the FX thread. */
class ConsoleStepViewModelTest {
    private static final String HOST = LocalService.HOST;

    @TempDir
    static Path dir;

    static LocalService server;
    static Path keys;
    static Path ca;
    static Path red;

    @BeforeAll
    static void start() throws Exception {
        server = LocalService.start(dir);
        keys = server.keysFile();
        ca = server.ca();
        red = Files.write(dir.resolve("red.png"), LocalService.png(Color.RED, 40));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private ConsoleStepViewModel model() {
        WizardState state = new WizardState();
        state.domainProperty().set(HOST);
        state.trustPathProperty().set(ca);
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
        List<String> seen = new ArrayList<>();
        m.results().addListener((ListChangeListener<ConsoleStepViewModel.Result>) c ->
                seen.add(m.statusProperty().get() + " | " + m.totalsProperty().get()));
        m.score(List.of(red, red));
        assertEquals(3, m.results().size());
        assertTrue(seen.get(0).startsWith("Scored 1 of 2… | 2 scored"), "each result shows as it comes: " + seen);
        assertTrue(m.results().get(0).ok(), m.statusProperty().get());
        assertEquals("mostly red", m.results().get(0).score().top().get(0).label());
        assertTrue(m.totalsProperty().get().startsWith("3 scored"), m.totalsProperty().get());
        assertTrue(m.demoModelProperty().get(), "the service said it runs the demo model");
        assertTrue(m.labelsSourceProperty().get().contains("not a real classifier"), m.labelsSourceProperty().get());
        String command = m.command().get();
        assertTrue(command.contains("--host " + HOST) && command.contains("--trust ") && command.contains("red.png"),
                command);
        assertFalse(command.contains(m.keyProperty().get()), "the command never contains the key");
    }

    @Test
    void secondaryKeyFromTheKeysFileWorksToo() {
        ConsoleStepViewModel m = model();
        m.loadKeyFile(keys, true);
        assertEquals(server.keys().secondary(), m.keyProperty().get());
        m.score(List.of(red));
        assertTrue(m.results().get(0).ok(), m.statusProperty().get());
    }

    @Test
    void wrongKeyIsExplainedOnTheResult() {
        ConsoleStepViewModel m = model();
        m.keyProperty().set("definitely-not-the-right-key");
        m.score(List.of(red));
        assertFalse(m.results().get(0).ok());
        assertEquals("AUTH_REJECTED", m.results().get(0).code());
        assertTrue(m.statusProperty().get().contains("refused the key"), m.statusProperty().get());
    }

    @Test
    void untrustedServiceIsDiagnosedWithTheCertificateFindings() {
        ConsoleStepViewModel m = model();
        m.trustPathProperty().set(null);
        m.loadKeyFile(keys);
        m.score(List.of(red, red, red));
        assertEquals("CERT_UNTRUSTED", m.results().get(0).code());
        assertTrue(m.results().get(0).error().contains("CHAIN_INCOMPLETE"), m.results().get(0).error());
        assertEquals(1, m.results().size(), "the other images are not sent to an endpoint that fails");
        assertTrue(m.statusProperty().get().contains("the other 2 were not sent"), m.statusProperty().get());
    }

    @Test
    void asksForAKeyBeforeConnecting() {
        ConsoleStepViewModel m = model();
        m.score(List.of(red));
        assertTrue(m.results().isEmpty());
        assertTrue(m.statusProperty().get().startsWith("Enter the service's key"));
        assertTrue(Files.exists(red));
    }

    @Test
    void aDroppedFolderScoresTheImagesInsideIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("dropped").resolve("nested"));
        Files.write(folder.resolve("blue.png"), LocalService.png(Color.BLUE, 20));
        Files.writeString(folder.getParent().resolve("readme.txt"), "not an image");
        ConsoleStepViewModel m = model();
        m.loadKeyFile(keys);
        m.score(List.of(folder.getParent()));
        assertEquals(1, m.results().size(), m.statusProperty().get());
        assertEquals("mostly blue", m.results().get(0).score().top().get(0).label());

        m.score(List.of(Files.createDirectories(dir.resolve("empty"))));
        assertTrue(m.statusProperty().get().startsWith("No images"), m.statusProperty().get());
    }

    @Test
    void percentilesWaitForEnoughImagesAndFailuresAreCountedAndFlagged() throws Exception {
        ConsoleStepViewModel m = model();
        m.keyProperty().set("not-the-key");
        m.score(List.of(red, red));
        assertTrue(m.failedProperty().get(), "a failed run is flagged for the view to style as one");
        assertTrue(m.statusProperty().get().startsWith("1 of 1 failed") || m.statusProperty().get().contains("failed"),
                m.statusProperty().get());
        assertFalse(m.totalsProperty().get().contains("p50"), "no latency figures without a scored image: "
                + m.totalsProperty().get());
        assertTrue(m.totalsProperty().get().contains("failed"), m.totalsProperty().get());

        m.loadKeyFile(keys);
        m.score(List.of(red, red));
        assertFalse(m.failedProperty().get(), "a good run clears the flag");
        String few = m.totalsProperty().get();
        assertTrue(few.startsWith("2 scored") && few.contains("median") && !few.contains("p99"),
                "two images give a median, not a p99: " + few);

        List<Path> many = Collections.nCopies(ConsoleStepViewModel.PERCENTILES_FROM, red);
        m.score(many);
        String enough = m.totalsProperty().get();
        assertTrue(enough.contains("p50") && enough.contains("p99"), "from 20 images on, percentiles: " + enough);
    }

    @Test
    void theEquivalentCommandNeverHasAnEmptyValue() {
        ConsoleStepViewModel m = model();
        m.hostProperty().set("");
        m.portProperty().set("");
        String command = m.command().get();
        assertTrue(command.contains("--host HOST --port PORT"), command);
    }
}

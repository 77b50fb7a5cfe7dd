package com.securescore.ui.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.diagnose.EndpointDiagnosis;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Ports;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The diagnose view model against SecureScore's own service on loopback, without the FX thread. */
class DiagnoseViewModelTest {
    @TempDir
    static Path dir;

    static LocalService service;

    private final WizardState state = new WizardState();
    private final DiagnoseViewModel model = new DiagnoseViewModel(state, BackgroundRunner.DIRECT,
            new EndpointDiagnosis(Clock.systemUTC(), Duration.ofSeconds(10)));

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

    private void typeEndpoint(int port) {
        model.endpointProperty().set(LocalService.HOST + ":" + port);
        model.connectToProperty().set("127.0.0.1");
        model.trustPathProperty().set(service.ca().toString());
    }

    private List<FindingCode> errors() {
        return model.findings().stream().filter(Finding::isError).map(Finding::code).toList();
    }

    @Test
    void workingEndpointWithItsKeyWorksAndHasAClientTable() {
        typeEndpoint(service.port());
        model.keyPathProperty().set(service.keysFile().toString());
        model.diagnose();
        assertNotNull(model.resultProperty().get(), model.statusProperty().get());
        assertTrue(model.resultProperty().get().works(), model.findings().toString());
        assertTrue(DiagnoseViewModel.verdictTitle(model.resultProperty().get()).startsWith("Works"));
        assertFalse(model.clients().isEmpty());
        assertTrue(model.clients().stream().anyMatch(v -> v.accepts()), model.clients().toString());
        assertTrue(DiagnoseViewModel.keysText(model.resultProperty().get().auth()).contains("A call with the key answered"));
        assertFalse(model.busyProperty().get());
    }

    @Test
    void wrongKeyIsAuthRejectedAndTheKeyIsShownNowhere() throws Exception {
        String wrong = "not-the-service-key-0123456789";
        Path keyFile = Files.writeString(dir.resolve("wrong.key"), wrong);
        typeEndpoint(service.port());
        model.keyPathProperty().set(keyFile.toString());
        model.diagnose();
        assertFalse(model.resultProperty().get().works());
        assertEquals(List.of(FindingCode.AUTH_REJECTED), errors());
        String everything = model.statusProperty().get() + model.findings()
                + DiagnoseViewModel.keysText(model.resultProperty().get().auth());
        assertFalse(everything.contains(wrong), everything);
        assertFalse(everything.contains(service.keys().primary()), everything);
    }

    @Test
    void refusedPortIsConnectRefusedWithNoClientTable() {
        typeEndpoint(Ports.unused());
        model.diagnose();
        assertEquals(List.of(FindingCode.CONNECT_REFUSED), errors());
        assertTrue(model.clients().isEmpty());
        assertEquals("Problems: 1 error", DiagnoseViewModel.verdictTitle(model.resultProperty().get()));
    }

    @Test
    void aPortThatIsNoPortIsRefusedBeforeConnecting() {
        model.endpointProperty().set("scoring.contoso.test:99999");
        model.diagnose();
        assertNull(model.resultProperty().get());
        assertTrue(model.statusProperty().get().contains("no valid port"), model.statusProperty().get());
    }

    @Test
    void reportIsWrittenAndNeverReplacedWithoutBeingAsked() throws Exception {
        typeEndpoint(Ports.unused());
        model.diagnose();
        Path report = dir.resolve("report-" + System.nanoTime() + ".html");
        assertEquals(DiagnoseViewModel.SaveOutcome.SAVED, model.saveReport(report, false));
        assertTrue(Files.readString(report).contains("CONNECT_REFUSED"));
        Files.writeString(report, "kept");
        assertEquals(DiagnoseViewModel.SaveOutcome.EXISTS, model.saveReport(report, false));
        assertEquals("kept", Files.readString(report));
        assertEquals(DiagnoseViewModel.SaveOutcome.SAVED, model.saveReport(report, true));
        assertTrue(Files.readString(report).contains("<!DOCTYPE html>"));
    }

    @Test
    void explainsPkixPathBuildingFailedWithoutTheNetwork() {
        model.pastedProperty().set("javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
                + "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification "
                + "path to requested target");
        model.explain();
        assertFalse(model.explanations().isEmpty(), model.explainStatusProperty().get());
        assertEquals(FindingCode.CERT_UNTRUSTED, model.explanations().get(0).code());
        assertEquals("", model.explainStatusProperty().get());
    }

    @Test
    void unrecognisedTextSaysSo() {
        model.pastedProperty().set("the coffee machine is empty");
        model.explain();
        assertTrue(model.explanations().isEmpty());
        assertTrue(model.explainStatusProperty().get().startsWith("Not recognised"));
    }

    @Test
    void prefilledFromTheDeploymentKeepingWhatWasTyped() {
        state.domainProperty().set(LocalService.HOST);
        state.endpointHostProperty().set(LocalService.HOST);
        state.endpointPortProperty().set(50443);
        state.connectToProperty().set("127.0.0.1");
        state.trustPathProperty().set(Path.of("/tmp/ca.pem"));
        state.keysFileProperty().set(Path.of("/tmp/keys.json"));
        state.deployedProperty().set(new DeployedEndpoint(TargetKind.LOCAL, LocalService.HOST, 50443,
                List.of("127.0.0.1"), List.of(), "", "/tmp/keys.json"));
        model.connectToProperty().set("10.0.0.5");
        model.prefill();
        assertEquals(LocalService.HOST + ":50443", model.endpointProperty().get());
        assertEquals("10.0.0.5", model.connectToProperty().get());
        assertEquals("/tmp/ca.pem", model.trustPathProperty().get());
        assertEquals("/tmp/keys.json", model.keyPathProperty().get());
    }

    @Test
    void withoutADeploymentOnlyTheDomainIsFilledIn() {
        state.domainProperty().set("scoring.contoso.com");
        model.prefill();
        assertEquals("scoring.contoso.com", model.endpointProperty().get());
        assertEquals("", model.keyPathProperty().get());
        assertEquals("", model.connectToProperty().get());
    }
}

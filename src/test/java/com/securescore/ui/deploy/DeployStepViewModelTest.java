package com.securescore.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.deploy.LocalDeployment;
import com.securescore.deploy.TargetKind;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import com.securescore.service.AuthKeys;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.PartialHttp;
import com.securescore.testsupport.Ports;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.console.ConsoleStepViewModel;
import com.securescore.ui.wizard.WizardState;
import java.awt.Color;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deploying to Local from the wizard, then scoring in the console with what the deployment left. */
class DeployStepViewModelTest {
    @TempDir
    Path dir;

    private static int freePort() {
        return Ports.unused();
    }

    @Test
    void theLocalServiceStartsAndTheConsoleScoresWithItsEndpointKeyAndTrust() throws Exception {
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        WizardState state = new WizardState();
        state.domainProperty().set(LocalService.HOST);
        state.certificateProperty().set(dev.report());
        state.trustPathProperty().set(dev.ca());
        DeployStepViewModel deploy = new DeployStepViewModel(state, BackgroundRunner.DIRECT,
                new ModelCache(dir.resolve("cache")), null, dir.resolve("keys.json"));
        assertFalse(deploy.canAdvance().get(), "Local: Next waits for the service");

        deploy.portProperty().set("not a port");
        deploy.start();
        assertTrue(deploy.statusProperty().get().contains("number"), deploy.statusProperty().get());
        assertFalse(deploy.runningProperty().get());

        int port = freePort();
        deploy.portProperty().set(String.valueOf(port));
        deploy.modelProperty().set(LocalDeployment.ModelChoice.DEMO);
        deploy.start();
        try {
            assertTrue(deploy.runningProperty().get(), deploy.statusProperty().get());
            assertTrue(deploy.canAdvance().get());
            assertTrue(deploy.log().stream().anyMatch(l -> l.contains("Listening on 127.0.0.1:" + port)),
                    deploy.log().toString());
            assertTrue(deploy.statusProperty().get().contains("demo model"), deploy.statusProperty().get());
            String primary = AuthKeys.open(dir.resolve("keys.json")).keys().primary();
            assertTrue(deploy.log().stream().noneMatch(l -> l.contains(primary)), "the key is never in the log");
            assertFalse(deploy.primaryMaskedProperty().get().contains(primary));

            ConsoleStepViewModel console = new ConsoleStepViewModel(state, BackgroundRunner.DIRECT);
            console.onEnter();
            assertEquals(LocalService.HOST, console.hostProperty().get());
            assertEquals(String.valueOf(port), console.portProperty().get());
            assertEquals("127.0.0.1", console.connectToProperty().get());
            assertEquals(primary, console.keyProperty().get(), "the key comes from the deployment's keys file");
            Path red = Files.write(dir.resolve("red.png"), LocalService.png(Color.RED, 24));
            console.score(List.of(red));
            assertTrue(console.results().get(0).ok(), console.statusProperty().get());
            assertTrue(console.demoModelProperty().get());

            // Back in the Certificate step, a new certificate: the running service still has the old one.
            state.certificateProperty().set(LocalService.devCertificate(dir.resolve("second")).report());
            deploy.onEnter();
            assertTrue(deploy.statusProperty().get().contains("still serves the old one"),
                    deploy.statusProperty().get());
        } finally {
            deploy.stop();
        }
        assertFalse(deploy.runningProperty().get());
        assertFalse(deploy.canAdvance().get());
        state.targetProperty().set(TargetKind.ACI);
        SimpleBooleanProperty exported = new SimpleBooleanProperty();
        deploy.azureDone(exported);
        assertFalse(deploy.canAdvance().get(), "Azure: Next waits for an export or a submit");
        exported.set(true);
        assertTrue(deploy.canAdvance().get(), "and not on a local service");
    }

    /**
     * A model server that sends a first part, and a little more once {@code pressed} (the user's
     * action, done when the bar shows the first bytes) has run, then waits until the test is over.
     */
    private ModelSpec slowModel(DeployStepViewModel deploy, Runnable pressed,
            CountDownLatch testOver) throws Exception {
        byte[] model = new byte[1 << 20];
        var done = new CountDownLatch(1);
        deploy.downloadProperty().addListener((o, was, now) -> {
            if (now.doubleValue() > 0 && done.getCount() > 0) {
                pressed.run();
                done.countDown();
            }
        });
        return new ModelSpec("Test model", "test.onnx",
                List.of(PartialHttp.serve(model, 1000, done, 1000, testOver)),
                "0".repeat(64), model.length);
    }

    private DeployStepViewModel deployWithDownloads(ModelCache cache) throws Exception {
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        WizardState state = new WizardState();
        state.domainProperty().set(LocalService.HOST);
        state.certificateProperty().set(dev.report());
        return new DeployStepViewModel(state, BackgroundRunner.DIRECT, cache,
                ModelDownloader.standard(), dir.resolve("keys.json"));
    }

    @Test
    void cancellingTheModelDownloadStartsNothingOffersTheDemoAndKeepsTheBytesForNextTime() throws Exception {
        ModelCache cache = new ModelCache(dir.resolve("cache"));
        DeployStepViewModel deploy = deployWithDownloads(cache);
        var testOver = new CountDownLatch(1);
        var spec = slowModel(deploy, deploy::cancelDownload, testOver);
        deploy.resnetFrom(spec);
        deploy.portProperty().set(String.valueOf(freePort()));
        try {
            deploy.start();
            assertFalse(deploy.runningProperty().get(), "nothing starts with a model nobody chose");
            assertEquals(LocalDeployment.ModelChoice.DEMO, deploy.modelProperty().get(), "the demo is offered");
            assertModelNoteSaysOnceWhyNothingStarted(deploy, spec);
            assertTrue(deploy.log().stream().anyMatch(l -> l.contains("cancelled")), deploy.log().toString());
            assertEquals(ModelCache.State.PARTIAL, cache.status(spec).state(), "the bytes so far are kept");
            assertTrue(deploy.downloadProperty().get() < 0, "the download bar is gone");
        } finally {
            testOver.countDown();
            deploy.stop();
        }
    }

    @Test
    void closingTheWizardDuringTheDownloadLeavesNoServiceRunning() throws Exception {
        DeployStepViewModel deploy = deployWithDownloads(new ModelCache(dir.resolve("cache")));
        var testOver = new CountDownLatch(1);
        deploy.resnetFrom(slowModel(deploy, deploy::close, testOver));
        int port = freePort();
        deploy.portProperty().set(String.valueOf(port));
        try {
            deploy.start();
            assertFalse(deploy.runningProperty().get(), deploy.statusProperty().get());
            try (var again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, again.getLocalPort(), "the port is free: the service that started was stopped");
            }
        } finally {
            testOver.countDown();
        }
    }

    @Test
    void aFailedDownloadStartsNothingAndMakesTheDemoTheChoiceForTheNextStart() throws Exception {
        DeployStepViewModel deploy = deployWithDownloads(new ModelCache(dir.resolve("cache")));
        assertEquals(LocalDeployment.ModelChoice.RESNET, deploy.modelProperty().get());
        assertTrue(deploy.modelNoteProperty().get().contains("downloads"), deploy.modelNoteProperty().get());
        ModelSpec spec = new ModelSpec("Test model", "test.onnx",
                List.of(URI.create("http://127.0.0.1:" + freePort() + "/test.onnx")), "0".repeat(64), 1000);
        deploy.resnetFrom(spec);
        deploy.portProperty().set(String.valueOf(freePort()));
        try {
            deploy.start();
            assertFalse(deploy.runningProperty().get(), "no silent swap to the demo");
            assertFalse(deploy.canAdvance().get());
            assertEquals(LocalDeployment.ModelChoice.DEMO, deploy.modelProperty().get());
            assertModelNoteSaysOnceWhyNothingStarted(deploy, spec);
            deploy.start();
            assertTrue(deploy.runningProperty().get(), deploy.statusProperty().get());
            assertEquals("", deploy.modelNoteProperty().get(), "while it runs, no note says that nothing was started");
            assertTrue(deploy.demoProperty().get());
        } finally {
            deploy.stop();
        }
    }

    /** The note says nothing started, and names the model once (it read "X cannot be had: X could not be…"). */
    private static void assertModelNoteSaysOnceWhyNothingStarted(DeployStepViewModel deploy, ModelSpec spec) {
        String note = deploy.modelNoteProperty().get();
        assertTrue(note.contains("Nothing was started"), note);
        assertEquals(1, note.split(Pattern.quote(spec.title()), -1).length - 1, note);
    }
}

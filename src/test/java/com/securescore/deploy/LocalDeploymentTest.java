package com.securescore.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.scoring.Labels;
import com.securescore.scoring.ScoringChannel;
import com.securescore.scoring.ScoringClient;
import com.securescore.testsupport.LocalService;
import java.awt.Color;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Local target, deployed for real: a TLS service on loopback that a real client scores against. */
class LocalDeploymentTest {
    @TempDir
    Path dir;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LocalDeployment.Listener listener = new LocalDeployment.Listener() {
        @Override
        public void line(String text) {
            lines.add(text);
        }

        @Override
        public void download(long done, long total) {
        }
    };

    private LocalDeployment.Options options(int port, LocalDeployment.ModelChoice model) {
        return new LocalDeployment.Options("127.0.0.1", port, dir.resolve("keys.json"), model, 1 << 20);
    }

    @Test
    void deploysAServiceThatScoresOverAuthenticatedTlsAndSaysWhichModelAnswers() throws Exception {
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        try (LocalDeployment d = LocalDeployment.start(dev.report(), options(0, LocalDeployment.ModelChoice.DEMO),
                new ModelCache(dir.resolve("cache")), null, listener)) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("Listening on 127.0.0.1:" + d.port())), lines.toString());
            assertTrue(lines.stream().anyMatch(l -> l.contains("not a real classifier")), lines.toString());
            assertTrue(lines.stream().noneMatch(l -> l.contains(d.keys().primary())), "keys are only shown masked");
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(d.keysFile())));
            try (ScoringChannel ch = ScoringChannel.tls(LocalService.HOST, d.port(), dev.ca(),
                    InetAddress.getLoopbackAddress())) {
                var score = new ScoringClient(ch, new ScoringClient.Auth(d.keys().primary(), false, null), List.of())
                        .score(List.of(LocalService.png(Color.BLUE, 32)), Duration.ofSeconds(10), 3).get(0);
                assertEquals("mostly blue", score.top().get(0).label());
                assertTrue(score.labelsSource().startsWith(Labels.DEMO_MARK));
            }
        }
    }

    @Test
    void withoutTheModelOfflineItStillDeploysWithTheDemoAndSaysWhy() throws Exception {
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        try (LocalDeployment d = LocalDeployment.start(dev.report(), options(0, LocalDeployment.ModelChoice.RESNET),
                new ModelCache(dir.resolve("cache")), null, listener)) {
            assertTrue(d.demo());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("ResNet-50 is not used")), lines.toString());
        }
    }

    @Test
    void aPortInUseAndABadCertificateAreExplained() throws Exception {
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        try (LocalDeployment first = LocalDeployment.start(dev.report(), options(0, LocalDeployment.ModelChoice.DEMO),
                new ModelCache(dir.resolve("cache")), null, listener)) {
            LocalDeployment.DeployException e = assertThrows(LocalDeployment.DeployException.class,
                    () -> LocalDeployment.start(dev.report(), options(first.port(), LocalDeployment.ModelChoice.DEMO),
                            new ModelCache(dir.resolve("cache")), null, listener));
            assertTrue(e.getMessage().contains("already in use") && e.getMessage().contains("another port"),
                    e.getMessage());
        }
        LocalDeployment.DeployException none = assertThrows(LocalDeployment.DeployException.class,
                () -> LocalDeployment.start(null, options(0, LocalDeployment.ModelChoice.DEMO),
                        new ModelCache(dir.resolve("cache")), ModelDownloader.standard(), listener));
        assertTrue(none.getMessage().contains("Certificate step"), none.getMessage());
    }
}

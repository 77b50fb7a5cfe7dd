package com.securescore.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.acme.RenewalSettings;
import com.securescore.cert.ReadOptions;
import com.securescore.deploy.CertificateFileSet;
import com.securescore.deploy.kubernetes.KubernetesSettings;
import com.securescore.testsupport.KubernetesControlPlane;
import com.securescore.testsupport.LocalService;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard's Kubernetes deployment of certificate files an ACME CA issued (renewal.json beside them)
 * is recorded there, so {@code acme renew} updates it, and the log says so.
 */
class KubernetesDeployRecordsRenewalTest {
    @TempDir
    Path dir;

    @Test
    void aDeploymentOfAcmeFilesIsRecordedForRenewalAndTheLogSaysSo() throws Exception {
        KubernetesControlPlane cluster = KubernetesControlPlane.get();
        cluster.ensureNode();
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        Path tls = dir.resolve("tls");
        // The files stand for what the Certificate step's ACME way wrote: its renewal settings are beside them.
        Files.writeString(tls.resolve(RenewalSettings.FILE_NAME), "{\"domain\": \"" + LocalService.HOST
                + "\", \"directory\": \"https://acme.contoso.test/dir\", \"challenge\": \"http\"}");
        WizardState state = new WizardState();
        state.domainProperty().set(LocalService.HOST);
        state.trustPathProperty().set(dev.ca());
        state.certificateFilesProperty().set(CertificateFileSet.of(List.of(tls.resolve("fullchain.pem")),
                tls.resolve("privkey.pem"), ReadOptions.NONE, List.of(dev.ca())));
        state.certificateProperty().set(dev.report());
        KubernetesDeployViewModel model = new KubernetesDeployViewModel(state, BackgroundRunner.DIRECT,
                cluster.kubeconfig(), dir);
        model.loadContexts();
        String ns = "wr-" + UUID.randomUUID().toString().substring(0, 8);
        model.namespaceProperty().set(ns);
        model.imageProperty().set("registry.test/securescore:1");
        model.replicasProperty().set(1);
        model.serviceTypeProperty().set(KubernetesSettings.ServiceType.CLUSTER_IP);

        CompletableFuture<Void> deploying = CompletableFuture.runAsync(model::deploy);
        for (Pod pod : cluster.awaitScheduledPods(ns, 1, p -> true)) {
            cluster.markReady(pod);
        }
        deploying.get(90, TimeUnit.SECONDS);
        assertTrue(model.resultProperty().get() != null, model.statusProperty().get());
        String log = String.join("\n", model.log());
        assertTrue(log.contains("`securescore acme renew --out " + tls.toAbsolutePath() + "` will also update this "
                + "deployment's certificate."), log);
        assertEquals(List.of(new RenewalSettings.KubernetesTarget(cluster.kubeconfig().toAbsolutePath().toString(),
                "test", ns, "securescore")), RenewalSettings.read(tls).kubernetes());
    }
}

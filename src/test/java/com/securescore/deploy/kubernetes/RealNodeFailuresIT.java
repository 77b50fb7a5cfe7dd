package com.securescore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securescore.cert.CertificateService;
import com.securescore.cert.Source;
import com.securescore.deploy.kubernetes.KubernetesSettings.ServiceType;
import com.securescore.task.Cancellation;
import com.securescore.testsupport.KubernetesNode;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.RecordedProgress;
import com.securescore.testsupport.SecureScoreImage;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rollouts that cannot succeed, on a real node, and what the user is told: a service whose
 * certificate Secret was edited to garbage crash-loops and the container's own last words (read
 * from the real kubelet) say why; pods that no node has room for run the rollout out of time with
 * the scheduler's reason.
 */
class RealNodeFailuresIT {
    private static KubernetesNode node;
    private static KubernetesClient client;
    private static Path dir;
    private static LocalService.DevCertificate dev;
    private String namespace;

    @BeforeAll
    static void start() throws Exception {
        node = KubernetesNode.get();
        client = node.client();
        dir = Files.createTempDirectory("failures-it");
        dev = LocalService.devCertificate(dir);
    }

    @AfterEach
    void deleteNamespace() {
        if (namespace != null) {
            node.deleteNamespace(namespace);
        }
    }

    private static List<X509Certificate> roots() throws IOException {
        return new CertificateService().read(List.of(Source.file(dev.ca())), null, null).certificates();
    }

    private KubernetesSettings settings(String what) {
        namespace = "fail-" + what + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        String image = SecureScoreImage.get();
        return KubernetesSettings.defaults("test").withNamespace(namespace).withImage(image).withReplicas(1)
                .withServiceType(ServiceType.NODE_PORT).withDemoModel(true)
                .withPullCredential(new PullCredential(node.registry().address(), node.registry().user(),
                        node.registry().password(), "the test registry"))
                .withTimeouts(Duration.ofMinutes(3), Duration.ofSeconds(1));
    }

    @Test
    void aCertificateSecretEditedToGarbageCrashLoopsAndTheContainersLastLinesSayWhy() throws Exception {
        KubernetesSettings settings = settings("garbage");
        new KubernetesDeployer(client, "test").deploy(settings, LocalService.HOST, dev.report(), roots(), new RecordedProgress(), Cancellation.none());
        // What a hand edit (kubectl edit secret) or a broken pipeline leaves: not a certificate.
        String garbage = Base64.getEncoder().encodeToString("-----BEGIN CERTIFICATE-----\nbroken\n"
                .getBytes(StandardCharsets.US_ASCII));
        client.secrets().inNamespace(namespace).withName("securescore-tls").patch(PatchContext.of(
                PatchType.JSON_MERGE), "{\"data\":{\"tls.crt\":\"" + garbage + "\"}}");
        client.apps().deployments().inNamespace(namespace).withName("securescore").patch(PatchContext.of(
                PatchType.JSON_MERGE), new ObjectMapper().writeValueAsString(Map.of("spec", Map.of("template",
                Map.of("metadata", Map.of("annotations", Map.of(KubernetesManifests.CERT_ANNOTATION, "garbage")))))));

        KubernetesDeployException e = assertThrows(KubernetesDeployException.class, () -> new RolloutWatch(client,
                namespace, "securescore", 1, KubernetesManifests.selector("securescore")).await(Duration.ofMinutes(3),
                new RecordedProgress(), Cancellation.none()));

        String message = e.getMessage();
        assertTrue(message.contains("CrashLoopBackOff"), message);
        assertTrue(message.contains("Its last log lines:"), "the real kubelet served the log: " + message);
        assertTrue(message.contains("certificate"), "the container's own words: " + message);
    }

    @Test
    void podsNoNodeHasRoomForRunTheRolloutOutOfTimeWithTheSchedulersReason() throws Exception {
        // Five pods asking for half a core each, on a node of two cores.
        KubernetesSettings settings = settings("no-room").withReplicas(5).withTimeouts(Duration.ofSeconds(40),
                Duration.ofSeconds(1));

        KubernetesDeployException e = assertThrows(KubernetesDeployException.class, () -> new KubernetesDeployer(
                client, "test").deploy(settings, LocalService.HOST, dev.report(), roots(),
                new RecordedProgress(), Cancellation.none()));

        String message = e.getMessage();
        assertTrue(message.contains("did not finish within 40 s"), message);
        assertTrue(message.contains("Insufficient cpu"), "the scheduler's reason: " + message);
        assertTrue(message.contains("describe pods"), message);
    }
}

package com.securescore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A crash-looping container's own last words. Container logs come from the kubelet, which cannot run
 * here, so the real API server cannot serve them; fabric8's mock server stands in for that one answer.
 */
@EnableKubernetesMockClient(crud = true)
class RolloutLogsTest {
    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aCrashLoopShowsTheContainersLastLogLines() {
        Map<String, String> labels = Map.of("app.kubernetes.io/name", "securescore", "app.kubernetes.io/instance",
                "securescore");
        client.apps().deployments().inNamespace("ns").resource(new DeploymentBuilder().withNewMetadata()
                .withName("securescore").withGeneration(1L).endMetadata().withNewSpec().withReplicas(1).endSpec()
                .build()).create();
        client.pods().inNamespace("ns").resource(new PodBuilder().withNewMetadata().withName("securescore-abc")
                .withLabels(labels).endMetadata().withNewSpec().addNewContainer().withName("scoring")
                .withImage("registry.test/securescore:1").endContainer().endSpec()
                .withNewStatus().addNewContainerStatus().withName("scoring").withRestartCount(4)
                .withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                .endContainerStatus().endStatus().build()).create();
        server.expect().get().withPath("/api/v1/namespaces/ns/pods/securescore-abc/log?pretty=false&container=scoring"
                + "&previous=true&tailLines=15").andReturn(200, "The service will not start: the certificate has "
                + "errors.\nHOSTNAME_MISMATCH error: the certificate does not cover scoring.contoso.test\n").always();

        String message = assertThrows(KubernetesDeployException.class, () -> new RolloutWatch(client, "ns",
                "securescore", 1, labels).await(Duration.ofSeconds(30), Progress.NONE, Cancellation.none()))
                .getMessage();
        assertTrue(message.contains("CrashLoopBackOff after 4 restart(s)"), message);
        assertTrue(message.contains("Its last log lines:\n  The service will not start: the certificate has errors.\n"
                + "  HOSTNAME_MISMATCH error"), message);
    }
}

package com.securescore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateService;
import com.securescore.cert.Source;
import com.securescore.deploy.kubernetes.KubernetesSettings.ServiceType;
import com.securescore.task.Cancellation;
import com.securescore.testsupport.KubernetesNode;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.RecordedProgress;
import com.securescore.testsupport.SecureScoreImage;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The other shapes a deployment takes, on a real node: three replicas behind a ClusterIP Service
 * (each pod really ready and listed as the Service's endpoint) with an Ingress for the domain that
 * the API accepts; without an ingress controller the result says there is no address yet and why.
 */
class RealNodeShapesIT {
    private static KubernetesNode node;
    private static KubernetesClient client;
    private static LocalService.DevCertificate dev;
    private String namespace;

    @BeforeAll
    static void start() throws Exception {
        node = KubernetesNode.get();
        client = node.client();
        dev = LocalService.devCertificate(Files.createTempDirectory("shapes-it"));
    }

    @AfterEach
    void deleteNamespace() {
        if (namespace != null) {
            node.deleteNamespace(namespace);
        }
    }

    @Test
    void threeReplicasBehindAClusterIpServiceWithAnIngressForTheDomain() throws Exception {
        namespace = "shapes-" + Long.toHexString(System.nanoTime() & 0xffffff);
        KubernetesSettings settings = KubernetesSettings.defaults("test").withNamespace(namespace)
                .withImage(SecureScoreImage.get()).withReplicas(3).withServiceType(ServiceType.CLUSTER_IP)
                .withIngressClass("nginx").withDemoModel(true)
                .withPullCredential(new PullCredential(node.registry().address(), node.registry().user(),
                        node.registry().password(), "the test registry"))
                .withTimeouts(Duration.ofMinutes(3), Duration.ofSeconds(2));
        RecordedProgress progress = new RecordedProgress();

        KubernetesDeployer.Result result = new KubernetesDeployer(client, "test").deploy(settings, LocalService.HOST,
                dev.report(), new CertificateService().read(List.of(Source.file(dev.ca())), null, null)
                        .certificates(), progress, Cancellation.none());

        assertTrue(progress.lines.contains("Rollout complete: 3 of 3 pods ready."), progress.lines.toString());
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        assertEquals(3, pods.size());
        Service service = client.services().inNamespace(namespace).withName("securescore").get();
        assertEquals("ClusterIP", service.getSpec().getType());
        Endpoints endpoints = client.endpoints().inNamespace(namespace).withName("securescore").get();
        long ready = endpoints.getSubsets().stream().map(EndpointSubset::getAddresses).mapToLong(List::size).sum();
        assertEquals(3, ready, "every pod passed its real readiness probe and serves the Service: " + endpoints);

        Ingress ingress = client.network().v1().ingresses().inNamespace(namespace).withName("securescore").get();
        assertEquals(LocalService.HOST, ingress.getSpec().getRules().get(0).getHost());
        assertEquals("securescore-tls", ingress.getSpec().getTls().get(0).getSecretName());
        assertEquals(443, result.endpoint().port());
        assertTrue(result.endpoint().note().contains("has no address yet") && result.endpoint().note()
                .contains("ingress controller"), result.endpoint().note());
    }
}

package com.securescore.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The integration tests' Kubernetes is real: a pod runs the Java base image pulled from the private
 * registry with an image pull Secret, the kubelet serves its log through the API, and without the
 * Secret the registry refuses the pull (401) and the pod says so, as it would for a user.
 */
class KubernetesNodeIT {
    private static KubernetesNode node;
    private static KubernetesClient client;
    private static String namespace;

    @BeforeAll
    static void startNode() throws IOException {
        node = KubernetesNode.get();
        client = node.client();
        namespace = "node-it-" + Long.toHexString(System.nanoTime());
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                .build()).create();
        // Pods are refused until the namespace's default service account and its token exist.
        client.serviceAccounts().inNamespace(namespace).withName("default").waitUntilCondition(
                sa -> sa != null && sa.getSecrets() != null && !sa.getSecrets().isEmpty(), 60, TimeUnit.SECONDS);
        byte[] dockerConfig = Files.readAllBytes(node.registry().dockerConfig().resolve("config.json"));
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName("registry")
                .endMetadata().withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString(dockerConfig))).build())
                .create();
    }

    @AfterAll
    static void deleteNamespace() {
        if (namespace != null) {
            client.namespaces().withName(namespace).delete();
        }
    }

    @Test
    void aPodRunsJavaFromThePrivateRegistryWithThePullSecret() {
        client.pods().inNamespace(namespace).resource(javaVersionPod("java-version", true)).create();

        // An ErrImagePull here is a failure already: no need to wait for the back-off to end.
        Pod pod = await("java-version", p -> terminal(p) || "ErrImagePull".equals(waitingReason(p)), 180);

        assertEquals("Succeeded", pod.getStatus().getPhase(), () -> describe(pod));
        String log = client.pods().inNamespace(namespace).withName("java-version").getLog();
        assertTrue(log.contains("openjdk version \"17"), log);
    }

    @Test
    void withoutThePullSecretTheRegistryRefusesThePull() {
        client.pods().inNamespace(namespace).resource(javaVersionPod("no-pull-secret", false)).create();

        // ErrImagePull carries the registry's answer; ImagePullBackOff, which follows, only "Back-off pulling".
        Pod pod = await("no-pull-secret", p -> terminal(p) || "ErrImagePull".equals(waitingReason(p)), 120);

        ContainerStateWaiting waiting = waiting(pod);
        assertTrue(waiting != null && List.of("ErrImagePull", "ImagePullBackOff").contains(waiting.getReason()),
                () -> describe(pod));
        String message = String.valueOf(waiting.getMessage());
        assertTrue(message.contains("401") || message.toLowerCase().contains("unauthorized"), message);
    }

    /** The same pod either way: {@code java -version} in the base image, pulled at every start. */
    private static Pod javaVersionPod(String name, boolean withPullSecret) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer().withName("java").withImage(node.baseImage())
                // Always: the other test's pull must not let this pod start from containerd's cache.
                .withImagePullPolicy("Always").withCommand("java", "-version").endContainer()
                .endSpec();
        if (withPullSecret) {
            pod.editSpec().addNewImagePullSecret("registry").endSpec();
        }
        return pod.build();
    }

    private static Pod await(String name, Predicate<Pod> condition, int seconds) {
        try {
            return client.pods().inNamespace(namespace).withName(name).waitUntilCondition(
                    p -> p != null && condition.test(p), seconds, TimeUnit.SECONDS);
        } catch (KubernetesClientTimeoutException e) {
            throw new AssertionError("pod " + name + " after " + seconds + " s: "
                    + describe(client.pods().inNamespace(namespace).withName(name).get()) + "\nkubelet:\n"
                    + node.logTail("kubelet", 30), e);
        }
    }

    private static boolean terminal(Pod p) {
        return p.getStatus() != null && List.of("Succeeded", "Failed").contains(p.getStatus().getPhase());
    }

    private static ContainerStateWaiting waiting(Pod p) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
            return null;
        }
        return p.getStatus().getContainerStatuses().stream().map(ContainerStatus::getState)
                .filter(s -> s != null && s.getWaiting() != null).map(s -> s.getWaiting()).findFirst().orElse(null);
    }

    private static String waitingReason(Pod p) {
        ContainerStateWaiting w = waiting(p);
        return w == null ? null : w.getReason();
    }

    private static String describe(Pod p) {
        return p == null ? "(no pod)" : "phase " + p.getStatus().getPhase() + ", containers "
                + p.getStatus().getContainerStatuses();
    }
}

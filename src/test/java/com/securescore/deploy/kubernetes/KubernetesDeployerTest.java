package com.securescore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateExporter;
import com.securescore.cert.CertificateService;
import com.securescore.cert.Source;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.service.AuthKeys;
import com.securescore.task.Cancellation;
import com.securescore.testsupport.KubernetesControlPlane;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.RecordedProgress;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deployments against a real Kubernetes API server (with its controllers and scheduler), for what a
 * real node cannot be made to show on demand: the test plays the kubelet (pods marked ready at the
 * moment it chooses), a cloud's load balancer, RBAC refusals, the API's field errors, an unreachable
 * cluster, Cancel mid-wait. Pods that really run, pull, crash and time out are in the *IT tests on
 * a real node (RealNode*IT, KubernetesPodsIT, LiveDeploymentIT). Each test has its own namespace.
 */
class KubernetesDeployerTest {
    private static KubernetesControlPlane cluster;
    private static KubernetesClient admin;
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    private final RecordedProgress progress = new RecordedProgress();
    private final List<String> log = progress.lines;

    @BeforeAll
    static void startCluster() {
        cluster = KubernetesControlPlane.get();
        admin = cluster.admin();
        cluster.ensureNode();
    }

    @AfterAll
    static void stopThreads() {
        BACKGROUND.shutdownNow();
    }

    private static String namespace() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private KubernetesSettings settings(String ns) {
        return KubernetesSettings.defaults("test").withNamespace(ns).withImage("registry.test/securescore:1")
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(1));
    }

    private Future<KubernetesDeployer.Result> deployInBackground(Path kubeconfig, KubernetesSettings settings,
            LocalService.DevCertificate dev) {
        return BACKGROUND.submit(() -> {
            try (KubernetesClient client = KubeContexts.read(kubeconfig).client("test")) {
                return new KubernetesDeployer(client, "test").deploy(settings, LocalService.HOST, dev.report(),
                        roots(dev), progress, Cancellation.none());
            }
        });
    }

    private static List<X509Certificate> roots(LocalService.DevCertificate dev)
            throws IOException {
        return new CertificateService().read(List.of(Source.file(dev.ca())), null, null).certificates();
    }

    private KubernetesDeployer.Result deployAndReadyPods(KubernetesSettings settings, LocalService.DevCertificate dev)
            throws Exception {
        Future<KubernetesDeployer.Result> running = deployInBackground(cluster.kubeconfig(), settings, dev);
        String fingerprint = KubernetesManifests.fingerprint(dev.report().leaf());
        for (Pod pod : cluster.awaitScheduledPods(settings.namespace(), settings.replicas(), p -> fingerprint.equals(
                p.getMetadata().getAnnotations().get(KubernetesManifests.CERT_ANNOTATION)))) {
            cluster.markReady(pod);
        }
        return running.get(90, TimeUnit.SECONDS);
    }

    private static String decoded(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
    }

    @Test
    void deploysTheServiceWithItsSecretsAndWaitsUntilEveryReplicaIsReady() throws Exception {
        String ns = namespace();
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        KubernetesDeployer.Result result = deployAndReadyPods(settings(ns), dev);

        assertTrue(admin.namespaces().withName(ns).get() != null, "the namespace is created");
        Secret tls = admin.secrets().inNamespace(ns).withName("securescore-tls").get();
        assertEquals("kubernetes.io/tls", tls.getType());
        assertEquals(CertificateExporter.pem(dev.report().serverChain().toArray()), decoded(tls, "tls.crt"),
                "tls.crt is the chain as served: leaf first, no root");
        assertEquals(CertificateExporter.privateKeyPem(dev.report().key()), decoded(tls, "tls.key"));
        assertTrue(decoded(tls, "ca.crt").contains("BEGIN CERTIFICATE"), "the private root, for the pod's own check");

        Secret keys = admin.secrets().inNamespace(ns).withName("securescore-keys").get();
        AuthKeys.Pair stored = AuthKeys.Pair.parse(Base64.getDecoder().decode(keys.getData().get("keys.json")), "x");
        assertEquals(result.keys(), stored);
        assertTrue(result.keysCreated());

        Deployment d = admin.apps().deployments().inNamespace(ns).withName("securescore").get();
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals(2, d.getStatus().getAvailableReplicas(), "the rollout finished");
        assertEquals(result.fingerprint(), d.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(KubernetesManifests.CERT_ANNOTATION));
        var pod = d.getSpec().getTemplate().getSpec();
        assertTrue(pod.getSecurityContext().getRunAsNonRoot());
        Container c = pod.getContainers().get(0);
        assertEquals("registry.test/securescore:1", c.getImage());
        assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem());
        assertFalse(c.getSecurityContext().getAllowPrivilegeEscalation());
        assertEquals(List.of("serve", "--cert", "/etc/securescore/tls/tls.crt", "--key", "/etc/securescore/tls/tls.key",
                "--domain", LocalService.HOST, "--bind", "0.0.0.0", "--port", "50051", "--health-port", "8080",
                "--keys-file", "/etc/securescore/keys/keys.json", "--trust", "/etc/securescore/tls/ca.crt"),
                c.getArgs());
        assertEquals("/readyz", c.getReadinessProbe().getHttpGet().getPath());
        assertEquals("/healthz", c.getLivenessProbe().getHttpGet().getPath());
        assertEquals("health", c.getReadinessProbe().getHttpGet().getPort().getStrVal());
        var keysMount = c.getVolumeMounts().stream().filter(m -> m.getName().equals("keys")).findFirst().orElseThrow();
        assertNull(keysMount.getSubPath(), "mounted as a directory, so a rotated key reaches the pod");
        assertNotNull(c.getResources().getLimits().get("memory"));

        Service service = admin.services().inNamespace(ns).withName("securescore").get();
        assertEquals("LoadBalancer", service.getSpec().getType());
        assertEquals(50051, service.getSpec().getPorts().get(0).getPort());
        assertEquals("TCP", service.getSpec().getPorts().get(0).getProtocol());

        DeployedEndpoint endpoint = result.endpoint();
        assertFalse(endpoint.reachable());
        assertTrue(endpoint.note().contains("no load-balancer controller") && endpoint.note().contains("NodePort"),
                endpoint.note());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Rollout complete: 2 of 2")), log.toString());
        assertTrue(log.stream().noneMatch(l -> l.contains(result.keys().primary())
                || l.contains(result.keys().secondary())), "keys appear masked only");
    }

    private static void assertNotNull(Object o) {
        assertTrue(o != null);
    }

    @Test
    void aRenewedCertificateUpdatesTheSecretAndRollsThePodsWhileTheKeysStay() throws Exception {
        String ns = namespace();
        KubernetesSettings settings = settings(ns).withReplicas(1).withServiceType(
                KubernetesSettings.ServiceType.CLUSTER_IP);
        KubernetesDeployer.Result first = deployAndReadyPods(settings, LocalService.devCertificate(dir.resolve("a")));
        LocalService.DevCertificate renewed = LocalService.devCertificate(dir.resolve("b"));
        KubernetesDeployer.Result second = deployAndReadyPods(settings, renewed);

        assertNotEquals(first.fingerprint(), second.fingerprint());
        assertEquals(first.keys(), second.keys(), "a redeployment keeps the keys clients already have");
        assertFalse(second.keysCreated());
        Deployment d = admin.apps().deployments().inNamespace(ns).withName("securescore").get();
        assertEquals(second.fingerprint(), d.getSpec().getTemplate().getMetadata().getAnnotations()
                .get(KubernetesManifests.CERT_ANNOTATION), "the pod template changed, so the pods roll");
        assertEquals(2, d.getMetadata().getGeneration());
        assertEquals(CertificateExporter.pem(renewed.report().serverChain().toArray()),
                decoded(admin.secrets().inNamespace(ns).withName("securescore-tls").get(), "tls.crt"));
        assertTrue(second.endpoint().note().contains("port-forward"), second.endpoint().note());
    }

    @Test
    void reportsTheLoadBalancersAddressOnceTheCloudGivesOne() throws Exception {
        String ns = namespace();
        KubernetesSettings settings = settings(ns).withReplicas(1).withTimeouts(Duration.ofSeconds(60),
                Duration.ofSeconds(60));
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        Future<KubernetesDeployer.Result> running = deployInBackground(cluster.kubeconfig(), settings, dev);
        for (Pod pod : cluster.awaitScheduledPods(ns, 1, p -> true)) {
            cluster.markReady(pod);
        }
        // The cloud's load-balancer controller fills in the Service's status.
        admin.services().inNamespace(ns).withName("securescore").waitUntilCondition(Objects::nonNull, 60,
                TimeUnit.SECONDS);
        admin.services().inNamespace(ns).withName("securescore").editStatus(s -> {
            s.getStatus().getLoadBalancer().setIngress(List.of(new LoadBalancerIngressBuilder()
                    .withIp("203.0.113.7").build()));
            return s;
        });
        DeployedEndpoint endpoint = running.get(90, TimeUnit.SECONDS).endpoint();
        assertEquals(List.of("203.0.113.7"), endpoint.addresses());
        assertEquals(50051, endpoint.port());
        assertTrue(endpoint.reachable());
    }

    @Test
    void aNodePortServiceIsReachedOnTheNodesAddresses() throws Exception {
        String ns = namespace();
        KubernetesDeployer.Result result = deployAndReadyPods(settings(ns).withReplicas(1)
                .withServiceType(KubernetesSettings.ServiceType.NODE_PORT), LocalService.devCertificate(dir));
        Service service = admin.services().inNamespace(ns).withName("securescore").get();
        assertEquals(service.getSpec().getPorts().get(0).getNodePort(), result.endpoint().port());
        assertTrue(result.endpoint().port() >= 30000, "a port from the cluster's node-port range");
        assertEquals(List.of("203.0.113.10"), result.endpoint().addresses(), "the node's external address");
    }

    @Test
    void cancelStopsWaitingForTheRolloutAtOnce() throws Exception {
        String ns = namespace();
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        Cancellation cancel = new Cancellation();
        Future<KubernetesDeployer.Result> running = BACKGROUND.submit(() -> {
            try (KubernetesClient client = KubeContexts.read(cluster.kubeconfig()).client("test")) {
                return new KubernetesDeployer(client, "test").deploy(settings(ns).withReplicas(1)
                        .withTimeouts(Duration.ofMinutes(10), Duration.ofSeconds(1)), LocalService.HOST,
                        dev.report(), roots(dev), progress, cancel);
            }
        });
        cluster.awaitScheduledPods(ns, 1, p -> true);
        cancel.cancel();
        var failure = assertThrows(ExecutionException.class,
                () -> running.get(20, TimeUnit.SECONDS), "a ten-minute wait ends within seconds").getCause();
        assertTrue(failure instanceof CancellationException, String.valueOf(failure));
    }

    @Test
    void anAccountWithoutRightsIsToldWhichRightIsMissingAndHowToGrantIt() throws Exception {
        String ns = namespace();
        Future<KubernetesDeployer.Result> running = deployInBackground(cluster.kubeconfigWithToken(
                KubernetesControlPlane.LIMITED_TOKEN), settings(ns), LocalService.devCertificate(dir));
        String message = assertThrows(ExecutionException.class,
                () -> running.get(60, TimeUnit.SECONDS)).getCause().getMessage();
        assertTrue(message.contains("The account \"limited\" may not get secrets in namespace " + ns
                + " (403 Forbidden)"), message);
        assertTrue(message.contains("kubectl -n " + ns + " create role securescore-deployer"), message);
        assertTrue(message.contains("--user=limited"), message);
    }

    @Test
    void anObjectTheApiRefusesShowsTheApisOwnFieldMessage() throws Exception {
        String ns = namespace();
        Future<KubernetesDeployer.Result> running = deployInBackground(cluster.kubeconfig(), settings(ns)
                .withIngressClass("Not_A_Class"), LocalService.devCertificate(dir));
        String message = assertThrows(ExecutionException.class,
                () -> running.get(60, TimeUnit.SECONDS)).getCause().getMessage();
        assertTrue(message.startsWith("The cluster refused to apply the Ingress securescore (422 Invalid): "
                + "spec.ingressClassName: "), message);
    }

    @Test
    void anUnreachableClusterIsSaidSoInSeconds() throws Exception {
        Future<KubernetesDeployer.Result> running = deployInBackground(cluster.kubeconfigForUnreachableServer(),
                settings(namespace()), LocalService.devCertificate(dir));
        String message = assertThrows(ExecutionException.class,
                () -> running.get(60, TimeUnit.SECONDS)).getCause().getMessage();
        assertTrue(message.startsWith("The cluster at https://127.0.0.1:"), message);
        assertTrue(message.contains("cannot be reached to reach the cluster") || message.contains("refused"),
                message);
    }

    @Test
    void theManifestsFileIsWhatTheApiServerAcceptsAndThePreviewHidesTheKey() throws Exception {
        LocalService.DevCertificate dev = LocalService.devCertificate(dir);
        String ns = namespace();
        KubernetesManifests manifests = new KubernetesManifests(settings(ns).withIngressClass("nginx"),
                LocalService.HOST, dev.report(), roots(dev), AuthKeys.Pair.fresh().json());
        String yaml = manifests.yaml(false);
        List<HasMetadata> loaded = admin.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
                .items();
        assertEquals(List.of("Namespace", "Secret", "Secret", "Deployment", "Service", "Ingress"),
                loaded.stream().map(HasMetadata::getKind).toList());
        // The file applies as kubectl apply -f would (server-side, dry run: nothing is stored).
        admin.resource(loaded.get(0)).create();
        for (HasMetadata object : loaded.subList(1, loaded.size())) {
            admin.resource(object).dryRun().create();
        }
        String preview = manifests.yaml(true);
        String keyBase64 = Base64.getEncoder().encodeToString(CertificateExporter.privateKeyPem(dev.report().key())
                .getBytes(StandardCharsets.US_ASCII));
        assertTrue(yaml.contains(keyBase64));
        assertFalse(preview.contains(keyBase64), "the preview never shows the key");
        assertTrue(preview.contains("(hidden: tls.key)"), preview);
    }
}

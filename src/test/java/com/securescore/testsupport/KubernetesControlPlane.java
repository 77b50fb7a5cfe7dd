package com.securescore.testsupport;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real Kubernetes control plane for the tests (etcd, kube-apiserver, controller-manager and
 * scheduler 1.20, built by tools/k8s-control-plane.sh, which tools/test.sh runs once per machine),
 * started once per test JVM on free loopback ports with its own state folder, and stopped when the
 * JVM exits. There is no kubelet: {@link #playKubelet} does what one would (the standard stand-in
 * the control plane's own tests use), so rollouts complete or fail as on a real node. The integration
 * tests (*IT) run a real node beside it instead: {@link KubernetesNode}.
 */
public final class KubernetesControlPlane {
    /** A user the cluster knows but RBAC grants nothing (tools/k8s-control-plane.sh writes its token). */
    public static final String LIMITED_TOKEN = "test-limited-token";
    private static KubernetesControlPlane started;

    private final Path kubeconfig;
    private final Path run;
    private final Map<String, String> env;
    private final KubernetesClient admin;
    private final Deque<Runnable> beforeStop = new ArrayDeque<>();
    private int pods;

    private KubernetesControlPlane(Path kubeconfig, Path run, Map<String, String> env) {
        this.kubeconfig = kubeconfig;
        this.run = run;
        this.env = env;
        this.admin = client(kubeconfig);
    }

    /** The shared control plane, started on first use. */
    public static synchronized KubernetesControlPlane get() {
        if (started == null) {
            started = start();
            KubernetesControlPlane plane = started;
            Runtime.getRuntime().addShutdownHook(new Thread(plane::stop, "k8s-stop"));
        }
        return started;
    }

    private static KubernetesControlPlane start() {
        String dir = System.getenv().getOrDefault("K8S_DIR", System.getProperty("user.home")
                + "/.cache/k8s-control-plane");
        if (!Files.exists(Path.of(dir, "bin", ".complete"))) {
            throw new IllegalStateException("The Kubernetes control plane is not built in " + dir + ": run "
                    + "tools/test.sh (the README's test command), which builds it once per machine.");
        }
        Path script = Path.of("tools", "k8s-control-plane.sh").toAbsolutePath();
        try {
            Path run = Files.createTempDirectory("k8s-run");
            Map<String, String> env = Map.of("K8S_DIR", dir, "K8S_RUN", run.toString(),
                    "API_PORT", String.valueOf(Ports.unused()), "ETCD_PORT", String.valueOf(Ports.unused()),
                    "ETCD_PEER_PORT", String.valueOf(Ports.unused()));
            Path log = run.resolve("start.log");
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "start").redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("The Kubernetes control plane did not start:\n"
                        + Files.readString(log));
            }
            return new KubernetesControlPlane(run.resolve("admin.kubeconfig"), run, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code action} when the JVM exits, before the control plane stops (the last one given first):
     * a real node ({@link KubernetesNode}) stops while the API server it reports to still answers.
     */
    public synchronized void beforeStop(Runnable action) {
        beforeStop.push(action);
    }

    private void stop() {
        synchronized (this) {
            while (!beforeStop.isEmpty()) {
                try {
                    beforeStop.pop().run();
                } catch (RuntimeException e) {
                    e.printStackTrace(); // at JVM exit: the rest still has to stop
                }
            }
        }
        try {
            admin.close();
            ProcessBuilder pb = new ProcessBuilder("bash", Path.of("tools", "k8s-control-plane.sh").toAbsolutePath()
                    .toString(), "stop").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().putAll(env);
            pb.start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // Stopping at JVM exit: nothing left to report to.
        }
    }

    /** The administrator's kubeconfig (context "test"). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    public KubernetesClient admin() {
        return admin;
    }

    /** A kubeconfig for the same cluster with another bearer token (context "test"). */
    public Path kubeconfigWithToken(String token) {
        try {
            String text = Files.readString(kubeconfig).replace("token: test-admin-token", "token: " + token);
            Path file = Files.createTempFile(run, "kubeconfig", ".yaml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A kubeconfig naming a server nothing listens on. */
    public Path kubeconfigForUnreachableServer() {
        try {
            String text = Files.readString(kubeconfig).replaceAll("https://127\\.0\\.0\\.1:\\d+",
                    "https://127.0.0.1:" + Ports.unused());
            Path file = Files.createTempFile(run, "kubeconfig", ".yaml");
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static KubernetesClient client(Path kubeconfig) {
        try {
            Config config = Config.fromKubeconfig(null, Files.readString(kubeconfig), kubeconfig.toString());
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node the scheduler can bind pods to, with room for them (the kubelet would register it). */
    public synchronized void ensureNode() {
        if (admin.nodes().withName("node-1").get() != null) {
            return;
        }
        Node node = new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build();
        admin.nodes().resource(node).create();
        // The node controller touches a new node at once: edits that meet its change are made again.
        retryOnConflict(() -> admin.nodes().withName("node-1").editStatus(n -> new NodeBuilder(n).withNewStatus()
                .withCapacity(Map.of("cpu", new Quantity("16"), "memory", new Quantity("64Gi"),
                        "pods", new Quantity("110")))
                .withAllocatable(Map.of("cpu", new Quantity("16"), "memory", new Quantity("64Gi"),
                        "pods", new Quantity("110")))
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withLastHeartbeatTime(Instant.now().toString()).withLastTransitionTime(Instant.now().toString())
                .endCondition()
                .addNewAddress().withType("InternalIP").withAddress("192.0.2.10").endAddress()
                .addNewAddress().withType("ExternalIP").withAddress("203.0.113.10").endAddress()
                .endStatus().build()));
    }

    /** Runs an edit again when the API server says the object changed underneath it (409), as controllers do. */
    private static void retryOnConflict(Runnable edit) {
        for (int attempt = 1; ; attempt++) {
            try {
                edit.run();
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /**
     * What a kubelet sends every few seconds: the node is Ready now. Without it the node controller marks
     * the node unreachable 40 s after the last one and taints it, and the scheduler places no more pods.
     */
    public synchronized void heartbeat() {
        ensureNode();
        String now = Instant.now().toString();
        retryOnConflict(() -> admin.nodes().withName("node-1").editStatus(n -> {
            n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).forEach(c -> {
                c.setStatus("True");
                c.setReason("KubeletReady");
                c.setLastHeartbeatTime(now);
            });
            return n;
        }));
        // A merge patch, not an edit: an edit is sent as a JSON patch computed from the copy it read, and
        // when the node controller had changed the taints meanwhile the API server refused it (422).
        admin.nodes().withName("node-1").patch(PatchContext.of(
                PatchType.JSON_MERGE), "{\"spec\":{\"taints\":null}}");
    }

    /** Waits until {@code count} pods of the namespace match and are bound to a node, as the kubelet would. */
    public List<Pod> awaitScheduledPods(String namespace, int count, Predicate<Pod> which) {
        heartbeat();
        try {
            WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> scheduled(namespace, count, which));
        } catch (TimeoutException e) {
            throw new IllegalStateException("No " + count + " scheduled pods in " + namespace + " after 90 s: "
                    + admin.pods().inNamespace(namespace).list().getItems().stream().map(p -> p.getMetadata()
                    .getName() + " on " + p.getSpec().getNodeName()).toList());
        }
        return admin.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getSpec().getNodeName() != null).filter(which).toList();
    }

    private boolean scheduled(String namespace, int count, Predicate<Pod> which) {
        return admin.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .filter(p -> p.getSpec().getNodeName() != null).filter(which).count() >= count;
    }

    /** What the kubelet reports for a pod whose container runs and passes its readiness probe. */
    public void markReady(Pod pod) {
        String now = Instant.now().toString();
        String container = pod.getSpec().getContainers().get(0).getName();
        retryOnConflict(() -> admin.pods().inNamespace(pod.getMetadata().getNamespace())
                .withName(pod.getMetadata().getName()).editStatus(p -> {
                    p.getStatus().setPhase("Running");
                    p.getStatus().setPodIP("10.1.0." + (++pods % 250 + 1));
                    p.getStatus().setHostIP("192.0.2.10");
                    p.getStatus().setStartTime(now);
                    p.getStatus().setConditions(List.of(
                            new PodConditionBuilder().withType("Initialized").withStatus("True")
                                    .withLastTransitionTime(now).build(),
                            new PodConditionBuilder().withType("Ready").withStatus("True")
                                    .withLastTransitionTime(now).build(),
                            new PodConditionBuilder().withType("ContainersReady").withStatus("True")
                                    .withLastTransitionTime(now).build(),
                            new PodConditionBuilder().withType("PodScheduled").withStatus("True")
                                    .withLastTransitionTime(now).build()));
                    p.getStatus().setContainerStatuses(List.of(new ContainerStatusBuilder().withName(container)
                            .withImage(pod.getSpec().getContainers().get(0).getImage()).withImageID("sha256:0")
                            .withReady(true).withStarted(true).withRestartCount(0)
                            .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build()));
                    return p;
                }));
    }
}

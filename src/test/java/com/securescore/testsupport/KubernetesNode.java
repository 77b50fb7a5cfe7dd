package com.securescore.testsupport;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A real Kubernetes node for the integration tests (*IT): kubelet, kube-proxy, containerd and runc
 * (tools/k8s-node.sh) registered with this JVM's {@link KubernetesControlPlane}, pulling images over
 * TLS with a password from this JVM's {@link TestRegistry}. Pods really run, so a test sees what a user
 * would: image pulls that need the pull Secret, logs served by the kubelet, probes, NodePorts on
 * 127.0.0.1. Pods reach nothing outside this machine.
 *
 * <p>Started once per JVM by {@link #get()} (the node is Ready in about 15 s) and stopped when the JVM
 * exits, before the control plane it reports to. It needs root (kubelet and containerd make mounts and
 * network namespaces) and the node's binaries, which tools/test.sh builds once per machine; without
 * either it fails and says so, rather than skipping, so a run never passes without having tested.
 * The surefire tests' control plane with its stand-in node ({@code node-1}) is unaffected: failsafe
 * runs the integration tests in a JVM of their own.
 */
public final class KubernetesNode {
    /** The repository and tag {@link #baseImage()} pushes the Java 17 base image as. */
    public static final String BASE_REPOSITORY = "securescore-test/jre-base";
    public static final String BASE_TAG = "17";
    private static final Path SCRIPT = Path.of("tools", "k8s-node.sh").toAbsolutePath();
    private static KubernetesNode started;
    private static RuntimeException failed;

    private final KubernetesControlPlane controlPlane;
    private final TestRegistry registry;
    private final Path k8sDir;
    private final Path nodeRun;
    private final Map<String, String> env;
    private String baseImage;

    private KubernetesNode(KubernetesControlPlane controlPlane, TestRegistry registry, Path k8sDir, Path nodeRun,
                           Map<String, String> env) {
        this.controlPlane = controlPlane;
        this.registry = registry;
        this.k8sDir = k8sDir;
        this.nodeRun = nodeRun;
        this.env = env;
    }

    /** The shared node, started on first use (with the control plane and the registry, if not yet). */
    public static synchronized KubernetesNode get() {
        if (failed != null) {
            throw failed; // once is enough: every test class would wait for the same failure again
        }
        if (started == null) {
            try {
                started = start();
            } catch (RuntimeException e) {
                failed = e;
                throw e;
            }
        }
        return started;
    }

    private static KubernetesNode start() {
        Path k8sDir = Path.of(System.getenv().getOrDefault("K8S_DIR", System.getProperty("user.home")
                + "/.cache/k8s-control-plane"));
        requireRootAndBuild(k8sDir);
        return start(KubernetesControlPlane.get(), TestRegistry.get(), k8sDir);
    }

    private static void requireRootAndBuild(Path k8sDir) {
        if (!Files.exists(k8sDir.resolve("bin/.node-complete"))) {
            throw new IllegalStateException("The Kubernetes node is not built in " + k8sDir + ": run tools/test.sh "
                    + "(the README's test command), which builds it once per machine, or as root: "
                    + "tools/k8s-control-plane.sh build && tools/k8s-node.sh build");
        }
        Object uid;
        try {
            uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | UnsupportedOperationException e) {
            uid = "unknown (" + e + ")";
        }
        if (!Integer.valueOf(0).equals(uid)) {
            throw new IllegalStateException("The Kubernetes node needs root (kubelet and containerd mount file "
                    + "systems and make network namespaces), but this JVM runs as uid " + uid + ": run the "
                    + "integration tests as root (CI's .ci/run does).");
        }
    }

    private static KubernetesNode start(KubernetesControlPlane plane, TestRegistry registry, Path k8sDir) {
        try {
            Path nodeRun = Files.createTempDirectory("k8s-node");
            Map<String, String> env = Map.of("K8S_DIR", k8sDir.toString(),
                    "KUBECONFIG", plane.kubeconfig().toString(), "NODE_RUN", nodeRun.toString(),
                    "NODE_REGISTRY", registry.address(), "NODE_REGISTRY_CA", registry.caFile().toString(),
                    "KUBELET_PORT", String.valueOf(Ports.unused()),
                    "PROXY_HEALTH_PORT", String.valueOf(Ports.unused()),
                    "PROXY_METRICS_PORT", String.valueOf(Ports.unused()));
            KubernetesNode node = new KubernetesNode(plane, registry, k8sDir, nodeRun, env);
            // Registered first: a start that fails half-way leaves processes that stop must end.
            plane.beforeStop(node::stop);
            Path log = nodeRun.resolve("start.log");
            long t0 = System.nanoTime();
            if (!node.script("start", log, 180)) {
                node.stop();
                throw new IllegalStateException("The Kubernetes node did not start (logs in " + nodeRun + "/logs):\n"
                        + Files.readString(log) + "\ncontainerd:\n" + node.logTail("containerd", 10));
            }
            System.out.printf("Kubernetes node Ready in %.1f s (logs in %s/logs)%n", (System.nanoTime() - t0) / 1e9,
                    nodeRun);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs tools/k8s-node.sh with this node's environment; whether it succeeded within the limit. */
    private boolean script(String command, Path log, int seconds) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        try {
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            return false;
        }
    }

    /**
     * Stops kubelet, kube-proxy, containerd and the pods' containers, then deletes containerd's image
     * store (hundreds of MB a run); the logs stay in {@link #nodeRun()}.
     */
    private void stop() {
        try {
            if (!script("stop", nodeRun.resolve("stop.log"), 60)) {
                System.err.println("k8s-node.sh stop failed: " + Files.readString(nodeRun.resolve("stop.log")));
                return;
            }
            // Only with nothing mounted below it any more (stop unmounts): never delete through a mount.
            if (Files.readString(Path.of("/proc/mounts")).contains(" " + nodeRun + "/")) {
                return;
            }
            new ProcessBuilder("rm", "-rf", "--one-file-system", nodeRun.resolve("containerd-root").toString(),
                    nodeRun.resolve("containerd-state").toString()).start().waitFor(60, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // Stopping at JVM exit: nothing left to report to.
        }
    }

    public KubernetesControlPlane controlPlane() {
        return controlPlane;
    }

    public TestRegistry registry() {
        return registry;
    }

    /** The control plane's administrator kubeconfig, the one the kubelet uses too. */
    /**
     * Deletes a test's namespace and waits until its pods are gone: the node has 2 cores and each pod
     * asks for half of one, so the next test's pods need the room.
     */
    public void deleteNamespace(String namespace) {
        client().namespaces().withName(namespace).delete();
        try {
            WaitForAsyncUtils.waitFor(2, TimeUnit.MINUTES, () -> client().pods().inNamespace(namespace).list()
                    .getItems().isEmpty());
        } catch (TimeoutException e) {
            throw new IllegalStateException("The pods of " + namespace + " were still there 2 minutes after the "
                    + "namespace was deleted:\n" + logTail("kubelet", 30), e);
        }
    }

    /** kubectl 1.20, built with the control plane. */
    public Path kubectl() {
        return k8sDir.resolve("bin/kubectl");
    }

    public Path kubeconfig() {
        return controlPlane.kubeconfig();
    }

    /** The administrator's fabric8 client. */
    public KubernetesClient client() {
        return controlPlane.admin();
    }

    /** The node's state folder: logs/kubelet.log, logs/containerd.log, logs/kube-proxy.log, containerd.sock. */
    public Path nodeRun() {
        return nodeRun;
    }

    /**
     * The Java 17 base image (tools/jre-base-image.sh, which tools/test.sh runs once per machine), pushed
     * to the registry once per JVM; its reference {@code 127.0.0.1:PORT/securescore-test/jre-base:17}.
     */
    public synchronized String baseImage() {
        if (baseImage == null) {
            Path tar = k8sDir.resolve("jre-base.tar");
            if (!Files.exists(tar)) {
                throw new IllegalStateException("No Java base image at " + tar + ": run tools/test.sh, which builds "
                        + "it once per machine, or as root: tools/jre-base-image.sh build");
            }
            long t0 = System.nanoTime();
            baseImage = registry.push(tar, BASE_REPOSITORY, BASE_TAG);
            System.out.printf("Pushed %s in %.1f s%n", baseImage, (System.nanoTime() - t0) / 1e9);
        }
        return baseImage;
    }

    /** Loads a docker or OCI archive straight into the node's containerd (no registry, no pull Secret). */
    public void containerdImport(Path tar) {
        try {
            Process p = new ProcessBuilder("ctr", "--address", nodeRun.resolve("containerd.sock").toString(),
                    "-n", "k8s.io", "image", "import", tar.toAbsolutePath().toString()).redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("ctr image import " + tar + " failed: " + out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The last {@code lines} lines of one of the node's logs ("kubelet", "containerd", "kube-proxy"). */
    public String logTail(String name, int lines) {
        try {
            List<String> all = new String(Files.readAllBytes(nodeRun.resolve("logs/" + name + ".log")),
                    StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no " + name + " log: " + e.getMessage() + ")";
        }
    }
}

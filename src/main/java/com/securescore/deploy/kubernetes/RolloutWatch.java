package com.securescore.deploy.kubernetes;

import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Waits for a Deployment's rollout as {@code kubectl rollout status} does, reporting ready pods as
 * it goes, and stops early with a plain explanation when a pod cannot get there on its own: its
 * image cannot be pulled, its container keeps crashing (with the container's last log lines), its
 * configuration is broken; or, at the time limit, why the pods are still not ready.
 */
final class RolloutWatch {
    private static final Set<String> IMAGE_PROBLEMS = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "ErrImageNeverPull");
    private static final long POLL_MILLIS = 1_000;

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final int replicas;
    private final Map<String, String> selector;

    RolloutWatch(KubernetesClient client, String namespace, String name, int replicas, Map<String, String> selector) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.replicas = replicas;
        this.selector = selector;
    }

    void await(Duration timeout, Progress progress, Cancellation cancel) throws KubernetesDeployException {
        long start = System.nanoTime();
        long end = start + timeout.toNanos();
        String lastStage = null;
        while (true) {
            cancel.check();
            Deployment deployment;
            List<Pod> pods;
            try {
                deployment = client.apps().deployments().inNamespace(namespace).withName(name).get();
                pods = client.pods().inNamespace(namespace).withLabels(selector).list().getItems();
            } catch (KubernetesClientException e) {
                throw KubernetesProblems.explain(e, "follow the rollout of " + name, String.valueOf(
                        client.getMasterUrl()), null);
            }
            if (deployment == null) {
                throw new KubernetesDeployException("The Deployment " + namespace + "/" + name + " disappeared while "
                        + "SecureScore waited for it (deleted by someone else?). Deploy again.");
            }
            failFast(pods);
            DeploymentStatus status = deployment.getStatus();
            int ready = status == null || status.getAvailableReplicas() == null ? 0 : status.getAvailableReplicas();
            int updated = status == null || status.getUpdatedReplicas() == null ? 0 : status.getUpdatedReplicas();
            if (complete(deployment)) {
                progress.line("Rollout complete: " + replicas + " of " + replicas + " pods ready.");
                return;
            }
            String stage = "Waiting for pods: " + Math.min(ready, updated) + " of " + replicas + " ready"
                    + (updated < replicas ? ", " + updated + " updated" : "");
            if (!stage.equals(lastStage)) {
                progress.line(stage + ".");
                lastStage = stage;
            }
            double waited = (System.nanoTime() - start) / (double) timeout.toNanos();
            progress.stage(stage, 0.45 + 0.45 * Math.max(Math.min(ready, updated) / (double) replicas,
                    Math.min(0.5, waited)));
            String deadline = progressDeadline(deployment);
            if (deadline != null || System.nanoTime() >= end) {
                throw new KubernetesDeployException(timedOut(timeout, ready, pods, deadline));
            }
            cancel.sleep(POLL_MILLIS);
        }
    }

    /** As kubectl rollout status: the new template observed, every replica updated and available, no old ones. */
    private boolean complete(Deployment d) {
        DeploymentStatus s = d.getStatus();
        if (s == null || s.getObservedGeneration() == null || d.getMetadata().getGeneration() == null
                || s.getObservedGeneration() < d.getMetadata().getGeneration()) {
            return false;
        }
        int updated = s.getUpdatedReplicas() == null ? 0 : s.getUpdatedReplicas();
        int total = s.getReplicas() == null ? 0 : s.getReplicas();
        int available = s.getAvailableReplicas() == null ? 0 : s.getAvailableReplicas();
        return updated >= replicas && total == updated && available >= updated;
    }

    private static String progressDeadline(Deployment d) {
        if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return null;
        }
        for (DeploymentCondition c : d.getStatus().getConditions()) {
            if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
                return c.getMessage();
            }
        }
        return null;
    }

    private void failFast(List<Pod> pods) throws KubernetesDeployException {
        for (Pod pod : pods) {
            if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
                continue;
            }
            for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
                ContainerStateWaiting waiting = cs.getState() == null ? null : cs.getState().getWaiting();
                if (waiting == null || waiting.getReason() == null) {
                    continue;
                }
                String podName = pod.getMetadata().getName();
                String detail = waiting.getMessage() == null ? "" : " (" + waiting.getMessage() + ")";
                if (IMAGE_PROBLEMS.contains(waiting.getReason())) {
                    throw new KubernetesDeployException(imageProblem(pod, cs, waiting));
                }
                if ("CrashLoopBackOff".equals(waiting.getReason())) {
                    throw new KubernetesDeployException("The scoring service keeps stopping: pod " + podName
                            + " is in CrashLoopBackOff after " + cs.getRestartCount() + " restart(s)."
                            + lastWords(pod, cs) + "\nFix what the log says (often the certificate, or memory: the "
                            + "pod is limited to 1.5 GiB), then deploy again.");
                }
                if ("CreateContainerConfigError".equals(waiting.getReason())
                        || "CreateContainerError".equals(waiting.getReason())) {
                    throw new KubernetesDeployException("The cluster cannot create the container of pod " + podName
                            + ": " + waiting.getReason() + detail + ".");
                }
            }
        }
    }

    /**
     * Why the image cannot be pulled, in the registry's own words (from the pull's event when the
     * pod already backs off), and the fix that matches: credentials, a missing tag, an unreachable
     * registry.
     */
    private String imageProblem(Pod pod, ContainerStatus cs, ContainerStateWaiting waiting) {
        String podName = pod.getMetadata().getName();
        String said = waiting.getMessage() == null ? "" : waiting.getMessage();
        if (!said.contains("rpc error") && !said.contains("failed to")) {
            String event = pullEvent(podName);
            if (event != null) {
                said = event;
            }
        }
        String lower = said.toLowerCase(Locale.ROOT);
        String fix;
        if (lower.contains("401") || lower.contains("unauthorized") || lower.contains("authorization failed")
                || lower.contains("no basic auth credentials")) {
            fix = "The registry refused the pull credentials (or got none). Deploy with --registry-user and "
                    + "--registry-password-file (or a docker login entry for the registry), which SecureScore puts "
                    + "into an image pull Secret, or name an existing one with --image-pull-secret NAME.";
        } else if (lower.contains("403") || lower.contains("denied")) {
            fix = "The registry knows the pull credentials but does not let them read this repository: use an "
                    + "account with pull rights.";
        } else if (lower.contains("not found") || lower.contains("manifest unknown")) {
            fix = "The registry has no such image or tag: build and push it first with securescore image build "
                    + "--to " + cs.getImage() + ", then deploy again.";
        } else if (lower.contains("x509") || lower.contains("certificate")) {
            fix = "The node does not trust the registry's TLS certificate: install the registry's CA on every "
                    + "node's container runtime (containerd: registry.configs.\"HOST\".tls.ca_file).";
        } else if (lower.contains("connection refused") || lower.contains("no such host")
                || lower.contains("i/o timeout") || lower.contains("proxyconnect")) {
            fix = "The node cannot reach the registry: push the image to a registry the cluster's nodes can reach "
                    + "(securescore image build --to REGISTRY/securescore:TAG) and deploy with that --image.";
        } else if ("InvalidImageName".equals(waiting.getReason())) {
            fix = "The image name is not valid: give REGISTRY/NAME:TAG.";
        } else {
            fix = "Build and push the image to a registry the cluster can reach (securescore image build --to "
                    + "REGISTRY/securescore:TAG), then deploy with that --image.";
        }
        return "The cluster cannot pull the image " + cs.getImage() + ": pod " + podName + " is in "
                + waiting.getReason() + (said.isBlank() ? "" : " (" + said.strip() + ")") + ".\n" + fix;
    }

    /** The newest "Failed" event of the pod: it keeps the registry's answer that the back-off message lacks. */
    private String pullEvent(String podName) {
        try {
            return client.v1().events().inNamespace(namespace).withField("involvedObject.name", podName).list()
                    .getItems().stream().filter(e -> "Failed".equals(e.getReason()) && e.getMessage() != null
                            && e.getMessage().contains("pull"))
                    .reduce((a, b) -> b).map(Event::getMessage).orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The container's last log lines, or at least how it ended when the logs cannot be read. */
    private String lastWords(Pod pod, ContainerStatus cs) {
        String log = null;
        try {
            log = client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                    .inContainer(cs.getName()).terminated().tailingLines(15).getLog();
        } catch (RuntimeException e) {
            // No log (the node's kubelet unreachable, or no rights on pods/log): say how it ended instead.
        }
        if (log != null && !log.isBlank()) {
            return "\nIts last log lines:\n  " + String.join("\n  ", log.strip().split("\\R"));
        }
        ContainerStateTerminated last = cs.getLastState() == null ? null : cs.getLastState().getTerminated();
        if (last == null) {
            return " Its log cannot be read: kubectl -n " + namespace + " logs " + pod.getMetadata().getName()
                    + " --previous";
        }
        return " It last exited with code " + last.getExitCode() + (last.getReason() == null ? "" : " ("
                + last.getReason() + ")") + (last.getMessage() == null ? "" : ": " + last.getMessage().strip())
                + ". Its log: kubectl -n " + namespace + " logs " + pod.getMetadata().getName() + " --previous";
    }

    private String timedOut(Duration timeout, int ready, List<Pod> pods, String deadline) {
        StringBuilder why = new StringBuilder();
        for (Pod pod : pods) {
            String reason = notReadyReason(pod);
            if (reason != null) {
                why.append("\n  ").append(pod.getMetadata().getName()).append(": ").append(reason);
            }
        }
        return "The rollout did not finish" + (deadline != null ? " (" + deadline + ")" : " within "
                + KubernetesDeployer.seconds(timeout)) + ": " + ready + " of " + replicas + " pods ready."
                + (why.length() == 0 ? (pods.isEmpty() ? " No pod was created: check the namespace's quota and "
                        + "events (kubectl -n " + namespace + " get events)." : "") : why.toString())
                + "\nWhat was applied stays on the cluster; deploy again to wait once more, or look closer with "
                + "kubectl -n " + namespace + " describe pods -l app.kubernetes.io/instance=" + name + ".";
    }

    private static String notReadyReason(Pod pod) {
        if (pod.getStatus() == null) {
            return "no status yet";
        }
        if (pod.getStatus().getConditions() != null) {
            for (PodCondition c : pod.getStatus().getConditions()) {
                if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
                    return "not scheduled on any node" + (c.getMessage() == null ? "" : " (" + c.getMessage() + ")");
                }
            }
        }
        if (pod.getSpec() != null && pod.getSpec().getNodeName() == null) {
            return "waiting for a node (no node has taken it)";
        }
        if (pod.getStatus().getContainerStatuses() != null) {
            for (ContainerStatus cs : pod.getStatus().getContainerStatuses()) {
                if (Boolean.TRUE.equals(cs.getReady())) {
                    continue;
                }
                if (cs.getState() != null && cs.getState().getWaiting() != null) {
                    return "container waiting: " + cs.getState().getWaiting().getReason();
                }
                if (cs.getState() != null && cs.getState().getRunning() != null) {
                    return "running but not ready: /readyz does not answer 200 yet (downloading the model?)";
                }
            }
        }
        return "phase " + pod.getStatus().getPhase();
    }
}

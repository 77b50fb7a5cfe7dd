package com.securescore.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securescore.cert.CheckReport;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.service.AuthKeys;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Deploys the scoring service to a Kubernetes cluster and waits until it serves: creates the
 * namespace when missing, applies the objects of {@link KubernetesManifests} (server-side apply, so
 * a second run updates in place and a renewed certificate rolls the pods), keeps the keys a
 * previous deployment made, waits for the rollout and reports the address clients use.
 */
public final class KubernetesDeployer {
    /** How often the cluster is asked for the rollout's state. */
    private static final long POLL_MILLIS = 1_000;

    private final KubernetesClient client;
    private final String context;

    public KubernetesDeployer(KubernetesClient client, String context) {
        this.client = client;
        this.context = context;
    }

    /**
     * What a finished deployment gives the user.
     *
     * @param endpoint    where clients connect, and what the DNS step checks
     * @param keys        the service's keys (a previous deployment's, or new)
     * @param keysCreated true when this deployment made the keys
     * @param fingerprint SHA-256 of the served certificate
     */
    public record Result(DeployedEndpoint endpoint, AuthKeys.Pair keys, boolean keysCreated, String fingerprint,
                         String namespace, String name) {
    }

    private String server() {
        return String.valueOf(client.getMasterUrl());
    }

    public Result deploy(KubernetesSettings settings, String domain, CheckReport certificate,
            List<X509Certificate> privateRoots, Progress progress, Cancellation cancel)
            throws KubernetesDeployException {
        if (certificate == null || !certificate.ok() || certificate.key() == null) {
            throw new KubernetesDeployException("The certificate has errors or no key: fix it in the Certificate step "
                    + "(or with securescore check) first; pods would refuse to start with it.");
        }
        String problem = settings.problem();
        if (problem != null) {
            throw new KubernetesDeployException(problem);
        }
        String ns = settings.namespace();
        progress.stage("Connecting to the cluster", 0.02);
        reachCluster(progress);
        cancel.check();

        progress.stage("Namespace " + ns, 0.05);
        ensureNamespace(ns, progress);
        cancel.check();

        progress.stage("Auth keys", 0.1);
        Keys keys = authKeys(settings, progress);

        pullAccess(settings, progress);
        KubernetesManifests manifests = new KubernetesManifests(settings, domain, certificate, privateRoots,
                keys.pair().json());
        apply(manifests, progress, cancel);
        progress.line("Certificate fingerprint on the pod template: " + manifests.fingerprint().substring(0, 16)
                + "… (a new certificate rolls the pods one at a time).");

        new RolloutWatch(client, ns, settings.name(), settings.replicas(), manifests.selector())
                .await(settings.rolloutTimeout(), progress, cancel);

        DeployedEndpoint endpoint = address(settings, domain, progress, cancel);
        progress.stage("Deployed", 1);
        return new Result(endpoint, keys.pair(), keys.created(), manifests.fingerprint(), ns, settings.name());
    }

    /** Asks the cluster its version, which says it is reachable and the account may talk to it. */
    private void reachCluster(Progress progress) throws KubernetesDeployException {
        String version = call("reach the cluster", () -> client.getKubernetesVersion().getGitVersion());
        progress.line("Cluster " + server() + (context == null ? "" : " (context " + context + ")") + ", Kubernetes "
                + version + ".");
    }

    /** The service's keys, and whether this deployment made them. */
    private record Keys(AuthKeys.Pair pair, boolean created) {
    }

    /** The keys a previous deployment stored in its Secret, or new ones. */
    private Keys authKeys(KubernetesSettings settings, Progress progress) throws KubernetesDeployException {
        String ns = settings.namespace();
        String keysName = settings.name() + "-keys";
        Secret existingKeys = getOrNull("read the Secret " + keysName,
                () -> client.secrets().inNamespace(ns).withName(keysName).get());
        if (existingKeys != null && existingKeys.getData() != null
                && existingKeys.getData().containsKey(KubernetesManifests.KEYS_FILE)) {
            AuthKeys.Pair keys;
            try {
                keys = AuthKeys.Pair.parse(Base64.getDecoder().decode(existingKeys.getData()
                        .get(KubernetesManifests.KEYS_FILE)), "The Secret " + ns + "/" + keysName);
            } catch (IOException | IllegalArgumentException e) {
                throw new KubernetesDeployException(e.getMessage() + " Delete it (kubectl -n " + ns
                        + " delete secret " + keysName + ") to have new keys made.");
            }
            progress.line("Keys: kept from the existing Secret " + keysName + " (primary " + AuthKeys.mask(keys.primary())
                    + ").");
            return new Keys(keys, false);
        }
        AuthKeys.Pair keys = AuthKeys.Pair.fresh();
        progress.line("Keys: new, stored in the Secret " + keysName + " (primary " + AuthKeys.mask(keys.primary())
                + ").");
        return new Keys(keys, true);
    }

    /** Applies every object but the namespace (made already), server-side, so a second run updates in place. */
    private void apply(KubernetesManifests manifests, Progress progress, Cancellation cancel)
            throws KubernetesDeployException {
        List<HasMetadata> objects = new ArrayList<>(manifests.all());
        objects.removeIf(o -> o instanceof Namespace);
        for (int i = 0; i < objects.size(); i++) {
            cancel.check();
            HasMetadata object = objects.get(i);
            String what = object.getKind() + " " + object.getMetadata().getName();
            progress.stage("Applying " + what, 0.15 + 0.25 * i / objects.size());
            call("apply the " + what, () -> client.resource(object).fieldManager(KubernetesManifests.MANAGER)
                    .forceConflicts().serverSideApply());
            progress.line(what + ": applied.");
        }
    }

    /** Says how the pods will pull the image, and warns when a named pull Secret is not there. */
    private void pullAccess(KubernetesSettings settings, Progress progress) throws KubernetesDeployException {
        String ns = settings.namespace();
        if (settings.pullSecret() != null) {
            Secret existing = getOrNull("read the Secret " + settings.pullSecret(),
                    () -> client.secrets().inNamespace(ns).withName(settings.pullSecret()).get());
            progress.line(existing != null ? "Image pull Secret " + settings.pullSecret() + ": exists; the pods use it."
                    : "Image pull Secret " + settings.pullSecret() + ": not in the namespace " + ns + "; the pods "
                        + "cannot pull from a private registry until it is (kubectl -n " + ns + " create secret "
                        + "docker-registry " + settings.pullSecret() + " --docker-server=... --docker-username=... "
                        + "--docker-password=...).");
        } else if (settings.pullCredential() != null) {
            PullCredential c = settings.pullCredential();
            progress.line("Image pull Secret " + settings.effectivePullSecret() + ": the user " + c.user() + " for "
                    + c.registry() + " (from " + c.source() + ").");
        }
    }

    /**
     * Puts a renewed certificate into a deployment made earlier: only the TLS Secret's certificate and
     * key, and the certificate fingerprint on the pod template, change (so the pods roll one at a time);
     * the keys, the private roots and everything else stay. Waits for the rollout as {@link #deploy} does.
     *
     * @return the new certificate's fingerprint
     */
    public String replaceCertificate(String ns, String name, CheckReport certificate, Duration timeout,
            Progress progress, Cancellation cancel) throws KubernetesDeployException {
        if (certificate == null || !certificate.ok() || certificate.key() == null) {
            throw new KubernetesDeployException("The renewed certificate has errors or no key; it was not deployed.");
        }
        reachCluster(progress);
        Deployment deployment = getOrNull("read the Deployment " + name,
                () -> client.apps().deployments().inNamespace(ns).withName(name).get());
        String secret = KubernetesManifests.tlsSecretName(name);
        Secret tls = getOrNull("read the Secret " + secret, () -> client.secrets().inNamespace(ns).withName(secret)
                .get());
        if (deployment == null || tls == null) {
            throw new KubernetesDeployException("There is no " + (deployment == null ? "Deployment " + name
                    : "Secret " + secret) + " in the namespace " + ns + " any more. Deploy again with securescore "
                    + "deploy --target kubernetes --namespace " + ns + " --name " + name + ".");
        }
        cancel.check();
        String fingerprint = KubernetesManifests.fingerprint(certificate.leaf());
        call("update the Secret " + secret, () -> client.secrets().inNamespace(ns).withName(secret).patch(
                PatchContext.of(PatchType.JSON_MERGE), mergePatch(Map.of("data",
                        KubernetesManifests.certificateData(certificate)))));
        progress.line("Secret " + secret + ": holds the renewed certificate.");
        call("update the Deployment " + name, () -> client.apps().deployments().inNamespace(ns).withName(name).patch(
                PatchContext.of(PatchType.JSON_MERGE), mergePatch(Map.of("spec", Map.of("template", Map.of("metadata",
                        Map.of("annotations", Map.of(KubernetesManifests.CERT_ANNOTATION, fingerprint))))))));
        progress.line("Certificate fingerprint on the pod template: " + fingerprint.substring(0, 16)
                + "… (the pods roll one at a time).");
        int replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        new RolloutWatch(client, ns, name, replicas, KubernetesManifests.selector(name)).await(timeout, progress,
                cancel);
        return fingerprint;
    }

    private static String mergePatch(Map<String, ?> patch) {
        try {
            return new ObjectMapper().writeValueAsString(patch);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ensureNamespace(String ns, Progress progress) throws KubernetesDeployException {
        Namespace existing;
        try {
            existing = client.namespaces().withName(ns).get();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 403) {
                // An account limited to its namespace may not read namespaces; go on as if it exists.
                progress.line("Namespace " + ns + ": this account may not read namespaces; assuming it exists.");
                return;
            }
            throw KubernetesProblems.explain(e, "read the namespace " + ns, server(), context);
        } catch (RuntimeException e) {
            throw KubernetesProblems.explain(e, "read the namespace " + ns, server(), context);
        }
        if (existing != null) {
            progress.line("Namespace " + ns + ": exists.");
            return;
        }
        call("create the namespace " + ns, () -> client.namespaces().resource(new KubernetesManifests(
                KubernetesSettings.defaults(null).withNamespace(ns), "", null, List.of(), new byte[0]).namespace())
                .create());
        progress.line("Namespace " + ns + ": created.");
    }

    private DeployedEndpoint address(KubernetesSettings settings, String domain, Progress progress,
            Cancellation cancel) throws KubernetesDeployException {
        if (settings.ingressClass() != null) {
            return ingressAddress(settings, domain, progress, cancel);
        }
        switch (settings.serviceType()) {
            case LOAD_BALANCER:
                return loadBalancerAddress(settings, domain, progress, cancel);
            case NODE_PORT:
                return nodePortAddress(settings, domain, progress);
            default:
                return clusterIpAddress(settings, domain, progress);
        }
    }

    private DeployedEndpoint ingressAddress(KubernetesSettings settings, String domain, Progress progress,
            Cancellation cancel) throws KubernetesDeployException {
        String ns = settings.namespace();
        String name = settings.name();
        progress.stage("Waiting for the Ingress's address", 0.92);
        Addresses found = awaitAddress(settings.addressTimeout(), cancel, () -> {
            Ingress ingress = client.network().v1().ingresses().inNamespace(ns).withName(name).get();
            Addresses addresses = new Addresses(new ArrayList<>(), new ArrayList<>());
            if (ingress != null && ingress.getStatus() != null && ingress.getStatus().getLoadBalancer() != null
                    && ingress.getStatus().getLoadBalancer().getIngress() != null) {
                for (IngressLoadBalancerIngress i : ingress.getStatus().getLoadBalancer().getIngress()) {
                    addresses.add(i.getIp(), i.getHostname());
                }
            }
            return addresses;
        });
        String note = found.none()
                ? "The Ingress (class " + settings.ingressClass() + ") has no address yet: is an ingress controller "
                    + "of that class running, with TLS passthrough enabled (ingress-nginx: --enable-ssl-passthrough)?"
                : "Clients connect to " + domain + ":443 through the Ingress (TLS passthrough to the pods).";
        progress.line(found.none() ? note : "Ingress address: " + String.join(", ", found.all()) + ".");
        return new DeployedEndpoint(TargetKind.KUBERNETES, domain, 443, found.ips(), found.hosts(), note, null);
    }

    private DeployedEndpoint loadBalancerAddress(KubernetesSettings settings, String domain, Progress progress,
            Cancellation cancel) throws KubernetesDeployException {
        String ns = settings.namespace();
        String name = settings.name();
        progress.stage("Waiting for the load balancer's external address", 0.92);
        Addresses found = awaitAddress(settings.addressTimeout(), cancel, () -> {
            Service service = client.services().inNamespace(ns).withName(name).get();
            Addresses addresses = new Addresses(new ArrayList<>(), new ArrayList<>());
            if (service != null && service.getStatus() != null
                    && service.getStatus().getLoadBalancer() != null
                    && service.getStatus().getLoadBalancer().getIngress() != null) {
                for (LoadBalancerIngress i : service.getStatus().getLoadBalancer().getIngress()) {
                    addresses.add(i.getIp(), i.getHostname());
                }
            }
            return addresses;
        });
        if (found.none()) {
            String note = "The LoadBalancer Service has no external address after "
                    + seconds(settings.addressTimeout()) + ": this cluster has no load-balancer controller (a "
                    + "cloud provider, MetalLB, ...), or it is still provisioning. Deploy again with the "
                    + "service type NodePort, or with an Ingress, to reach it without one.";
            progress.line(note);
            return new DeployedEndpoint(TargetKind.KUBERNETES, domain, KubernetesSettings.PORT, List.of(),
                    List.of(), note, null);
        }
        progress.line("External address: " + String.join(", ", found.all()) + ", port "
                + KubernetesSettings.PORT + ".");
        return new DeployedEndpoint(TargetKind.KUBERNETES, domain, KubernetesSettings.PORT, found.ips(), found.hosts(),
                "", null);
    }

    private DeployedEndpoint nodePortAddress(KubernetesSettings settings, String domain, Progress progress)
            throws KubernetesDeployException {
        String ns = settings.namespace();
        String name = settings.name();
        Service service = call("read the Service " + name,
                () -> client.services().inNamespace(ns).withName(name).get());
        int nodePort = service == null || service.getSpec().getPorts().isEmpty()
                || service.getSpec().getPorts().get(0).getNodePort() == null ? 0
                : service.getSpec().getPorts().get(0).getNodePort();
        List<String> addresses = nodeAddresses();
        String note = addresses.isEmpty()
                ? "Node port " + nodePort + " is open on every node, but this account cannot list the nodes' "
                    + "addresses: point the name at one of them."
                : "Node port " + nodePort + " on every node; point the name at the nodes' addresses that "
                    + "clients can reach.";
        progress.line(note + (addresses.isEmpty() ? "" : " Nodes: " + String.join(", ", addresses) + "."));
        return new DeployedEndpoint(TargetKind.KUBERNETES, domain, nodePort, addresses, List.of(), note, null);
    }

    private static DeployedEndpoint clusterIpAddress(KubernetesSettings settings, String domain, Progress progress) {
        String ns = settings.namespace();
        String name = settings.name();
        String note = "A ClusterIP Service is reachable inside the cluster only (" + name + "." + ns
                + ".svc:" + KubernetesSettings.PORT + "). From this machine: kubectl -n " + ns
                + " port-forward service/" + name + " " + KubernetesSettings.PORT + ", then score with "
                + "--connect-to 127.0.0.1.";
        progress.line(note);
        return new DeployedEndpoint(TargetKind.KUBERNETES, domain, KubernetesSettings.PORT, List.of(),
                List.of(), note, null);
    }

    private List<String> nodeAddresses() {
        Set<String> external = new LinkedHashSet<>();
        Set<String> internal = new LinkedHashSet<>();
        try {
            for (Node node : client.nodes().list().getItems()) {
                if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
                    continue;
                }
                for (NodeAddress a : node.getStatus().getAddresses()) {
                    if ("ExternalIP".equals(a.getType())) {
                        external.add(a.getAddress());
                    } else if ("InternalIP".equals(a.getType())) {
                        internal.add(a.getAddress());
                    }
                }
            }
        } catch (KubernetesClientException e) {
            return List.of();
        }
        return List.copyOf(external.isEmpty() ? internal : external);
    }

    /** The IP addresses and host names a load balancer or an Ingress reports, in its order. */
    private record Addresses(List<String> ips, List<String> hosts) {
        void add(String ip, String host) {
            if (ip != null && !ip.isBlank()) {
                ips.add(ip);
            }
            if (host != null && !host.isBlank()) {
                hosts.add(host);
            }
        }

        boolean none() {
            return ips.isEmpty() && hosts.isEmpty();
        }

        /** The IP addresses, then the host names. */
        List<String> all() {
            List<String> all = new ArrayList<>(ips);
            all.addAll(hosts);
            return all;
        }
    }

    private interface Lookup {
        Addresses find();
    }

    private Addresses awaitAddress(Duration timeout, Cancellation cancel, Lookup lookup)
            throws KubernetesDeployException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Addresses found = call("read the address", lookup::find);
            if (!found.none() || System.nanoTime() >= end) {
                return found;
            }
            cancel.sleep(POLL_MILLIS);
        }
    }

    static String seconds(Duration d) {
        long s = d.toSeconds();
        return s >= 120 && s % 60 == 0 ? s / 60 + " minutes" : s + " s";
    }

    /** Work that talks to the cluster. */
    interface ClusterCall<T> {
        T run();
    }

    private <T> T call(String doing, ClusterCall<T> work) throws KubernetesDeployException {
        try {
            return work.run();
        } catch (RuntimeException e) {
            throw KubernetesProblems.explain(e, doing, server(), context);
        }
    }

    private <T> T getOrNull(String doing, ClusterCall<T> work) throws KubernetesDeployException {
        try {
            return work.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return null;
            }
            throw KubernetesProblems.explain(e, doing, server(), context);
        } catch (RuntimeException e) {
            throw KubernetesProblems.explain(e, doing, server(), context);
        }
    }

    /** The Deployment as stored, for callers that report on it. */
    Deployment deployment(String ns, String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }
}

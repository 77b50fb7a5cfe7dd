package com.securescore.deploy.kubernetes;

import com.securescore.Version;
import java.time.Duration;

/**
 * What to deploy where on a Kubernetes cluster. Every field has a default a first deployment can
 * use; {@link #defaults(String)} gives them.
 *
 * @param context        the kubeconfig context, or null for its current context
 * @param namespace      created when missing
 * @param name           base name of every object (Deployment, Service, Secrets), a DNS label
 * @param image          the container image running {@code securescore serve}
 * @param replicas       pods behind the Service
 * @param serviceType    how the Service is exposed
 * @param ingressClass   also make an Ingress with TLS passthrough for the domain, of this class
 *                       (e.g. "nginx"); null for none
 * @param demoModel      run the built-in demo model instead of downloading ResNet-50 in each pod
 * @param rolloutTimeout how long to wait for the pods to become ready
 * @param addressTimeout how long to wait for a load balancer's external address
 * @param pullSecret     an existing image pull Secret in the namespace to reference, or null
 * @param pullCredential registry credentials to put into an image pull Secret of our own
 *                       ({@code NAME-registry}), or null; the Secret then is referenced
 */
public record KubernetesSettings(String context, String namespace, String name, String image, int replicas,
                                 ServiceType serviceType, String ingressClass, boolean demoModel,
                                 Duration rolloutTimeout, Duration addressTimeout, String pullSecret,
                                 PullCredential pullCredential) {
    /** A name for an image that securescore image build made; push it where the cluster can pull it. */
    public static final String DEFAULT_IMAGE = "securescore:" + Version.get();
    /** The TLS port the scoring service listens on in the pod and the Service exposes. */
    public static final int PORT = 50051;
    /** Plain-HTTP health port for the probes (serve --health-port); never exposed by the Service. */
    public static final int HEALTH_PORT = 8080;

    /** How the Service is reached. */
    public enum ServiceType {
        /** An external address from the cloud's load balancer (none without a load-balancer controller). */
        LOAD_BALANCER("LoadBalancer"),
        /** A port on every node's address. */
        NODE_PORT("NodePort"),
        /** Inside the cluster only (or through an Ingress). */
        CLUSTER_IP("ClusterIP");

        private final String apiName;

        ServiceType(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }
    }

    public static KubernetesSettings defaults(String context) {
        return new KubernetesSettings(context, "securescore", "securescore", DEFAULT_IMAGE, 2,
                ServiceType.LOAD_BALANCER, null, false, Duration.ofMinutes(5), Duration.ofMinutes(2), null, null);
    }

    public KubernetesSettings withContext(String value) {
        return new KubernetesSettings(value, namespace, name, image, replicas, serviceType, ingressClass, demoModel,
                rolloutTimeout, addressTimeout, pullSecret, pullCredential);
    }

    public KubernetesSettings withNamespace(String value) {
        return new KubernetesSettings(context, value, name, image, replicas, serviceType, ingressClass, demoModel,
                rolloutTimeout, addressTimeout, pullSecret, pullCredential);
    }

    public KubernetesSettings withName(String value) {
        return new KubernetesSettings(context, namespace, value, image, replicas, serviceType, ingressClass, demoModel,
                rolloutTimeout, addressTimeout, pullSecret, pullCredential);
    }

    public KubernetesSettings withImage(String value) {
        return new KubernetesSettings(context, namespace, name, value, replicas, serviceType, ingressClass, demoModel,
                rolloutTimeout, addressTimeout, pullSecret, pullCredential);
    }

    public KubernetesSettings withReplicas(int value) {
        return new KubernetesSettings(context, namespace, name, image, value, serviceType, ingressClass, demoModel,
                rolloutTimeout, addressTimeout, pullSecret, pullCredential);
    }

    public KubernetesSettings withServiceType(ServiceType value) {
        return new KubernetesSettings(context, namespace, name, image, replicas, value, ingressClass, demoModel,
                rolloutTimeout, addressTimeout, pullSecret, pullCredential);
    }

    public KubernetesSettings withIngressClass(String value) {
        return new KubernetesSettings(context, namespace, name, image, replicas, serviceType, value, demoModel,
                rolloutTimeout, addressTimeout, pullSecret, pullCredential);
    }

    public KubernetesSettings withDemoModel(boolean value) {
        return new KubernetesSettings(context, namespace, name, image, replicas, serviceType, ingressClass, value,
                rolloutTimeout, addressTimeout, pullSecret, pullCredential);
    }

    public KubernetesSettings withTimeouts(Duration rollout, Duration address) {
        return new KubernetesSettings(context, namespace, name, image, replicas, serviceType, ingressClass, demoModel,
                rollout, address, pullSecret, pullCredential);
    }

    /** Pods pull the image with an existing Secret of that name (null: none). */
    public KubernetesSettings withPullSecret(String value) {
        return new KubernetesSettings(context, namespace, name, image, replicas, serviceType, ingressClass, demoModel,
                rolloutTimeout, addressTimeout, value, pullCredential);
    }

    /** Pods pull the image with these credentials, kept in a Secret of the deployment's own (null: none). */
    public KubernetesSettings withPullCredential(PullCredential value) {
        return new KubernetesSettings(context, namespace, name, image, replicas, serviceType, ingressClass, demoModel,
                rolloutTimeout, addressTimeout, pullSecret, value);
    }

    /** The image pull Secret the pods reference: the one named, else the deployment's own, else null. */
    public String effectivePullSecret() {
        if (pullSecret != null) {
            return pullSecret;
        }
        return pullCredential == null ? null : name + "-registry";
    }

    /** Problems with the settings themselves, before the cluster is asked anything; null when none. */
    public String problem() {
        if (!isDnsLabel(namespace)) {
            return "The namespace \"" + namespace + "\" is not a valid Kubernetes name: lower-case letters, digits "
                    + "and '-', starting and ending with a letter or digit, at most 63 characters.";
        }
        if (!isServiceName(name) || name.length() > 40) {
            return "The name \"" + name + "\" is not a valid base name: lower-case letters, digits and '-', "
                    + "starting with a letter, at most 40 characters (the objects are called " + name + "-tls, "
                    + name + "-keys, ...).";
        }
        if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            return "The image name is empty or has spaces: give one the cluster can pull, e.g. "
                    + "registry.example.com/securescore:" + Version.get() + ".";
        }
        if (pullSecret != null && !isDnsSubdomain(pullSecret)) {
            return "The image pull Secret name \"" + pullSecret + "\" is not a valid Kubernetes name: lower-case "
                    + "letters, digits, '-' and '.', starting and ending with a letter or digit.";
        }
        if (replicas < 1 || replicas > 100) {
            return "Replicas must be between 1 and 100, not " + replicas + ".";
        }
        return null;
    }

    static boolean isDnsLabel(String s) {
        return s != null && s.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    }

    static boolean isDnsSubdomain(String s) {
        return s.length() <= 253 && s.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    }

    /** A DNS-1035 label, as Service names must be: starts with a letter. */
    static boolean isServiceName(String s) {
        return isDnsLabel(s) && Character.isLetter(s.charAt(0));
    }
}

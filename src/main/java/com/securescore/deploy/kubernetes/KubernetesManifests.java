package com.securescore.deploy.kubernetes;

import com.securescore.cert.CertificateExporter;
import com.securescore.cert.Certificates;
import com.securescore.cert.CheckReport;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The objects a Kubernetes deployment of the scoring service consists of, built from the checked
 * certificate: a TLS Secret, a Secret with the auth keys (mounted as a directory so a rotated key
 * reaches every pod without a restart), a Deployment that rolls with no downtime when the
 * certificate changes, a Service and optionally an Ingress with TLS passthrough.
 */
public final class KubernetesManifests {
    /** Pod-template annotation with the served certificate's fingerprint: a new certificate rolls the pods. */
    public static final String CERT_ANNOTATION = "securescore.io/certificate-sha256";
    static final String MANAGER = "securescore";
    static final String TLS_DIR = "/etc/securescore/tls";
    static final String KEYS_DIR = "/etc/securescore/keys";
    static final String KEYS_FILE = "keys.json";
    /** The unprivileged user and group the container runs as (the image's own user). */
    static final long USER = 10001;

    private final KubernetesSettings settings;
    private final String domain;
    private final CheckReport certificate;
    private final List<X509Certificate> privateRoots;
    private final byte[] keysJson;

    /**
     * @param certificate  checked, no errors, with its key
     * @param privateRoots roots clients are given (a private or development CA): the pod's own start-up
     *                     check needs them too; empty for a public CA
     * @param keysJson     the keys file's content (primary and secondary)
     */
    public KubernetesManifests(KubernetesSettings settings, String domain, CheckReport certificate,
            List<X509Certificate> privateRoots, byte[] keysJson) {
        this.settings = settings;
        this.domain = domain;
        this.certificate = certificate;
        this.privateRoots = List.copyOf(privateRoots);
        this.keysJson = keysJson.clone();
    }

    public String tlsSecretName() {
        return tlsSecretName(settings.name());
    }

    public String keysSecretName() {
        return settings.name() + "-keys";
    }

    public Map<String, String> selector() {
        return selector(settings.name());
    }

    /** The labels that pick the pods of the deployment called {@code name}. */
    static Map<String, String> selector(String name) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "securescore");
        labels.put("app.kubernetes.io/instance", name);
        return labels;
    }

    /** The TLS Secret's name for the deployment called {@code name}. */
    static String tlsSecretName(String name) {
        return name + "-tls";
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>(selector());
        labels.put("app.kubernetes.io/managed-by", MANAGER);
        return labels;
    }

    /** SHA-256 of the leaf certificate, hex. */
    public String fingerprint() {
        return fingerprint(certificate.leaf());
    }

    static String fingerprint(X509Certificate leaf) {
        // An annotation value: lower-case hex without separators.
        return Certificates.sha256(leaf).replace(":", "").toLowerCase(Locale.ROOT);
    }

    public Namespace namespace() {
        return new NamespaceBuilder().withNewMetadata().withName(settings.namespace()).withLabels(
                Map.of("app.kubernetes.io/managed-by", MANAGER)).endMetadata().build();
    }

    /** {@code kubernetes.io/tls}: the full chain leaf first without the root, the key as PKCS#8. */
    public Secret tlsSecret() {
        Map<String, String> data = new LinkedHashMap<>(certificateData(certificate));
        if (!privateRoots.isEmpty()) {
            data.put("ca.crt", base64(CertificateExporter.pem(privateRoots.toArray())));
        }
        return new SecretBuilder().withNewMetadata().withName(tlsSecretName()).withNamespace(settings.namespace())
                .withLabels(labels()).endMetadata().withType("kubernetes.io/tls").withData(data).build();
    }

    /** The TLS Secret's certificate and key entries: the chain leaf first without the root, the key as PKCS#8. */
    static Map<String, String> certificateData(CheckReport certificate) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("tls.crt", base64(CertificateExporter.pem(certificate.serverChain().toArray())));
        data.put("tls.key", base64(CertificateExporter.privateKeyPem(certificate.key())));
        return data;
    }

    /**
     * The image pull Secret made from the registry credentials the user gave, or null when pods use
     * an existing Secret, or none.
     */
    public Secret pullSecret() {
        PullCredential credential = settings.pullCredential();
        if (credential == null || settings.pullSecret() != null) {
            return null;
        }
        return new SecretBuilder().withNewMetadata().withName(settings.effectivePullSecret())
                .withNamespace(settings.namespace()).withLabels(labels()).endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", base64(credential.dockerConfigJson(), StandardCharsets.UTF_8)))
                .build();
    }

    public Secret keysSecret() {
        return new SecretBuilder().withNewMetadata().withName(keysSecretName()).withNamespace(settings.namespace())
                .withLabels(labels()).endMetadata().withType("Opaque")
                .withData(Map.of(KEYS_FILE, Base64.getEncoder().encodeToString(keysJson))).build();
    }

    List<String> serveArguments() {
        List<String> args = new ArrayList<>(List.of("serve",
                "--cert", TLS_DIR + "/tls.crt", "--key", TLS_DIR + "/tls.key", "--domain", domain,
                "--bind", "0.0.0.0", "--port", String.valueOf(KubernetesSettings.PORT),
                "--health-port", String.valueOf(KubernetesSettings.HEALTH_PORT),
                "--keys-file", KEYS_DIR + "/" + KEYS_FILE));
        if (!privateRoots.isEmpty()) {
            args.addAll(List.of("--trust", TLS_DIR + "/ca.crt"));
        }
        if (settings.demoModel()) {
            args.add("--demo-model");
        }
        return args;
    }

    public Deployment deployment() {
        return new DeploymentBuilder()
                .withNewMetadata().withName(settings.name()).withNamespace(settings.namespace()).withLabels(labels())
                .endMetadata()
                .withNewSpec()
                .withReplicas(settings.replicas())
                .withNewSelector().withMatchLabels(selector()).endSelector()
                // One new pod at a time, no old one stopped before a new one is ready: no downtime.
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxUnavailable(new IntOrString(0)).withMaxSurge(new IntOrString(1)).endRollingUpdate()
                .endStrategy()
                .withNewTemplate()
                .withNewMetadata().withLabels(labels()).withAnnotations(Map.of(CERT_ANNOTATION, fingerprint()))
                .endMetadata()
                .withNewSpec()
                .withAutomountServiceAccountToken(false)
                .withImagePullSecrets(settings.effectivePullSecret() == null ? List.of()
                        : List.of(new LocalObjectReference(settings.effectivePullSecret())))
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(USER).withRunAsGroup(USER)
                .withFsGroup(USER).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewContainer()
                .withName("scoring").withImage(settings.image()).withImagePullPolicy("IfNotPresent")
                .withArgs(serveArguments())
                .addNewPort().withName("grpc").withContainerPort(KubernetesSettings.PORT).withProtocol("TCP").endPort()
                .addNewPort().withName("health").withContainerPort(KubernetesSettings.HEALTH_PORT).withProtocol("TCP")
                .endPort()
                .addNewEnv().withName("SECURESCORE_CACHE_DIR").withValue("/cache").endEnv()
                .addNewEnv().withName("JAVA_TOOL_OPTIONS").withValue("-XX:MaxRAMPercentage=70 -Djava.io.tmpdir=/tmp")
                .endEnv()
                .withNewResources()
                .withRequests(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("768Mi")))
                .withLimits(Map.of("cpu", new Quantity("2"), "memory", new Quantity("1536Mi")))
                .endResources()
                .withNewReadinessProbe().withNewHttpGet().withPath("/readyz").withPort(new IntOrString("health"))
                .endHttpGet().withPeriodSeconds(5).withFailureThreshold(2).endReadinessProbe()
                .withNewLivenessProbe().withNewHttpGet().withPath("/healthz").withPort(new IntOrString("health"))
                .endHttpGet().withInitialDelaySeconds(20).withPeriodSeconds(10).withFailureThreshold(3)
                .endLivenessProbe()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .addNewVolumeMount().withName("tls").withMountPath(TLS_DIR).withReadOnly(true).endVolumeMount()
                // The whole directory, not subPath: files mounted with subPath never see a Secret's update.
                .addNewVolumeMount().withName("keys").withMountPath(KEYS_DIR).withReadOnly(true).endVolumeMount()
                .addNewVolumeMount().withName("cache").withMountPath("/cache").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .endContainer()
                .addNewVolume().withName("tls").withNewSecret().withSecretName(tlsSecretName()).withDefaultMode(0440)
                .endSecret().endVolume()
                .addNewVolume().withName("keys").withNewSecret().withSecretName(keysSecretName())
                .withDefaultMode(0440).endSecret().endVolume()
                .addNewVolume().withName("cache").withNewEmptyDir().withSizeLimit(new Quantity("512Mi")).endEmptyDir()
                .endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity("256Mi")).endEmptyDir()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    public Service service() {
        return new ServiceBuilder()
                .withNewMetadata().withName(settings.name()).withNamespace(settings.namespace()).withLabels(labels())
                .endMetadata()
                .withNewSpec().withType(settings.serviceType().apiName()).withSelector(selector())
                // protocol is spelled out: server-side apply of a port without it fails on Kubernetes 1.20.
                .addNewPort().withName("grpc").withPort(KubernetesSettings.PORT).withTargetPort(new IntOrString("grpc"))
                .withProtocol("TCP").endPort()
                .endSpec().build();
    }

    /** TLS passthrough to the pods (gRPC needs HTTP/2 end to end), for ingress-nginx; null without an Ingress. */
    public Ingress ingress() {
        if (settings.ingressClass() == null) {
            return null;
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("nginx.ingress.kubernetes.io/ssl-passthrough", "true");
        annotations.put("nginx.ingress.kubernetes.io/backend-protocol", "GRPCS");
        return new IngressBuilder()
                .withNewMetadata().withName(settings.name()).withNamespace(settings.namespace()).withLabels(labels())
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withIngressClassName(settings.ingressClass())
                .addNewTl().withHosts(domain).withSecretName(tlsSecretName()).endTl()
                .addNewRule().withHost(domain).withNewHttp().addNewPath().withPath("/").withPathType("Prefix")
                .withNewBackend().withNewService().withName(settings.name()).withNewPort()
                .withNumber(KubernetesSettings.PORT).endPort().endService().endBackend().endPath().endHttp().endRule()
                .endSpec().build();
    }

    /** Everything in the order it is applied: Secrets before the Deployment that mounts them. */
    public List<HasMetadata> all() {
        List<HasMetadata> all = new ArrayList<>(List.of(namespace(), tlsSecret(), keysSecret()));
        Secret pull = pullSecret();
        if (pull != null) {
            all.add(pull);
        }
        all.add(deployment());
        all.add(service());
        Ingress ingress = ingress();
        if (ingress != null) {
            all.add(ingress);
        }
        return all;
    }

    /**
     * The objects as one YAML stream for {@code kubectl apply -f}. With {@code redacted}, the Secrets'
     * data is replaced by a note, for previews on screen; without, the file holds the private key.
     */
    public String yaml(boolean redacted) {
        KubernetesSerialization yaml = new KubernetesSerialization();
        StringBuilder out = new StringBuilder();
        for (HasMetadata object : all()) {
            if (redacted && object instanceof Secret secret) {
                Map<String, String> hidden = new LinkedHashMap<>();
                secret.getData().keySet().forEach(k -> hidden.put(k, "(hidden: " + k + ")"));
                object = new SecretBuilder(secret).withData(null).withStringData(hidden).build();
            }
            String doc = yaml.asYaml(object);
            out.append(doc.startsWith("---") ? doc : "---\n" + doc);
            if (!doc.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String base64(String text) {
        return base64(text, StandardCharsets.US_ASCII);
    }

    private static String base64(String text, Charset charset) {
        return Base64.getEncoder().encodeToString(text.getBytes(charset));
    }
}

package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.acme.RenewalSettings;
import com.securescore.cert.CheckReport;
import com.securescore.cert.SecureFiles;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.CertificateWatch;
import com.securescore.deploy.LocalDeployment;
import com.securescore.deploy.TargetKind;
import com.securescore.deploy.kubernetes.KubeContexts;
import com.securescore.deploy.kubernetes.KubernetesDeployException;
import com.securescore.deploy.kubernetes.KubernetesDeployer;
import com.securescore.deploy.kubernetes.KubernetesDeployment;
import com.securescore.deploy.kubernetes.KubernetesManifests;
import com.securescore.deploy.kubernetes.KubernetesSettings;
import com.securescore.deploy.kubernetes.PullCredential;
import com.securescore.image.ImageBuildException;
import com.securescore.image.RegistryCredentials;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import com.securescore.service.AuthKeys;
import com.securescore.task.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code securescore deploy}: the checked certificate to a target. Local runs the service here in
 * the foreground; Kubernetes applies it to a cluster and waits for the rollout (or writes the
 * manifests with --dry-run); the Azure targets export or submit the exact requests.
 */
@Command(name = "deploy", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Deploy the scoring service with a checked certificate.",
            "Options under a heading are for the target(s) it names."},
        footer = {"", "Exit codes: 0 deployed (or written), 1 the certificate or the target refused, 2 usage "
            + "problem or unreadable input."})
final class DeployCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--target", required = true, paramLabel = "local|kubernetes|aci|aks|fpga",
            converter = Choices.Target.class, completionCandidates = Choices.TargetWords.class,
            description = "Where the service runs.")
    TargetKind target;

    @Option(names = "--domain", required = true, paramLabel = "NAME", description = "The name clients connect to; "
            + "the certificate must cover it.")
    String domain;

    @Mixin
    CertificateInputs certificate;

    @Option(names = "--keys-file", defaultValue = "securescore-keys.json", paramLabel = "FILE",
            description = "local: the service's keys (made owner-only when missing). kubernetes: where the "
                + "deployment's keys are saved for clients (owner-only).")
    Path keysFile;

    @Option(names = "--demo-model", description = "Run the built-in demo model (colour features, not a real "
            + "classifier) instead of ResNet-50.")
    boolean demoModel;

    @Option(names = "--port", defaultValue = "50051", paramLabel = "PORT", description = "The port (default "
            + "50051; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "The address to "
            + "listen on (default 127.0.0.1).")
    String bind;

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "The kubeconfig (default: "
            + "KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context (default: "
            + "its current context).")
    String context;

    @Option(names = "--namespace", defaultValue = "securescore", paramLabel = "NAME",
            description = "The namespace, created when missing (default securescore).")
    String namespace;

    @Option(names = "--name", defaultValue = "securescore", paramLabel = "NAME", description = "Base "
            + "name of the Deployment, Service and Secrets (default securescore).")
    String name;

    @Option(names = "--image", paramLabel = "IMAGE", description = "The container image, as securescore "
            + "image build pushed it (REGISTRY/NAME:TAG; default securescore:VERSION).")
    String image;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--image-pull-secret", paramLabel = "NAME", description = "Pull the image with this "
            + "existing Secret of the namespace. Default: with --registry-user, or the Docker config's entry for the "
            + "image's registry, SecureScore makes one (NAME-registry); else none.")
    String imagePullSecret;

    @Option(names = "--replicas", defaultValue = "2", paramLabel = "N", description = "Pods (default 2); with "
            + "--target fpga, the request's numReplicas.")
    int replicas;

    @Option(names = "--service-type", defaultValue = "load-balancer", paramLabel = "TYPE",
            converter = Choices.Service.class, completionCandidates = Choices.ServiceWords.class,
            description = "load-balancer (default), node-port or cluster-ip.")
    KubernetesSettings.ServiceType serviceType;

    @Option(names = "--ingress-class", paramLabel = "CLASS", description = "Also make an Ingress of "
            + "this class for the domain, with TLS passthrough (ingress-nginx: --enable-ssl-passthrough).")
    String ingressClass;

    @Option(names = "--timeout", defaultValue = "5m", paramLabel = "DURATION",
            converter = DurationConverter.AboveZero.class,
            description = "How long to wait for the rollout (default 5m), e.g. 90s, 10m.")
    Duration timeout;

    @Option(names = "--dry-run", description = "Write the manifests as YAML (for kubectl apply -f) "
            + "into --out instead of applying them. The file holds the private key and is owner-only.")
    boolean dryRun;

    @Option(names = "--out", defaultValue = ".", paramLabel = "DIR", description = "With --dry-run: where to "
            + "write NAME.yaml (default: here).")
    Path out;

    @Mixin
    AzureOptions azure;

    @Option(names = "--export", paramLabel = "DIR", description = "Write the request bodies, the "
            + "PEM files, a Python script in the guide's style and a README into DIR (key files owner-only).")
    Path exportDir;

    @Option(names = "--submit", description = "Send the request with a bearer token (--token-file, "
            + "AZURE_ACCESS_TOKEN, or az account get-access-token) and follow the operation.")
    boolean submit;

    @Option(names = "--force", description = "Overwrite files that exist.")
    boolean force;

    @Mixin
    JsonOption output;

    /** Counted down by Ctrl-C (or a test) to stop a local service. */
    final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down once a local service listens and has said so. */
    final CountDownLatch started = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        TargetKind kind = target;
        CheckReport report = certificate.check(domain);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!report.ok()) {
            err.println("Not deployed: the certificate has errors.");
            CheckCommand.printText(output.json ? err : stdout, report);
            return ExitCodes.FINDINGS;
        }
        return switch (kind) {
            case LOCAL -> local(stdout, err, report);
            case KUBERNETES -> kubernetes(stdout, err, report);
            default -> AzureDeploy.run(stdout, err, kind, azure, report, exportDir, submit, force, replicas, output.json);
        };
    }

    /** The help's option list: the options every target takes, then one section per target. */
    static final HelpSections HELP = new HelpSections(List.of(
            new HelpSections.Section("Local (--target local): runs the service here until Ctrl-C; when the "
                    + "certificate files are replaced (securescore acme renew), the new certificate is checked and "
                    + "served from the next connection on.", "--port", "--bind"),
            new HelpSections.Section("Kubernetes (--target kubernetes): applies it to a cluster (your kubeconfig) and "
                    + "waits until every replica is ready; --dry-run writes the manifests instead.", "--kubeconfig",
                    "--context", "--namespace", "--name", "--image", "--registry-user", "--registry-password-file",
                    "--image-pull-secret", "--replicas", "--service-type", "--ingress-class", "--timeout", "--dry-run",
                    "--out"),
            new HelpSections.Section("Azure ML (--target aci, aks or fpga): the exact requests, exported (--export "
                    + "DIR) or sent (--submit).", "--subscription", "--resource-group", "--workspace", "--region",
                    "--service-name", "--api-base", "--token-file", "--export", "--submit"),
            new HelpSections.Section("ACI (--target aci):", "--image-id", "--dns-name-label"),
            new HelpSections.Section("AKS (--target aks):", "--compute-name", "--leaf-domain-label",
                    "--overwrite-existing-domain", "--aks-successor", "--ssl-secret"),
            new HelpSections.Section("FPGA (--target fpga):", "--account", "--model-id")));

    /** How often a local service looks at its certificate files for a renewal; tests shorten it. */
    Duration watchEvery = Duration.ofSeconds(10);

    private int local(PrintWriter stdout, PrintWriter err, CheckReport report) throws Exception {
        PrintWriter log = output.json ? err : stdout;
        LocalDeployment.Options options = new LocalDeployment.Options(bind, port, keysFile, demoModel
                ? LocalDeployment.ModelChoice.DEMO : LocalDeployment.ModelChoice.RESNET, 16 * 1024 * 1024,
                ModelSpec.resnet50(null));
        LocalDeployment deployment;
        try {
            deployment = LocalDeployment.start(report, options, ModelCache.standard(), ModelDownloader.standard(),
                    new LocalDeployment.Listener() {
                        @Override
                        public void line(String text) {
                            log.println(text);
                            log.flush();
                        }

                        @Override
                        public void download(long done, long total) {
                        }
                    });
        } catch (LocalDeployment.DeployException e) {
            throw new UserInputException(e.getMessage());
        }
        try (LocalDeployment running = deployment; CertificateWatch watch = certificate.watch(domain,
                certificate.unlock(), running::useCertificate, log, watchEvery)) {
            String endpoint = domain + ":" + running.port();
            if (output.json) {
                ObjectNode node = Json.object().put("target", "local").put("endpoint", endpoint)
                        .put("address", bind).put("port", running.port())
                        .put("keysFile", running.keysFile().toString())
                        .put("primaryKey", running.keys().primary()).put("secondaryKey", running.keys().secondary())
                        .put("model", running.modelSource()).put("demoModel", running.demo());
                Json.print(stdout, node);
            } else {
                stdout.println("Endpoint: " + endpoint + " (listening on " + bind + "; until DNS points " + domain
                        + " here, clients use --connect-to " + bind + ").");
                stdout.println("Primary key:   " + running.keys().primary());
                stdout.println("Secondary key: " + running.keys().secondary());
                stdout.println("Stop with Ctrl-C.");
            }
            stdout.flush();
            started.countDown();
            Thread hook = new Thread(stop::countDown, "deploy-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stop.await();
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // Already shutting down.
                }
            }
        }
        return ExitCodes.OK;
    }

    private KubernetesSettings kubernetesSettings() {
        KubernetesSettings.ServiceType type = serviceType;
        Duration rollout = timeout;
        KubernetesSettings s = KubernetesSettings.defaults(context).withNamespace(namespace).withName(name)
                .withReplicas(replicas).withServiceType(type).withIngressClass(ingressClass).withDemoModel(demoModel)
                .withTimeouts(rollout, KubernetesSettings.defaults(null).addressTimeout());
        if (image != null) {
            s = s.withImage(image);
        }
        if (imagePullSecret != null) {
            if (registry.user != null) {
                throw new UserInputException("--image-pull-secret names an existing Secret; --registry-user makes one. "
                        + "Give one of them.");
            }
            s = s.withPullSecret(imagePullSecret);
        } else {
            s = s.withPullCredential(pullCredential(s.image()));
        }
        String problem = s.problem();
        if (problem != null) {
            throw new UserInputException(problem);
        }
        return s;
    }

    /** The credentials for the image's registry: the ones given, else the Docker config's; null when none. */
    private PullCredential pullCredential(String image) {
        String host = RegistryCredentials.registryOf(image);
        if (host == null) {
            return null;
        }
        try {
            return registry.credentials().find(host).map(c -> new PullCredential(host, c.user(), c.password(),
                    c.source())).orElse(null);
        } catch (ImageBuildException e) {
            throw new UserInputException(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int kubernetes(PrintWriter stdout, PrintWriter err, CheckReport report) throws Exception {
        KubernetesSettings settings = kubernetesSettings();
        var roots = certificate.privateRoots();
        if (dryRun) {
            return kubernetesDryRun(stdout, settings, report, roots);
        }
        PrintWriter log = output.json ? err : stdout;
        Progress progress = new IndentedProgress(log);
        CtrlCCancels ctrlC = new CtrlCCancels("deploy-cancel");
        KubernetesDeployer.Result result;
        String usedContext;
        try {
            KubeContexts contexts = KubeContexts.read(kubeconfig != null ? kubeconfig : KubeContexts.standardFile());
            usedContext = context == null ? contexts.current() : context;
            log.println("Deploying " + domain + " to Kubernetes (" + contexts.file() + ", context " + usedContext
                    + ", namespace " + settings.namespace() + "):");
            try (KubernetesClient client = contexts.client(context)) {
                result = new KubernetesDeployer(client, usedContext).deploy(settings, domain, report, roots, progress,
                        ctrlC.cancellation());
            }
        } catch (KubernetesDeployException e) {
            err.println("Not deployed: " + e.getMessage());
            return ExitCodes.FINDINGS;
        } catch (CancellationException e) {
            err.println(KubernetesDeployment.cancelled(settings));
            return ExitCodes.FINDINGS;
        } finally {
            ctrlC.close();
        }
        String keysNote = saveKeys(result.keys(), log);
        Path renewal = recordForRenewal(usedContext, result, log);
        printDeployed(stdout, result, keysNote, renewal);
        return ExitCodes.OK;
    }

    /** Writes the manifests as YAML for kubectl apply, instead of applying them. */
    private int kubernetesDryRun(PrintWriter stdout, KubernetesSettings settings, CheckReport report,
            List<X509Certificate> roots) throws IOException {
        KubernetesManifests manifests = new KubernetesManifests(settings, domain, report, roots,
                AuthKeys.Pair.fresh().json());
        Path file = out.resolve(settings.name() + ".yaml");
        if (Files.exists(file) && !force) {
            throw new UserInputException(file + " exists; nothing was written. Use --force to replace it, or "
                    + "--out another folder.");
        }
        SecureFiles.write(file, manifests.yaml(false).getBytes(StandardCharsets.UTF_8), true, force);
        if (output.json) {
            Json.print(stdout, Json.object().put("target", "kubernetes").put("dryRun", true)
                    .put("manifests", file.toString()).put("namespace", settings.namespace())
                    .put("fingerprint", manifests.fingerprint()));
        } else {
            stdout.println("Wrote " + file + " (owner-only: it holds the private key and new auth keys). Apply it "
                    + "with: kubectl apply -f " + file);
        }
        return ExitCodes.OK;
    }

    /** The deployment's endpoint, keys and renewal, as JSON or as lines. */
    private void printDeployed(PrintWriter stdout, KubernetesDeployer.Result result, String keysNote, Path renewal) {
        DeployedEndpoint endpoint = result.endpoint();
        if (output.json) {
            ObjectNode node = Json.object().put("target", "kubernetes").put("namespace", result.namespace())
                    .put("name", result.name()).put("domain", domain).put("port", endpoint.port())
                    .put("fingerprint", result.fingerprint()).put("keysCreated", result.keysCreated())
                    .put("keysFile", keysNote == null ? null : keysFile.toString())
                    .put("primaryKeyMasked", AuthKeys.mask(result.keys().primary())).put("note", endpoint.note())
                    .put("renewedBy", renewal == null ? null : renewal.toString());
            endpoint.addresses().forEach(node.putArray("addresses")::add);
            endpoint.hostnames().forEach(node.putArray("hostnames")::add);
            Json.print(stdout, node);
        } else {
            stdout.println("Deployed: " + domain + ", port " + endpoint.port() + ", primary key "
                    + AuthKeys.mask(result.keys().primary()) + (result.keysCreated() ? " (new)" : " (kept)") + ".");
            if (endpoint.reachable()) {
                stdout.println("Point " + domain + " at " + String.join(", ", endpoint.addresses())
                        + String.join(", ", endpoint.hostnames()) + " (securescore dns checks it).");
            } else {
                stdout.println(endpoint.note());
            }
            if (keysNote != null) {
                stdout.println(keysNote);
            }
            if (renewal != null) {
                stdout.println(RenewalSettings.willRedeploy(renewal));
            }
        }
    }

    /**
     * When the certificate files came from {@code securescore acme} (renewal.json beside them), records
     * this deployment there so a renewal reaches it; the folder, or null.
     */
    private Path recordForRenewal(String usedContext, KubernetesDeployer.Result result, PrintWriter log) {
        KubernetesDeployment.Renewal renewal = KubernetesDeployment.recordForRenewal(certificate.certs, kubeconfig,
                usedContext, result);
        if (renewal instanceof KubernetesDeployment.NotRecorded) {
            log.println("  " + renewal.line());
        }
        return renewal instanceof KubernetesDeployment.Recorded r ? r.folder() : null;
    }

    /** Saves the deployment's keys where clients read them, without replacing a different keys file unasked. */
    private String saveKeys(AuthKeys.Pair keys, PrintWriter log) throws IOException {
        if (Files.exists(keysFile) && !force) {
            byte[] existing = Files.readAllBytes(keysFile);
            AuthKeys.Pair there;
            try {
                there = AuthKeys.Pair.parse(existing, keysFile.toString());
            } catch (IOException e) {
                there = null;
            }
            if (keys.equals(there)) {
                return "Keys: " + keysFile + " (unchanged; securescore score --key-file " + keysFile + ").";
            }
            log.println("  " + keysFile + " holds other keys and was left as it is; run again with --force or "
                    + "another --keys-file to save this deployment's keys.");
            Arrays.fill(existing, (byte) 0);
            return null;
        }
        keys.save(keysFile, true);
        return "Keys saved owner-only to " + keysFile + " (securescore score --key-file " + keysFile + ").";
    }
}

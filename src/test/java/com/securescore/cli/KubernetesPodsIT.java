package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securescore.testsupport.KubernetesNode;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.SecureScoreImage;
import com.securescore.testsupport.TestRegistry;
import com.securescore.testsupport.TinyOnnx;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The journey of a person who installed SecureScore and has a cluster and a private registry, on a
 * real node: {@code securescore image build} (the packaged jar, run as a user runs it) pushes the
 * image over TLS with a password; {@code deploy --target kubernetes} makes the image pull Secret,
 * the kubelet pulls with it, two pods pass their real probes; {@code score} reaches them through
 * the NodePort on 127.0.0.1 and checks the certificate against the domain. And what a person sees
 * when the registry refuses: a wrong password, a tag that is not there, a CA not given.
 */
class KubernetesPodsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = SecureScoreImage.JAR;

    private static KubernetesNode node;
    private static TestRegistry registry;
    private static KubernetesClient client;
    private static Path dir;
    private static Path ca;
    private static String image;
    private static final List<String> namespaces = new ArrayList<>();

    @BeforeAll
    static void buildAndPushTheImage() throws Exception {
        node = KubernetesNode.get();
        registry = node.registry();
        client = node.client();
        dir = Files.createTempDirectory("pods-it");
        ca = LocalService.devCertificate(dir).ca();
        Files.write(dir.resolve("red.png"), LocalService.png(Color.RED, 64));

        SecureScoreImage.Built built = SecureScoreImage.build("it");
        JsonNode result = JSON.readTree(built.out());
        image = result.get("image").asText();
        assertTrue(image.startsWith(registry.address() + "/team/securescore:it@sha256:"), image);
        assertTrue(result.get("pushed").asBoolean());
        assertTrue(built.err().contains("Pushing to " + registry.address() + " as " + registry.user()), built.err());
        assertFalse((built.out() + built.err()).contains(registry.password()), "the password is never printed");
    }

    /**
     * The node has 2 cores and each pod asks for half of one: a test's pods leave before the next
     * test's come (as a person would clean up a trial deployment).
     */
    @AfterEach
    void deleteNamespaces() {
        for (String ns : namespaces) {
            node.deleteNamespace(ns);
        }
        namespaces.clear();
    }

    @Test
    void theBuiltImageRunsReadyPodsThatScoreThroughTheNodePortWithTheDeploymentsKey() throws Exception {
        String ns = namespace("journey");
        Path keys = dir.resolve("journey-keys.json");

        Run deployed = deploy(ns, image, keys, "--registry-user", registry.user(), "--registry-password-file",
                registry.passwordFile().toString());

        assertEquals(0, deployed.exit, deployed.all() + "\nkubelet:\n" + node.logTail("kubelet", 40));
        assertTrue(deployed.err.contains("Image pull Secret securescore-registry: the user " + registry.user()),
                deployed.err);
        assertTrue(deployed.err.contains("Rollout complete: 2 of 2 pods ready."), deployed.err);
        assertFalse(deployed.all().contains(registry.password()), "the password is never printed");
        Secret pull = client.secrets().inNamespace(ns).withName("securescore-registry").get();
        assertEquals("kubernetes.io/dockerconfigjson", pull.getType());
        List<Pod> pods = client.pods().inNamespace(ns).list().getItems();
        assertEquals(2, pods.stream().filter(KubernetesPodsIT::ready).count(), pods.toString());
        for (Pod pod : pods) {
            assertEquals(image, pod.getSpec().getContainers().get(0).getImage());
            assertEquals("securescore-registry", pod.getSpec().getImagePullSecrets().get(0).getName());
        }
        String log = client.pods().inNamespace(ns).withName(pods.get(0).getMetadata().getName()).getLog();
        assertTrue(log.contains(LocalService.HOST), "the real container's log, through the kubelet: " + log);

        int nodePort = JSON.readTree(deployed.out).get("port").asInt();
        Run scored = cli("score", "--host", LocalService.HOST, "--port", String.valueOf(nodePort), "--connect-to",
                "127.0.0.1", "--trust", ca.toString(), "--key-file", keys.toString(), "--json",
                dir.resolve("red.png").toString());

        assertEquals(0, scored.exit, scored.all());
        JsonNode answer = JSON.readTree(scored.out);
        assertTrue(answer.toString().contains("red"), "the demo model names the colour: " + answer);
    }

    @Test
    void theDryRunManifestsAppliedWithKubectlGiveTheSameRunningService() throws Exception {
        String ns = namespace("kubectl");
        Path out = Files.createDirectories(dir.resolve("dry-run"));
        Path keys = dir.resolve("kubectl-keys.json");
        Run written = cli("deploy", "--target", "kubernetes", "--domain", LocalService.HOST, "--cert",
                dir.resolve("tls/fullchain.pem").toString(), "--key", dir.resolve("tls/privkey.pem").toString(),
                "--trust", ca.toString(), "--namespace", ns, "--image", image, "--registry-user", registry.user(),
                "--registry-password-file", registry.passwordFile().toString(), "--demo-model", "--service-type",
                "node-port", "--dry-run", "--out", out.toString());
        assertEquals(0, written.exit, written.all());
        Path yaml = out.resolve("securescore.yaml");
        assertTrue(Files.readString(yaml).contains("kubernetes.io/dockerconfigjson"), "the pull Secret is in the file");
        assertFalse(written.all().contains(registry.password()), "and never on the screen");

        // kubectl 1.20, as a person applying the file would; then waiting as kubectl does.
        Path kubectl = node.kubectl();
        Run applied = process(kubectl.toString(), "--kubeconfig", node.kubeconfig().toString(), "apply", "-f",
                yaml.toString());
        assertEquals(0, applied.exit, applied.all());
        Run rolled = process(kubectl.toString(), "--kubeconfig", node.kubeconfig().toString(), "-n", ns, "rollout",
                "status", "deployment/securescore", "--timeout=180s");
        assertEquals(0, rolled.exit, rolled.all() + "\nkubelet:\n" + node.logTail("kubelet", 30));

        String secret = client.secrets().inNamespace(ns).withName("securescore-keys").get().getData().get("keys.json");
        Files.write(keys, Base64.getDecoder().decode(secret));
        int nodePort = client.services().inNamespace(ns).withName("securescore").get().getSpec().getPorts().get(0)
                .getNodePort();
        Run scored = cli("score", "--host", LocalService.HOST, "--port", String.valueOf(nodePort), "--connect-to",
                "127.0.0.1", "--trust", ca.toString(), "--key-file", keys.toString(), dir.resolve("red.png")
                .toString());
        assertEquals(0, scored.exit, scored.all());
        assertTrue(scored.out.contains("1 scored, 0 failed"), scored.out);
    }

    /** Another program, to its end. */
    private static Run process(String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not end within 5 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out), "");
    }

    @Test
    void aModelBakedIntoTheImageIsWhatThePodsServeWithoutDownloading() throws Exception {
        String ns = namespace("baked");
        Path model = Files.write(dir.resolve("flowers.onnx"), TinyOnnx.imageNetShaped(7));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            names.add(i == 7 ? "baked-red" : "class-" + i);
        }
        Path labels = Files.write(dir.resolve("flowers.txt"), names);
        Run built = imageBuild("--to", registry.address() + "/team/securescore:baked", "--base", node.baseImage(),
                "--trust", registry.caFile().toString(), "--registry-user", registry.user(), "--registry-password-file",
                registry.passwordFile().toString(), "--model", model.toString(), "--labels", labels.toString(),
                "--json");
        assertEquals(0, built.exit, built.all());
        assertTrue(built.err.contains("baked in at /opt/securescore/model/model.onnx"), built.err);
        Path keys = dir.resolve("baked-keys.json");

        // No --demo-model: the pods run what the image holds (they could not download anything here).
        List<String> args = new ArrayList<>(List.of("deploy", "--target", "kubernetes", "--domain", LocalService.HOST,
                "--cert", dir.resolve("tls/fullchain.pem").toString(), "--key", dir.resolve("tls/privkey.pem")
                .toString(), "--trust", ca.toString(), "--kubeconfig", node.kubeconfig().toString(), "--namespace", ns,
                "--image", JSON.readTree(built.out).get("image").asText(), "--registry-user", registry.user(),
                "--registry-password-file", registry.passwordFile().toString(), "--service-type", "node-port",
                "--replicas", "1", "--keys-file", keys.toString(), "--timeout", "3m", "--json"));
        Run deployed = cli(args.toArray(String[]::new));
        assertEquals(0, deployed.exit, deployed.all());
        String pod = client.pods().inNamespace(ns).list().getItems().get(0).getMetadata().getName();
        String log = client.pods().inNamespace(ns).withName(pod).getLog();
        assertTrue(log.contains("Model: ONNX model model.onnx with labels from labels.txt"), log);

        Run scored = cli("score", "--host", LocalService.HOST, "--port", JSON.readTree(deployed.out).get("port")
                .asText(), "--connect-to", "127.0.0.1", "--trust", ca.toString(), "--key-file", keys.toString(),
                "--top", "1", "--labels", labels.toString(), dir.resolve("red.png").toString());
        assertEquals(0, scored.exit, scored.all());
        assertTrue(scored.out.contains("baked-red"), "the baked model's class for a red image: " + scored.out);
    }

    @Test
    void aTagThatIsNotInTheRegistryIsExplainedWithTheRegistrysWordsAndTheFix() throws Exception {
        String ns = namespace("no-tag");
        String missing = registry.address() + "/team/securescore:never-pushed";

        Run deployed = deploy(ns, missing, dir.resolve("no-tag-keys.json"), "--registry-user", registry.user(),
                "--registry-password-file", registry.passwordFile().toString());

        assertEquals(1, deployed.exit, deployed.all());
        assertTrue(deployed.err.contains("cannot pull the image " + missing), deployed.err);
        assertTrue(deployed.err.contains("not found"), "the registry's own words: " + deployed.err);
        assertTrue(deployed.err.contains("securescore image build --to " + missing), deployed.err);
    }

    @Test
    void aWrongRegistryPasswordIsExplainedAsRefusedCredentials() throws Exception {
        String ns = namespace("bad-password");
        Path wrong = Files.writeString(dir.resolve("wrong-password"), "not-the-password\n");
        // An image the node has never pulled: one it holds would start without asking the registry.
        String freshImage = SecureScoreImage.build("fresh").reference();

        Run deployed = deploy(ns, freshImage, dir.resolve("bad-password-keys.json"), "--registry-user", registry.user(),
                "--registry-password-file", wrong.toString());

        assertEquals(1, deployed.exit, deployed.all());
        assertTrue(deployed.err.contains("ErrImagePull") || deployed.err.contains("ImagePullBackOff"), deployed.err);
        assertTrue(deployed.err.contains("401") || deployed.err.toLowerCase().contains("unauthorized"), deployed.err);
        assertTrue(deployed.err.contains("refused the pull credentials"), deployed.err);
    }

    @Test
    void imageBuildSaysWhichCredentialsTheRegistryRefusedAndWhichCaToTrust() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-push-password"), "nope\n");
        Run refused = imageBuild("--to", registry.address() + "/team/securescore:refused", "--base",
                node.baseImage(), "--trust", registry.caFile().toString(), "--registry-user", registry.user(),
                "--registry-password-file", wrong.toString());
        assertEquals(1, refused.exit, refused.all());
        assertTrue(refused.err.contains("refused the credentials (401 Unauthorized)"), refused.err);
        assertTrue(refused.err.contains("the user " + registry.user() + " from --registry-user"), refused.err);

        Run untrusted = imageBuild("--to", registry.address() + "/team/securescore:untrusted",
                "--base", node.baseImage(), "--registry-user", registry.user(), "--registry-password-file",
                registry.passwordFile().toString());
        assertEquals(1, untrusted.exit, untrusted.all());
        assertTrue(untrusted.err.contains("does not trust") && untrusted.err.contains("--trust"), untrusted.err);
        assertTrue(untrusted.err.contains("it chains to SecureScore test registry CA"), untrusted.err);

        Run noBase = imageBuild("--to", registry.address() + "/team/securescore:nobase", "--base",
                registry.address() + "/securescore-test/jre-base:99", "--trust", registry.caFile().toString(),
                "--registry-user", registry.user(), "--registry-password-file", registry.passwordFile().toString());
        assertEquals(1, noBase.exit, noBase.all());
        assertTrue(noBase.err.contains("The base image " + registry.address() + "/securescore-test/jre-base:99 does "
                + "not exist"), noBase.err);
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String namespace(String what) {
        String ns = "pods-" + what + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
        namespaces.add(ns);
        return ns;
    }

    /** deploy --target kubernetes of the development certificate, demo model, NodePort, 2 replicas. */
    private static Run deploy(String ns, String withImage, Path keys, String... more) {
        List<String> args = new ArrayList<>(List.of("deploy", "--target", "kubernetes", "--domain", LocalService.HOST,
                "--cert", dir.resolve("tls/fullchain.pem").toString(), "--key", dir.resolve("tls/privkey.pem")
                .toString(), "--trust", ca.toString(), "--kubeconfig", node.kubeconfig().toString(), "--namespace", ns,
                "--image", withImage, "--demo-model", "--service-type", "node-port", "--replicas", "2",
                "--keys-file", keys.toString(), "--timeout", "3m", "--json"));
        args.addAll(List.of(more));
        return cli(args.toArray(String[]::new));
    }

    /** {@code image build ARGS} in this JVM, packaging the jar the build made (the test's own classes are no jar). */
    private static Run imageBuild(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        var build = cl.getSubcommands().get("image").getSubcommands().get("build");
        ((ImageCommand.Build) build.getCommand()).jar = JAR;
        List<String> all = new ArrayList<>(List.of("image", "build"));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.newCommandLine(args, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** What one command printed and how it exited. */
    private record Run(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }
}

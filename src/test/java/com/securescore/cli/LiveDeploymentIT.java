package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securescore.testsupport.KubernetesNode;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.SecureScoreImage;
import com.securescore.testsupport.ServedCertificate;
import com.securescore.testsupport.TestPki;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the Deploy step promises about a running service, shown on real pods behind a real NodePort:
 * scoring goes on while a pod is deleted, a rotated key reaches every pod without a restart, and a
 * renewed certificate rolls the pods one at a time while clients keep scoring, after which the new
 * certificate is the one served. One deployment, in this order, as a service lives.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LiveDeploymentIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();

    private static KubernetesNode node;
    private static KubernetesClient client;
    private static Path dir;
    private static TestPki.Issued ca;
    private static Path caFile;
    private static Path keys;
    private static Path images;
    private static String namespace;
    private static int nodePort;

    @BeforeAll
    static void deploy() throws Exception {
        node = KubernetesNode.get();
        client = node.client();
        dir = Files.createTempDirectory("live-it");
        ca = TestPki.rootCa("SecureScore live test CA");
        caFile = TestPki.writePem(dir.resolve("ca.pem"), ca.certificate());
        keys = dir.resolve("keys.json");
        images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 2000; i++) {
            Files.write(images.resolve(String.format("image-%04d.png", i)), LocalService.png(i % 2 == 0 ? Color.RED
                    : Color.BLUE, 32));
        }
        namespace = "live-" + Long.toHexString(System.nanoTime() & 0xffffff);

        Run deployed = deploy(leaf("first"));

        assertEquals(0, deployed.exit, deployed.all());
        nodePort = JSON.readTree(deployed.out).get("port").asInt();
    }

    @AfterAll
    static void delete() {
        BACKGROUND.shutdownNow();
        if (namespace != null) {
            node.deleteNamespace(namespace);
        }
    }

    @Test
    @Order(1)
    void everyImageIsScoredOnceWhileAPodIsDeleted() throws Exception {
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> scoring = CompletableFuture.supplyAsync(() -> score(out, "--concurrency", "16",
                images.toString()), BACKGROUND);
        WaitForAsyncUtils.waitFor(2, TimeUnit.MINUTES, () -> out.toString().lines().count() >= 200
                || scoring.isDone());
        assertTrue(!scoring.isDone(), "2,000 images took less than the wait for 200: " + out);
        // Both go, one after the other: whichever carried the connection, the client had to move.
        List<Pod> pods = client.pods().inNamespace(namespace).list().getItems();
        for (Pod pod : pods) {
            client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).delete();
            WaitForAsyncUtils.waitFor(2, TimeUnit.MINUTES, () -> readyPods() == 2 && client.pods()
                    .inNamespace(namespace).withName(pod.getMetadata().getName()).get() == null);
        }

        int exit = scoring.get(5, TimeUnit.MINUTES);

        String text = out.toString();
        assertEquals(0, exit, text);
        assertTrue(text.contains("2000 scored, 0 failed"), text.substring(Math.max(0, text.length() - 2000)));
        for (int i = 0; i < 2000; i++) {
            String name = String.format("image-%04d.png", i);
            assertEquals(1, count(text, name), name + " is printed exactly once");
        }
    }

    @Test
    @Order(2)
    void aRegeneratedKeyReachesEveryPodWithoutARestart() throws Exception {
        String old = JSON.readTree(keys.toFile()).get("primary").asText();
        Map<String, Integer> restarts = restarts();
        Path newKeys = dir.resolve("new-keys.json");

        Run rotated = cli("keys", "regenerate", "primary", "--namespace", namespace, "--kubeconfig",
                node.kubeconfig().toString(), "--keys-file", newKeys.toString());

        assertEquals(0, rotated.exit, rotated.all());
        String fresh = JSON.readTree(newKeys.toFile()).get("primary").asText();
        assertNotEquals(old, fresh);
        // The README says: every replica within two minutes. Each pod is asked on its own, through a
        // port forward of the API server to that pod (the kubelet's), since the NodePort picks one.
        List<LocalPortForward> forwards = new ArrayList<>();
        try {
            for (Pod pod : client.pods().inNamespace(namespace).list().getItems()) {
                forwards.add(client.pods().inNamespace(namespace).withName(pod.getMetadata().getName())
                        .portForward(50051));
            }
            long started = System.nanoTime();
            WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> forwards.stream().allMatch(f -> !accepted(
                    f.getLocalPort(), old) && accepted(f.getLocalPort(), fresh)));
            System.out.println("LiveDeploymentIT: every pod took the new key within "
                    + (System.nanoTime() - started) / 1_000_000_000L + " s");
            for (LocalPortForward f : forwards) {
                assertFalse(accepted(f.getLocalPort(), old), "the old key is refused by every pod");
                assertTrue(accepted(f.getLocalPort(), fresh), "the new key is accepted by every pod");
            }
        } finally {
            for (LocalPortForward f : forwards) {
                f.close();
            }
        }
        assertEquals(restarts, restarts(), "no pod restarted");
        Files.copy(newKeys, keys, StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    @Order(3)
    void aRenewedCertificateRollsThePodsOneAtATimeWhileClientsScore() throws Exception {
        Path renewed = leaf("renewed");
        BigInteger before = ServedCertificate.serial(nodePort, caFile);
        AtomicInteger fewestReady = new AtomicInteger(Integer.MAX_VALUE);
        int runs = 0;
        try (Watch watch = watchReadyPods(fewestReady)) {
            CompletableFuture<Run> redeploying = CompletableFuture.supplyAsync(() -> deploy(renewed), BACKGROUND);
            // Clients score the whole time the pods roll: run after run, until the redeploy has ended.
            do {
                StringWriter out = new StringWriter();
                int exit = score(out, "--concurrency", "16", images.toString());
                String text = out.toString();
                assertEquals(0, exit, text.substring(Math.max(0, text.length() - 2000)));
                assertTrue(text.contains("2000 scored, 0 failed"), text.substring(Math.max(0, text.length() - 2000)));
                runs++;
            } while (!redeploying.isDone());
            Run redeployed = redeploying.get();
            assertEquals(0, redeployed.exit, redeployed.all());
            assertTrue(redeployed.err.contains("Rollout complete: 2 of 2 pods ready."), redeployed.err);
        }
        assertTrue(runs >= 2, "the rollout outlasted one run of 2,000 images: " + runs);
        assertTrue(fewestReady.get() >= 2, "never fewer than 2 ready pods during the roll: " + fewestReady.get());
        BigInteger after = ServedCertificate.serial(nodePort, caFile);
        assertNotEquals(before, after);
        assertEquals(ServedCertificate.serialIn(renewed.resolveSibling("fullchain.pem")), after);
    }

    /** Records the fewest Ready pods seen while a rollout runs (kubelet's probe results, as they change). */
    private static Watch watchReadyPods(AtomicInteger fewest) {
        Map<String, Boolean> ready = new ConcurrentHashMap<>();
        client.pods().inNamespace(namespace).list().getItems().forEach(p -> ready.put(p.getMetadata().getName(),
                ready(p)));
        return client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.DELETED) {
                    ready.remove(pod.getMetadata().getName());
                } else {
                    ready.put(pod.getMetadata().getName(), ready(pod) && pod.getMetadata().getDeletionTimestamp()
                            == null);
                }
                fewest.accumulateAndGet((int) ready.values().stream().filter(Boolean::booleanValue).count(),
                        Math::min);
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions()
                .stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static long readyPods() {
        return client.pods().inNamespace(namespace).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).filter(LiveDeploymentIT::ready).count();
    }

    private static Map<String, Integer> restarts() {
        Map<String, Integer> r = new TreeMap<>();
        client.pods().inNamespace(namespace).list().getItems().forEach(p -> r.put(p.getMetadata().getName(),
                p.getStatus().getContainerStatuses().get(0).getRestartCount()));
        return r;
    }

    /** One image scored with {@code key} on 127.0.0.1:{@code port}. */
    private static boolean accepted(int port, String key) {
        return cli("score", "--host", LocalService.HOST, "--port", String.valueOf(port), "--connect-to", "127.0.0.1",
                "--trust", caFile.toString(), "--key", key, images.resolve("image-0000.png").toString()).exit == 0;
    }

    private static int score(StringWriter out, String... more) {
        List<String> args = new ArrayList<>(List.of("score", "--host", LocalService.HOST, "--port",
                String.valueOf(nodePort), "--connect-to", "127.0.0.1", "--trust", caFile.toString(), "--key-file",
                keys.toString(), "--top", "1"));
        args.addAll(List.of(more));
        String[] a = args.toArray(String[]::new);
        return Cli.newCommandLine(a, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)).execute(a);
    }

    /** A new leaf for the domain from the test CA, written as fullchain.pem and privkey.pem in {@code dir/name}. */
    private static Path leaf(String name) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        TestPki.Issued leaf = TestPki.leaf(ca).dns(LocalService.HOST).issue();
        TestPki.writePem(folder.resolve("fullchain.pem"), leaf.certificate());
        TestPki.writePem(folder.resolve("privkey.pem"), leaf.privateKey());
        return folder.resolve("privkey.pem");
    }

    /** deploy --target kubernetes with the key file {@code key} and the chain beside it. */
    private static Run deploy(Path key) {
        return cli("deploy", "--target", "kubernetes", "--domain", LocalService.HOST, "--cert",
                key.resolveSibling("fullchain.pem").toString(), "--key", key.toString(), "--trust", caFile.toString(),
                "--kubeconfig", node.kubeconfig().toString(), "--namespace", namespace, "--image",
                SecureScoreImage.get(), "--registry-user", node.registry().user(), "--registry-password-file",
                node.registry().passwordFile().toString(), "--demo-model", "--service-type", "node-port",
                "--replicas", "2", "--keys-file", keys.toString(), "--force", "--timeout", "3m", "--json");
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle) + "\\b").matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.newCommandLine(args, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private record Run(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }
}

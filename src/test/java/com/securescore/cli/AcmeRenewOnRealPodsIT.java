package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securescore.acme.AccountKeys;
import com.securescore.testsupport.AcmeServers;
import com.securescore.testsupport.KubernetesNode;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.Pebble;
import com.securescore.testsupport.SecureScoreImage;
import com.securescore.testsupport.ServedCertificate;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A certificate from an ACME CA (Pebble, with Knot for its DNS) deployed to real pods, then renewed
 * with {@code acme renew}: the renewal reaches the deployment made from its folder, the pods roll
 * while a client keeps scoring with 16 in flight, no image is lost, and the renewed certificate is
 * the one the pods serve afterwards.
 */
class AcmeRenewOnRealPodsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();

    private static AcmeServers acme;
    private static Pebble pebble;
    private static KubernetesNode node;
    private static KubernetesClient client;
    private static Path dir;
    private static String namespace;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("acme-pods-it");
        acme = AcmeServers.start(dir, AcmeCommandTest.zone());
        pebble = acme.pebble();
        node = KubernetesNode.get();
        client = node.client();
    }

    @AfterAll
    static void stop() {
        BACKGROUND.shutdownNow();
        if (namespace != null) {
            node.deleteNamespace(namespace);
        }
        if (acme != null) {
            acme.close();
        }
    }

    @Test
    void aRenewalRollsTheRealPodsWhileClientsScoreAndTheRenewedCertificateIsServed() throws Exception {
        Path tls = dir.resolve("tls");
        Path account = dir.resolve("account.pem");
        AccountKeys.loadOrCreate(account);
        Run issued = cli("acme", "--domain", AcmeCommandTest.DOMAIN, "--directory", pebble.directory().toString(),
                "--http-port", String.valueOf(pebble.httpPort()), "--trust", pebble.tlsRoot().toString(), "--trust",
                pebble.issuingRoot().toString(), "--account-key", account.toString(), "--out", tls.toString(),
                "--agree-tos");
        assertEquals(0, issued.exit, issued.all());
        namespace = "acme-" + Long.toHexString(System.nanoTime() & 0xffffff);
        Path keys = dir.resolve("keys.json");
        Run deployed = cli("deploy", "--target", "kubernetes", "--domain", AcmeCommandTest.DOMAIN, "--cert",
                tls.resolve("fullchain.pem").toString(), "--key", tls.resolve("privkey.pem").toString(), "--trust",
                pebble.issuingRoot().toString(), "--kubeconfig", node.kubeconfig().toString(), "--namespace",
                namespace, "--image", SecureScoreImage.get(), "--registry-user", node.registry().user(),
                "--registry-password-file", node.registry().passwordFile().toString(), "--demo-model",
                "--service-type", "node-port", "--replicas", "2", "--keys-file", keys.toString(), "--timeout", "3m",
                "--json");
        assertEquals(0, deployed.exit, deployed.all());
        int port = JSON.readTree(deployed.out).get("port").asInt();
        BigInteger first = ServedCertificate.serialIn(tls.resolve("fullchain.pem"));
        assertEquals(first, ServedCertificate.serial(port, pebble.issuingRoot()));

        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 3000; i++) {
            Files.write(images.resolve(String.format("image-%04d.png", i)), LocalService.png(Color.GREEN, 32));
        }
        CompletableFuture<Run> renewing = CompletableFuture.supplyAsync(() -> cli("acme", "renew", "--out",
                tls.toString(), "--force"), BACKGROUND);
        // Clients score the whole time the renewal rolls the pods: run after run, until it has ended.
        int runs = 0;
        do {
            String text = scoreAll(port, keys, images);
            assertTrue(text.contains("3000 scored, 0 failed"), text.substring(Math.max(0, text.length() - 1500)));
            runs++;
        } while (!renewing.isDone());
        Run renewed = renewing.get();

        assertEquals(0, renewed.exit, renewed.all());
        assertTrue(renewed.out.contains("Redeployed: " + namespace + "/securescore"), renewed.all());
        assertTrue(runs >= 2, "the rollout outlasted one run of 3,000 images: " + runs);
        BigInteger second = ServedCertificate.serialIn(tls.resolve("fullchain.pem"));
        assertNotEquals(first, second);
        assertEquals(second, ServedCertificate.serial(port, pebble.issuingRoot()), "the pods serve the renewal");
    }

    /** 3,000 images with 16 in flight, as a fresh client; what it printed. */
    private static String scoreAll(int port, Path keys, Path images) {
        StringWriter out = new StringWriter();
        String[] args = {"score", "--host", AcmeCommandTest.DOMAIN, "--port", String.valueOf(port), "--connect-to",
            "127.0.0.1", "--trust", pebble.issuingRoot().toString(), "--key-file", keys.toString(), "--concurrency",
            "16", "--top", "1", images.toString()};
        Cli.newCommandLine(args, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true)).execute(args);
        return out.toString();
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

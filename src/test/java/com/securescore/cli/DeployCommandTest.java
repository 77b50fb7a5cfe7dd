package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.service.AuthKeys;
import com.securescore.testsupport.KubernetesControlPlane;
import com.securescore.testsupport.LocalService;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import java.awt.Color;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code securescore deploy} as support staff and scripts use it. */
class DeployCommandTest extends CliRunner {
    @TempDir
    Path dir;

    private LocalService.DevCertificate dev() throws Exception {
        return LocalService.devCertificate(dir);
    }

    private String[] certArgs(String... more) {
        Path tls = dir.resolve("tls");
        String[] base = {"--domain", LocalService.HOST, "--cert", tls.resolve("fullchain.pem").toString(),
            "--key", tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(more, 0, all, 0, more.length);
        System.arraycopy(base, 0, all, more.length, base.length);
        return all;
    }

    @Test
    void localRunsUntilStoppedAndPrintsOneJsonObjectWithTheEndpointAndKeys() throws Exception {
        dev();
        StringWriter said = new StringWriter();
        CommandLine cl = Cli.newCommandLine(new PrintWriter(said, true), new PrintWriter(err, true));
        DeployCommand deploy = cl.getSubcommands().get("deploy").getCommand();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(certArgs("deploy",
                    "--target", "local", "--port", "0", "--demo-model", "--keys-file",
                    dir.resolve("keys.json").toString(), "--json")), pool);
            CompletableFuture.anyOf(exit, CompletableFuture.runAsync(() -> {
                try {
                    deploy.started.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            })).get(60, TimeUnit.SECONDS);
            JsonNode json = Json.MAPPER.readTree(said.toString());
            int port = json.get("port").asInt();
            assertEquals(LocalService.HOST + ":" + port, json.get("endpoint").asText());
            AuthKeys keys = AuthKeys.open(dir.resolve("keys.json")).keys();
            assertEquals(keys.primary(), json.get("primaryKey").asText());
            assertEquals(keys.secondary(), json.get("secondaryKey").asText());
            assertTrue(err.toString().contains("Listening on 127.0.0.1:" + port), err.toString());
            // The endpoint it printed answers a real client with the key it printed.
            StringWriter scored = new StringWriter();
            int code = Cli.newCommandLine(new PrintWriter(scored, true), new PrintWriter(scored, true)).execute(
                    "score", "--host", LocalService.HOST, "--port", String.valueOf(port), "--connect-to",
                    "127.0.0.1", "--key-file", dir.resolve("keys.json").toString(), "--trust",
                    dir.resolve("tls/ca.pem").toString(), write("red.png", Color.RED));
            assertEquals(0, code, scored.toString());
            assertTrue(scored.toString().contains("mostly red"), scored.toString());
            deploy.stop.countDown();
            assertEquals(0, exit.get(30, TimeUnit.SECONDS));
        } finally {
            deploy.stop.countDown();
            pool.shutdownNow();
        }
    }

    private String write(String name, Color color) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, LocalService.png(color, 48));
        return file.toString();
    }

    @Test
    void aCertificateForAnotherNameIsRefusedBeforeAnythingIsDeployed() throws Exception {
        dev();
        String[] args = certArgs("deploy", "--target", "kubernetes", "--dry-run", "--out", dir.resolve("out")
                .toString());
        args[args.length - 7] = "other.contoso.test";
        assertEquals(1, run(args));
        assertTrue(err.toString().contains("Not deployed: the certificate has errors."), err.toString());
        assertTrue(out.toString().contains("HOSTNAME_MISMATCH"), out.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void dryRunWritesOwnerOnlyManifestsAndNeverReplacesThemUnasked() throws Exception {
        dev();
        Path outDir = dir.resolve("manifests");
        assertEquals(0, run(certArgs("deploy", "--target", "kubernetes", "--dry-run", "--out", outDir.toString(),
                "--name", "scoring", "--replicas", "3")), err.toString());
        Path file = outDir.resolve("scoring.yaml");
        String yaml = Files.readString(file);
        assertTrue(yaml.contains("kind: \"Deployment\"") && yaml.contains("replicas: 3"), yaml);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(outDir)),
                "the folder made for it is the owner's alone too");
        assertTrue(out.toString().contains("kubectl apply -f " + file), out.toString());

        Files.writeString(file, "mine");
        assertEquals(2, run(certArgs("deploy", "--target", "kubernetes", "--dry-run", "--out", outDir.toString(),
                "--name", "scoring")));
        assertTrue(err.toString().contains("exists; nothing was written"), err.toString());
        assertEquals("mine", Files.readString(file));
    }

    @Test
    void kubernetesDeploysWaitsForTheRolloutAndSavesTheKeysForClients() throws Exception {
        dev();
        KubernetesControlPlane cluster = KubernetesControlPlane.get();
        cluster.ensureNode();
        String ns = "c-" + UUID.randomUUID().toString().substring(0, 8);
        Path keys = dir.resolve("cluster-keys.json");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> run(certArgs("deploy", "--target",
                    "kubernetes", "--kubeconfig", cluster.kubeconfig().toString(), "--namespace", ns, "--replicas",
                    "1", "--service-type", "node-port", "--image", "registry.test/securescore:1", "--keys-file",
                    keys.toString(), "--json")), pool);
            for (Pod pod : cluster.awaitScheduledPods(ns, 1, p -> true)) {
                cluster.markReady(pod);
            }
            assertEquals(0, exit.get(90, TimeUnit.SECONDS), err.toString());
        } finally {
            pool.shutdownNow();
        }
        JsonNode json = Json.MAPPER.readTree(out.toString());
        assertEquals(ns, json.get("namespace").asText());
        assertEquals("203.0.113.10", json.get("addresses").get(0).asText());
        assertTrue(json.get("port").asInt() >= 30000);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        String primary = AuthKeys.open(keys).keys().primary();
        assertFalse(out.toString().contains(primary) || err.toString().contains(primary), "the key is never printed");
        assertTrue(err.toString().contains("Rollout complete: 1 of 1 pods ready."), err.toString());
    }

    @Test
    void aKeyRotatedOnTheClusterChangesOnlyThatKeyInTheSecretTheReplicasMount() throws Exception {
        KubernetesControlPlane cluster = KubernetesControlPlane.get();
        String ns = "k-" + UUID.randomUUID().toString().substring(0, 8);
        AuthKeys.Pair before = AuthKeys.Pair.fresh();
        cluster.admin().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                .withName(ns).endMetadata().build()).create();
        cluster.admin().secrets().inNamespace(ns).resource(new SecretBuilder()
                .withNewMetadata().withName("securescore-keys").endMetadata()
                .withData(Map.of("keys.json", Base64.getEncoder().encodeToString(before.json())))
                .build()).create();
        Path saved = dir.resolve("rotated.json");
        assertEquals(0, run("keys", "regenerate", "secondary", "--namespace", ns, "--kubeconfig",
                cluster.kubeconfig().toString(), "--keys-file", saved.toString()), err.toString());
        AuthKeys.Pair after = AuthKeys.Pair.parse(Base64.getDecoder().decode(cluster.admin().secrets()
                .inNamespace(ns).withName("securescore-keys").get().getData().get("keys.json")), "secret");
        assertEquals(before.primary(), after.primary(), "the other key keeps working");
        assertFalse(before.secondary().equals(after.secondary()));
        assertEquals(after, AuthKeys.Pair.parse(Files.readAllBytes(saved), "file"));
        assertFalse(out.toString().contains(after.secondary()), "saved to the file, not printed");

        assertEquals(1, run("keys", "regenerate", "primary", "--namespace", "nowhere", "--kubeconfig",
                cluster.kubeconfig().toString()));
        assertTrue(err.toString().contains("No keys Secret nowhere/securescore-keys"), err.toString());
    }

    @Test
    void anUnknownTargetIsAUsageProblem() {
        assertEquals(2, run("deploy", "--target", "heroku", "--domain", "a.contoso.test", "--cert", "x.pem"));
        assertTrue(err.toString().contains("--target must be local, kubernetes, aci, aks or fpga"), err.toString());
    }
}

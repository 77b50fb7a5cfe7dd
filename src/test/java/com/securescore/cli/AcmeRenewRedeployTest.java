package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.acme.AccountKeys;
import com.securescore.acme.RenewalSettings;
import com.securescore.testsupport.AcmeServers;
import com.securescore.testsupport.KubernetesControlPlane;
import com.securescore.testsupport.Pebble;
import com.securescore.testsupport.ServedCertificate;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code acme renew} takes the renewed certificate where it was deployed: a Kubernetes deployment made
 * from the folder's files (recorded by {@code deploy}) gets it in its Secret and rolls its pods; a
 * deploy hook runs as certbot's does. Real Pebble and Knot (one per class) and the shared control plane.
 */
class AcmeRenewRedeployTest {
    static final String DOMAIN = AcmeCommandTest.DOMAIN;
    private static final String CERT_ANNOTATION = "securescore.io/certificate-sha256";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    static AcmeServers acme;
    static Pebble pebble;
    static KubernetesControlPlane cluster;
    static final ExecutorService BACKGROUND = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() {
        acme = AcmeServers.start(shared, AcmeCommandTest.zone());
        pebble = acme.pebble();
        cluster = KubernetesControlPlane.get();
        cluster.ensureNode();
    }

    @AfterAll
    static void stop() {
        BACKGROUND.shutdownNow();
        if (acme != null) {
            acme.close();
        }
    }

    /** What one command printed and how it exited. */
    record Run(int exit, String out, String err) {
        String all() {
            return out + "\n" + err;
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs a command while playing the kubelet: the pods it waits for, picked by {@code which}, become ready. */
    private static Run runWithReadyPods(String ns, Predicate<Pod> which, String... args) throws Exception {
        CompletableFuture<Run> running = CompletableFuture.supplyAsync(() -> run(args), BACKGROUND);
        for (Pod pod : cluster.awaitScheduledPods(ns, 1, which)) {
            cluster.markReady(pod);
        }
        return running.get(120, TimeUnit.SECONDS);
    }

    private Path issue(String folder) throws Exception {
        Path out = dir.resolve(folder);
        Path account = dir.resolve("account-" + folder + ".pem");
        AccountKeys.loadOrCreate(account);
        Run r = run("acme", "--domain", DOMAIN, "--directory", pebble.directory().toString(), "--http-port",
                String.valueOf(pebble.httpPort()), "--trust", pebble.tlsRoot().toString(), "--trust",
                pebble.issuingRoot().toString(), "--account-key", account.toString(), "--out", out.toString(),
                "--agree-tos");
        assertEquals(0, r.exit(), r.all());
        return out;
    }

    private String[] deployArgs(Path tls, String ns) {
        return new String[] {"deploy", "--target", "kubernetes", "--domain", DOMAIN,
            "--cert", tls.resolve("fullchain.pem").toString(), "--key", tls.resolve("privkey.pem").toString(),
            "--trust", pebble.issuingRoot().toString(), "--kubeconfig", cluster.kubeconfig().toString(),
            "--context", "test", "--namespace", ns, "--image", "registry.test/securescore:1", "--replicas", "1",
            "--service-type", "cluster-ip", "--timeout", "90s", "--keys-file", dir.resolve("keys.json").toString()};
    }

    private static BigInteger leafSerial(Secret tls) throws Exception {
        byte[] pem = Base64.getDecoder().decode(tls.getData().get("tls.crt"));
        return ((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(pem))).getSerialNumber();
    }

    private static String annotation(KubernetesClient admin, String ns) {
        return admin.apps().deployments().inNamespace(ns).withName("securescore").get().getSpec().getTemplate()
                .getMetadata().getAnnotations().get(CERT_ANNOTATION);
    }

    @Test
    void aRenewalReachesTheKubernetesDeploymentMadeFromItsFolderUnlessToldNotTo() throws Exception {
        Path tls = issue("tls");
        String ns = "renew-" + UUID.randomUUID().toString().substring(0, 8);
        Run deployed = runWithReadyPods(ns, p -> true, deployArgs(tls, ns));
        assertEquals(0, deployed.exit(), deployed.all());
        assertTrue(deployed.out().contains("`securescore acme renew --out " + tls.toAbsolutePath() + "` will also "
                + "update this deployment's certificate."), deployed.out());
        // Deploying the same target again records it once.
        Run again = run(deployArgs(tls, ns));
        assertEquals(0, again.exit(), again.all());
        List<RenewalSettings.KubernetesTarget> recorded = RenewalSettings.read(tls).kubernetes();
        assertEquals(List.of(new RenewalSettings.KubernetesTarget(cluster.kubeconfig().toAbsolutePath().toString(),
                "test", ns, "securescore")), recorded);

        KubernetesClient admin = cluster.admin();
        Secret before = admin.secrets().inNamespace(ns).withName("securescore-tls").get();
        Map<String, String> keysBefore = admin.secrets().inNamespace(ns).withName("securescore-keys").get().getData();
        String annotationBefore = annotation(admin, ns);
        assertEquals(ServedCertificate.serialIn(tls.resolve("fullchain.pem")), leafSerial(before));

        Run skipped = run("acme", "renew", "--out", tls.toString(), "--force", "--no-redeploy");
        assertEquals(0, skipped.exit(), skipped.all());
        assertTrue(skipped.out().contains("Not redeployed (--no-redeploy): " + ns + "/securescore (context test)."),
                skipped.out());
        assertEquals(leafSerial(before), leafSerial(admin.secrets().inNamespace(ns).withName("securescore-tls").get()));
        assertEquals(annotationBefore, annotation(admin, ns));

        Run renewed = runWithReadyPods(ns, p -> !annotationBefore.equals(p.getMetadata().getAnnotations()
                .get(CERT_ANNOTATION)), "acme", "renew", "--out", tls.toString(), "--force");
        assertEquals(0, renewed.exit(), renewed.all());
        assertTrue(renewed.out().contains("Redeploying to Kubernetes " + ns + "/securescore (context test):"),
                renewed.out());
        assertTrue(renewed.out().contains("Redeployed: " + ns + "/securescore (context test) serves the certificate "
                + "valid until "), renewed.out());
        Secret after = admin.secrets().inNamespace(ns).withName("securescore-tls").get();
        BigInteger newSerial = ServedCertificate.serialIn(tls.resolve("fullchain.pem"));
        assertEquals(newSerial, leafSerial(after), "the Secret holds the renewed certificate");
        assertNotEquals(leafSerial(before), newSerial);
        assertNotEquals(annotationBefore, annotation(admin, ns), "the pods roll");
        assertEquals(before.getData().get("ca.crt"), after.getData().get("ca.crt"));
        assertEquals(keysBefore, admin.secrets().inNamespace(ns).withName("securescore-keys").get().getData(),
                "the auth keys are untouched");
        assertEquals(recorded, RenewalSettings.read(tls).kubernetes(), "the renewal keeps the record");
    }

    @Test
    void aDeployHookSeesTheRenewedFolderAndAFailingOneMakesTheRenewalFail() throws Exception {
        Path tls = issue("hooked");
        Run ran = run("acme", "renew", "--out", tls.toString(), "--force", "--deploy-hook",
                "echo \"lineage=$RENEWED_LINEAGE domains=$RENEWED_DOMAINS\"");
        assertEquals(0, ran.exit(), ran.all());
        assertTrue(ran.out().contains("lineage=" + tls.toAbsolutePath() + " domains=" + DOMAIN), ran.out());

        Run failed = run("acme", "renew", "--out", tls.toString(), "--force", "--deploy-hook",
                "echo the web server did not reload >&2; exit 3");
        assertEquals(1, failed.exit(), failed.all());
        assertTrue(failed.out().contains("the web server did not reload"), "the hook's output is passed through");
        assertTrue(failed.err().startsWith("securescore: The deploy hook exited with 3: "), failed.err());
        assertTrue(Files.exists(tls.resolve("fullchain.pem.2")), "the renewed files stay written");
    }

    @Test
    void anUnreachableClusterFailsTheRenewalByNameButTheRenewedFilesStay() throws Exception {
        Path tls = issue("unreachable");
        String first = Files.readString(tls.resolve("fullchain.pem"));
        RenewalSettings.recordDeployment(List.of(tls.resolve("fullchain.pem")), new RenewalSettings.KubernetesTarget(
                cluster.kubeconfigForUnreachableServer().toString(), "test", "scoring", "securescore"));
        Run r = run("acme", "renew", "--out", tls.toString(), "--force", "--json");
        assertEquals(1, r.exit(), r.all());
        assertTrue(r.err().contains("securescore: The renewed certificate did not reach Kubernetes scoring/securescore "
                + "(context test), kubeconfig "), r.err());
        assertTrue(r.err().contains("  fix: Once kubectl --kubeconfig "), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        JsonNode node = Json.MAPPER.readTree(r.out());
        assertTrue(node.get("issued").asBoolean());
        assertFalse(node.get("redeployed").get(0).get("ok").asBoolean(), node.toString());
        assertNotEquals(first, Files.readString(tls.resolve("fullchain.pem")));
    }
}

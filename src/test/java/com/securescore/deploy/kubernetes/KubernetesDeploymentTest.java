package com.securescore.deploy.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.acme.RenewalSettings;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.service.AuthKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What follows a Kubernetes deployment, as `deploy --target kubernetes` and the wizard both say and record it. */
class KubernetesDeploymentTest {
    @TempDir
    Path dir;

    private static final String RENEWAL = """
            {"domain": "scoring.contoso.test", "directory": "https://acme.contoso.test/dir", "challenge": "http",
             "httpPort": 8080, "dnsResolvers": [], "dnsWaitSeconds": 0, "accountKey": null, "email": null,
             "keyType": "ec", "trust": [], "termsAgreed": null}
            """;

    private static KubernetesDeployer.Result deployed(String namespace, String name) {
        return new KubernetesDeployer.Result(new DeployedEndpoint(TargetKind.KUBERNETES, "scoring.contoso.test",
                KubernetesSettings.PORT, List.of("10.0.0.7"), List.of(), "", null), AuthKeys.Pair.fresh(), true,
                "ab:cd", namespace, name);
    }

    @Test
    void afterCancelItSaysTheOneCommandThatRemovesWhatWasApplied() {
        KubernetesSettings settings = KubernetesSettings.defaults("prod").withNamespace("scoring-ns");
        String said = KubernetesDeployment.cancelled(settings);
        assertTrue(said.startsWith("Cancelled. What was already applied stays on the cluster; deploy again to "
                + "finish"), said);
        assertTrue(said.endsWith("kubectl -n scoring-ns delete deployment,service,secret,ingress -l "
                + "app.kubernetes.io/instance=" + settings.name()), said);
    }

    @Test
    void aCertificateFromAnAcmeFolderRecordsTheDeploymentOnceAndSaysWhatRenewalDoes() throws Exception {
        Files.writeString(dir.resolve(RenewalSettings.FILE_NAME), RENEWAL);
        List<Path> files = List.of(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
        Path kubeconfig = dir.resolve("kubeconfig");
        for (int i = 0; i < 2; i++) {
            KubernetesDeployment.Renewal r = KubernetesDeployment.recordForRenewal(files, kubeconfig, "prod",
                    deployed("scoring", "securescore"));
            assertEquals(dir.toAbsolutePath(), assertInstanceOf(KubernetesDeployment.Recorded.class, r).folder());
            assertTrue(r.line().contains(dir.toAbsolutePath().toString()), r.line());
        }
        assertEquals(List.of(new RenewalSettings.KubernetesTarget(kubeconfig.toAbsolutePath().toString(), "prod",
                "scoring", "securescore")), RenewalSettings.read(dir).kubernetes());
        KubernetesDeployment.recordForRenewal(files, null, "staging", deployed("scoring", "securescore"));
        assertEquals(new RenewalSettings.KubernetesTarget(null, "staging", "scoring", "securescore"),
                RenewalSettings.read(dir).kubernetes().get(1), "no kubeconfig given: the standard one, found again");
    }

    @Test
    void filesFromElsewhereRecordNothingAndABrokenRecordIsSaidWithoutFailingTheDeployment() throws Exception {
        Path elsewhere = Files.createDirectory(dir.resolve("elsewhere")).resolve("fullchain.pem");
        KubernetesDeployment.Renewal none = KubernetesDeployment.recordForRenewal(List.of(elsewhere), null, "prod",
                deployed("scoring", "securescore"));
        assertInstanceOf(KubernetesDeployment.NotAcmeIssued.class, none);
        assertEquals("", none.line());

        Path broken = Files.createDirectory(dir.resolve("broken"));
        Files.writeString(broken.resolve(RenewalSettings.FILE_NAME), "{ not json");
        KubernetesDeployment.Renewal failed = KubernetesDeployment.recordForRenewal(
                List.of(broken.resolve("fullchain.pem")), null, "prod", deployed("scoring", "securescore"));
        assertInstanceOf(KubernetesDeployment.NotRecorded.class, failed);
        assertTrue(failed.line().startsWith("This deployment could not be recorded for certificate renewal: "),
                failed.line());
        assertEquals("{ not json", Files.readString(broken.resolve(RenewalSettings.FILE_NAME)), "left as it was");
    }
}

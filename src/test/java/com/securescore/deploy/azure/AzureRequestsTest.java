package com.securescore.deploy.azure;

import static com.securescore.deploy.azure.AzureFixtures.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.cert.CheckReport;
import com.securescore.deploy.TargetKind;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-target rules: each refused before anything is written, with the setting and its fix named. */
class AzureRequestsTest {
    @TempDir
    Path dir;

    private final AzureFixtures pki = new AzureFixtures();

    private AzureRuleException refused(TargetKind target, AzureSettings settings, CheckReport report)
            throws Exception {
        AzureRuleException e = assertThrows(AzureRuleException.class, () -> {
            AzurePlan plan = AzureRequests.plan(target, settings, report);
            AzureExport.export(plan, dir, false);
        });
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
        return e;
    }

    @Test
    void aksLeafDomainLabelWithACnameIsRefusedWithTheSdkText() throws Exception {
        AzureRuleException e = refused(TargetKind.AKS, AzureFixtures.workspace().computeName("aks-scoring")
                .leafDomainLabel("contoso").cname(DOMAIN).build(), pki.report());

        assertEquals("leaf-domain-label", e.field());
        assertTrue(e.getMessage().startsWith("Invalid configuration. When leaf domain label is provided, cname, "
                + "cert pem file, or key pem file should not be provided."), e.getMessage());
    }

    @Test
    void aksOwnCertificateModeWithALeafLabelIsRefusedToo() throws Exception {
        AzureRuleException e = refused(TargetKind.AKS, AzureFixtures.workspace().computeName("aks-scoring")
                .aksSslMode(AksSslMode.OWN_CERTIFICATE).leafDomainLabel("contoso").build(), pki.report());

        assertTrue(e.getMessage().contains("When leaf domain label is provided"), e.getMessage());
    }

    @Test
    void aciWithoutAServiceNameNamesTheOption() throws Exception {
        AzureRuleException e = refused(TargetKind.ACI, AzureFixtures.workspace().imageId("img:1").build(),
                pki.report());

        assertEquals("service-name", e.field());
        assertTrue(e.getMessage().contains("--service-name is missing"), e.getMessage());
    }

    @Test
    void aciServiceNameWithCapitalsIsRefused() throws Exception {
        AzureRuleException e = refused(TargetKind.ACI, AzureFixtures.workspace().imageId("img:1")
                .serviceName("Scoring_Svc").build(), pki.report());

        assertTrue(e.getMessage().contains("3-32 lower-case letters"), e.getMessage());
    }

    @Test
    void aciCnameOtherThanTheCheckedDomainIsRefused() throws Exception {
        AzureRuleException e = refused(TargetKind.ACI, AzureFixtures.workspace().imageId("img:1")
                .serviceName("scoring-svc").cname("other.contoso.test").build(), pki.report());

        assertEquals("cname", e.field());
        assertTrue(e.getMessage().contains("not the name the certificate was checked for (" + DOMAIN + ")"),
                e.getMessage());
    }

    @Test
    void invalidCnameSaysWhy() throws Exception {
        AzureRuleException e = refused(TargetKind.ACI, AzureFixtures.workspace().imageId("img:1")
                .serviceName("scoring-svc").cname("*.contoso.test").build(), pki.report());

        assertEquals("cname", e.field());
        assertTrue(e.getMessage().contains("not a valid service name"), e.getMessage());
    }

    @Test
    void certificateWithErrorsIsRefusedForEveryTarget() throws Exception {
        CheckReport wrongName = pki.report("other.contoso.test");
        for (TargetKind target : new TargetKind[] {TargetKind.ACI, TargetKind.AKS, TargetKind.FPGA}) {
            AzureRuleException e = refused(target, AzureFixtures.workspace().imageId("img:1").serviceName("svc-a")
                    .computeName("aks-a").account("acct").modelId("m1").build(), wrongName);
            assertEquals("certificate", e.field(), target.name());
            assertTrue(e.getMessage().contains("has errors"), e.getMessage());
        }
    }

    @Test
    void subscriptionMustBeAGuid() throws Exception {
        AzureRuleException e = refused(TargetKind.ACI, AzureFixtures.workspace().subscription("my-subscription")
                .imageId("img:1").serviceName("svc-a").build(), pki.report());

        assertEquals("subscription", e.field());
        assertTrue(e.getMessage().contains("az account show"), e.getMessage());
    }

    @Test
    void aciNeedsARegionUnlessTheHostIsGiven() throws Exception {
        AzureRuleException e = refused(TargetKind.ACI, AzureFixtures.workspace().region(null).imageId("img:1")
                .serviceName("svc-a").build(), pki.report());

        assertEquals("region", e.field());
        AzurePlan plan = AzureRequests.plan(TargetKind.ACI, AzureFixtures.workspace().region(null)
                .apiBase(URI.create("https://westeurope.api.azureml.ms/")).imageId("img:1")
                .serviceName("svc-a").build(), pki.report());
        assertTrue(plan.submitted().uri().toString().startsWith("https://westeurope.api.azureml.ms/modelmanagement/"
                + "v1.0/subscriptions/"), plan.submitted().uri().toString());
        assertFalse(plan.submitted().body().has("location"));
    }

    @Test
    void aciHostIsTheRegionsModelManagementHost() throws Exception {
        AzurePlan plan = AzureRequests.plan(TargetKind.ACI, AzureFixtures.workspace().imageId("img:1")
                .serviceName("svc-a").dnsNameLabel("contoso-scoring").build(), pki.report());

        assertEquals("https://eastus.api.azureml.ms/modelmanagement/v1.0/subscriptions/" + AzureFixtures.SUBSCRIPTION
                + "/resourceGroups/rg-scoring/providers/Microsoft.MachineLearningServices/workspaces/ws-scoring/"
                + "services", plan.submitted().uri().toString());
        assertEquals("contoso-scoring", plan.submitted().body().get("dnsNameLabel").asText());
        assertEquals("PATCH", plan.request(AzureRequests.ACI_UPDATE).orElseThrow().method());
        assertEquals("application/json-patch+json", plan.request(AzureRequests.ACI_UPDATE).orElseThrow()
                .contentType());
    }

    @Test
    void fpgaRefusesOnlyOneOfTheTwoKeys() throws Exception {
        AzureRuleException e = refused(TargetKind.FPGA, AzureFixtures.workspace().account("acct").modelId("m1")
                .serviceName("svc-a").keys("primary-only", null).build(), pki.report());

        assertEquals("keys", e.field());
    }

    @Test
    void fpgaCarriesGivenKeys() throws Exception {
        JsonNode body = AzureRequests.plan(TargetKind.FPGA, AzureFixtures.workspace().account("acct").modelId("m1")
                .serviceName("svc-a").keys("PrimaryKey123456", "SecondaryKey123456").build(), pki.report())
                .submitted().body();

        assertEquals("PrimaryKey123456", body.at("/keys/primaryKey").asText());
        assertEquals("SecondaryKey123456", body.at("/keys/secondaryKey").asText());
    }

    @Test
    void previewShortensPemAndHidesKeys() throws Exception {
        AzurePlan plan = AzureRequests.plan(TargetKind.FPGA, AzureFixtures.workspace().account("acct").modelId("m1")
                .serviceName("svc-a").keys("PrimaryKey123456", "SecondaryKey123456").build(), pki.report());

        String shown = AzurePreview.of(plan.submitted().body()).toString();

        assertFalse(shown.contains("PRIVATE KEY"), shown);
        assertFalse(shown.contains("PrimaryKey123456"), shown);
        assertTrue(shown.contains("(PEM: 2 certificates, leaf first"), shown);
        assertTrue(shown.contains("\"name\":\"svc-a\""), shown);
        assertFalse(plan.toString().contains("PRIVATE KEY"));
        assertFalse(plan.settings().toString().contains("PrimaryKey123456"));
    }
}

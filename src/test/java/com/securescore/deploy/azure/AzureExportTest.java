package com.securescore.deploy.azure;

import static com.securescore.deploy.azure.AzureFixtures.DOMAIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.deploy.TargetKind;
import com.securescore.testsupport.FakeAzure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an export writes: exact request bodies, the PEM files, the script and README; key files owner-only. */
class AzureExportTest {
    @TempDir
    Path dir;

    private final AzureFixtures pki = new AzureFixtures();

    private AzurePlan aciPlan() throws AzureRuleException {
        return AzureRequests.plan(TargetKind.ACI, AzureFixtures.workspace().serviceName("scoring-svc")
                .imageId("scoring-image:1").build(), pki.report());
    }

    @Test
    void aciExportWritesBodiesPemFilesScriptAndReadmeWithKeyFilesOwnerOnly() throws Exception {
        List<AzureExport.Written> written = AzureExport.export(aciPlan(), dir, false);

        assertEquals(List.of("aci-create.json", "aci-update.json", "fullchain.pem", "privkey.pem",
                "deploy_azureml.py", "README.txt"), written.stream().map(w -> w.path().getFileName().toString())
                .toList());
        assertEquals("rw-------", perms("privkey.pem"));
        assertEquals("rw-------", perms("aci-create.json"));
        assertEquals("rw-------", perms("aci-update.json"));
        assertEquals("rw-r--r--", perms("fullchain.pem"));
        assertEquals("rw-r--r--", perms("deploy_azureml.py"));

        JsonNode create = json("aci-create.json");
        assertEquals("ACI", create.get("computeType").asText());
        assertEquals(DOMAIN, create.get("cname").asText());
        assertTrue(create.get("sslEnabled").asBoolean());
        String fullchain = Files.readString(dir.resolve("fullchain.pem"));
        assertEquals(fullchain, create.get("sslCertificate").asText());
        assertEquals(List.of(pki.leaf.certificate(), pki.inter.certificate()), AzureFixtures.certificates(fullchain),
                "the repaired chain, leaf first, no root - not the user's file (intermediate, leaf, root)");
        String privkey = Files.readString(dir.resolve("privkey.pem"));
        assertEquals(privkey, create.get("sslKey").asText());
        assertTrue(AzureFixtures.matches(AzureFixtures.privateKey(privkey), pki.leaf.certificate().getPublicKey()));

        JsonNode patch = json("aci-update.json");
        assertEquals(4, patch.size());
        assertEquals(List.of("/sslEnabled", "/sslCertificate", "/sslKey", "/cname"),
                Stream.of(0, 1, 2, 3).map(i -> patch.get(i).get("path").asText()).toList());
        patch.forEach(op -> assertEquals("replace", op.get("op").asText()));
        assertEquals(fullchain, patch.get(1).get("value").asText());
        assertEquals(DOMAIN, patch.get(3).get("value").asText());

        String python = Files.readString(dir.resolve("deploy_azureml.py"));
        assertTrue(python.contains("AciWebservice.deploy_configuration("), python);
        assertTrue(python.contains("ssl_cert_pem_file=\"fullchain.pem\""));
        assertTrue(python.contains("ssl_key_pem_file=\"privkey.pem\""));
        assertTrue(python.contains("ssl_cname=\"" + DOMAIN + "\""));
        assertFalse(python.contains("PRIVATE KEY"));
        String readme = Files.readString(dir.resolve("README.txt"));
        assertTrue(readme.contains("30 June 2026"), readme);
        assertTrue(readme.contains("CNAME " + DOMAIN), readme);
        assertFalse(readme.contains("PRIVATE KEY"));
    }

    @Test
    void aksSuccessorExportHoldsBase64PemInProtectedSettingsAndTheAzCommand() throws Exception {
        AzurePlan plan = AzureRequests.plan(TargetKind.AKS, AzureFixtures.workspace().computeName("aks-scoring")
                .aksSuccessor(true).build(), pki.report());

        AzureExport.export(plan, dir, false);

        JsonNode props = json("aks-extension.json").get("properties");
        assertEquals("Microsoft.AzureML.Kubernetes", props.get("extensionType").asText());
        JsonNode settings = props.get("configurationSettings");
        assertEquals("False", settings.get("allowInsecureConnections").asText());
        assertEquals(DOMAIN, settings.get("sslCname").asText());
        JsonNode secret = props.get("configurationProtectedSettings");
        assertArrayEquals(Files.readAllBytes(dir.resolve("fullchain.pem")),
                Base64.getDecoder().decode(secret.get("scoringFe.sslCert").asText()));
        assertArrayEquals(Files.readAllBytes(dir.resolve("privkey.pem")),
                Base64.getDecoder().decode(secret.get("scoringFe.sslKey").asText()));
        assertFalse(props.has("sslCertPemFile") || settings.has("sslCertPemFile"), "the CLI's file settings are "
                + "transformed, not passed through");
        assertEquals("rw-------", perms("aks-extension.json"));
        assertEquals("rw-------", perms("privkey.pem"));
        String az = Files.readString(dir.resolve("aks-extension-az.txt"));
        assertTrue(az.startsWith("az k8s-extension create --name azureml --extension-type "
                + "Microsoft.AzureML.Kubernetes"), az);
        assertTrue(az.contains("allowInsecureConnections=False sslCname=" + DOMAIN));
        assertTrue(az.contains("--config-protected sslCertPemFile=fullchain.pem sslKeyPemFile=privkey.pem"));
        assertFalse(Files.exists(dir.resolve("deploy_azureml.py")));
    }

    @Test
    void aksSuccessorWithASecretNameSendsNoKeyAndWritesNoKeyFile() throws Exception {
        AzurePlan plan = AzureRequests.plan(TargetKind.AKS, AzureFixtures.workspace().computeName("aks-scoring")
                .aksSuccessor(true).sslSecret("scoring-tls").build(), pki.report());

        AzureExport.export(plan, dir, false);

        JsonNode props = json("aks-extension.json").get("properties");
        assertEquals("scoring-tls", props.get("configurationSettings").get("scoringFe.sslSecret").asText());
        assertEquals(0, props.get("configurationProtectedSettings").size());
        assertFalse(Files.exists(dir.resolve("privkey.pem")));
        assertEquals("rw-r--r--", perms("aks-extension.json"));
        assertTrue(Files.readString(dir.resolve("aks-extension-az.txt")).contains("sslSecret=scoring-tls"));
    }

    @Test
    void aksMicrosoftCertificateCarriesOnlyTheLeafLabelAndNoKey() throws Exception {
        AzurePlan plan = AzureRequests.plan(TargetKind.AKS, AzureFixtures.workspace().computeName("aks-scoring")
                .leafDomainLabel("contoso-scoring").overwriteExistingDomain(true).build(), pki.report());

        AzureExport.export(plan, dir, false);

        JsonNode ssl = json("aks-compute.json").at("/properties/properties/sslConfiguration");
        assertEquals("Auto", ssl.get("status").asText());
        assertEquals("contoso-scoring", ssl.get("leafDomainLabel").asText());
        assertTrue(ssl.get("overwriteExistingDomain").asBoolean());
        assertFalse(ssl.has("cert") || ssl.has("key") || ssl.has("cname"));
        assertFalse(Files.exists(dir.resolve("privkey.pem")));
        assertTrue(Files.readString(dir.resolve("deploy_azureml.py"))
                .contains("prov_config.enable_ssl(leaf_domain_label=\"contoso-scoring\", overwrite_existing_domain=True)"));
    }

    @Test
    void aksWithTlsDisabledSendsOnlyTheStatus() throws Exception {
        AzurePlan plan = AzureRequests.plan(TargetKind.AKS, AzureFixtures.workspace().computeName("aks-scoring")
                .aksSslMode(AksSslMode.DISABLED).build(), pki.report());

        JsonNode ssl = plan.submitted().body().at("/properties/properties/sslConfiguration");

        assertEquals(1, ssl.size());
        assertEquals("Disabled", ssl.get("status").asText());
    }

    @Test
    void fpgaExportUsesTheAmlRealtimeAiClientAndSaysNoLiveServiceExists() throws Exception {
        AzurePlan plan = AzureRequests.plan(TargetKind.FPGA, AzureFixtures.workspace().account("mm-account")
                .modelId("resnet50:3").serviceName("fpga-svc").build(), pki.report());

        AzureExport.export(plan, dir, false);

        assertTrue(plan.submitted().uri().toString().startsWith("https://eastus.modelmanagement.azureml.net/api/"
                + "subscriptions/"));
        String python = Files.readString(dir.resolve("deploy_azureml.py"));
        assertTrue(python.contains("DeploymentClient("), python);
        assertTrue(python.contains("create_service(\"fpga-svc\", \"resnet50:3\", ssl_enabled=True, "
                + "ssl_certificate=cert, ssl_key=key)"), python);
        assertTrue(Files.readString(dir.resolve("README.txt")).contains("No live service"));
        assertEquals("rw-------", perms("fpga-create.json"));
    }

    @Test
    void existingFileIsNeitherOverwrittenNorAccompaniedWithoutForce() throws Exception {
        Files.writeString(dir.resolve("privkey.pem"), "the user's own key");

        AzureExport.WouldOverwriteException e = assertThrows(AzureExport.WouldOverwriteException.class,
                () -> AzureExport.export(aciPlan(), dir, false));

        assertEquals(List.of(dir.resolve("privkey.pem")), e.existing());
        assertTrue(e.getMessage().contains("privkey.pem"), e.getMessage());
        assertEquals("the user's own key", Files.readString(dir.resolve("privkey.pem")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "nothing else was written");
        }

        AzureExport.export(aciPlan(), dir, true);

        assertTrue(Files.readString(dir.resolve("privkey.pem")).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("rw-------", perms("privkey.pem"));
    }

    private JsonNode json(String name) throws Exception {
        return FakeAzure.JSON.readTree(Files.readString(dir.resolve(name), StandardCharsets.UTF_8));
    }

    private String perms(String name) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(name)));
    }
}

package com.securescore.deploy.azure;

import static com.securescore.deploy.azure.AzureFixtures.DOMAIN;
import static com.securescore.testsupport.FakeAzure.Reply.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import com.securescore.testsupport.FakeAzure;
import com.securescore.testsupport.RecordedProgress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Submitting to a loopback HTTPS server that plays Azure: each body is read field by field as the
 * service would read it, operations are followed to their end, and every refusal becomes a plain
 * message with its fix.
 */
class AzureSubmitTest {
    private static final String MMS = "/modelmanagement/v1.0/subscriptions/" + AzureFixtures.SUBSCRIPTION
            + "/resourceGroups/rg-scoring/providers/Microsoft.MachineLearningServices/workspaces/ws-scoring";
    private final AzureFixtures pki = new AzureFixtures();
    private final RecordedProgress progress = new RecordedProgress();
    private FakeAzure azure;
    private AzureClient client;

    @BeforeEach
    void start() throws Exception {
        azure = new FakeAzure();
        client = new AzureClient(azure.clientTls(), Duration.ZERO, Duration.ofMinutes(1),
                3);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private AzurePlan aci() throws AzureRuleException {
        return AzureRequests.plan(TargetKind.ACI, AzureFixtures.workspace().apiBase(azure.base())
                .serviceName("scoring-svc").imageId("scoring-image:1").build(), pki.report());
    }

    @Test
    void aciCreateIsSentFieldByFieldAndFollowedFromRunningToSucceeded() throws Exception {
        azure.on("POST", MMS + "/services", of(202, "", "Operation-Location", MMS + "/operations/op-7",
                        "Retry-After", "0"))
                .on("GET", "/operations/op-7", of(200, "{\"state\":\"Running\"}", "Retry-After", "0"),
                        of(200, "{\"state\":\"Succeeded\",\"resourceLocation\":\"/services/scoring-svc\"}"))
                .on("GET", "/services/scoring-svc", of(200, "{\"name\":\"scoring-svc\",\"scoringUri\":"
                        + "\"https://scoring-svc.eastus.azurecontainer.io/score\",\"publicIp\":\"20.1.2.3\"}"));

        AzureResult result = client.submit(aci(), "token-123", progress, Cancellation.none());

        FakeAzure.Received post = azure.requests("POST").get(0);
        assertEquals("Bearer token-123", post.header("Authorization"));
        assertEquals("application/json", post.header("Content-Type"));
        JsonNode body = post.json();
        assertEquals("scoring-svc", body.get("name").asText());
        assertEquals("ACI", body.get("computeType").asText());
        assertEquals("scoring-image:1", body.get("imageId").asText());
        assertEquals("eastus", body.get("location").asText());
        assertEquals(1.0, body.get("containerResourceRequirements").get("cpu").asDouble());
        assertEquals(1.0, body.get("containerResourceRequirements").get("memoryInGB").asDouble());
        assertTrue(body.get("authEnabled").asBoolean());
        assertTrue(body.get("sslEnabled").asBoolean());
        assertEquals(DOMAIN, body.get("cname").asText());
        assertFalse(body.has("dnsNameLabel"), "optional and not asked for");
        assertChainLeafFirstWithoutRoot(body.get("sslCertificate").asText());
        assertKeyMatchesLeaf(body.get("sslKey").asText());
        assertEquals(2, azure.requests("GET").stream().filter(r -> r.path().endsWith("/operations/op-7")).count());
        assertTrue(azure.received.stream().allMatch(r -> "Bearer token-123".equals(r.header("Authorization"))));
        assertTrue(progress.stages.stream().anyMatch(s -> s.contains("Running")), progress.stages.toString());
        assertTrue(progress.lines.stream().noneMatch(l -> l.contains("PRIVATE KEY")));

        assertEquals("Succeeded", result.state());
        DeployedEndpoint endpoint = result.toEndpoint();
        assertEquals(DOMAIN, endpoint.domain());
        assertEquals(443, endpoint.port());
        assertEquals(List.of("20.1.2.3"), endpoint.addresses());
        assertEquals(List.of("scoring-svc.eastus.azurecontainer.io"), endpoint.hostnames());
    }

    @Test
    void aksComputePutCarriesTheOwnCertificateAndFollowsAzureAsyncOperation() throws Exception {
        String computes = "/subscriptions/" + AzureFixtures.SUBSCRIPTION + "/resourceGroups/rg-scoring/providers/"
                + "Microsoft.MachineLearningServices/workspaces/ws-scoring/computes/aks-scoring";
        azure.on("PUT", computes, of(201, "{}", "Azure-AsyncOperation", azure.base()
                        + "/subscriptions/x/providers/Microsoft.MachineLearningServices/locations/eastus/"
                        + "computeOperationsStatus/op-1?api-version=2020-02-02", "Retry-After", "0"))
                .on("GET", "/computeOperationsStatus/op-1", of(200, "{\"status\":\"InProgress\"}"),
                        of(200, "{\"status\":\"Succeeded\"}"))
                .on("GET", computes, of(200, "{\"properties\":{\"properties\":{\"systemServices\":[{"
                        + "\"systemServiceType\":\"ScoringFrontEnd\",\"publicIpAddress\":\"52.4.5.6\"}]}}}"));
        AzurePlan plan = AzureRequests.plan(TargetKind.AKS, AzureFixtures.workspace().apiBase(azure.base())
                .computeName("aks-scoring").build(), pki.report());

        AzureResult result = client.submit(plan, "t", progress, Cancellation.none());

        FakeAzure.Received put = azure.requests("PUT").get(0);
        assertEquals("api-version=2020-02-02", put.query());
        JsonNode body = put.json();
        assertEquals("eastus", body.get("location").asText());
        assertEquals("AKS", body.at("/properties/computeType").asText());
        JsonNode aks = body.at("/properties/properties");
        assertEquals(3, aks.get("agentCount").asInt());
        assertEquals("Standard_D3_v2", aks.get("agentVmSize").asText());
        assertEquals("FastProd", aks.get("clusterPurpose").asText());
        JsonNode ssl = aks.get("sslConfiguration");
        assertEquals("Enabled", ssl.get("status").asText());
        assertEquals(DOMAIN, ssl.get("cname").asText());
        assertChainLeafFirstWithoutRoot(ssl.get("cert").asText());
        assertKeyMatchesLeaf(ssl.get("key").asText());
        assertFalse(ssl.has("leafDomainLabel"));
        assertEquals(List.of("52.4.5.6"), result.toEndpoint().addresses());
    }

    @Test
    void fpgaCreateHasNoCnameAndReportsAddressPortAndMaskedKeys() throws Exception {
        String services = "/api/subscriptions/" + AzureFixtures.SUBSCRIPTION
                + "/resourcegroups/rg-scoring/accounts/mm-account/services";
        azure.on("POST", services, of(202, "", "Operation-Location", services.replace("/services", "/operations/o1")
                        + "?api-version=2018-04-01-preview"))
                .on("GET", "/operations/o1", of(200, "{\"state\":\"Succeeded\",\"resourceLocation\":\""
                        + services + "/svc-123\"}"))
                .on("GET", services + "/svc-123", of(200, "{\"ipAddress\":\"40.7.8.9\",\"port\":443}"))
                .on("GET", services + "/svc-123/keys", of(200,
                        "{\"primaryKey\":\"PrimaryKeyValue0123456789\",\"secondaryKey\":\"SecondaryKeyValue987\"}"));
        AzurePlan plan = AzureRequests.plan(TargetKind.FPGA, AzureFixtures.workspace().apiBase(azure.base())
                .account("mm-account").modelId("resnet50:3").serviceName("fpga-svc").replicas(2).build(),
                pki.report());

        AzureResult result = client.submit(plan, "t", progress, Cancellation.none());

        FakeAzure.Received post = azure.requests("POST").get(0);
        assertEquals("api-version=2018-04-01-preview", post.query());
        JsonNode body = post.json();
        assertEquals("FPGA", body.get("computeType").asText());
        assertEquals("resnet50:3", body.get("modelId").asText());
        assertEquals("fpga-svc", body.get("name").asText());
        assertEquals(2, body.get("numReplicas").asInt());
        assertTrue(body.get("sslEnabled").asBoolean());
        assertFalse(body.has("cname"), "the 2018 FPGA body has no cname");
        assertFalse(body.has("keys"), "the service makes the keys when none are given");
        assertChainLeafFirstWithoutRoot(body.get("sslCertificate").asText());
        assertKeyMatchesLeaf(body.get("sslKey").asText());
        assertEquals(List.of("40.7.8.9"), result.addresses());
        assertEquals(443, result.port());
        assertEquals("PrimaryKeyValue0123456789", result.primaryKey());
        assertFalse(result.toString().contains("PrimaryKeyValue0123456789"));
        assertFalse(result.toEndpoint().note().contains("PrimaryKeyValue0123456789"));
        assertTrue(result.toEndpoint().note().contains("Prim…"));
    }

    @Test
    void extensionPutFollowsLocationUntilItStopsAnswering202() throws Exception {
        String extension = "/providers/Microsoft.KubernetesConfiguration/extensions/azureml";
        azure.on("PUT", extension, of(202, "", "Location", "/operationResults/e1", "Retry-After", "0"))
                .on("GET", "/operationResults/e1", of(202, "", "Retry-After", "0"), of(200, "{}"))
                .on("GET", extension, of(200, "{\"properties\":{\"provisioningState\":\"Succeeded\"}}"));
        AzurePlan plan = AzureRequests.plan(TargetKind.AKS, AzureFixtures.workspace().apiBase(azure.base())
                .computeName("aks-scoring").aksSuccessor(true).build(), pki.report());

        AzureResult result = client.submit(plan, "t", progress, Cancellation.none());

        FakeAzure.Received put = azure.requests("PUT").get(0);
        assertTrue(put.path().endsWith("/managedClusters/aks-scoring" + extension), put.path());
        assertEquals("api-version=2022-11-01", put.query());
        JsonNode settings = put.json().at("/properties/configurationProtectedSettings");
        assertEquals(pki.report().serverChain(), AzureFixtures.certificates(new String(
                Base64.getDecoder().decode(settings.get("scoringFe.sslCert").asText()),
                StandardCharsets.US_ASCII)));
        assertKeyMatchesLeaf(new String(Base64.getDecoder().decode(settings.get("scoringFe.sslKey")
                .asText()), StandardCharsets.US_ASCII));
        assertEquals(2, azure.requests("GET").stream().filter(r -> r.path().endsWith("/operationResults/e1"))
                .count());
        assertEquals("Succeeded", result.state());
        assertEquals(DOMAIN, result.toEndpoint().domain());
    }

    @Test
    void badRequestWithResourceManagerErrorBodyBecomesAPlainMessageWithTheServiceText() throws Exception {
        azure.on("PUT", "/computes/aks-scoring", of(400, "{\"error\":{\"code\":\"BadArgument\",\"message\":"
                + "\"Invalid SSL configuration\",\"details\":[{\"code\":\"InvalidCertificate\",\"message\":"
                + "\"The certificate chain is incomplete\"}]}}"));
        AzurePlan plan = AzureRequests.plan(TargetKind.AKS, AzureFixtures.workspace().apiBase(azure.base())
                .computeName("aks-scoring").build(), pki.report());

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(plan, "t", progress, Cancellation.none()));

        assertEquals(400, e.status());
        assertEquals("BadArgument", e.serviceCode());
        assertTrue(e.getMessage().contains("Invalid SSL configuration"), e.getMessage());
        assertTrue(e.getMessage().contains("InvalidCertificate: The certificate chain is incomplete"), e.getMessage());
        assertFalse(e.fix().isEmpty());
    }

    @Test
    void badRequestWithModelManagementErrorBodyIsReadToo() throws Exception {
        azure.on("POST", MMS + "/services", of(400, "{\"code\":\"BadRequest\",\"statusCode\":400,\"message\":"
                + "\"The request is invalid.\",\"details\":[{\"code\":\"InvalidCname\",\"message\":"
                + "\"cname does not match the certificate\"}]}"));

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(aci(), "t", progress, Cancellation.none()));

        assertEquals("BadRequest", e.serviceCode());
        assertTrue(e.getMessage().contains("InvalidCname: cname does not match the certificate"), e.getMessage());
    }

    @Test
    void unauthorizedSaysTheTokenExpiredAndHowToGetAFreshOne() throws Exception {
        azure.on("POST", MMS + "/services", of(401, "{\"error\":{\"code\":\"ExpiredAuthenticationToken\","
                + "\"message\":\"The access token expiry UTC time is earlier than current UTC time.\"}}"));

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(aci(), "t", progress, Cancellation.none()));

        assertEquals(401, e.status());
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
        assertTrue(e.fix().contains("az login") && e.fix().contains("get-access-token"), e.fix());
    }

    @Test
    void forbiddenNamesTheMissingPermission() throws Exception {
        azure.on("POST", MMS + "/services", of(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":"
                + "\"The client 'x' does not have authorization to perform action "
                + "'Microsoft.MachineLearningServices/workspaces/services/aci/write' over scope '/subscriptions/y'\"}}"));

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(aci(), "t", progress, Cancellation.none()));

        assertTrue(e.getMessage().contains("Microsoft.MachineLearningServices/workspaces/services/aci/write"),
                e.getMessage());
        assertTrue(e.fix().contains("role"), e.fix());
    }

    @Test
    void notFoundSaysToCheckTheWorkspaceAndResourceGroupNames() throws Exception {
        azure.on("POST", MMS + "/services", of(404, "{\"error\":{\"code\":\"ResourceGroupNotFound\",\"message\":"
                + "\"Resource group 'rg-scoring' could not be found.\"}}"));

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(aci(), "t", progress, Cancellation.none()));

        assertTrue(e.fix().contains("--resource-group") && e.fix().contains("--workspace"), e.fix());
        assertTrue(e.getMessage().contains("could not be found"), e.getMessage());
    }

    @Test
    void conflictSaysTheNameIsTaken() throws Exception {
        azure.on("POST", MMS + "/services", of(409, "{\"code\":\"Conflict\",\"statusCode\":409,\"message\":"
                + "\"Service scoring-svc already exists\"}"));

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(aci(), "t", progress, Cancellation.none()));

        assertEquals(409, e.status());
        assertTrue(e.getMessage().contains("name is taken"), e.getMessage());
        assertTrue(e.fix().contains("--service-name"), e.fix());
    }

    @Test
    void tooManyRequestsIsRetriedAfterRetryAfterAndThenSucceeds() throws Exception {
        azure.on("POST", MMS + "/services", of(429, "{}", "Retry-After", "0"),
                        of(202, "", "Operation-Location", "op-2", "Retry-After", "0"))
                .on("GET", "/operations/op-2", of(200, "{\"state\":\"Succeeded\"}"))
                .on("GET", "/services/scoring-svc", of(200, "{\"scoringUri\":null}"));

        AzureResult result = client.submit(aci(), "t", progress, Cancellation.none());

        assertEquals(2, azure.requests("POST").size());
        assertEquals("Succeeded", result.state());
        assertTrue(progress.lines.stream().anyMatch(l -> l.contains("busy (429)")), progress.lines.toString());
        assertNull(result.scoringUri());
    }

    @Test
    void serviceUnavailableIsRetriedABoundedNumberOfTimesThenExplained() throws Exception {
        azure.on("POST", MMS + "/services", of(503, "{}", "Retry-After", "0"));

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(aci(), "t", progress, Cancellation.none()));

        assertEquals(4, azure.requests("POST").size(), "first try plus 3 retries");
        assertEquals(503, e.status());
        assertTrue(e.fix().contains("Wait"), e.fix());
    }

    @Test
    void failedOperationEndsWithTheServiceError() throws Exception {
        azure.on("POST", MMS + "/services", of(202, "", "Operation-Location", "op-3"))
                .on("GET", "/operations/op-3", of(200, "{\"state\":\"Failed\",\"error\":{\"code\":\"ContainerCrash\","
                        + "\"statusCode\":400,\"message\":\"The TLS key does not match the certificate\"}}"));

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(aci(), "t", progress, Cancellation.none()));

        assertTrue(e.getMessage().contains("ended Failed"), e.getMessage());
        assertTrue(e.getMessage().contains("ContainerCrash: The TLS key does not match the certificate"),
                e.getMessage());
    }

    @Test
    void canceledAsyncOperationIsReportedAsCanceled() throws Exception {
        azure.on("PUT", "/computes/aks-scoring", of(201, "{}", "Azure-AsyncOperation", "/ops/a1"))
                .on("GET", "/ops/a1", of(200, "{\"status\":\"Canceled\",\"error\":{\"code\":\"Canceled\","
                        + "\"message\":\"Operation was canceled.\"}}"));
        AzurePlan plan = AzureRequests.plan(TargetKind.AKS, AzureFixtures.workspace().apiBase(azure.base())
                .computeName("aks-scoring").build(), pki.report());

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(plan, "t", progress, Cancellation.none()));

        assertTrue(e.getMessage().contains("ended Canceled"), e.getMessage());
    }

    @Test
    void cancelWhileAzureIsWorkingStopsPollingAtOnce() throws Exception {
        azure.on("POST", MMS + "/services", of(202, "", "Operation-Location", "op-4"))
                .on("GET", "/operations/op-4", of(200, "{\"state\":\"Running\"}", "Retry-After", "3600"));
        Cancellation cancel = new Cancellation();
        Progress cancelling = new Progress() {
            @Override
            public void stage(String name, double fraction) {
                if (name.contains("Running")) {
                    cancel.cancel();
                }
            }

            @Override
            public void line(String text) {
            }
        };

        assertThrows(CancellationException.class, () -> client.submit(aci(), "t", cancelling, cancel));
        assertEquals(1, azure.requests("GET").size(), "no poll after Cancel, and no hour-long wait");
    }

    @Test
    void theTokenIsNeverSentToAnotherHost() throws Exception {
        String services = "/api/subscriptions/" + AzureFixtures.SUBSCRIPTION
                + "/resourcegroups/rg-scoring/accounts/mm-account/services";
        azure.on("POST", services, of(202, "", "Operation-Location", "https://elsewhere.example:8443/operations/o"));
        AzurePlan plan = AzureRequests.plan(TargetKind.FPGA, AzureFixtures.workspace().apiBase(azure.base())
                .account("mm-account").modelId("m1").serviceName("fpga-svc").build(), pki.report());

        AzureServiceException e = assertThrows(AzureServiceException.class,
                () -> client.submit(plan, "t", progress, Cancellation.none()));

        assertTrue(e.getMessage().contains("elsewhere.example"), e.getMessage());
        assertEquals(1, azure.received.size());
    }

    private void assertChainLeafFirstWithoutRoot(String pem) throws Exception {
        List<X509Certificate> chain = AzureFixtures.certificates(pem);
        assertEquals(List.of(pki.leaf.certificate(), pki.inter.certificate()), chain);
    }

    private void assertKeyMatchesLeaf(String pem) throws Exception {
        assertTrue(pem.startsWith("-----BEGIN PRIVATE KEY-----"), "unencrypted PKCS#8");
        assertTrue(AzureFixtures.matches(AzureFixtures.privateKey(pem), pki.leaf.certificate().getPublicKey()));
    }
}

package com.securescore.ui.deploy;

import static com.securescore.testsupport.FakeAzure.Reply.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Source;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.deploy.azure.AzureClient;
import com.securescore.service.AuthKeys;
import com.securescore.testsupport.FakeAzure;
import com.securescore.testsupport.TestPki;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure targets' Deploy step without the FX thread: the form judged by the core's rules field
 * by field, a preview with nothing secret in it, an export that never overwrites silently, and a
 * submit to a loopback HTTPS server playing Azure, with its stages, errors and Cancel.
 */
class AzureDeployViewModelTest {
    static final String DOMAIN = "scoring.contoso.test";
    static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
    static final String MMS = "/modelmanagement/v1.0/subscriptions/" + SUBSCRIPTION
            + "/resourceGroups/rg-scoring/providers/Microsoft.MachineLearningServices/workspaces/ws-scoring";
    private static final String TOKEN = "token-7f3a9c2e51";

    @TempDir
    Path dir;

    private final TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
    private final TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
    private final TestPki.Issued leaf = TestPki.leaf(inter).dns(DOMAIN).issue();
    private final WizardState state = new WizardState();
    private FakeAzure azure;
    private AzureDeployViewModel model;

    /** A certificate checked from files as a user gives them: intermediate first, then the leaf, then the root. */
    static CheckReport report(TestPki.Issued root, TestPki.Issued inter, TestPki.Issued leaf) {
        String chain = TestPki.pem(inter.certificate(), leaf.certificate(), root.certificate());
        return new CertificateService().check(new CertificateService.Request(DOMAIN,
                List.of(Source.text("chain.pem", chain)), Source.text("key.pem", TestPki.pem(leaf.privateKey())),
                null, List.of(Source.text("root.pem", TestPki.pem(root.certificate())))));
    }

    @BeforeEach
    void start() throws Exception {
        azure = new FakeAzure();
        AzureClient client = new AzureClient(azure.clientTls(), Duration.ZERO, Duration.ofMinutes(1), 3);
        state.domainProperty().set(DOMAIN);
        state.certificateProperty().set(report(root, inter, leaf));
        state.targetProperty().set(TargetKind.ACI);
        model = new AzureDeployViewModel(state, BackgroundRunner.DIRECT, () -> client,
                Map.of("AZURE_ACCESS_TOKEN", TOKEN, "PATH", ""), dir.resolve("keys"));
        Files.createDirectories(dir.resolve("keys"));
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private void fillAci() {
        model.subscriptionProperty().set(SUBSCRIPTION);
        model.resourceGroupProperty().set("rg-scoring");
        model.workspaceProperty().set("ws-scoring");
        model.regionProperty().set("eastus");
        model.serviceNameProperty().set("scoring-svc");
        model.imageIdProperty().set("scoring-image:1");
        model.apiBaseProperty().set(azure.base().toString());
    }

    @Test
    void previewShowsTheRequestWithPemShortenedAndNoKey() {
        fillAci();
        String key = TestPki.pem(leaf.privateKey());

        model.showPreview();

        String preview = model.previewProperty().get();
        assertTrue(preview.contains("POST " + azure.base() + MMS + "/services"), preview);
        assertTrue(preview.contains("PATCH " + azure.base() + MMS + "/services/scoring-svc"), preview);
        assertTrue(preview.contains("\"sslEnabled\" : true") && preview.contains("\"cname\" : \"" + DOMAIN + "\""),
                preview);
        assertTrue(preview.contains("(PEM: 2 certificates, leaf first"), preview);
        assertTrue(preview.contains("(private key, PEM,") && preview.contains("not shown)"), preview);
        assertFalse(preview.contains("-----BEGIN"), "no PEM body on screen");
        assertFalse(preview.contains(key.lines().skip(1).findFirst().orElseThrow()), "no line of the key");
        assertTrue(preview.contains("support ended on 30 June 2026"), "the plan's notes say what is still live");
        assertTrue(model.noteProperty().get().contains("managed online endpoints"), model.noteProperty().get());
        assertFalse(model.doneProperty().get(), "a preview alone does not finish the step");
    }

    @Test
    void aRuleIsShownBesideTheFieldItConcernsAsTheUserTypes() {
        model.serviceNameProperty().set("Scoring_Svc");

        assertTrue(model.problemProperty(AzureForm.SERVICE_NAME).get().startsWith("Service name \"Scoring_Svc\" is "
                + "not valid"), model.problemProperty(AzureForm.SERVICE_NAME).get());
        assertEquals("", model.problemProperty(AzureForm.SUBSCRIPTION).get(), "an untouched field is not judged yet");

        model.showPreview();

        assertTrue(model.problemProperty(AzureForm.SUBSCRIPTION).get().startsWith("Subscription is missing"),
                model.problemProperty(AzureForm.SUBSCRIPTION).get());
        assertTrue(model.problemProperty(AzureForm.IMAGE_ID).get().contains("registered image"),
                model.problemProperty(AzureForm.IMAGE_ID).get());
        assertEquals("", model.previewProperty().get());
        assertTrue(model.failedProperty().get());

        fillAci();
        model.serviceNameProperty().set("scoring-svc");
        for (String field : List.of(AzureForm.SUBSCRIPTION, AzureForm.SERVICE_NAME, AzureForm.IMAGE_ID,
                AzureForm.GENERAL)) {
            assertEquals("", model.problemProperty(field).get(), field);
        }

        state.targetProperty().set(TargetKind.AKS);
        model.computeNameProperty().set("aks-scoring");
        model.aksSuccessorProperty().set(true);
        model.leafDomainLabelProperty().set("scoring");
        assertTrue(model.problemProperty(AzureForm.LEAF_DOMAIN_LABEL).get().contains("no Microsoft certificate"),
                model.problemProperty(AzureForm.LEAF_DOMAIN_LABEL).get());
        assertTrue(model.problemProperty(AzureForm.LEAF_DOMAIN_LABEL).get().contains("\u201cAKS successor"),
                "the CLI's option names become the form's labels");
    }

    @Test
    void aCertificateWithErrorsIsShownAboveTheFormInTheWizardsWords() {
        state.certificateProperty().set(new CertificateService().check(new CertificateService.Request(DOMAIN,
                List.of(Source.text("chain.pem", TestPki.pem(leaf.certificate(), inter.certificate()))), null, null,
                List.of(Source.text("root.pem", TestPki.pem(root.certificate()))))));
        fillAci();

        String problem = model.problemProperty(AzureForm.GENERAL).get();
        assertTrue(problem.startsWith("The certificate has errors") && problem.contains("the Certificate step lists"),
                problem);
        model.showPreview();
        assertEquals("", model.previewProperty().get());
    }

    @Test
    void exportWritesTheFilesAndNeverReplacesOneWithoutTheExplicitReplace() throws Exception {
        fillAci();
        Path out = dir.resolve("export");
        Files.createDirectories(out);

        model.export(out);

        assertTrue(model.doneProperty().get(), "export alone finishes the step");
        assertEquals(out, model.exportFolderProperty().get());
        List<String> listed = model.exported();
        assertTrue(listed.contains("aci-create.json  (owner-only: holds the private key)"), listed.toString());
        assertTrue(listed.contains("privkey.pem  (owner-only: holds the private key)"), listed.toString());
        assertTrue(listed.contains("fullchain.pem"), listed.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve(
                "privkey.pem"))));
        assertNull(state.deployedProperty().get(), "nothing is deployed by an export");
        model.imageIdProperty().set("scoring-image:2");
        assertFalse(model.doneProperty().get(), "the files no longer match the form");
        assertTrue(model.exported().isEmpty() && model.statusProperty().get().contains("export again"),
                model.statusProperty().get());

        Files.writeString(out.resolve("fullchain.pem"), "mine");
        AzureDeployViewModel again = new AzureDeployViewModel(state, BackgroundRunner.DIRECT, () -> null, Map.of(),
                null);
        again.subscriptionProperty().set(SUBSCRIPTION);
        again.resourceGroupProperty().set("rg-scoring");
        again.workspaceProperty().set("ws-scoring");
        again.regionProperty().set("eastus");
        again.serviceNameProperty().set("scoring-svc");
        again.imageIdProperty().set("scoring-image:1");

        again.export(out);

        assertFalse(again.doneProperty().get());
        assertTrue(again.statusProperty().get().contains("aci-create.json") && again.statusProperty().get()
                .contains("Nothing was written"), again.statusProperty().get());
        assertTrue(again.fixProperty().get().contains("Replace"), again.fixProperty().get());
        assertFalse(again.existing().isEmpty());
        assertEquals("mine", Files.readString(out.resolve("fullchain.pem")), "not overwritten");

        again.replaceExisting();

        assertTrue(again.doneProperty().get());
        assertTrue(again.existing().isEmpty());
        assertTrue(Files.readString(out.resolve("fullchain.pem")).startsWith("-----BEGIN CERTIFICATE-----"));
        assertTrue(again.log().stream().anyMatch(l -> l.contains("replacing existing files")), again.log().toString());
    }

    @Test
    void submitAciGoesThroughItsStagesAndHandsTheEndpointToTheWizard() throws Exception {
        azure.on("POST", MMS + "/services", of(202, "", "Operation-Location", MMS + "/operations/op-7",
                        "Retry-After", "0"))
                .on("GET", "/operations/op-7", of(200, "{\"state\":\"Running\"}", "Retry-After", "0"),
                        of(200, "{\"state\":\"Succeeded\"}"))
                .on("GET", "/services/scoring-svc", of(200, "{\"name\":\"scoring-svc\",\"scoringUri\":"
                        + "\"https://scoring-svc.eastus.azurecontainer.io/score\",\"publicIp\":\"20.1.2.3\"}"));
        fillAci();
        List<String> stages = new ArrayList<>();
        model.stageProperty().addListener((o, was, now) -> stages.add(now));

        model.submit();

        assertFalse(model.busyProperty().get());
        assertFalse(model.failedProperty().get(), model.statusProperty().get());
        assertEquals(List.of("Sending the request to Azure", "Azure is working: Running (check 1)",
                "Reading where the service answers", "Done"), stages.subList(1, 5));
        assertEquals("Bearer " + TOKEN, azure.requests("POST").get(0).header("Authorization"));
        String log = String.join("\n", model.log());
        assertTrue(log.contains("Access token from AZURE_ACCESS_TOKEN."), log);
        assertTrue(log.contains("the body holds the private key; not shown"), log);
        assertFalse(log.contains(TOKEN) || log.contains("PRIVATE KEY-----"), log);
        assertTrue(model.log().stream().allMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d  .*")), "timestamped");

        DeployedEndpoint endpoint = state.deployedProperty().get();
        assertEquals(TargetKind.ACI, endpoint.target());
        assertEquals(DOMAIN, endpoint.domain());
        assertEquals(List.of("20.1.2.3"), endpoint.addresses());
        assertEquals(List.of("scoring-svc.eastus.azurecontainer.io"), endpoint.hostnames());
        assertEquals(DOMAIN, state.endpointHostProperty().get());
        assertEquals(443, state.endpointPortProperty().get());
        assertEquals("20.1.2.3", state.connectToProperty().get());
        assertTrue(model.doneProperty().get());
        assertEquals("", model.key(false), "ACI returns no keys");
    }

    @Test
    void unauthorizedIsShownWithItsFixAndTheTokenComesFromTheFileGiven() throws Exception {
        azure.on("POST", MMS + "/services", of(401, "{\"error\":{\"code\":\"ExpiredAuthenticationToken\","
                + "\"message\":\"The access token expiry UTC time is earlier than current UTC time.\"}}"));
        fillAci();
        Path file = Files.writeString(dir.resolve("token.txt"), "from-the-file\n");
        model.tokenFileProperty().set(file.toString());

        model.submit();

        assertEquals("Bearer from-the-file", azure.requests("POST").get(0).header("Authorization"));
        assertTrue(model.failedProperty().get());
        assertEquals("Failed", model.stageProperty().get());
        assertTrue(model.statusProperty().get().contains("expired"), model.statusProperty().get());
        assertTrue(model.statusProperty().get().contains("ExpiredAuthenticationToken"), model.statusProperty().get());
        assertTrue(model.fixProperty().get().contains("az login"), model.fixProperty().get());
        assertFalse(model.doneProperty().get());
        assertNull(state.deployedProperty().get());
        assertFalse(String.join("\n", model.log()).contains("from-the-file"), "the token is never logged");
    }

    @Test
    void forbiddenNamesTheMissingPermissionAndTheRoleToAskFor() {
        azure.on("POST", MMS + "/services", of(403, "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":"
                + "\"The client 'x' does not have authorization to perform action "
                + "'Microsoft.MachineLearningServices/workspaces/services/aci/write' over scope '/subscriptions/y'\"}}"));
        fillAci();

        model.submit();

        assertTrue(model.statusProperty().get().contains("Microsoft.MachineLearningServices/workspaces/services/aci/"
                + "write"), model.statusProperty().get());
        assertTrue(model.fixProperty().get().contains("role"), model.fixProperty().get());
    }

    @Test
    void anEmptyTokenFileIsShownBesideTheTokenField() throws Exception {
        fillAci();
        model.tokenFileProperty().set(Files.writeString(dir.resolve("empty.txt"), "  \n").toString());

        model.submit();

        assertTrue(model.problemProperty(AzureForm.TOKEN).get().contains("is empty"),
                model.problemProperty(AzureForm.TOKEN).get());
        assertTrue(azure.received.isEmpty(), "nothing is sent without a token");
    }

    @Test
    void cancelStopsPollingAtOnce() {
        azure.on("POST", MMS + "/services", of(202, "", "Operation-Location", "op-4"))
                .on("GET", "/operations/op-4", of(200, "{\"state\":\"Running\"}", "Retry-After", "3600"));
        fillAci();
        model.stageProperty().addListener((o, was, now) -> {
            if (now.contains("Running")) {
                model.cancel();
            }
        });
        long started = System.nanoTime();

        model.submit();

        assertTrue(System.nanoTime() - started < Duration.ofSeconds(30).toNanos(), "no hour-long wait");
        assertEquals(1, azure.requests("GET").size(), "no poll after Cancel");
        assertEquals("Cancelled", model.stageProperty().get());
        assertTrue(model.statusProperty().get().startsWith("Cancelled"), model.statusProperty().get());
        assertFalse(model.busyProperty().get());
        assertFalse(model.doneProperty().get());
    }

    @Test
    void fpgaKeysAreSavedOwnerOnlyAndOnlyEverShownMasked() throws Exception {
        String services = "/api/subscriptions/" + SUBSCRIPTION + "/resourcegroups/rg-scoring/accounts/mm-account/"
                + "services";
        azure.on("POST", services, of(202, "", "Operation-Location", services.replace("/services", "/operations/o1")
                        + "?api-version=2018-04-01-preview"))
                .on("GET", "/operations/o1", of(200, "{\"state\":\"Succeeded\",\"resourceLocation\":\"" + services
                        + "/svc-123\"}"))
                .on("GET", services + "/svc-123", of(200, "{\"ipAddress\":\"40.7.8.9\",\"port\":443}"))
                .on("GET", services + "/svc-123/keys", of(200,
                        "{\"primaryKey\":\"PrimaryKeyValue0123456789\",\"secondaryKey\":\"SecondaryKeyValue987\"}"));
        state.targetProperty().set(TargetKind.FPGA);
        assertTrue(model.noteProperty().get().startsWith("No live service"), model.noteProperty().get());
        model.subscriptionProperty().set(SUBSCRIPTION);
        model.resourceGroupProperty().set("rg-scoring");
        model.accountProperty().set("mm-account");
        model.regionProperty().set("eastus");
        model.modelIdProperty().set("resnet50:3");
        model.serviceNameProperty().set("fpga-svc");
        model.replicasProperty().set(2);

        model.submit();
        assertTrue(model.statusProperty().get().startsWith("No live service"), "not sent to a retired API");
        assertTrue(azure.received.isEmpty());

        model.apiBaseProperty().set(azure.base().toString());
        model.submit();

        assertFalse(model.failedProperty().get(), model.statusProperty().get());
        assertEquals(2, azure.requests("POST").get(0).json().get("numReplicas").asInt());
        Path keys = model.savedKeysProperty().get();
        assertEquals(new AuthKeys.Pair("PrimaryKeyValue0123456789", "SecondaryKeyValue987"),
                AuthKeys.Pair.parse(Files.readAllBytes(keys), "keys"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
        assertEquals(keys, state.keysFileProperty().get());
        assertEquals("PrimaryKeyValue0123456789", model.key(false), "in full for the clipboard only");
        String shown = String.join("\n", model.log()) + model.statusProperty().get()
                + state.deployedProperty().get().note();
        assertFalse(shown.contains("PrimaryKeyValue0123456789") || shown.contains("SecondaryKeyValue987"), shown);
        assertEquals("40.7.8.9", state.connectToProperty().get());
        assertTrue(new String(Files.readAllBytes(keys), StandardCharsets.UTF_8).contains("SecondaryKeyValue987"));
    }
}

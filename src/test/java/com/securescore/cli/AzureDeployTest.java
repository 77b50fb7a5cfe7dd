package com.securescore.cli;

import static com.securescore.testsupport.FakeAzure.Reply.of;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Source;
import com.securescore.deploy.TargetKind;
import com.securescore.deploy.azure.AzureClient;
import com.securescore.task.Cancellation;
import com.securescore.testsupport.FakeAzure;
import com.securescore.testsupport.TestPki;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code securescore deploy --target aci|aks|fpga} as DeployCommand will call it: options parsed by
 * picocli through the mixin, exit codes, JSON, and nothing secret on the screen.
 */
class AzureDeployTest {
    private static final String DOMAIN = "scoring.contoso.test";
    private static final String SUB = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private CheckReport report;
    private String keyBase64Line;
    private FakeAzure azure;
    private AzureClient client;

    @Command(name = "deploy")
    static final class Holder {
        @Mixin
        AzureOptions azure = new AzureOptions();
    }

    @BeforeEach
    void setUp() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
        TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(inter).dns(DOMAIN).issue();
        String keyPem = TestPki.pem(leaf.privateKey());
        keyBase64Line = keyPem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        report = new CertificateService().check(new CertificateService.Request(DOMAIN,
                List.of(Source.text("chain.pem", TestPki.pem(leaf.certificate(), inter.certificate()))),
                Source.text("key.pem", keyPem), null, List.of(Source.text("root.pem", TestPki.pem(root.certificate())))));

        azure = new FakeAzure();
        client = new AzureClient(azure.clientTls(), Duration.ZERO, Duration.ofMinutes(1), 2);
    }

    @AfterEach
    void stop() {
        azure.close();
    }

    private AzureOptions options(String... args) {
        Holder holder = new Holder();
        new CommandLine(holder).parseArgs(args);
        return holder.azure;
    }

    private String[] aci(String... more) {
        return Stream.concat(Stream.of("--subscription", SUB, "--resource-group", "rg-scoring", "--workspace",
                "ws-scoring", "--region", "eastus", "--service-name", "scoring-svc", "--image-id", "scoring-image:1"),
                Stream.of(more)).toArray(String[]::new);
    }

    private int run(TargetKind target, AzureOptions options, Path export, boolean submit, boolean force,
            boolean json, Map<String, String> env) {
        return AzureDeploy.run(new PrintWriter(out, true), new PrintWriter(err, true), target, options, report,
                export, submit, force, 1, json, client, env, Cancellation.none());
    }

    @Test
    void dryRunShowsTheRequestWithPemShortenedAndNoKeyMaterial() throws Exception {
        assertEquals(0, run(TargetKind.ACI, options(aci()), null, false, false, false, Map.of()));

        String text = out.toString();
        assertTrue(text.contains("POST https://eastus.api.azureml.ms/modelmanagement/v1.0/subscriptions/" + SUB),
                text);
        assertTrue(text.contains("\"sslEnabled\" : true"), text);
        assertTrue(text.contains("(PEM: 2 certificates, leaf first"), text);
        assertTrue(text.contains("(private key, PEM"), text);
        assertTrue(text.contains("Nothing was written or sent"), text);
        assertFalse(text.contains("BEGIN PRIVATE KEY"), text);
        assertFalse(text.contains(keyBase64Line), text);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "nothing written");
        }
    }

    @Test
    void jsonDryRunIsOneDocumentWithTheExactFieldNames() throws Exception {
        assertEquals(0, run(TargetKind.FPGA, options("--subscription", SUB, "--resource-group", "rg", "--region",
                "eastus", "--account", "mm-account", "--model-id", "resnet50:3", "--service-name", "fpga-svc"), null,
                false, false, true, Map.of()));

        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertTrue(doc.get("ok").asBoolean());
        assertEquals("dry-run", doc.get("mode").asText());
        JsonNode body = doc.get("requests").get(0).get("body");
        assertEquals("FPGA", body.get("computeType").asText());
        assertEquals("resnet50:3", body.get("modelId").asText());
        assertTrue(body.get("sslKey").asText().contains("not shown"));
        assertFalse(out.toString().contains(keyBase64Line));
    }

    @Test
    void aMissingOptionExitsOneAndNamesIt() {
        assertEquals(1, run(TargetKind.AKS, options("--subscription", SUB, "--resource-group", "rg", "--workspace",
                "ws-scoring", "--region", "eastus"), dir.resolve("out"), false, false, false, Map.of()));

        assertTrue(err.toString().contains("--compute-name is missing"), err.toString());
        assertFalse(Files.exists(dir.resolve("out")), "nothing written");
    }

    @Test
    void exportRefusesToOverwriteAndExitsTwo() throws Exception {
        Path target = Files.createDirectories(dir.resolve("out"));
        Files.writeString(target.resolve("aci-create.json"), "mine");

        assertEquals(2, run(TargetKind.ACI, options(aci()), target, false, false, false, Map.of()));

        assertTrue(err.toString().contains("aci-create.json already exists"), err.toString());
        assertEquals("mine", Files.readString(target.resolve("aci-create.json")));
    }

    @Test
    void exportWritesTheFilesAndSaysWhichHoldTheKey() throws Exception {
        assertEquals(0, run(TargetKind.AKS, options("--subscription", SUB, "--resource-group", "rg", "--compute-name",
                "aks-scoring", "--aks-successor"), dir.resolve("out"), false, false, false, Map.of()));

        assertTrue(out.toString().contains("aks-extension.json  (owner-only: it holds the private key)"),
                out.toString());
        assertTrue(Files.exists(dir.resolve("out/aks-extension-az.txt")));
    }

    @Test
    void submitReadsTheTokenFileFollowsTheOperationAndPrintsTheEndpointAsJson() throws Exception {
        String mms = "/modelmanagement/v1.0/subscriptions/" + SUB + "/resourceGroups/rg-scoring/providers/"
                + "Microsoft.MachineLearningServices/workspaces/ws-scoring";
        azure.on("POST", mms + "/services", of(202, "", "Operation-Location", mms + "/operations/op-1",
                        "Retry-After", "0"))
                .on("GET", "/operations/op-1", of(200, "{\"state\":\"Succeeded\"}"))
                .on("GET", "/services/scoring-svc", of(200, "{\"scoringUri\":"
                        + "\"https://scoring-svc.eastus.azurecontainer.io/score\",\"publicIp\":\"20.1.2.3\"}"));
        Path tokenFile = Files.writeString(dir.resolve("token.txt"), "secret-token-value\n");

        int code = run(TargetKind.ACI, options(aci("--api-base", azure.base().toString(),
                "--token-file", tokenFile.toString())), null, true, false, true, Map.of());

        assertEquals(0, code, err.toString());
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertEquals("submit", doc.get("mode").asText());
        assertEquals("20.1.2.3", doc.at("/result/endpoint/addresses/0").asText());
        assertEquals("scoring-svc.eastus.azurecontainer.io", doc.at("/result/endpoint/hostnames/0").asText());
        assertEquals(443, doc.at("/result/endpoint/port").asInt());
        assertEquals("Bearer secret-token-value", azure.received.get(0).header("Authorization"));
        assertFalse(out.toString().contains("secret-token-value") || err.toString().contains("secret-token-value"));
        assertTrue(err.toString().contains("Access token from --token-file"), err.toString());
    }

    @Test
    void submitWithAnExpiredTokenExitsOneWithTheFix() throws Exception {
        azure.on("POST", "/services", of(401, "{\"error\":{\"code\":\"InvalidAuthenticationToken\","
                + "\"message\":\"The access token is invalid.\"}}"));

        int code = run(TargetKind.ACI, options(aci("--api-base", azure.base().toString())),
                null, true, false, false, Map.of("AZURE_ACCESS_TOKEN", "stale"));

        assertEquals(1, code);
        assertTrue(err.toString().contains("InvalidAuthenticationToken: The access token is invalid."), err.toString());
        assertTrue(err.toString().contains("Fix: Get a fresh token: az login"), err.toString());
    }

    @Test
    void submitWithoutAnyTokenSaysHowToGetOne() {
        int code = run(TargetKind.ACI, options(aci()), null, true, false, false, Map.of("PATH", dir.toString()));

        assertEquals(1, code);
        assertTrue(err.toString().contains("No access token"), err.toString());
        assertTrue(err.toString().contains("az account get-access-token --resource https://management.azure.com/"),
                err.toString());
    }

    @Test
    void submitTakesTheTokenFromTheAzureCliWhenItIsOnThePath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path az = Files.writeString(bin.resolve("az"), "#!/bin/sh\n[ \"$1 $2\" = \"account get-access-token\" ] "
                + "&& echo from-az-cli && exit 0\nexit 3\n");
        az.toFile().setExecutable(true);
        azure.on("POST", "/services", of(409, ""));

        int code = run(TargetKind.ACI, options(aci("--api-base", azure.base().toString())),
                null, true, false, false, Map.of("PATH", bin.toString()));

        assertEquals(1, code);
        assertEquals(List.of("Bearer from-az-cli"), azure.received.stream().map(r -> r.header("Authorization"))
                .toList());
        assertTrue(out.toString().contains("Access token from az account get-access-token"), out.toString());
        assertTrue(err.toString().contains("name is taken"), err.toString());
    }
}

package com.securescore.deploy.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.CertificateExporter;
import com.securescore.cert.CheckReport;
import com.securescore.deploy.TargetKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds the exact Azure ML requests for one target from a checked certificate: the v1 ACI web
 * service (create and its JSON-Patch update), the v1 AKS compute (three TLS modes), the
 * Kubernetes online endpoint extension that succeeds it, and the 2018 FPGA service. Field names
 * follow the azureml-core SDK's {@code _build_create_payload} and the Azure CLI's ml extension.
 * Every rule is checked before a request exists, so nothing half-built is ever written or sent.
 */
public final class AzureRequests {
    static final ObjectMapper JSON = new ObjectMapper();
    public static final String ACI_CREATE = "aci-create.json";
    public static final String ACI_UPDATE = "aci-update.json";
    public static final String AKS_COMPUTE = "aks-compute.json";
    public static final String AKS_EXTENSION = "aks-extension.json";
    public static final String FPGA_CREATE = "fpga-create.json";
    static final String MMS_PATH = "/modelmanagement/v1.0/subscriptions/%s/resourceGroups/%s/providers/"
            + "Microsoft.MachineLearningServices/workspaces/%s";
    static final String AKS_API_VERSION = "2020-02-02";
    static final String EXTENSION_API_VERSION = "2022-11-01";
    static final String FPGA_API_VERSION = "2018-04-01-preview";
    static final String V1_END = "Azure ML SDK v1 support ended on 30 June 2026; existing v1 services keep running.";

    private AzureRequests() {
    }

    /** The requests for {@code target}, or the first rule they would break. */
    public static AzurePlan plan(TargetKind target, AzureSettings settings, CheckReport report)
            throws AzureRuleException {
        return switch (target) {
            case ACI -> aci(settings, report);
            case AKS -> settings.aksSuccessor() ? AksRequests.extension(settings, report)
                    : AksRequests.compute(settings, report);
            case FPGA -> fpga(settings, report);
            default -> throw new AzureRuleException("target", target.displayName() + " is not an Azure target: "
                    + "choose aci, aks or fpga.");
        };
    }

    /** The model-management base for a workspace: {@code https://<region>.api.azureml.ms/modelmanagement/v1.0/...}. */
    public static String mms(AzureSettings s) {
        String host = s.apiBase() != null ? strip(s.apiBase()) : "https://" + s.region() + ".api.azureml.ms";
        return host + String.format(MMS_PATH, s.subscription(), s.resourceGroup(), s.workspace());
    }

    static AzurePlan aci(AzureSettings s, CheckReport report) throws AzureRuleException {
        AzureRules.certificate(report);
        AzureRules.workspace(s);
        AzureRules.region(s, false, "it names the model-management host, https://<region>.api.azureml.ms; "
                + "or give --api-base");
        AzureRules.serviceName(s);
        AzureRules.id("image-id", s.imageId(), "the registered image the service runs (the guide's "
                + "Image.create result, e.g. myimage:1)");
        AzureRules.positive("cpu", s.cpuCores(), "cpu_cores");
        AzureRules.positive("memory", s.memoryGb(), "memory_gb");
        if (s.dnsNameLabel() != null) {
            AzureRules.dnsLabel("dns-name-label", s.dnsNameLabel(), "the DNS name label");
        }
        String cname = AzureRules.cname(s, report);
        String chain = fullchain(report);
        String key = CertificateExporter.privateKeyPem(report.key());
        ObjectNode body = JSON.createObjectNode();
        body.put("name", s.serviceName());
        body.put("description", "SecureScore scoring service for " + cname);
        body.putObject("kvTags");
        body.putObject("properties");
        body.put("computeType", "ACI");
        body.put("imageId", s.imageId());
        if (s.region() != null) {
            body.put("location", s.region());
        }
        ObjectNode resources = body.putObject("containerResourceRequirements");
        resources.put("cpu", s.cpuCores());
        resources.put("memoryInGB", s.memoryGb());
        body.put("authEnabled", true);
        body.put("sslEnabled", true);
        body.put("sslCertificate", chain);
        body.put("sslKey", key);
        body.put("cname", cname);
        if (s.dnsNameLabel() != null) {
            body.put("dnsNameLabel", s.dnsNameLabel());
        }
        ArrayNode patch = JSON.createArrayNode();
        replace(patch, "/sslEnabled").put("value", true);
        replace(patch, "/sslCertificate").put("value", chain);
        replace(patch, "/sslKey").put("value", key);
        replace(patch, "/cname").put("value", cname);
        String mms = mms(s);
        List<AzureRequest> requests = List.of(
                new AzureRequest("POST", URI.create(mms + "/services"), "application/json", body, true, ACI_CREATE,
                        "creates the ACI web service " + s.serviceName() + " with TLS for " + cname, true),
                new AzureRequest("PATCH", URI.create(mms + "/services/" + s.serviceName()),
                        "application/json-patch+json", patch, true, ACI_UPDATE,
                        "turns TLS on (or renews the certificate) for the existing service " + s.serviceName(),
                        false));
        List<String> notes = new ArrayList<>();
        notes.add(V1_END + " Successor: managed online endpoints, always HTTPS with Microsoft's certificate; "
                + "custom DNS names are not supported there.");
        notes.add("The key is sent and written unencrypted (PKCS#8), owner-only.");
        return new AzurePlan(TargetKind.ACI, cname, s, requests, chain, key, null,
                "CNAME " + cname + " -> the service's Azure-provided name (or an A record -> its public IP), "
                        + "both shown once the service runs.", notes);
    }

    static AzurePlan fpga(AzureSettings s, CheckReport report) throws AzureRuleException {
        AzureRules.certificate(report);
        AzureRules.subscription(s);
        AzureRules.resourceGroup(s);
        AzureRules.plainName("account", s.account(), "the 2018 Model Management account name");
        AzureRules.region(s, false, "it names the 2018 host, https://<region>.modelmanagement.azureml.net; or "
                + "give --api-base");
        AzureRules.id("model-id", s.modelId(), "the registered model's ID");
        AzureRules.serviceName(s);
        if (s.replicas() < 1) {
            throw new AzureRuleException("replicas", "numReplicas must be at least 1.");
        }
        if ((s.primaryKey() == null) != (s.secondaryKey() == null)) {
            throw new AzureRuleException("keys", "Give both keys (primary and secondary) or neither; the service "
                    + "makes both when none are given.");
        }
        String chain = fullchain(report);
        String key = CertificateExporter.privateKeyPem(report.key());
        ObjectNode body = JSON.createObjectNode();
        body.put("computeType", "FPGA");
        body.put("modelId", s.modelId());
        body.put("name", s.serviceName());
        body.put("numReplicas", s.replicas());
        body.put("sslEnabled", true);
        body.put("sslCertificate", chain);
        body.put("sslKey", key);
        if (s.primaryKey() != null) {
            body.putObject("keys").put("primaryKey", s.primaryKey()).put("secondaryKey", s.secondaryKey());
        }
        String host = s.apiBase() != null ? strip(s.apiBase())
                : "https://" + s.region() + ".modelmanagement.azureml.net";
        URI uri = URI.create(host + "/api/subscriptions/" + s.subscription() + "/resourcegroups/" + s.resourceGroup()
                + "/accounts/" + s.account() + "/services?api-version=" + FPGA_API_VERSION);
        List<String> notes = List.of("No live service takes this request today: the 2018 FPGA account API was "
                        + "retired. It is exported as the exact record of what the guide sent; SecureScore's "
                        + "FPGA-compatible service runs locally or on Kubernetes instead.",
                "The FPGA body has no cname: clients check the certificate against " + report.domain()
                        + ", so point that name at the service's ipAddress.",
                "The key is sent and written unencrypted (PKCS#8), owner-only.");
        return new AzurePlan(TargetKind.FPGA, report.domain(), s, List.of(new AzureRequest("POST", uri,
                "application/json", body, true, FPGA_CREATE, "creates the FPGA service " + s.serviceName(), true)),
                chain, key, null, "A " + report.domain() + " -> the service's ipAddress (shown once it runs).", notes);
    }

    static String fullchain(CheckReport report) {
        return CertificateExporter.pem(report.serverChain().toArray());
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    static String strip(URI base) {
        String text = base.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static ObjectNode replace(ArrayNode patch, String path) {
        return patch.addObject().put("op", "replace").put("path", path);
    }
}

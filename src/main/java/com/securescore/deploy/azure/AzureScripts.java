package com.securescore.deploy.azure;

import com.securescore.deploy.TargetKind;

/**
 * The companion texts of an export: a Python script equivalent to the original Azure ML guide's
 * snippets (azureml-core v1, or the 2018 {@code amlrealtimeai} client) that reads the exported PEM
 * files, and a README saying what is still live, what to send and which DNS record to create.
 */
final class AzureScripts {
    static final String PYTHON = "deploy_azureml.py";
    static final String README = "README.txt";
    static final String AZ_COMMAND = "aks-extension-az.txt";

    private AzureScripts() {
    }

    /** The guide-style script, or null for the extension (its az command line says it all). */
    static String python(AzurePlan plan) {
        AzureSettings s = plan.settings();
        if (plan.extension()) {
            return null;
        }
        StringBuilder py = new StringBuilder();
        py.append("# Equivalent of the original Azure ML guide's snippet, reading the files SecureScore exported.\n");
        if (plan.target() == TargetKind.FPGA) {
            return fpga(py, s);
        }
        py.append("# azureml-core (SDK v1): support ended 30 June 2026; existing v1 workspaces still accept it.\n")
                .append("from azureml.core import Workspace\n");
        if (plan.target() == TargetKind.ACI) {
            return aci(py, plan, s);
        }
        return aks(py, plan, s);
    }

    /** The 2018 {@code amlrealtimeai} client's create_service. */
    private static String fpga(StringBuilder py, AzureSettings s) {
        py.append("# The 2018 FPGA account API is retired: kept as the exact record of what the guide sent.\n")
                .append("from amlrealtimeai import DeploymentClient\n\n")
                .append("deployment_client = DeploymentClient(").append(q(s.subscription())).append(", ")
                .append(q(s.resourceGroup())).append(", ").append(q(s.account())).append(")\n")
                .append("with open(\"fullchain.pem\", \"r\") as cert_file, open(\"privkey.pem\", \"r\") as key_file:\n")
                .append("    cert = cert_file.read()\n")
                .append("    key = key_file.read()\n")
                .append("service = deployment_client.create_service(").append(q(s.serviceName())).append(", ")
                .append(q(s.modelId())).append(", ssl_enabled=True, ssl_certificate=cert, ssl_key=key)\n")
                .append("print(service.ipAddress, service.port)\n");
        return py.toString();
    }

    /** azureml-core's ACI deployment with TLS for the certificate's name. */
    private static String aci(StringBuilder py, AzurePlan plan, AzureSettings s) {
        py.append("from azureml.core.image import Image\n")
                .append("from azureml.core.webservice import AciWebservice, Webservice\n\n")
                .append(workspace(s))
                .append("image = Image(ws, id=").append(q(s.imageId())).append(")\n")
                .append("aciconfig = AciWebservice.deploy_configuration(cpu_cores=").append(num(s.cpuCores()))
                .append(", memory_gb=").append(num(s.memoryGb())).append(",\n")
                .append("                                               auth_enabled=True,\n")
                .append("                                               ssl_enabled=True,\n")
                .append("                                               ssl_cert_pem_file=\"fullchain.pem\",\n")
                .append("                                               ssl_key_pem_file=\"privkey.pem\",\n")
                .append("                                               ssl_cname=").append(q(plan.domain()))
                .append(s.dnsNameLabel() == null ? "" : ",\n                                               "
                        + "dns_name_label=" + q(s.dnsNameLabel()))
                .append(")\n")
                .append("service = Webservice.deploy_from_image(workspace=ws, name=").append(q(s.serviceName()))
                .append(", image=image, deployment_config=aciconfig)\n")
                .append("service.wait_for_deployment(show_output=True)\n")
                .append("print(service.scoring_uri)\n");
        return py.toString();
    }

    /** azureml-core's AKS compute, with enable_ssl for the TLS mode chosen. */
    private static String aks(StringBuilder py, AzurePlan plan, AzureSettings s) {
        py.append("from azureml.core.compute import AksCompute, ComputeTarget\n\n")
                .append(workspace(s))
                .append("prov_config = AksCompute.provisioning_configuration(agent_count=").append(s.agentCount())
                .append(", vm_size=").append(q(s.vmSize())).append(", location=").append(q(s.region()))
                .append(", cluster_purpose=").append(q(s.clusterPurpose())).append(")\n");
        switch (s.aksSslMode()) {
            case OWN_CERTIFICATE -> py.append("prov_config.enable_ssl(ssl_cert_pem_file=\"fullchain.pem\", "
                    + "ssl_key_pem_file=\"privkey.pem\", ssl_cname=").append(q(plan.domain())).append(")\n");
            case MICROSOFT_CERTIFICATE -> py.append("prov_config.enable_ssl(leaf_domain_label=")
                    .append(q(s.leafDomainLabel())).append(", overwrite_existing_domain=")
                    .append(s.overwriteExistingDomain() ? "True" : "False").append(")\n");
            default -> py.append("# TLS off: no enable_ssl call.\n");
        }
        py.append("aks_target = ComputeTarget.create(workspace=ws, name=").append(q(s.computeName()))
                .append(", provisioning_configuration=prov_config)\n")
                .append("aks_target.wait_for_completion(show_output=True)\n");
        return py.toString();
    }

    static String readme(AzurePlan plan, Iterable<String> files, Iterable<String> secretFiles) {
        StringBuilder t = new StringBuilder();
        t.append("SecureScore export: ").append(plan.target().displayName())
                .append(plan.extension() ? " (Kubernetes online endpoint extension)" : "")
                .append(" for ").append(plan.domain()).append("\n\n");
        t.append("What is still live\n");
        switch (plan.target()) {
            case ACI -> t.append("  ACI web services are Azure ML SDK v1: support ended 30 June 2026; existing v1 "
                    + "services keep running.\n  Successor: managed online endpoints (always HTTPS with Microsoft's "
                    + "certificate; custom DNS names are not supported).\n");
            case AKS -> t.append(plan.extension()
                    ? "  Kubernetes online endpoints through the Azure ML cluster extension: the live successor of "
                    + "AKS v1 compute.\n"
                    : "  AKS compute is Azure ML SDK v1: support ended 30 June 2026; existing v1 clusters keep "
                    + "running.\n  Successor: Kubernetes online endpoints (export with --aks-successor).\n");
            default -> t.append("  No live service: the 2018 FPGA account API was retired. SecureScore's "
                    + "FPGA-compatible service runs locally or on Kubernetes.\n");
        }
        t.append("\nRequests (send with a bearer token for https://management.azure.com/)\n");
        for (AzureRequest r : plan.requests()) {
            t.append("  ").append(r.fileName()).append(": ").append(r.method()).append(' ').append(r.uri())
                    .append("\n    Content-Type: ").append(r.contentType()).append("; ").append(r.purpose())
                    .append(r.submitted() ? "" : " (not sent by securescore deploy --submit)").append('\n');
        }
        if (plan.azCommand() != null) {
            t.append("\nOr with the Azure CLI, from this folder (").append(AZ_COMMAND).append("):\n")
                    .append(plan.azCommand().indent(2));
        }
        t.append("\nDNS record to create\n  ").append(plan.dnsRecord()).append('\n');
        t.append("\nFiles\n");
        for (String f : files) {
            t.append("  ").append(f).append('\n');
        }
        t.append("Owner-only, because they hold the private key:");
        secretFiles.forEach(f -> t.append(' ').append(f));
        t.append("\nKeep them out of version control and delete them once the service runs.\n");
        t.append("\nNotes\n");
        plan.notes().forEach(n -> t.append("  - ").append(n).append('\n'));
        return t.toString();
    }

    private static String workspace(AzureSettings s) {
        return "ws = Workspace.get(name=" + q(s.workspace()) + ", subscription_id=" + q(s.subscription())
                + ", resource_group=" + q(s.resourceGroup()) + ")\n";
    }

    private static String q(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String num(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}

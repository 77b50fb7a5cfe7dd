package com.securescore.deploy.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.CertificateExporter;
import com.securescore.cert.CheckReport;
import com.securescore.deploy.TargetKind;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The AKS requests: the v1 compute PUT ({@code AksCompute.provisioning_configuration} +
 * {@code enable_ssl}) and the Kubernetes online endpoint extension that replaces it, with the same
 * transformation the Azure CLI applies (PEM text base64-encoded into {@code scoringFe.sslCert} and
 * {@code scoringFe.sslKey}); a tool that passed the file settings through would fail TLS.
 */
final class AksRequests {
    static final String NO_PASSPHRASE = "AKS takes no passphrase-protected key: the key is sent and written "
            + "unencrypted (PKCS#8), owner-only.";
    private static final String LEAF_AND_OWN = "Invalid configuration. When leaf domain label is provided, cname, "
            + "cert pem file, or key pem file should not be provided.";

    private AksRequests() {
    }

    static AzurePlan compute(AzureSettings s, CheckReport report) throws AzureRuleException {
        AzureRules.workspace(s);
        AzureRules.region(s, true, "location: the cluster's Azure region");
        AzureRules.computeName(s, "the AKS compute name");
        if (s.agentCount() < 1) {
            throw new AzureRuleException("agent-count", "Invalid configuration, agent_count must be positive.");
        }
        AzureRules.plainName("vm-size", s.vmSize(), "a VM size such as Standard_D3_v2");
        if (!List.of("FastProd", "DevTest").contains(s.clusterPurpose())) {
            throw new AzureRuleException("cluster-purpose", "clusterPurpose must be FastProd or DevTest.");
        }
        ObjectNode body = AzureRequests.JSON.createObjectNode();
        body.put("location", s.region());
        ObjectNode properties = body.putObject("properties");
        properties.put("computeType", "AKS");
        properties.put("description", "SecureScore scoring cluster");
        ObjectNode aks = properties.putObject("properties");
        aks.put("agentCount", s.agentCount());
        aks.put("agentVmSize", s.vmSize());
        aks.put("clusterPurpose", s.clusterPurpose());
        ObjectNode ssl = aks.putObject("sslConfiguration");
        ssl.put("status", s.aksSslMode().status());
        List<String> notes = new ArrayList<>();
        ComputeTls tls = switch (s.aksSslMode()) {
            case OWN_CERTIFICATE -> ownCertificate(s, report, ssl, notes);
            case MICROSOFT_CERTIFICATE -> microsoftCertificate(s, ssl, notes);
            default -> new ComputeTls(report == null ? null : report.domain(), null, null, "None: TLS is off.");
        };
        notes.add(AzureRequests.V1_END + " Successor: Kubernetes online endpoints through the Azure ML cluster "
                + "extension (--aks-successor).");
        URI uri = URI.create(management(s) + "/subscriptions/" + s.subscription() + "/resourceGroups/"
                + s.resourceGroup() + "/providers/Microsoft.MachineLearningServices/workspaces/" + s.workspace()
                + "/computes/" + s.computeName() + "?api-version=" + AzureRequests.AKS_API_VERSION);
        AzureRequest put = new AzureRequest("PUT", uri, "application/json", body, tls.key() != null,
                AzureRequests.AKS_COMPUTE, "creates the AKS compute " + s.computeName() + " with TLS "
                + s.aksSslMode().status(), true);
        return new AzurePlan(TargetKind.AKS, tls.domain(), s, List.of(put), tls.chain(), tls.key(), null, tls.dns(),
                notes);
    }

    /** The name the compute serves, the certificate and key sent (null when none), and the DNS record it needs. */
    private record ComputeTls(String domain, String chain, String key, String dns) {
    }

    /** The user's certificate and key in the compute's sslConfiguration, for its cname. */
    private static ComputeTls ownCertificate(AzureSettings s, CheckReport report, ObjectNode ssl, List<String> notes)
            throws AzureRuleException {
        if (s.leafDomainLabel() != null) {
            throw new AzureRuleException("leaf-domain-label", LEAF_AND_OWN + " Drop --leaf-domain-label to "
                    + "use your certificate, or choose the Microsoft certificate instead of yours.");
        }
        AzureRules.certificate(report);
        String domain = AzureRules.cname(s, report);
        String chain = AzureRequests.fullchain(report);
        String key = CertificateExporter.privateKeyPem(report.key());
        ssl.put("cert", chain);
        ssl.put("key", key);
        ssl.put("cname", domain);
        notes.add(NO_PASSPHRASE);
        notes.add("AKS v1 serves TLS 1.2 only.");
        return new ComputeTls(domain, chain, key, "A " + domain + " -> the cluster's public IP (AKS: Public IP "
                + "Address, shown once the compute runs).");
    }

    /** A certificate Microsoft issues for the leaf domain label under the region's cloudapp.azure.com. */
    private static ComputeTls microsoftCertificate(AzureSettings s, ObjectNode ssl, List<String> notes)
            throws AzureRuleException {
        if (s.cname() != null) {
            throw new AzureRuleException("leaf-domain-label", LEAF_AND_OWN + " Drop the cname to use "
                    + "Microsoft's certificate, or drop --leaf-domain-label to use your own.");
        }
        AzureRules.dnsLabel("leaf-domain-label", s.leafDomainLabel(), "the leaf domain label");
        ssl.put("leafDomainLabel", s.leafDomainLabel());
        ssl.put("overwriteExistingDomain", s.overwriteExistingDomain());
        String domain = s.leafDomainLabel() + "." + s.region() + ".cloudapp.azure.com";
        notes.add("Microsoft issues the certificate for a name under " + s.region()
                + ".cloudapp.azure.com; your certificate and key are not sent.");
        return new ComputeTls(domain, null, null, "None to create: Azure names the cluster " + s.leafDomainLabel()
                + "…." + s.region() + ".cloudapp.azure.com (see the compute's sslConfiguration once it runs).");
    }

    static AzurePlan extension(AzureSettings s, CheckReport report) throws AzureRuleException {
        AzureRules.subscription(s);
        AzureRules.resourceGroup(s);
        AzureRules.computeName(s, "the AKS cluster the extension goes on");
        if (s.leafDomainLabel() != null) {
            throw new AzureRuleException("leaf-domain-label", "The Kubernetes extension has no Microsoft certificate "
                    + "(leaf domain label): drop --leaf-domain-label, or leave out --aks-successor for the v1 "
                    + "compute.");
        }
        ObjectNode settings = AzureRequests.JSON.createObjectNode();
        settings.put("enableInference", "True");
        settings.put("inferenceRouterServiceType", "LoadBalancer");
        settings.put("allowInsecureConnections", "False");
        ObjectNode protectedSettings = AzureRequests.JSON.createObjectNode();
        ExtensionTls tls = extensionTls(s, report, settings, protectedSettings);
        String cname = tls.cname();
        settings.put("sslCname", cname);
        ObjectNode body = AzureRequests.JSON.createObjectNode();
        ObjectNode properties = body.putObject("properties");
        properties.put("extensionType", "Microsoft.AzureML.Kubernetes");
        properties.put("autoUpgradeMinorVersion", true);
        properties.put("releaseTrain", "stable");
        properties.putObject("scope").putObject("cluster").put("releaseNamespace", "azureml");
        properties.set("configurationSettings", settings);
        properties.set("configurationProtectedSettings", protectedSettings);
        URI uri = URI.create(management(s) + "/subscriptions/" + s.subscription() + "/resourceGroups/"
                + s.resourceGroup() + "/providers/Microsoft.ContainerService/managedClusters/" + s.computeName()
                + "/providers/Microsoft.KubernetesConfiguration/extensions/azureml?api-version="
                + AzureRequests.EXTENSION_API_VERSION);
        AzureRequest put = new AzureRequest("PUT", uri, "application/json", body, tls.key() != null,
                AzureRequests.AKS_EXTENSION, "installs the Azure ML extension on cluster " + s.computeName()
                + " with TLS for " + cname, true);
        return new AzurePlan(TargetKind.AKS, cname, s, List.of(put), tls.chain(), tls.key(), extensionCommand(s, cname),
                "A " + cname + " -> the external IP of service azureml-fe in namespace azureml "
                        + "(kubectl get svc azureml-fe -n azureml).", extensionNotes(s, tls.key()));
    }

    /** The name the extension serves, and the certificate and key sent (null when a Secret holds them). */
    private record ExtensionTls(String cname, String chain, String key) {
    }

    /** A Secret already in the cluster, or the certificate and key base64-encoded into the protected settings. */
    private static ExtensionTls extensionTls(AzureSettings s, CheckReport report, ObjectNode settings,
                                             ObjectNode protectedSettings) throws AzureRuleException {
        if (s.sslSecret() != null) {
            AzureRules.secretName(s.sslSecret());
            String cname = s.cname() != null ? s.cname() : report == null ? null : report.domain();
            if (report != null) {
                AzureRules.certificate(report);
                cname = AzureRules.cname(s, report);
            }
            settings.put("scoringFe.sslSecret", s.sslSecret());
            return new ExtensionTls(cname, null, null);
        }
        AzureRules.certificate(report);
        String cname = AzureRules.cname(s, report);
        String chain = AzureRequests.fullchain(report);
        String key = CertificateExporter.privateKeyPem(report.key());
        protectedSettings.put("scoringFe.sslCert", AzureRequests.base64(chain));
        protectedSettings.put("scoringFe.sslKey", AzureRequests.base64(key));
        return new ExtensionTls(cname, chain, key);
    }

    /** The same installation as an Azure CLI command. */
    private static String extensionCommand(AzureSettings s, String cname) {
        return "az k8s-extension create --name azureml --extension-type Microsoft.AzureML.Kubernetes \\\n"
                + "    --cluster-type managedClusters --cluster-name " + s.computeName() + " --resource-group "
                + s.resourceGroup() + " --subscription " + s.subscription() + " --scope cluster \\\n"
                + "    --config enableInference=True inferenceRouterServiceType=LoadBalancer "
                + "allowInsecureConnections=False sslCname=" + cname
                + (s.sslSecret() != null ? " sslSecret=" + s.sslSecret() + "\n"
                : " \\\n    --config-protected sslCertPemFile=fullchain.pem sslKeyPemFile=privkey.pem\n");
    }

    private static List<String> extensionNotes(AzureSettings s, String key) {
        List<String> notes = new ArrayList<>();
        notes.add("The Azure CLI base64-encodes the PEM files into scoringFe.sslCert / scoringFe.sslKey (and maps "
                + "sslSecret to scoringFe.sslSecret); the exported JSON already holds that form.");
        if (key != null) {
            notes.add("The extension takes no passphrase-protected key: the key is written unencrypted (PKCS#8), "
                    + "owner-only.");
        } else {
            notes.add("The Secret " + s.sslSecret() + " must exist in namespace azureml with data keys cert.pem "
                    + "(full chain, leaf first) and key.pem.");
        }
        return notes;
    }

    private static String management(AzureSettings s) {
        return s.apiBase() != null ? AzureRequests.strip(s.apiBase()) : AzureRequests.strip(AzureSettings.MANAGEMENT);
    }
}

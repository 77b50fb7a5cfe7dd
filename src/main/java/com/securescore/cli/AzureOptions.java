package com.securescore.cli;

import com.securescore.deploy.azure.AccessTokens;
import com.securescore.deploy.azure.AzureRuleException;
import com.securescore.deploy.azure.AzureSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The Azure options of {@code securescore deploy}, as one {@code @Mixin} so help and parsing stay
 * the same wherever they appear. Which ones a target needs is checked by the core's rules, which
 * name the missing option; picocli only parses. The token is read from a file (or the environment,
 * or the Azure CLI), never from an argument.
 */
public final class AzureOptions {
    @Option(names = "--subscription", paramLabel = "ID", description = "Azure subscription ID (a GUID).")
    String subscription;

    @Option(names = "--resource-group", paramLabel = "NAME", description = "Resource group of the workspace "
            + "(or of the cluster / FPGA account).")
    String resourceGroup;

    @Option(names = "--workspace", paramLabel = "NAME", description = "Azure ML workspace (aci, aks).")
    String workspace;

    @Option(names = "--region", paramLabel = "REGION", description = "The workspace's region, e.g. eastus: names "
            + "the service host (aci, fpga) and the cluster's location (aks).")
    String region;

    @Option(names = "--service-name", paramLabel = "NAME", description = "Web service name (aci, fpga).")
    String serviceName;

    @Option(names = "--image-id", paramLabel = "ID", description = "Registered image the ACI service runs "
            + "(the guide's Image.create result, e.g. myimage:1).")
    String imageId;

    @Option(names = "--dns-name-label", paramLabel = "LABEL", description = "The Azure-provided name "
            + "LABEL.<region>.azurecontainer.io (optional; Azure makes one up otherwise).")
    String dnsNameLabel;

    @Option(names = "--compute-name", paramLabel = "NAME", description = "AKS compute name, or the AKS "
            + "cluster the extension goes on (with --aks-successor).")
    String computeName;

    @Option(names = "--leaf-domain-label", paramLabel = "LABEL", description = "Use a Microsoft certificate "
            + "for LABEL….<region>.cloudapp.azure.com instead of yours.")
    String leafDomainLabel;

    @Option(names = "--overwrite-existing-domain", description = "With --leaf-domain-label: take the label even "
            + "if it is in use.")
    boolean overwriteExistingDomain;

    @Option(names = "--aks-successor", description = "The Kubernetes online endpoint extension settings "
            + "(the successor of v1 AKS compute) instead of the v1 compute.")
    boolean aksSuccessor;

    @Option(names = "--ssl-secret", paramLabel = "NAME", description = "With --aks-successor: a Secret in namespace "
            + "azureml (cert.pem, key.pem) instead of sending the files.")
    String sslSecret;

    @Option(names = "--account", paramLabel = "NAME", description = "2018 Model Management account.")
    String account;

    @Option(names = "--model-id", paramLabel = "ID", description = "Registered model ID.")
    String modelId;

    @Option(names = "--api-base", paramLabel = "URL", description = "Replace the service host (for tests, "
            + "sovereign clouds and private links), e.g. https://eastus.api.azureml.ms.")
    URI apiBase;

    @Option(names = "--token-file", paramLabel = "FILE", description = "File holding the bearer token. Else "
            + "AZURE_ACCESS_TOKEN, else the Azure CLI (az account get-access-token) when az is on the PATH.")
    Path tokenFile;

    /** The core's settings from these options. */
    AzureSettings settings(int replicas) {
        return AzureSettings.builder().subscription(subscription).resourceGroup(resourceGroup).workspace(workspace)
                .region(region).serviceName(serviceName).imageId(imageId).dnsNameLabel(dnsNameLabel).computeName(computeName)
                .leafDomainLabel(leafDomainLabel).overwriteExistingDomain(overwriteExistingDomain)
                .aksSuccessor(aksSuccessor).sslSecret(sslSecret).account(account).modelId(modelId)
                .apiBase(apiBase).replicas(replicas).build();
    }

    /** The token: from --token-file, else the environment, else the Azure CLI. */
    AccessTokens.Token token(Map<String, String> env) throws IOException, AzureRuleException {
        String fromFile = null;
        if (tokenFile != null) {
            try {
                fromFile = AccessTokens.fromFile(tokenFile);
            } catch (AzureRuleException e) {
                // A file given but unusable is input to correct: a usage error, as before it was read.
                throw new UserInputException(e.getMessage());
            }
        }
        return AccessTokens.resolve(fromFile, "--token-file " + tokenFile, env);
    }
}

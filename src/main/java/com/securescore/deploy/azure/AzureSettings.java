package com.securescore.deploy.azure;

import java.net.URI;

/**
 * Where and how to deploy on Azure: the workspace (or 2018 FPGA account), the service or compute
 * name and the target's own knobs. Values not given keep the Azure ML SDK's documented defaults
 * (AKS: 3 agents of Standard_D3_v2, FastProd) or the original guide's (ACI: 1 core, 1 GB).
 * Build with {@link #builder()}; nothing here is secret except the optional FPGA keys, which
 * {@link #toString()} never shows.
 */
public final class AzureSettings {
    /** Azure Resource Manager, where AKS computes and extensions live. */
    public static final URI MANAGEMENT = URI.create("https://management.azure.com");

    private final String subscription;
    private final String resourceGroup;
    private final String workspace;
    private final String region;
    private final URI apiBase;
    private final String serviceName;
    private final String imageId;
    private final double cpuCores;
    private final double memoryGb;
    private final String dnsNameLabel;
    private final String computeName;
    private final int agentCount;
    private final String vmSize;
    private final String clusterPurpose;
    private final AksSslMode aksSslMode;
    private final String leafDomainLabel;
    private final boolean overwriteExistingDomain;
    private final String cname;
    private final boolean aksSuccessor;
    private final String sslSecret;
    private final String account;
    private final String modelId;
    private final int replicas;
    private final String primaryKey;
    private final String secondaryKey;

    private AzureSettings(Builder b) {
        subscription = b.subscription;
        resourceGroup = b.resourceGroup;
        workspace = b.workspace;
        region = b.region;
        apiBase = b.apiBase;
        serviceName = b.serviceName;
        imageId = b.imageId;
        cpuCores = b.cpuCores;
        memoryGb = b.memoryGb;
        dnsNameLabel = b.dnsNameLabel;
        computeName = b.computeName;
        agentCount = b.agentCount;
        vmSize = b.vmSize;
        clusterPurpose = b.clusterPurpose;
        aksSslMode = b.aksSslMode != null ? b.aksSslMode
                : b.leafDomainLabel != null ? AksSslMode.MICROSOFT_CERTIFICATE : AksSslMode.OWN_CERTIFICATE;
        leafDomainLabel = b.leafDomainLabel;
        overwriteExistingDomain = b.overwriteExistingDomain;
        cname = b.cname;
        aksSuccessor = b.aksSuccessor;
        sslSecret = b.sslSecret;
        account = b.account;
        modelId = b.modelId;
        replicas = b.replicas;
        primaryKey = b.primaryKey;
        secondaryKey = b.secondaryKey;
    }

    public static Builder builder() {
        return new Builder();
    }

    public String subscription() {
        return subscription;
    }

    public String resourceGroup() {
        return resourceGroup;
    }

    public String workspace() {
        return workspace;
    }

    /** The workspace's (or FPGA account's) Azure region, e.g. eastus; names the model-management host. */
    public String region() {
        return region;
    }

    /** Replaces the service host (tests, sovereign clouds, private links); null for the public cloud. */
    public URI apiBase() {
        return apiBase;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The registered image an ACI service runs (the guide's {@code Image.create} result). */
    public String imageId() {
        return imageId;
    }

    public double cpuCores() {
        return cpuCores;
    }

    public double memoryGb() {
        return memoryGb;
    }

    /** ACI's optional {@code dnsNameLabel}: the Azure-provided name under {@code <region>.azurecontainer.io}. */
    public String dnsNameLabel() {
        return dnsNameLabel;
    }

    public String computeName() {
        return computeName;
    }

    public int agentCount() {
        return agentCount;
    }

    public String vmSize() {
        return vmSize;
    }

    public String clusterPurpose() {
        return clusterPurpose;
    }

    public AksSslMode aksSslMode() {
        return aksSslMode;
    }

    public String leafDomainLabel() {
        return leafDomainLabel;
    }

    public boolean overwriteExistingDomain() {
        return overwriteExistingDomain;
    }

    /** An explicit cname; null means the checked domain. */
    public String cname() {
        return cname;
    }

    /** Export the Kubernetes online endpoint extension settings instead of the v1 AKS compute. */
    public boolean aksSuccessor() {
        return aksSuccessor;
    }

    /** For the extension: a Secret in namespace azureml holding cert.pem and key.pem, instead of the files. */
    public String sslSecret() {
        return sslSecret;
    }

    public String account() {
        return account;
    }

    public String modelId() {
        return modelId;
    }

    public int replicas() {
        return replicas;
    }

    public String primaryKey() {
        return primaryKey;
    }

    public String secondaryKey() {
        return secondaryKey;
    }

    @Override
    public String toString() {
        return "AzureSettings[subscription=" + subscription + ", resourceGroup=" + resourceGroup + ", workspace="
                + workspace + ", region=" + region + ", service=" + serviceName + ", compute=" + computeName
                + ", account=" + account + ", keys=" + (primaryKey == null ? "none" : "given (not shown)") + "]";
    }

    /** Fluent settings; every field is optional here, the rules say which a target needs. */
    public static final class Builder {
        private String subscription;
        private String resourceGroup;
        private String workspace;
        private String region;
        private URI apiBase;
        private String serviceName;
        private String imageId;
        private double cpuCores = 1;
        private double memoryGb = 1;
        private String dnsNameLabel;
        private String computeName;
        private int agentCount = 3;
        private String vmSize = "Standard_D3_v2";
        private String clusterPurpose = "FastProd";
        private AksSslMode aksSslMode;
        private String leafDomainLabel;
        private boolean overwriteExistingDomain;
        private String cname;
        private boolean aksSuccessor;
        private String sslSecret;
        private String account;
        private String modelId;
        private int replicas = 1;
        private String primaryKey;
        private String secondaryKey;

        private Builder() {
        }

        public Builder workspace(String subscription, String resourceGroup, String workspace) {
            this.subscription = subscription;
            this.resourceGroup = resourceGroup;
            this.workspace = workspace;
            return this;
        }

        public Builder subscription(String value) {
            subscription = value;
            return this;
        }

        public Builder resourceGroup(String value) {
            resourceGroup = value;
            return this;
        }

        public Builder workspace(String value) {
            workspace = value;
            return this;
        }

        public Builder region(String value) {
            region = value;
            return this;
        }

        public Builder apiBase(URI value) {
            apiBase = value;
            return this;
        }

        public Builder serviceName(String value) {
            serviceName = value;
            return this;
        }

        public Builder imageId(String value) {
            imageId = value;
            return this;
        }

        public Builder resources(double cores, double gigabytes) {
            cpuCores = cores;
            memoryGb = gigabytes;
            return this;
        }

        public Builder dnsNameLabel(String value) {
            dnsNameLabel = value;
            return this;
        }

        public Builder computeName(String value) {
            computeName = value;
            return this;
        }

        public Builder agents(int count, String size) {
            agentCount = count;
            vmSize = size;
            return this;
        }

        public Builder clusterPurpose(String value) {
            clusterPurpose = value;
            return this;
        }

        public Builder aksSslMode(AksSslMode value) {
            aksSslMode = value;
            return this;
        }

        public Builder leafDomainLabel(String value) {
            leafDomainLabel = value;
            return this;
        }

        public Builder overwriteExistingDomain(boolean value) {
            overwriteExistingDomain = value;
            return this;
        }

        public Builder cname(String value) {
            cname = value;
            return this;
        }

        public Builder aksSuccessor(boolean value) {
            aksSuccessor = value;
            return this;
        }

        public Builder sslSecret(String value) {
            sslSecret = value;
            return this;
        }

        public Builder account(String value) {
            account = value;
            return this;
        }

        public Builder modelId(String value) {
            modelId = value;
            return this;
        }

        public Builder replicas(int value) {
            replicas = value;
            return this;
        }

        public Builder keys(String primary, String secondary) {
            primaryKey = primary;
            secondaryKey = secondary;
            return this;
        }

        public AzureSettings build() {
            return new AzureSettings(this);
        }
    }
}

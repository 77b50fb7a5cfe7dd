package com.securescore.deploy;

/**
 * Where the scoring service will run. Local is the default because it works offline on this
 * machine; the Azure targets follow the original Azure ML guide (see docs and DEPLOY-FACTS).
 */
public enum TargetKind {
    LOCAL("Local", "This machine. Runs SecureScore's FPGA-compatible scoring service here; works offline.", true),
    KUBERNETES("Kubernetes", "Any Kubernetes cluster (including AKS): a TLS secret and the scoring service.", true),
    ACI("Azure Container Instances", "Azure ML v1 ACI web service with sslEnabled, certificate, key and cname. "
            + "SDK v1 support ended 30 June 2026; existing v1 services still run.", false),
    AKS("Azure Kubernetes Service", "Azure ML v1 AKS compute with sslConfiguration, or the Kubernetes online "
            + "endpoint extension (its successor).", false),
    FPGA("FPGA (Azure ML, 2018)", "The 2018 FPGA service request. No live service exists today; the compatible "
            + "service runs locally or on Kubernetes.", false);

    private final String displayName;
    private final String description;
    private final boolean deployable;

    TargetKind(String displayName, String description, boolean deployable) {
        this.displayName = displayName;
        this.description = description;
        this.deployable = deployable;
    }

    public String displayName() {
        return displayName;
    }

    public String description() {
        return description;
    }

    /** True when SecureScore deploys for real; false when it produces the exact requests to send. */
    public boolean deployable() {
        return deployable;
    }
}

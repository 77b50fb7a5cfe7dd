package com.securescore.deploy;

import com.securescore.model.ModelSpec;

/**
 * Where the scoring service will run. Local is the default because it works offline on this
 * machine; the Azure targets follow the original Azure ML guide (see docs and DEPLOY-FACTS).
 */
public enum TargetKind {
    LOCAL("Local", "This machine: runs SecureScore's FPGA-compatible scoring service here on 127.0.0.1 with your "
            + "certificate and ResNet-50, downloaded once (" + ModelSpec.mebibytes(ModelSpec.RESNET50_V1.size()) + ") or copied from another machine. Where ResNet-50 "
            + "cannot be had, Deploy says so before starting and offers the built-in demo model, which works "
            + "offline.", true),
    KUBERNETES("Kubernetes", "Any cluster your kubeconfig reaches, AKS included: a TLS Secret, a keys Secret, the "
            + "scoring service's pods and a Service, applied for real, then SecureScore waits until the pods are "
            + "ready. The pods run SecureScore's container image: Deploy builds it and pushes it to a registry the "
            + "cluster can pull from.", true),
    ACI("Azure Container Instances", "Azure Machine Learning's (SDK v1) web service request with TLS on, your "
            + "certificate and key, and your domain name: shown, exported to a folder, or sent with your Azure "
            + "token. SDK v1 support ended 30 June 2026; existing v1 services still run.", false),
    AKS("Azure Kubernetes Service", "Azure Machine Learning's (SDK v1) request for an AKS cluster with TLS on "
            + "(your certificate, or one from Microsoft), or the settings of its successor, the Azure ML cluster "
            + "extension: shown, exported or sent. To run SecureScore's own service on AKS, choose Kubernetes.",
            false),
    FPGA("FPGA (Azure ML, 2018)", "The 2018 FPGA service request with your certificate and key, exported as a "
            + "record: Azure no longer runs that service. SecureScore's FPGA-compatible service runs here (Local) or "
            + "on Kubernetes; the request can also be sent to a compatible endpoint you run.", false);

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

package com.securescore.deploy.kubernetes;

/** A Kubernetes deployment failed; the message says why in plain words and what to do. */
public final class KubernetesDeployException extends Exception {
    private static final long serialVersionUID = 1L;

    public KubernetesDeployException(String message) {
        super(message);
    }

    public KubernetesDeployException(String message, Throwable cause) {
        super(message, cause);
    }
}

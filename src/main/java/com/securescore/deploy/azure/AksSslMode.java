package com.securescore.deploy.azure;

/** How an AKS v1 compute answers TLS: the three values of {@code sslConfiguration.status}. */
public enum AksSslMode {
    /** {@code Enabled}: your certificate, key and cname. */
    OWN_CERTIFICATE("Enabled"),
    /** {@code Auto}: Microsoft issues a certificate for a name under {@code <region>.cloudapp.azure.com}. */
    MICROSOFT_CERTIFICATE("Auto"),
    /** {@code Disabled}: plain HTTP; only to switch TLS off again. */
    DISABLED("Disabled");

    private final String status;

    AksSslMode(String status) {
        this.status = status;
    }

    /** The value the service reads in {@code sslConfiguration.status}. */
    public String status() {
        return status;
    }
}

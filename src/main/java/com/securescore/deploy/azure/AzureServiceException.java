package com.securescore.deploy.azure;

/**
 * Azure refused or failed the request. The message says what happened in plain words (with the
 * service's own code and text when it sent them) and {@link #fix()} what to do next.
 */
public final class AzureServiceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String serviceCode;
    private final String fix;

    public AzureServiceException(int status, String serviceCode, String message, String fix) {
        super(message);
        this.status = status;
        this.serviceCode = serviceCode == null ? "" : serviceCode;
        this.fix = fix == null ? "" : fix;
    }

    /** The HTTP status, or 0 when the failure came from a finished operation or no answer at all. */
    public int status() {
        return status;
    }

    /** The service's error code ("BadRequest", "InvalidSslCertificate"), or "" when it sent none. */
    public String serviceCode() {
        return serviceCode;
    }

    public String fix() {
        return fix;
    }
}

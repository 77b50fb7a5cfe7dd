package com.securescore.acme;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;

/**
 * Why a certificate could not be had, as a finding: a stable code, what happened in plain words
 * (with the CA's own problem detail where it gave one) and what to do. Never carries a key.
 */
public final class AcmeFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Finding finding;

    public AcmeFailure(FindingCode code, String message, String fix) {
        super(message);
        this.finding = Finding.of(code, message, fix);
    }

    public Finding finding() {
        return finding;
    }

    public FindingCode code() {
        return finding.code();
    }

    public String fix() {
        return finding.fix();
    }
}

package com.securescore.findings;

/**
 * The stable finding codes. They are a public contract: support staff quote them, scripts match on
 * them, and docs/findings.md explains each. Never rename or reuse a code; add new ones at the end of
 * their group.
 */
public enum FindingCode {
    DOMAIN_INVALID(Severity.ERROR),
    PEM_UNREADABLE(Severity.ERROR),
    CERT_MISSING(Severity.ERROR),
    KEY_MISSING(Severity.ERROR),
    KEY_ENCRYPTED(Severity.ERROR),
    KEY_PASSWORD_WRONG(Severity.ERROR),
    KEY_MISMATCH(Severity.ERROR),
    CHAIN_INCOMPLETE(Severity.ERROR),
    UNTRUSTED_ROOT(Severity.ERROR),
    CHAIN_ORDER(Severity.WARNING),
    CHAIN_EXTRA_CERT(Severity.WARNING),
    ROOT_INCLUDED(Severity.INFO),
    CHAIN_PAST_ANCHOR(Severity.WARNING),
    ANCHOR_NOT_SELF_SIGNED(Severity.WARNING),
    HOSTNAME_MISMATCH(Severity.ERROR),
    NO_SAN(Severity.ERROR),
    EXPIRED(Severity.ERROR),
    NOT_YET_VALID(Severity.ERROR),
    CHAIN_CERT_EXPIRED(Severity.ERROR),
    EXPIRES_SOON(Severity.WARNING),
    SELF_SIGNED(Severity.WARNING),
    WEAK_KEY(Severity.ERROR),
    KEY_TYPE_LIMITED(Severity.WARNING),
    WEAK_SIGNATURE(Severity.ERROR),
    NOT_SERVER_AUTH(Severity.ERROR),
    FORMAT_CONVERTED(Severity.INFO),
    PEM_CLEANED(Severity.INFO),
    KEYSTORE_ALIAS(Severity.ERROR),

    // DNS: does the service's name resolve to where it was deployed (securescore dns, the DNS step)
    DNS_NXDOMAIN(Severity.ERROR),
    DNS_NO_ADDRESS(Severity.ERROR),
    DNS_STALE_ADDRESS(Severity.ERROR),
    DNS_ADDRESS_MISSING(Severity.ERROR),
    DNS_PARTIAL(Severity.ERROR),
    DNS_TIMEOUT(Severity.ERROR),
    DNS_SERVER_FAILURE(Severity.ERROR),
    DNS_CNAME_LOOP(Severity.ERROR),
    DNS_CNAME_AT_APEX(Severity.WARNING),
    DNS_RECORD_ON_APEX(Severity.WARNING),

    // Endpoint: what a live service does (securescore diagnose, score, the scoring console, explain)
    CONNECT_REFUSED(Severity.ERROR),
    CONNECT_TIMEOUT(Severity.ERROR),
    DNS_FAILED(Severity.ERROR),
    PLAINTEXT_PORT(Severity.ERROR),
    TLS_HANDSHAKE_FAILED(Severity.ERROR),
    NO_HTTP2(Severity.ERROR),
    SERVED_CERT_DIFFERS(Severity.ERROR),
    AUTH_NOT_ENFORCED(Severity.ERROR),
    AUTH_REJECTED(Severity.ERROR),
    CERT_UNTRUSTED(Severity.ERROR),
    CALL_FAILED(Severity.ERROR),
    FILE_UNREADABLE(Severity.ERROR),
    BAD_RESPONSE(Severity.ERROR),
    TLS_SETTINGS_INCOMPLETE(Severity.ERROR),
    TLS_SETTINGS_CONFLICT(Severity.ERROR),
    CLIENT_CERT_REQUIRED(Severity.ERROR),
    TLS_NO_ANSWER(Severity.ERROR),

    // ACME: getting a certificate from a CA (securescore acme, the certificate step's third way)
    ACME_TERMS_NOT_AGREED(Severity.ERROR),
    ACME_DIRECTORY_INVALID(Severity.ERROR),
    ACME_DIRECTORY_UNREACHABLE(Severity.ERROR),
    ACME_DIRECTORY_UNTRUSTED(Severity.ERROR),
    ACME_ACCOUNT_KEY_UNREADABLE(Severity.ERROR),
    ACME_HTTP_PORT_DENIED(Severity.ERROR),
    ACME_HTTP_PORT_IN_USE(Severity.ERROR),
    ACME_DNS_RECORD_NOT_SEEN(Severity.ERROR),
    ACME_CHALLENGE_FAILED(Severity.ERROR),
    ACME_RATE_LIMITED(Severity.ERROR),
    ACME_CA_ERROR(Severity.ERROR),
    ACME_RENEWAL_SETTINGS_MISSING(Severity.ERROR);

    private final Severity defaultSeverity;

    FindingCode(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}

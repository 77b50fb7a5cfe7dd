package com.securescore.findings;

/**
 * The stable finding codes. They are a public contract: support staff quote them, scripts match on
 * them, and docs/findings.md explains each. Never rename or reuse a code; add new ones at the end of
 * their group, with the fix the wizard shows ({@link #guiFix()}).
 */
public enum FindingCode {
    DOMAIN_INVALID(Severity.ERROR,
            "Use the DNS name clients will connect to, e.g. scoring.contoso.com."),
    PEM_UNREADABLE(Severity.ERROR,
            "Choose the file again: download or copy it anew, complete from its BEGIN line to its END line, or "
            + "export it from where it was made as PEM or PKCS#12 (.pfx)."),
    CERT_MISSING(Severity.ERROR,
            "Choose the certificate file your CA issued for the service name (it may also hold the chain)."),
    KEY_MISSING(Severity.ERROR,
            "Choose the private key file (often privkey.pem or server.key), or a .pfx bundle that holds it."),
    KEY_ENCRYPTED(Severity.ERROR,
            "Type the password in the field below; SecureScore saves the key unencrypted, "
            + "owner-only, since a service cannot type a password at start-up."),
    KEY_PASSWORD_WRONG(Severity.ERROR,
            "Type the password again in the field below (the message says which password it is)."),
    KEY_MISMATCH(Severity.ERROR,
            "Choose the key that was created with this certificate's request, or the certificate issued for this "
            + "key."),
    CHAIN_INCOMPLETE(Severity.ERROR,
            "Choose the file that holds the missing issuer: your CA's bundle (often chain.pem or ca-bundle.crt), "
            + "or for a private CA its root certificate."),
    UNTRUSTED_ROOT(Severity.ERROR,
            "If this is your organisation's private CA, trust its root here (and give the same root to every "
            + "client). Otherwise get the certificate from a publicly trusted CA."),
    CHAIN_ORDER(Severity.WARNING,
            "Put the certificates in order: the leaf first, then each issuer."),
    CHAIN_EXTRA_CERT(Severity.WARNING,
            "Drop it: servers send only the leaf and its issuers."),
    ROOT_INCLUDED(Severity.INFO,
            "Nothing needed: the saved fullchain.pem leaves the root out."),
    CHAIN_PAST_ANCHOR(Severity.WARNING,
            "Drop it, unless the service must still reach old clients that trust only the older root."),
    ANCHOR_NOT_SELF_SIGNED(Severity.WARNING,
            "Trust the root above it instead, or make sure every client accepts a chain that ends at an "
            + "intermediate."),
    HOSTNAME_MISMATCH(Severity.ERROR,
            "Use a certificate issued for the service name, or go back to the Domain step and enter a name the "
            + "certificate lists."),
    NO_SAN(Severity.ERROR,
            "Have the certificate reissued with the service name as a DNS name (subjectAltName)."),
    EXPIRED(Severity.ERROR,
            "Renew it with your CA and choose the new certificate."),
    NOT_YET_VALID(Severity.ERROR,
            "Wait until then, or check this computer's clock and the date the certificate was issued for."),
    CHAIN_CERT_EXPIRED(Severity.ERROR,
            "Replace it with your CA's current intermediate."),
    EXPIRES_SOON(Severity.WARNING,
            "Renew it soon and deploy the new certificate before then."),
    SELF_SIGNED(Severity.WARNING,
            "Give clients this certificate as their trusted root; for production, use a certificate from a CA."),
    WEAK_KEY(Severity.ERROR,
            "Make a new key (RSA 2048+ or EC P-256) and get a new certificate for it."),
    KEY_TYPE_LIMITED(Severity.WARNING,
            "For a service others call, use an EC P-256 or RSA 2048+ key and certificate."),
    WEAK_SIGNATURE(Severity.ERROR,
            "Have it reissued with a SHA-256 (or stronger) signature."),
    NOT_SERVER_AUTH(Severity.ERROR,
            "Get a TLS server certificate for the service name from your CA."),
    FORMAT_CONVERTED(Severity.INFO,
            "Nothing needed: the saved files are PEM."),
    PEM_CLEANED(Severity.INFO,
            "Nothing needed."),
    KEYSTORE_ALIAS(Severity.ERROR,
            "Choose the key entry the service uses in the list below."),

    // DNS: does the service's name resolve to where it was deployed (securescore dns, the DNS step)
    DNS_NXDOMAIN(Severity.ERROR,
            "Create the checklist's record on exactly this name, then allow the negative TTL for resolvers that "
            + "already asked."),
    DNS_NO_ADDRESS(Severity.ERROR,
            "Add the A (or AAAA) record from the checklist."),
    DNS_STALE_ADDRESS(Severity.ERROR,
            "Change the record to the expected address and remove old ones; lower the TTL a day before the next "
            + "move."),
    DNS_ADDRESS_MISSING(Severity.ERROR,
            "Add a record for each missing address, or drop it from the expected ones."),
    DNS_PARTIAL(Severity.ERROR,
            "Wait and check again (Keep checking); otherwise find which DNS server the lagging resolver asks."),
    DNS_TIMEOUT(Severity.ERROR,
            "Check the resolver's address, port and firewall, or ask another resolver."),
    DNS_SERVER_FAILURE(Severity.ERROR,
            "Check the zone's NS records at the registrar, or ask another resolver."),
    DNS_CNAME_LOOP(Severity.ERROR,
            "Point the CNAME at the service's host name directly."),
    DNS_CNAME_AT_APEX(Severity.WARNING,
            "Use an A/AAAA record to the address, the provider's ALIAS/ANAME record, or a name below the apex."),
    DNS_RECORD_ON_APEX(Severity.WARNING,
            "Create the record on the name itself; keep or remove the other as needed."),

    // Endpoint: what a live service does (securescore diagnose, score, the scoring console, explain)
    CONNECT_REFUSED(Severity.ERROR,
            "Start the service, and check the host, the port and the address it listens on."),
    CONNECT_TIMEOUT(Severity.ERROR,
            "Open the port (443 or 50051) in the firewall or network security group, and check the address."),
    DNS_FAILED(Severity.ERROR,
            "Create the DNS record (the DNS step shows it); meanwhile connect to the service's address directly."),
    PLAINTEXT_PORT(Severity.ERROR,
            "Connect to the TLS port, or turn TLS on for the service."),
    TLS_HANDSHAKE_FAILED(Severity.ERROR,
            "Check the server's TLS settings: TLS 1.2 or 1.3, a certificate for the name, no client certificate "
            + "required."),
    NO_HTTP2(Severity.ERROR,
            "Serve gRPC with HTTP/2 on this port (with ingress-nginx, the GRPCS backend protocol or TLS "
            + "passthrough)."),
    SERVED_CERT_DIFFERS(Severity.ERROR,
            "Deploy the checked certificate where TLS ends, and check what the name points at."),
    AUTH_NOT_ENFORCED(Severity.ERROR,
            "Turn key authentication on and give clients a key."),
    AUTH_REJECTED(Severity.ERROR,
            "Use the service's current primary or secondary key."),
    CERT_UNTRUSTED(Severity.ERROR,
            "Give the client the service's root as its trusted root, and serve the full chain (fullchain.pem)."),
    CALL_FAILED(Severity.ERROR,
            "Check the port and the service's log."),
    FILE_UNREADABLE(Severity.ERROR,
            "Check the file's path and permissions, then choose it again."),
    BAD_RESPONSE(Severity.ERROR,
            "Check which model the service runs."),
    TLS_SETTINGS_INCOMPLETE(Severity.ERROR,
            "Fill in the certificate and key (the Certificate step) and the service name (the Domain step)."),
    TLS_SETTINGS_CONFLICT(Severity.ERROR,
            "Choose one: your own certificate and name, or the leaf domain label."),
    CLIENT_CERT_REQUIRED(Severity.ERROR,
            "This is mutual TLS (often an ingress or gateway in front of the service): turn client-certificate "
            + "verification off for the service's route, or use a route that does not require it; scoring clients "
            + "send a key, not a certificate."),
    TLS_NO_ANSWER(Severity.ERROR,
            "Check what listens on the port: a load balancer's backends, a service still starting, or a service "
            + "that is not TLS."),
    TRUST_FILE_UNUSABLE(Severity.ERROR,
            "Choose the root CA certificate that issued the service's certificate (PEM, DER or PKCS#7, e.g. "
            + "ca.pem, root.cer or a .p7b)."),

    // ACME: getting a certificate from a CA (securescore acme, the certificate step's third way)
    ACME_TERMS_NOT_AGREED(Severity.ERROR,
            "Read the CA's terms at the address shown and tick the box to agree."),
    ACME_DIRECTORY_INVALID(Severity.ERROR,
            "Enter the CA's directory address (the JSON document with newAccount and newOrder, usually ending in "
            + "/directory), or choose Let's Encrypt."),
    ACME_DIRECTORY_UNREACHABLE(Severity.ERROR,
            "Check the address and this computer's network."),
    ACME_DIRECTORY_UNTRUSTED(Severity.ERROR,
            "Choose the root of the CA that signed the directory's certificate as trusted; otherwise check the "
            + "address."),
    ACME_ACCOUNT_KEY_UNREADABLE(Severity.ERROR,
            "Choose an unencrypted PEM private key (RSA or EC), or leave it out to use SecureScore's own."),
    ACME_HTTP_PORT_DENIED(Severity.ERROR,
            "Grant the right to listen on port 80, or listen on a high port and forward port 80 to it."),
    ACME_HTTP_PORT_IN_USE(Severity.ERROR,
            "Stop what uses port 80 while the certificate is issued, or listen on another port and forward port "
            + "80 there."),
    ACME_DNS_RECORD_NOT_SEEN(Severity.ERROR,
            "Create the record exactly as shown, wait for the name servers to serve it, then try again."),
    ACME_CHALLENGE_FAILED(Severity.ERROR,
            "Do what the message says, then try again."),
    ACME_RATE_LIMITED(Severity.ERROR,
            "Wait until the time given; try the Let's Encrypt staging CA meanwhile."),
    ACME_CA_ERROR(Severity.ERROR,
            "Do what the CA's detail says; for CAA, add a DNS record that allows this CA."),
    ACME_RENEWAL_SETTINGS_MISSING(Severity.ERROR,
            "Choose the folder the certificate was written to, or get a certificate there first."),

    // Revocation: what the CA's OCSP responder or CRL says (securescore diagnose, check --online)
    REVOKED(Severity.ERROR,
            "Get a new certificate from your CA (a revoked one cannot be restored) and use it in its place."),
    REVOCATION_UNCHECKED(Severity.WARNING,
            "Check that this computer can reach the address named (a firewall or proxy may block it); most "
            + "clients accept the certificate meanwhile.");

    private final Severity defaultSeverity;
    private final String guiFix;

    FindingCode(Severity defaultSeverity, String guiFix) {
        this.defaultSeverity = defaultSeverity;
        this.guiFix = guiFix;
    }

    /**
     * The fix as the wizard says it, beside the button or field that does it: in the wizard's own words,
     * never a command-line flag or environment variable. A {@link Finding}'s own fix (with its facts) is
     * what the CLI prints; the message above it carries those facts in the wizard too.
     */
    public String guiFix() {
        return guiFix;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }
}

package com.securescore.diagnose;

import com.securescore.findings.FindingCode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps the error texts people actually see (OpenSSL, Java, gRPC, Go, Python, Node, browsers, .NET,
 * Netty, the Azure ML SDK) to a finding code, the cause and the fix. The causes are data, most
 * specific first; a generic cause ("CERTIFICATE_VERIFY_FAILED" alone) is given only when no specific
 * one matched the same text.
 */
public final class ErrorTexts {
    /**
     * One recognised cause.
     *
     * @param id     stable name of the cause (several causes can share a finding code)
     * @param code   the finding code in the one registry (docs/findings.md)
     * @param who    which tool says it, e.g. "OpenSSL", "Java", "gRPC (C core)"
     * @param cause  what it means here
     * @param fix    what to do
     */
    public record Explanation(String id, FindingCode code, String who, String cause, String fix) {
    }

    /**
     * {@code level}: 0 names the cause; 1 says only that verification failed; 2 says only that the call failed.
     * {@code supersedes}: the id of a vaguer cause the same text also matches, left out when this one matches.
     */
    private record Cause(Explanation explanation, int level, List<Pattern> patterns, String supersedes) {
    }

    private static final List<Cause> CAUSES = new ArrayList<>();

    private static void specific(String id, FindingCode code, String who, String cause, String fix,
                                 String... regexes) {
        add(0, id, code, who, cause, fix, regexes);
    }

    private static void verification(String id, FindingCode code, String who, String cause, String fix,
                                     String... regexes) {
        add(1, id, code, who, cause, fix, regexes);
    }

    private static void generic(String id, FindingCode code, String who, String cause, String fix,
                                String... regexes) {
        add(2, id, code, who, cause, fix, regexes);
    }

    /** A cause that, when it matches, replaces the vaguer cause {@code supersedes} (which the same text matches). */
    private static void sharper(String supersedes, String id, FindingCode code, String who, String cause, String fix,
                                String... regexes) {
        add(0, id, code, who, cause, fix, regexes);
        Cause added = CAUSES.remove(CAUSES.size() - 1);
        CAUSES.add(new Cause(added.explanation(), 0, added.patterns(), supersedes));
    }

    private static void add(int level, String id, FindingCode code, String who, String cause, String fix,
                            String... regexes) {
        List<Pattern> p = new ArrayList<>();
        for (String r : regexes) {
            p.add(Pattern.compile(r, Pattern.CASE_INSENSITIVE | Pattern.MULTILINE));
        }
        CAUSES.add(new Cause(new Explanation(id, code, who, cause, fix), level, List.copyOf(p), ""));
    }

    private static final String TRUST_FIX = "Give the client the CA's root as its trusted root (SecureScore: "
            + "--trust ca.pem; gRPC: root_certificates or GRPC_DEFAULT_SSL_ROOTS_FILE_PATH); if the server sends its "
            + "certificate without the intermediate, serve fullchain.pem. securescore diagnose tells which.";

    static {
        // Files: reading certificates and keys
        specific("pem-no-start-line", FindingCode.PEM_UNREADABLE, "OpenSSL",
                "The file has no PEM block of the expected kind: it is DER, a PKCS#12, an HTML or login page, or "
                + "another kind of PEM (a key where a certificate was expected).",
                "Check the file with securescore check --cert FILE: it reads every form and says what the file is; "
                + "securescore convert writes clean PEM.", "no start line", "PEM lib \\(_ssl\\.c");
        specific("key-values-mismatch", FindingCode.KEY_MISMATCH, "OpenSSL, Python ssl",
                "The private key does not belong to the certificate.",
                "Use the key made with this certificate's request (securescore check --cert C --key K finds the pair).",
                "key values mismatch", "KEY_VALUES_MISMATCH", "No cert in -in file .* matches private key");
        specific("go-key-mismatch", FindingCode.KEY_MISMATCH, "Go, ingress controllers",
                "The private key does not belong to the certificate (nginx-ingress and Go servers log this).",
                "Put the certificate's own key into the Secret's tls.key (securescore convert --k8s-secret).",
                "private key does not match public key");
        specific("netty-invalid-key", FindingCode.PEM_UNREADABLE, "Netty (gRPC-Java)",
                "Netty could not read the key file: it is encrypted, in a form it does not read (PKCS#1 \"BEGIN RSA "
                + "PRIVATE KEY\", SEC1 \"BEGIN EC PRIVATE KEY\" without Bouncy Castle), or not a key at all.",
                "Convert it to an unencrypted PKCS#8 key: securescore convert writes privkey.pem in that form.",
                "does not contain valid private key");
        specific("netty-invalid-certs", FindingCode.PEM_UNREADABLE, "Netty (gRPC-Java)",
                "Netty found no PEM certificate in the file (DER, PKCS#12, or a damaged file).",
                "Convert it to PEM: securescore convert writes fullchain.pem.",
                "does not contain valid certificates");
        specific("go-no-pem", FindingCode.PEM_UNREADABLE, "Go",
                "The file given as a certificate holds no PEM block.", "Give the PEM certificate (securescore convert).",
                "failed to find any PEM data");
        specific("bad-decrypt", FindingCode.KEY_PASSWORD_WRONG, "OpenSSL",
                "The password does not open the encrypted key or .pfx.",
                "Check the password; with SecureScore give it with --key-password-file FILE.",
                "bad decrypt", "maybe wrong password", "mac verify failure");
        specific("no-cert-or-crl", FindingCode.PEM_UNREADABLE, "Python ssl",
                "The file given as trusted roots holds no certificate.", "Give the CA's root certificate in PEM.",
                "NO_CERTIFICATE_OR_CRL_FOUND");

        // Trust
        specific("local-issuer", FindingCode.CHAIN_INCOMPLETE, "OpenSSL, Python ssl, Node",
                "The client could not find the certificate that issued the server's (or the last one it sent): "
                + "either the server sends its certificate without the intermediate, or the root is not trusted "
                + "(when the server sends its certificate and the intermediate, it is the root).",
                TRUST_FIX, "unable to get local issuer certificate", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
                "unable to verify the first certificate", "UNABLE_TO_VERIFY_LEAF_SIGNATURE");
        sharper("local-issuer", "local-issuer-above-intermediate", FindingCode.UNTRUSTED_ROOT, "OpenSSL",
                "The certificates the server sent chain up to an intermediate (OpenSSL names its depth, 1 or more), "
                + "and the issuer of that intermediate, the CA's root, is not among the client's trusted roots: the "
                + "server sends what it should; the client lacks the root.",
                "The server is fine: give the client the CA's root as its trusted root (SecureScore: --trust ca.pem; "
                + "gRPC: root_certificates or GRPC_DEFAULT_SSL_ROOTS_FILE_PATH; openssl: -CAfile).",
                "depth=[1-9][0-9]*[^\\n]*\\R\\s*verify error:num=20:", "error 20 at [1-9][0-9]* depth lookup");
        specific("issuer-certificate", FindingCode.ANCHOR_NOT_SELF_SIGNED, "OpenSSL, Python ssl, Node",
                "The client trusts an intermediate, not a root, and OpenSSL wants the chain to end at a self-signed "
                + "root (Java, Go and gRPC's C core accept it).", "Give clients the root above the intermediate as "
                + "their trusted certificate.", "unable to get issuer certificate(?! locally)",
                "UNABLE_TO_GET_ISSUER_CERT(?!_LOCALLY)");
        specific("self-signed-in-chain", FindingCode.UNTRUSTED_ROOT, "OpenSSL, Python ssl, Node",
                "The server sends a chain that ends at a root the client does not trust (a private or test CA).",
                TRUST_FIX, "self[- ]signed certificate in certificate chain", "SELF_SIGNED_CERT_IN_CHAIN");
        specific("self-signed-leaf", FindingCode.SELF_SIGNED, "OpenSSL, Python ssl, Node",
                "The server's certificate is self-signed and the client was not given it as a root.",
                "Give the client the certificate (or the development ca.pem) as its trusted root.",
                "depth lookup: ?self[- ]signed certificate$", "DEPTH_ZERO_SELF_SIGNED_CERT",
                "certificate verify failed: self[- ]signed certificate(?! in)");
        specific("pkix", FindingCode.CERT_UNTRUSTED, "Java",
                "Java could not build a path from the server's certificate to a root it trusts: a private or "
                + "development CA the JVM was not given, or a missing intermediate.", TRUST_FIX,
                "PKIX path building failed", "unable to find valid certification path");
        specific("go-unknown-authority", FindingCode.CERT_UNTRUSTED, "Go",
                "Go could not chain the certificate to a trusted root (missing intermediate or untrusted root).",
                TRUST_FIX, "x509: certificate signed by unknown authority(?!.*insecure algorithm)");
        specific("browser-authority", FindingCode.CERT_UNTRUSTED, "Browsers",
                "The browser does not trust the issuer: a private CA, or (Firefox) a missing intermediate.",
                TRUST_FIX, "ERR_CERT_AUTHORITY_INVALID", "SEC_ERROR_UNKNOWN_ISSUER");
        specific("dotnet-chain", FindingCode.CERT_UNTRUSTED, ".NET",
                ".NET refused the chain (UntrustedRoot, PartialChain or RemoteCertificateChainErrors).", TRUST_FIX,
                "RemoteCertificateChainErrors", "errors in the certificate chain", "UntrustedRoot", "PartialChain");
        verification("verify-failed", FindingCode.CERT_UNTRUSTED, "OpenSSL, BoringSSL (gRPC), Python ssl",
                "The client refused the server's certificate; the text does not say why.",
                "Run securescore diagnose HOST:PORT --trust ROOT.pem: it names the exact cause.",
                "CERTIFICATE_VERIFY_FAILED", "certificate verify failed");
        verification("dotnet-invalid", FindingCode.CERT_UNTRUSTED, ".NET",
                ".NET refused the server's certificate.",
                "Run securescore diagnose on the endpoint to find which check fails.",
                "remote certificate is invalid");

        // Names
        specific("java-no-san-match", FindingCode.HOSTNAME_MISMATCH, "Java",
                "The certificate does not list the name the client connected to.",
                "Connect by a name the certificate lists (not by IP), or get a certificate for this name.",
                "No subject alternative DNS name matching", "No name matching .* found");
        specific("java-no-san", FindingCode.NO_SAN, "Java",
                "The certificate has no subjectAltName at all (typical when connecting by IP address).",
                "Connect by DNS name; get a certificate with a subjectAltName.", "No subject alternative names present");
        specific("grpc-peer-name", FindingCode.HOSTNAME_MISMATCH, "gRPC (C core)",
                "The certificate does not list the name the channel checks (the target, or ssl_target_name_override).",
                "Connect by a name the certificate lists, or fix grpc.ssl_target_name_override.",
                "Peer name .* is not in peer certificate");
        specific("go-legacy-cn", FindingCode.NO_SAN, "Go",
                "The name is only in the certificate's Common Name; Go 1.15+ ignores it.",
                "Reissue the certificate with a subjectAltName (DNS:NAME).", "relies on legacy Common Name field");
        specific("go-valid-for", FindingCode.HOSTNAME_MISMATCH, "Go",
                "The certificate lists other names than the one the client connected to.",
                "Connect by a name the certificate lists, or get a certificate for this name.",
                "x509: certificate is valid for .*, not ", "doesn't contain any IP SANs");
        specific("hostname-mismatch", FindingCode.HOSTNAME_MISMATCH, "OpenSSL, Python ssl, Node",
                "The certificate does not cover the host name the client checked.",
                "Connect by a name the certificate lists, or get a certificate for this name.",
                "hostname mismatch", "ERR_TLS_CERT_ALTNAME_INVALID", "does not match certificate's altnames");
        specific("browser-name", FindingCode.HOSTNAME_MISMATCH, "Browsers",
                "The certificate does not cover the address in the address bar (or lists it only in the Common "
                + "Name, which browsers ignore).", "Get a certificate whose subjectAltName lists this name.",
                "ERR_CERT_COMMON_NAME_INVALID", "SSL_ERROR_BAD_CERT_DOMAIN", "RemoteCertificateNameMismatch");

        // Dates, purpose, algorithms
        specific("expired", FindingCode.EXPIRED, "OpenSSL, Go, Java, Node, browsers",
                "A certificate in the chain has expired (or this machine's clock is wrong).",
                "Renew the certificate and redeploy; check the clock.",
                "certificate has expired(?! or is not yet valid: current time .* is before)", "CERT_HAS_EXPIRED",
                "CertificateExpiredException", "NotAfter:", "ERR_CERT_DATE_INVALID", "SEC_ERROR_EXPIRED_CERTIFICATE",
                "validity check failed");
        specific("not-yet-valid", FindingCode.NOT_YET_VALID, "OpenSSL, Java, Node",
                "A certificate is not valid yet: its start date is in the future (or a clock is wrong).",
                "Check the clocks of client and CA; wait, or reissue.", "certificate is not yet valid",
                "CertificateNotYetValidException", "NotBefore:", "current time .* is before");
        specific("purpose", FindingCode.NOT_SERVER_AUTH, "OpenSSL, Java, Go",
                "The certificate is not for TLS servers (its extended key usage lacks serverAuth).",
                "Get a TLS server certificate.", "unsupported certificate purpose", "unsuitable certificate purpose",
                "Extended key usage does not permit use for TLS server authentication",
                "incompatible key usage", "INVALID_PURPOSE");
        specific("weak-signature", FindingCode.WEAK_SIGNATURE, "OpenSSL, Go, browsers",
                "A certificate is signed with SHA-1 (or MD5), which clients refuse.",
                "Have it reissued with SHA-256.", "ca md too weak", "digest algorithm too weak",
                "insecure algorithm SHA1", "ERR_CERT_WEAK_SIGNATURE_ALGORITHM");
        specific("weak-key", FindingCode.WEAK_KEY, "OpenSSL, browsers",
                "The certificate's key is too small (RSA under 2048 bits).", "Make a new key and certificate.",
                "key too weak", "ee key too small", "ERR_CERT_WEAK_KEY");

        // Connection
        specific("plaintext", FindingCode.PLAINTEXT_PORT, "OpenSSL, BoringSSL, Go, Java",
                "The client spoke TLS to a port that answers in plaintext (HTTP, or gRPC without TLS).",
                "Use the service's TLS port, or enable TLS on the service.", "wrong version number",
                "WRONG_VERSION_NUMBER", "first record does not look like a TLS handshake",
                "Unsupported or unrecognized SSL message", "not an SSL/TLS record");
        specific("refused", FindingCode.CONNECT_REFUSED, "every client",
                "Nothing accepts connections at that address and port.",
                "Check the service runs and the host and port are right.", "connection refused", "Connect Failed.*refused");
        specific("dns", FindingCode.DNS_FAILED, "gRPC, Go, Python, Java",
                "The host name does not resolve.",
                "Check the name and its DNS record (securescore dns); test with --connect-to ADDRESS meanwhile.",
                "DNS resolution failed", "no such host", "Name or service not known", "UnknownHostException",
                "nodename nor servname", "getaddrinfo ENOTFOUND", "ERR_NAME_NOT_RESOLVED");
        specific("timeout", FindingCode.CONNECT_TIMEOUT, "every client",
                "The connection was neither accepted nor refused in time: a firewall drops the packets, or a wrong "
                + "address.", "Open the port in the firewall / network security group; check the address.",
                "connection timed out", "i/o timeout", "connect timed out", "ETIMEDOUT");
        specific("alert", FindingCode.TLS_HANDSHAKE_FAILED, "Java, OpenSSL",
                "The server broke off the TLS handshake with an alert (no shared cipher or version, a client "
                + "certificate required, or no certificate for the name).",
                "Run securescore diagnose: it names the alert, or CLIENT_CERT_REQUIRED when the server demands a "
                + "client certificate; check the server's TLS settings.",
                "Received fatal alert", "sslv3 alert handshake failure", "tlsv1 alert",
                "ERR_SSL_VERSION_OR_CIPHER_MISMATCH");
        sharper("alert", "client-cert-alert", FindingCode.CLIENT_CERT_REQUIRED, "OpenSSL, Java",
                "The server requires a client certificate (mutual TLS) and this client sent none: usually an ingress "
                + "or gateway in front of the service that demands client certificates.",
                "The FPGA scoring protocol's clients send a key, not a certificate: turn client-certificate "
                + "verification off for this service's route, or put the service behind a route that does not "
                + "require it.", "alert certificate required", "fatal alert: certificate_required",
                "SSLV3_ALERT_CERTIFICATE_REQUIRED", "TLSV13_ALERT_CERTIFICATE_REQUIRED");
        specific("alpn", FindingCode.NO_HTTP2, "gRPC",
                "The server (or a proxy in front) does not offer HTTP/2 over TLS, which gRPC needs.",
                "Serve gRPC with HTTP/2 end to end; ingress-nginx: backend-protocol GRPCS or TLS passthrough.",
                "Failed ALPN negotiation", "missing selected ALPN property", "Cannot check peer: missing selected ALPN");
        specific("unauthenticated", FindingCode.AUTH_REJECTED, "gRPC",
                "The service refused the key (or none was sent: the 2018 Python client never attaches it).",
                "Send the service's current primary or secondary key as 'authorization' metadata; AKS: 'Bearer KEY'.",
                "UNAUTHENTICATED");
        generic("connect-failed", FindingCode.CERT_UNTRUSTED, "gRPC (FPGA client)",
                "gRPC hides the cause: most often the client does not trust the certificate (a private CA without "
                + "root_certificates), else the service is down or the port is wrong.",
                "Run securescore diagnose HOST:PORT --trust ROOT.pem: it finds the cause gRPC does not state.",
                "Connect Failed", "failed to connect to all addresses", "UNAVAILABLE");

        // Azure ML SDK
        specific("azure-ssl-incomplete", FindingCode.TLS_SETTINGS_INCOMPLETE, "Azure ML SDK",
                "TLS was turned on in the deployment configuration without the certificate, the key or the cname.",
                "Give ssl_cert_pem_file, ssl_key_pem_file and ssl_cname (the wizard's Certificate and Domain steps).",
                "SSL is enabled, you must provide a SSL certificate, key, and cname",
                "not all ssl information provided", "Must provide certificate and key if SSL is enabled");
        specific("azure-leaf-label", FindingCode.TLS_SETTINGS_CONFLICT, "Azure ML SDK",
                "Both a Microsoft-provided name (leaf domain label) and an own certificate were given.",
                "Choose one: your certificate and cname, or the leaf domain label.",
                "When leaf domain label is provided, cname, cert pem file, or key pem file should not be provided");
    }

    private ErrorTexts() {
    }

    /** Every cause recognised in {@code text}; empty when none is. */
    public static List<Explanation> explain(String text) {
        List<Cause> found = new ArrayList<>();
        for (Cause c : CAUSES) {
            if (c.patterns().stream().anyMatch(p -> p.matcher(text).find())) {
                found.add(c);
            }
        }
        int best = found.stream().mapToInt(Cause::level).min().orElse(0);
        List<String> superseded = found.stream().map(Cause::supersedes).filter(id -> !id.isEmpty()).toList();
        return found.stream().filter(c -> c.level() == best && !superseded.contains(c.explanation().id()))
                .map(Cause::explanation).toList();
    }

    /** Every known cause, most specific first. */
    public static List<Explanation> all() {
        return CAUSES.stream().map(Cause::explanation).toList();
    }

    /** The ids of every known cause. */
    public static List<String> ids() {
        return CAUSES.stream().map(c -> c.explanation().id()).toList();
    }

}

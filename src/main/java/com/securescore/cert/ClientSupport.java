package com.securescore.cert;

import com.securescore.findings.FindingCode;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What real TLS clients do with shapes of chains that they do not all treat alike, in words: the
 * one source of the client table ({@code check}, {@code diagnose}, the report) and of the findings'
 * sentences about clients. The rules are data ({@link #RULES}): for each shape of chain, which
 * clients refuse it and what they say, in their own words. {@code ClientTableAgainstRealClientsTest}
 * holds the rules against the clients that run on a build machine.
 */
public final class ClientSupport {
    private ClientSupport() {
    }

    /** The clients that matter for this service, each with the TLS stack that decides for it. */
    public enum Client {
        JAVA("java", "Java", "Java (JDK PKIX; gRPC-Java, SecureScore)"),
        GRPC_CORE("grpc-core", "gRPC's C core", "gRPC C core (Python grpcio, C#; BoringSSL or OpenSSL)"),
        NODE("node", "Node", "Node (grpc-js on Node's TLS, OpenSSL)"),
        PYTHON_SSL("python-ssl", "Python's ssl", "Python ssl (OpenSSL)"),
        GO("go", "Go", "Go crypto/x509"),
        DOTNET_WINDOWS("dotnet-windows", ".NET on Windows", ".NET on Windows (SChannel, CryptoAPI)"),
        BROWSERS("browsers", "browsers", "Browsers (Chrome, Edge, Firefox, Safari)");

        private final String id;
        private final String shortName;
        private final String label;

        Client(String id, String shortName, String label) {
            this.id = id;
            this.shortName = shortName;
            this.label = label;
        }

        /** The name scripts use ({@code check --clients go,browsers}). */
        public String id() {
            return id;
        }

        /** The name in running text ("Go and browsers refuse it"). */
        public String shortName() {
            return shortName;
        }

        public String label() {
            return label;
        }

        /** The client whose {@link #id()} is {@code id}, ignoring case. */
        public static Optional<Client> byId(String id) {
            for (Client c : values()) {
                if (c.id.equalsIgnoreCase(id.trim())) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * Who calls a SecureScore service unless told otherwise: SecureScore's own client (Java) and the
     * FPGA service protocol's reference clients (Python's grpcio and C#, both on gRPC's C core).
     */
    public static final Set<Client> DEFAULT_CLIENTS = Collections.unmodifiableSet(EnumSet.of(Client.JAVA,
            Client.GRPC_CORE));

    /** One client's verdict: accepts or refuses, and why in its own words (notes when it accepts). */
    public record Verdict(Client client, boolean accepts, List<String> reasons) {
        public Verdict {
            reasons = List.copyOf(reasons);
        }
    }

    /** What one client does with one shape: refuses (with its message) or accepts (with a note). */
    private record Says(boolean refuses, String words) {
    }

    private static Says refuses(String words) {
        return new Says(true, words);
    }

    private static Says accepts(String note) {
        return new Says(false, note);
    }

    /** A shape of chain and what each client concerned says about it; clients not named are unaffected. */
    private record Rule(String shape, Predicate<CheckReport> applies, Map<Client, Says> says) {
    }

    private static Map<Client, Says> says(Object... clientThenSays) {
        Map<Client, Says> m = new EnumMap<>(Client.class);
        for (int i = 0; i < clientThenSays.length; i += 2) {
            m.put((Client) clientThenSays[i], (Says) clientThenSays[i + 1]);
        }
        return m;
    }

    private static final String OPENSSL_VERIFY = "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: ";
    /** gRPC's C core with BoringSSL (pip's grpcio, C#); Debian's grpcio on OpenSSL says "certificate verify failed". */
    private static final String GRPC_VERIFY = "Ssl handshake failed: SSL_ERROR_SSL: error:1000007d:SSL routines:"
            + "OPENSSL_internal:CERTIFICATE_VERIFY_FAILED (OpenSSL builds: certificate verify failed)";
    private static final String JAVA_PATH = "PKIX path building failed: unable to find valid certification path to "
            + "requested target";

    private static final String CN_ONLY = "name only in the Common Name";

    /** The rules, in the order their reasons are shown. */
    static final List<Rule> RULES = List.of(
            new Rule("leaf expired", r -> r.has(FindingCode.EXPIRED), says(
                    Client.JAVA, refuses("PKIX path validation failed: java.security.cert.CertPathValidatorException: "
                            + "validity check failed"),
                    Client.GRPC_CORE, refuses(GRPC_VERIFY + " (certificate has expired)"),
                    Client.NODE, refuses("CERT_HAS_EXPIRED: certificate has expired"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "certificate has expired"),
                    Client.GO, refuses("x509: certificate has expired or is not yet valid"),
                    Client.DOTNET_WINDOWS, refuses("The remote certificate is invalid because of errors in the "
                            + "certificate chain: NotTimeValid"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_DATE_INVALID (Firefox: SEC_ERROR_EXPIRED_CERTIFICATE)"))),
            new Rule("leaf not yet valid", r -> r.has(FindingCode.NOT_YET_VALID), says(
                    Client.JAVA, refuses("PKIX path validation failed: validity check failed (NotBefore: ...)"),
                    Client.GRPC_CORE, refuses(GRPC_VERIFY + " (certificate is not yet valid)"),
                    Client.NODE, refuses("CERT_NOT_YET_VALID: certificate is not yet valid"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "certificate is not yet valid"),
                    Client.GO, refuses("x509: certificate has expired or is not yet valid"),
                    Client.DOTNET_WINDOWS, refuses("The remote certificate is invalid because of errors in the "
                            + "certificate chain: NotTimeValid"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_DATE_INVALID"))),
            new Rule("issuer expired", r -> r.has(FindingCode.CHAIN_CERT_EXPIRED), says(
                    Client.JAVA, refuses("PKIX path validation failed: validity check failed"),
                    Client.GRPC_CORE, refuses(GRPC_VERIFY + " (certificate has expired)"),
                    Client.NODE, refuses("CERT_HAS_EXPIRED: certificate has expired"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "certificate has expired"),
                    Client.GO, refuses("x509: certificate has expired or is not yet valid"),
                    Client.DOTNET_WINDOWS, refuses("... errors in the certificate chain: NotTimeValid"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_DATE_INVALID"))),
            new Rule("name not in the certificate", r -> r.has(FindingCode.HOSTNAME_MISMATCH) || noSanCnDiffers(r),
                    says(
                    Client.JAVA, refuses("No subject alternative DNS name matching {domain} found."),
                    Client.GRPC_CORE, refuses("Peer name {domain} is not in peer certificate"),
                    Client.NODE, refuses("ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's "
                            + "altnames: Host: {domain}. is not in the cert's altnames: DNS:{names}"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "Hostname mismatch, certificate is not valid for "
                            + "'{domain}'."),
                    Client.GO, refuses("x509: certificate is valid for {names}, not {domain}"),
                    Client.DOTNET_WINDOWS, refuses("The remote certificate is invalid according to the validation "
                            + "procedure: RemoteCertificateNameMismatch"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_COMMON_NAME_INVALID (Firefox: SSL_ERROR_BAD_CERT_DOMAIN)"))),
            new Rule(CN_ONLY, ClientSupport::cnOnlyMatches, says(
                    Client.JAVA, accepts("falls back to the Common Name when there are no DNS names"),
                    Client.GRPC_CORE, accepts("falls back to the Common Name when there are no DNS names"),
                    Client.NODE, accepts("falls back to the Common Name when there are no DNS names"),
                    Client.PYTHON_SSL, accepts("falls back to the Common Name (hostname_checks_common_name)"),
                    Client.GO, refuses("x509: certificate relies on legacy Common Name field, use SANs instead"),
                    Client.DOTNET_WINDOWS, accepts("falls back to the Common Name when there are no DNS names"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_COMMON_NAME_INVALID (Chrome 58+, Firefox 48+)"))),
            new Rule("missing intermediate, fetchable (AIA)", r -> incomplete(r) && aiaUrl(r) != null, says(
                    Client.JAVA, refuses(JAVA_PATH + " (no AIA fetching by default)"),
                    Client.GRPC_CORE, refuses(GRPC_VERIFY + " (no AIA fetching)"),
                    Client.NODE, refuses("UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "unable to get local issuer certificate"),
                    Client.GO, refuses("x509: certificate signed by unknown authority"),
                    Client.DOTNET_WINDOWS, accepts("fetches the missing issuer from the AIA address {aia}"),
                    Client.BROWSERS, accepts("fetch the missing issuer from the AIA address {aia} (Firefox: from "
                            + "its preloaded intermediates)"))),
            new Rule("missing intermediate", r -> incomplete(r) && aiaUrl(r) == null, says(
                    Client.JAVA, refuses(JAVA_PATH),
                    Client.GRPC_CORE, refuses(GRPC_VERIFY),
                    Client.NODE, refuses("UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "unable to get local issuer certificate"),
                    Client.GO, refuses("x509: certificate signed by unknown authority"),
                    Client.DOTNET_WINDOWS, refuses("... errors in the certificate chain: PartialChain"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_AUTHORITY_INVALID (Firefox: SEC_ERROR_UNKNOWN_ISSUER)"))),
            new Rule("root not trusted", r -> r.anchor() == null && !incomplete(r), says(
                    Client.JAVA, refuses(JAVA_PATH),
                    Client.GRPC_CORE, refuses(GRPC_VERIFY),
                    Client.NODE, refuses("UNABLE_TO_GET_ISSUER_CERT_LOCALLY: unable to get local issuer certificate "
                            + "(SELF_SIGNED_CERT_IN_CHAIN when the server sends its root)"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "unable to get local issuer certificate (\"self-signed "
                            + "certificate in certificate chain\" when the server sends its root)"),
                    Client.GO, refuses("x509: certificate signed by unknown authority"),
                    Client.DOTNET_WINDOWS, refuses("... errors in the certificate chain: UntrustedRoot"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_AUTHORITY_INVALID (Firefox: SEC_ERROR_UNKNOWN_ISSUER)"))),
            new Rule("trusted certificate not self-signed", r -> r.has(FindingCode.ANCHOR_NOT_SELF_SIGNED), says(
                    Client.JAVA, accepts("a trusted certificate is an anchor, self-signed or not"),
                    Client.GRPC_CORE, accepts("gRPC's C core sets the partial-chain flag"),
                    Client.NODE, refuses("UNABLE_TO_GET_ISSUER_CERT: unable to get issuer certificate"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "unable to get issuer certificate (OpenSSL accepts "
                            + "it only with partial-chain, X509_V_FLAG_PARTIAL_CHAIN)"),
                    Client.GO, accepts("a trusted certificate is an anchor, self-signed or not"))),
            new Rule("EdDSA key", r -> r.has(FindingCode.KEY_TYPE_LIMITED), says(
                    Client.GRPC_CORE, accepts("built on OpenSSL (Debian's grpcio) it accepts Ed25519; BoringSSL builds "
                            + "(pip's grpcio, C#) may not offer it"),
                    Client.DOTNET_WINDOWS, refuses("The SSL connection could not be established (SChannel has no "
                            + "EdDSA certificates)"),
                    Client.BROWSERS, refuses("ERR_SSL_VERSION_OR_CIPHER_MISMATCH (no browser accepts EdDSA server "
                            + "certificates)"))),
            new Rule("SHA-1 or MD5 signature", r -> r.has(FindingCode.WEAK_SIGNATURE), says(
                    Client.GRPC_CORE, refuses(GRPC_VERIFY + " (SHA-1 signature)"),
                    Client.NODE, refuses("CA signature digest algorithm too weak"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "CA signature digest algorithm too weak"),
                    Client.GO, refuses("x509: certificate signed by unknown authority (possibly because of \"x509: "
                            + "cannot verify signature: insecure algorithm SHA1-RSA (temporarily override with "
                            + "GODEBUG=x509sha1=1)\" ...)"),
                    Client.DOTNET_WINDOWS, refuses("... errors in the certificate chain (SHA-1 is not accepted for "
                            + "TLS server certificates)"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_WEAK_SIGNATURE_ALGORITHM"))),
            new Rule("SHA-1 signature under a root the JDK ships", r -> r.has(FindingCode.WEAK_SIGNATURE)
                    && underJdkRoot(r), says(
                    Client.JAVA, refuses("Certificates do not conform to algorithm constraints (jdk.certpath."
                            + "disabledAlgorithms: SHA1 jdkCA & usage TLSServer)"))),
            new Rule("SHA-1 signature under a private root", r -> r.has(FindingCode.WEAK_SIGNATURE)
                    && !underJdkRoot(r), says(
                    Client.JAVA, accepts("the JDK refuses SHA-1 only under the roots it ships (SHA1 jdkCA)"))),
            new Rule("weak key", r -> r.has(FindingCode.WEAK_KEY), says(
                    Client.NODE, refuses("EE_KEY_TOO_SMALL: EE certificate key too weak"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "EE certificate key too weak"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_WEAK_KEY"))),
            new Rule("not a TLS server certificate", r -> r.has(FindingCode.NOT_SERVER_AUTH), says(
                    Client.JAVA, refuses("Extended key usage does not permit use for TLS server authentication"),
                    Client.GRPC_CORE, refuses(GRPC_VERIFY + " (unsuitable certificate purpose)"),
                    Client.NODE, refuses("INVALID_PURPOSE: unsuitable certificate purpose"),
                    Client.PYTHON_SSL, refuses(OPENSSL_VERIFY + "unsuitable certificate purpose"),
                    Client.GO, refuses("x509: certificate specifies an incompatible key usage"),
                    Client.DOTNET_WINDOWS, refuses("... errors in the certificate chain: NotValidForUsage"),
                    Client.BROWSERS, refuses("NET::ERR_CERT_INVALID"))),
            new Rule("revoked", r -> revoked(r, false), revocation(accepts("Chrome and Edge ask no OCSP "
                    + "responder or CRL: they refuse it (NET::ERR_CERT_REVOKED) only once it is in their CRLSet, a "
                    + "selection of public CAs' revocations; Firefox and Safari have revocation checks of their own "
                    + "(SEC_ERROR_REVOKED_CERTIFICATE)"))),
            new Rule("revoked, stapled", r -> revoked(r, true), revocation(refuses("NET::ERR_CERT_REVOKED (Firefox: "
                    + "SEC_ERROR_REVOKED_CERTIFICATE): browsers honour a stapled OCSP response that says revoked"))));

    /** The words a revocation finding uses for a stapled OCSP response; the table tells stapled answers apart by them. */
    public static final String STAPLED_WORDS = "the OCSP response the server stapled";

    /** What each client does with a revoked certificate by default; only browsers differ by how they learn it. */
    private static Map<Client, Says> revocation(Says browsers) {
        return says(
                Client.JAVA, accepts("does not check revocation unless com.sun.net.ssl.checkRevocation=true (then: "
                        + "\"Certificate has been revoked, reason: ...\")"),
                Client.GRPC_CORE, accepts("does not check revocation by default: no OCSP, CRLs only from a directory "
                        + "the application configures (grpcio offers no such option)"),
                Client.NODE, accepts("Node's tls does not check revocation (an application may ask for the stapled "
                        + "response with requestOCSP and judge it itself)"),
                Client.PYTHON_SSL, accepts("no OCSP; CRLs only when the application loads them and sets "
                        + "VERIFY_CRL_CHECK_LEAF"),
                Client.GO, accepts("crypto/x509 does not check revocation (a stapled response is handed to the "
                        + "application unchecked)"),
                Client.DOTNET_WINDOWS, accepts("checks only when the application asks (CertificateRevocationCheckMode "
                        + "Online, CheckCertificateRevocationList; the default is NoCheck), then refuses: Revoked"),
                Client.BROWSERS, browsers);
    }

    /**
     * The client table for a checked chain: each client, whether it accepts the chain for the
     * report's domain given the same trusted roots, and why in its own words.
     */
    public static List<Verdict> table(CheckReport report) {
        List<Verdict> out = new ArrayList<>();
        for (Client client : Client.values()) {
            boolean refused = false;
            List<String> reasons = new ArrayList<>();
            for (Rule rule : RULES) {
                if (report.leaf() == null || !rule.applies().test(report)) {
                    continue;
                }
                Says s = rule.says().get(client);
                if (s != null) {
                    refused |= s.refuses();
                    reasons.add(fill(s.words(), report));
                }
            }
            if (report.leaf() == null) {
                refused = true;
                reasons.add("no server certificate to judge");
            }
            out.add(new Verdict(client, !refused, reasons));
        }
        return out;
    }

    /**
     * The clients that refuse a certificate whose name is only in its Common Name (no DNS names in
     * its subjectAltName), from the same rule as the client table, in the table's order.
     */
    public static List<Client> refusingCommonNameOnly() {
        Rule rule = RULES.stream().filter(r -> r.shape().equals(CN_ONLY)).findFirst().orElseThrow();
        return Arrays.stream(Client.values()).filter(c -> rule.says().containsKey(c) && rule.says().get(c).refuses())
                .toList();
    }

    /** "Go and browsers", "Java, Node and gRPC's C core". */
    public static String names(Collection<Client> clients) {
        List<String> names = clients.stream().map(Client::shortName).toList();
        if (names.size() <= 1) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static String fill(String words, CheckReport r) {
        String aia = aiaUrl(r);
        return words.replace("{domain}", r.domain()).replace("{aia}", aia == null ? "" : aia)
                .replace("{names}", r.leaf() == null ? "" : String.join(", ", Certificates.dnsNames(r.leaf())));
    }

    private static boolean incomplete(CheckReport r) {
        return r.has(FindingCode.CHAIN_INCOMPLETE);
    }

    /** Where the last certificate of the path says its issuer can be downloaded, or null. */
    private static String aiaUrl(CheckReport r) {
        return r.path().isEmpty() ? null : Certificates.caIssuersUrl(r.path().get(r.path().size() - 1));
    }

    private static boolean underJdkRoot(CheckReport r) {
        return r.anchor() != null && TrustAnchors.jdkDefaults().stream()
                .anyMatch(a -> Certificates.sameSubjectAndKey(a, r.anchor()));
    }

    private static boolean revoked(CheckReport r, boolean stapled) {
        return r.findings().stream().anyMatch(f -> f.code() == FindingCode.REVOKED
                && f.message().contains(STAPLED_WORDS) == stapled);
    }

    private static boolean cnOnlyMatches(CheckReport r) {
        return r.has(FindingCode.NO_SAN) && Certificates.covers(Certificates.name(r.leaf()), r.domain());
    }

    private static boolean noSanCnDiffers(CheckReport r) {
        return r.has(FindingCode.NO_SAN) && !Certificates.covers(Certificates.name(r.leaf()), r.domain());
    }

    /** A cross-signature that CAs hand out, recognised by subject and issuer, and who still needs it. */
    record KnownCrossSignature(String subject, String issuer, String bundle, String neededBy) {
    }

    private static final List<KnownCrossSignature> KNOWN = List.of(
            new KnownCrossSignature("ISRG Root X1", "DST Root CA X3", "Let's Encrypt's long chain",
                    "Android before 7.1.1, which does not have ISRG Root X1 and reached DST Root CA X3 through it"),
            new KnownCrossSignature("USERTrust RSA Certification Authority", "AAA Certificate Services",
                    "Sectigo's bundle", "old devices whose trust store has AAA Certificate Services but not USERTrust"),
            new KnownCrossSignature("USERTrust ECC Certification Authority", "AAA Certificate Services",
                    "Sectigo's bundle", "old devices whose trust store has AAA Certificate Services but not USERTrust"));

    /** The chain ends at a trusted certificate that is not self-signed (a private intermediate as anchor). */
    public static String partialChainAnchor(String anchor, String anchorIssuer) {
        return "The chain ends at \"" + anchor + "\", a trusted certificate that is not self-signed (it was issued by \""
                + anchorIssuer + "\"). Java, Go and gRPC's C core accept a chain that ends there; OpenSSL accepts it "
                + "only with its partial-chain option (openssl verify -partial_chain, X509_V_FLAG_PARTIAL_CHAIN), so "
                + "clients built on OpenSSL that do not set it (Python's ssl, Node) refuse the connection.";
    }

    public static String partialChainAnchorFix(String anchor, String anchorIssuer) {
        return "Give clients the root \"" + anchorIssuer + "\" (or the root above it) as their trusted certificate "
                + "instead of \"" + anchor + "\", or make sure every client accepts a partial chain.";
    }

    /**
     * Who still needs the cross-signed certificate {@code c}, when it is one CAs are known to hand out,
     * e.g. "Let's Encrypt's long chain: Android before 7.1.1 ...".
     */
    public static Optional<String> neededBy(X509Certificate c) {
        String subject = Certificates.name(c);
        String issuer = Certificates.issuerName(c);
        return KNOWN.stream().filter(k -> k.subject().equals(subject) && k.issuer().equals(issuer)).findFirst()
                .map(k -> k.bundle() + ": " + k.neededBy());
    }
}

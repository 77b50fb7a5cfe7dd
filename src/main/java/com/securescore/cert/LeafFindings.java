package com.securescore.cert;

import com.securescore.domain.DomainCheck;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.findings.Severity;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Findings about individual certificates: names, dates, key strength, signatures and usage. */
final class LeafFindings {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EKU = "2.5.29.37.0";

    private final Instant now;
    private final DomainCheck domain;
    private final X509Certificate leaf;
    private final ChainBuilder.Path path;
    private final Set<ClientSupport.Client> clients;

    LeafFindings(Instant now, DomainCheck domain, X509Certificate leaf, ChainBuilder.Path path,
            Set<ClientSupport.Client> clients) {
        this.now = now;
        this.domain = domain;
        this.leaf = leaf;
        this.path = path;
        this.clients = clients;
    }

    List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        names(out);
        dates(out);
        for (X509Certificate c : path.certificates()) {
            // A root's or a trusted anchor's own signature is not checked by clients.
            boolean trustedRoot = c != leaf && (Certificates.isSelfSigned(c) || path.isAnchor(c));
            strength(c, trustedRoot, out);
        }
        usage(out);
        return out;
    }

    private String leafName() {
        return "\"" + Certificates.name(leaf) + "\"";
    }

    /**
     * A leaf with no DNS names in its subjectAltName. Whether that is an error depends on who calls the
     * service: Go and browsers never read the Common Name, the other clients still fall back to it. When
     * the Common Name is the service name and none of the service's clients refuse it, it is a warning.
     */
    private Finding commonNameOnly() {
        String cn = Certificates.name(leaf);
        String fix = "Get a certificate whose subjectAltName lists " + (domain.valid() ? domain.name()
                : "the service name") + " (every public CA does this; for openssl add -addext \"subjectAltName=DNS:...\").";
        List<ClientSupport.Client> refusers = ClientSupport.refusingCommonNameOnly();
        List<ClientSupport.Client> accepters = Arrays.stream(ClientSupport.Client.values())
                .filter(c -> !refusers.contains(c)).toList();
        if (!domain.valid() || !Certificates.covers(cn, domain.name())) {
            return Finding.of(FindingCode.NO_SAN, "The certificate " + leafName() + " has no DNS names "
                    + "(subjectAltName), and its Common Name is not " + (domain.valid() ? domain.name()
                    : "a valid service name") + ", so no client will accept it for the service.", fix);
        }
        List<ClientSupport.Client> refusingHere = refusers.stream().filter(clients::contains).toList();
        String who = ClientSupport.names(refusers) + " refuse it (Go: \"x509: certificate relies on legacy Common "
                + "Name field, use SANs instead\"); " + ClientSupport.names(accepters) + " still fall back to the "
                + "Common Name, a deprecated practice (RFC 6125).";
        if (!refusingHere.isEmpty()) {
            return Finding.of(FindingCode.NO_SAN, "The certificate " + leafName() + " names " + domain.name()
                    + " only in its Common Name, with no DNS names (subjectAltName). " + who + " This service's "
                    + "clients include " + ClientSupport.names(refusingHere) + ".", fix);
        }
        return new Finding(FindingCode.NO_SAN, Severity.WARNING, "The certificate " + leafName() + " names "
                + domain.name() + " only in its Common Name, with no DNS names (subjectAltName). " + who
                + " The service's clients (" + ClientSupport.names(clients.stream().sorted().toList())
                + ") accept it; a Go program or a browser calling it would not.", fix);
    }

    private void names(List<Finding> out) {
        List<String> names = Certificates.dnsNames(leaf);
        List<String> addresses = Certificates.ipAddresses(leaf);
        if (names.isEmpty() && !addresses.isEmpty()) {
            out.add(Finding.of(FindingCode.NO_SAN, "The certificate " + leafName() + " names only the IP address"
                    + (addresses.size() == 1 ? " " : "es ") + String.join(", ", addresses) + " in its subjectAltName, "
                    + "no DNS name. Clients match it only when they connect by that address, never by "
                    + (domain.valid() ? domain.name() : "a name") + ".",
                    "Get a certificate whose subjectAltName lists " + (domain.valid() ? domain.name()
                    : "the service name") + " (an IP entry may stay beside it), or connect by the address."));
            return;
        }
        if (names.isEmpty()) {
            out.add(commonNameOnly());
            return;
        }
        if (domain.valid() && names.stream().noneMatch(n -> Certificates.covers(n, domain.name()))) {
            out.add(Finding.of(FindingCode.HOSTNAME_MISMATCH, "The certificate " + leafName() + " does not cover "
                    + domain.name() + ": it names " + String.join(", ", names) + "."
                    + (names.stream().anyMatch(n -> n.startsWith("*.")) ? " A wildcard covers exactly one label." : ""),
                    "Use a certificate issued for " + domain.name() + ", or change the service name to one the "
                    + "certificate lists."));
        }
    }

    private void dates(List<Finding> out) {
        Instant notAfter = leaf.getNotAfter().toInstant();
        Instant notBefore = leaf.getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            out.add(Finding.of(FindingCode.EXPIRED, "The certificate " + leafName() + " expired on "
                    + DAY.format(notAfter) + ".", "Renew it with your CA and import the new certificate."));
        } else if (now.isBefore(notBefore)) {
            out.add(Finding.of(FindingCode.NOT_YET_VALID, "The certificate " + leafName() + " is not valid until "
                    + DAY.format(notBefore) + ".", "Wait until then, or check this machine's clock and the date "
                    + "the certificate was issued for."));
        } else if (Duration.between(now, notAfter).compareTo(CertificateChecker.EXPIRES_SOON) < 0) {
            long days = Duration.between(now, notAfter).toDays();
            out.add(Finding.of(FindingCode.EXPIRES_SOON, "The certificate " + leafName() + " expires in " + days
                    + (days == 1 ? " day" : " days") + " (" + DAY.format(notAfter) + ").",
                    "Renew it soon and deploy the new certificate before then."));
        }
        for (X509Certificate c : path.certificates()) {
            if (c != leaf && !CertificateChecker.within(now, c)) {
                boolean expired = now.isAfter(c.getNotAfter().toInstant());
                out.add(Finding.of(FindingCode.CHAIN_CERT_EXPIRED, "The issuing certificate \"" + Certificates.name(c)
                        + "\" " + (expired ? "expired on " + DAY.format(c.getNotAfter().toInstant())
                        : "is not valid until " + DAY.format(c.getNotBefore().toInstant())) + ".",
                        "Replace it with the current intermediate from your CA's bundle."));
            }
        }
    }

    private void strength(X509Certificate c, boolean trustedRoot, List<Finding> out) {
        String type = Certificates.keyType(c.getPublicKey());
        int bits = Certificates.keyBits(c.getPublicKey());
        if ((type.equals("RSA") && bits < 2048) || (type.equals("EC") && bits < 256)) {
            out.add(Finding.of(FindingCode.WEAK_KEY, "The certificate \"" + Certificates.name(c) + "\" has a "
                    + bits + "-bit " + type + " key; clients refuse " + (type.equals("RSA") ? "RSA keys under 2048 bits"
                    : "EC keys under 256 bits") + ".", "Create a new key (RSA 2048+ or EC P-256) and a new certificate."));
        }
        if (c == leaf && (type.startsWith("Ed") || type.equals("EdDSA"))) {
            out.add(Finding.of(FindingCode.KEY_TYPE_LIMITED, "The certificate " + leafName() + " has an "
                    + (type.equals("EdDSA") ? "Ed25519" : type) + " key. SecureScore serves it, but many clients "
                    + "cannot connect to it: browsers, Windows and .NET (the C# FPGA client) do not accept EdDSA "
                    + "server certificates, and public CAs do not issue them.", "For a service anyone can call, "
                    + "use an EC P-256 or RSA 2048+ key and certificate."));
        }
        String alg = c.getSigAlgName().toUpperCase(Locale.ROOT);
        if (!trustedRoot && (alg.contains("SHA1") || alg.contains("MD5") || alg.contains("MD2"))) {
            out.add(Finding.of(FindingCode.WEAK_SIGNATURE, "The certificate \"" + Certificates.name(c) + "\" is signed "
                    + "with " + c.getSigAlgName() + "; clients reject SHA-1 and MD5 signatures.",
                    "Have it reissued with a SHA-256 (or stronger) signature."));
        }
    }

    private void usage(List<Finding> out) {
        List<String> problems = new ArrayList<>();
        try {
            List<String> eku = leaf.getExtendedKeyUsage();
            if (eku != null && !eku.contains(SERVER_AUTH) && !eku.contains(ANY_EKU)) {
                problems.add("its extended key usage does not include TLS server authentication");
            }
        } catch (CertificateParsingException e) {
            problems.add("its extended key usage cannot be read");
        }
        // A self-signed development certificate made with "openssl req -x509" is marked CA by default
        // and works when clients trust it directly, so only an issued leaf is held to this rule.
        if (Certificates.isCa(leaf) && !Certificates.isSelfSigned(leaf)) {
            problems.add("it is a CA certificate, not a server certificate");
        }
        boolean[] ku = leaf.getKeyUsage();
        if (ku != null) {
            boolean digitalSignature = ku.length > 0 && ku[0];
            boolean keyEncipherment = ku.length > 2 && ku[2];
            boolean keyAgreement = ku.length > 4 && ku[4];
            String type = Certificates.keyType(leaf.getPublicKey());
            boolean usable = digitalSignature || (type.equals("RSA") && keyEncipherment)
                    || (type.equals("EC") && keyAgreement);
            if (!usable) {
                problems.add("its key usage forbids the signatures a TLS server makes");
            }
        }
        if (!problems.isEmpty()) {
            out.add(Finding.of(FindingCode.NOT_SERVER_AUTH, "The certificate " + leafName() + " cannot be used by a "
                    + "TLS server: " + String.join("; ", problems) + ".", "Get a server certificate (TLS Web Server "
                    + "Authentication) for the service name from your CA."));
        }
    }
}

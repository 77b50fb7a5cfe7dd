package com.securescore.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.findings.Severity;
import com.securescore.testsupport.TestPki;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

class CertificateCheckerTest {
    private static final String DOMAIN = CertFixtures.DOMAIN;
    private final CertFixtures pki = new CertFixtures();
    private final CertificateService service = new CertificateService();

    private CheckReport check(String domain, String... pems) {
        return check(domain, List.of(pki.rootTrust()), pems);
    }

    private CheckReport check(String domain, List<Source> trust, String... pems) {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < pems.length; i++) {
            sources.add(Source.text(i == 0 ? "chain.pem" : "file" + i + ".pem", pems[i]));
        }
        return service.check(new CertificateService.Request(domain, sources, null, null, trust));
    }

    private static Finding only(CheckReport r, FindingCode code) {
        List<Finding> found = r.findings().stream().filter(f -> f.code() == code).toList();
        assertEquals(1, found.size(), () -> "expected one " + code + " in " + r.findings());
        return found.get(0);
    }

    private static void clean(CheckReport r) {
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        assertTrue(r.ok());
    }

    /**
     * A locked .pfx chosen with its root's .cer: until the password is typed only the password is asked
     * for, not findings about the root as if it were the server's certificate (a new user's walk).
     */
    @Test
    void aLockedPfxWithItsRootAsksOnlyForThePassword() throws Exception {
        byte[] pfx = CertFixtures.pkcs12(pki.leaf.privateKey(), "secret".toCharArray(),
                CertFixtures.chainOf(pki.leaf, pki.intermediate));
        List<Source> given = List.of(Source.bytes("bundle.pfx", pfx),
                Source.bytes("root.cer", pki.root.certificate().getEncoded()));
        CheckReport locked = service.check(new CertificateService.Request(DOMAIN, given, null, null, List.of()));
        assertEquals(List.of(FindingCode.KEY_ENCRYPTED), locked.findings().stream().filter(Finding::isError)
                .map(Finding::code).toList(), locked.findings().toString());
        assertTrue(locked.findings().stream().noneMatch(f -> f.code() == FindingCode.SELF_SIGNED
                || f.message().contains("Contoso Test Root")), locked.findings().toString());
    }

    @Test
    void completeChainWithMatchingKeyHasNoFindings() {
        CheckReport r = check(DOMAIN, pki.chainPem(), pki.keyPem());
        clean(r);
        assertEquals(List.of(pki.leaf.certificate(), pki.intermediate.certificate()), r.serverChain());
        assertEquals("trusted root", r.chainInfo().get(2).role());
    }

    @Test
    void goodCasesForEcWildcardAndInternationalNames() {
        TestPki.Issued ec = TestPki.leaf(pki.intermediate).dns("*.contoso.test", "xn--bcher-kva.example.com").issue();
        String chain = TestPki.pem(ec.certificate(), pki.intermediate.certificate());
        clean(check("scoring.contoso.test", chain, TestPki.pem(ec.privateKey())));
        clean(check("bücher.example.com", chain, TestPki.pem(ec.privateKey())));
        Finding deep = only(check("a.b.contoso.test", chain, TestPki.pem(ec.privateKey())),
                FindingCode.HOSTNAME_MISMATCH);
        assertTrue(deep.message().contains("exactly one label"), deep.message());
    }

    @Test
    void fourLevelChainIsBuiltInAnyOrder() {
        TestPki.Issued second = TestPki.intermediate(pki.intermediate, "Contoso Second CA");
        TestPki.Issued leaf = TestPki.leaf(second).dns(DOMAIN).issue();
        String shuffled = TestPki.pem(pki.intermediate.certificate(), leaf.certificate(), second.certificate());
        CheckReport r = check(DOMAIN, shuffled, TestPki.pem(leaf.privateKey()));
        only(r, FindingCode.CHAIN_ORDER);
        assertTrue(r.ok());
        assertEquals(List.of(leaf.certificate(), second.certificate(), pki.intermediate.certificate()), r.path());
    }

    @Test
    void reportsMissingKeyAndMissingCertificate() {
        only(check(DOMAIN, pki.chainPem()), FindingCode.KEY_MISSING);
        only(check(DOMAIN, pki.keyPem()), FindingCode.CERT_MISSING);
    }

    @Test
    void keyOfAnotherCertificateIsAMismatch() {
        String otherKey = TestPki.pem(TestPki.rsaKey(2048).getPrivate());
        Finding f = only(check(DOMAIN, pki.chainPem(), otherKey), FindingCode.KEY_MISMATCH);
        assertTrue(f.message().contains("file1.pem") && f.message().contains(DOMAIN), f.message());
    }

    @Test
    void missingIntermediateIsNamedWithItsDownloadAddressWhenKnown() {
        CheckReport r = check(DOMAIN, TestPki.pem(pki.leaf.certificate()), pki.keyPem());
        Finding f = only(r, FindingCode.CHAIN_INCOMPLETE);
        assertTrue(f.message().contains("Contoso Issuing CA"), f.message());
        assertFalse(r.ok());
    }

    @Test
    void privateRootIsUntrustedUntilGivenAsTrust() {
        String withRoot = pki.chainPem() + TestPki.pem(pki.root.certificate());
        CheckReport r = check(DOMAIN, List.of(), withRoot, pki.keyPem());
        assertTrue(only(r, FindingCode.UNTRUSTED_ROOT).message().contains("Contoso Test Root"));
        only(r, FindingCode.ROOT_INCLUDED);
        CheckReport trusted = check(DOMAIN, withRoot, pki.keyPem());
        assertTrue(trusted.ok());
        only(trusted, FindingCode.ROOT_INCLUDED);
        assertEquals(2, trusted.serverChain().size(), "the root is left out of what the server presents");
    }

    @Test
    void strangerCertificateIsFlagged() {
        TestPki.Issued stranger = TestPki.leaf(TestPki.rootCa("Other Root")).dns("other.test").issue();
        Finding f = only(check(DOMAIN, pki.chainPem() + TestPki.pem(stranger.certificate()), pki.keyPem()),
                FindingCode.CHAIN_EXTRA_CERT);
        assertTrue(f.message().contains("other.test"), f.message());
    }

    @Test
    void selfSignedLeafIsAWarningNotAnUntrustedRoot() {
        TestPki.Issued self = TestPki.selfSignedLeaf().dns(DOMAIN).issue();
        CheckReport r = check(DOMAIN, List.of(), TestPki.pem(self.certificate(), self.privateKey()));
        only(r, FindingCode.SELF_SIGNED);
        assertFalse(r.has(FindingCode.UNTRUSTED_ROOT));
        assertTrue(r.ok());
    }

    @Test
    void nameProblems() {
        only(check("other.contoso.test", pki.chainPem(), pki.keyPem()), FindingCode.HOSTNAME_MISMATCH);
        only(check("10.0.0.1", pki.chainPem(), pki.keyPem()), FindingCode.DOMAIN_INVALID);
        TestPki.Issued cnOnly = TestPki.leaf(pki.intermediate).subject("CN=" + DOMAIN).issue();
        Finding f = only(check(DOMAIN, TestPki.pem(cnOnly.certificate(), pki.intermediate.certificate()),
                TestPki.pem(cnOnly.privateKey())), FindingCode.NO_SAN);
        assertTrue(f.message().contains("only in its Common Name"), f.message());
        TestPki.Issued ipOnly = TestPki.leaf(pki.intermediate).subject("CN=10.0.0.5").ip("10.0.0.5").issue();
        Finding ip = only(check(DOMAIN, TestPki.pem(ipOnly.certificate(), pki.intermediate.certificate()),
                TestPki.pem(ipOnly.privateKey())), FindingCode.NO_SAN);
        assertTrue(ip.message().contains("names only the IP address 10.0.0.5") && ip.message().contains(
                "only when they connect by that address, never by " + DOMAIN), ip.message());
    }

    /**
     * A name only in the Common Name: what the service's clients do decides. By default the clients are
     * SecureScore's own and the protocol's reference clients (Java, gRPC's C core), which accept it:
     * a warning that names who would refuse. With Go among the clients it is an error; a Common Name
     * that is not the service name is an error for everyone.
     */
    @Test
    void commonNameOnlyIsJudgedByWhoTheClientsAre() {
        TestPki.Issued cnOnly = TestPki.leaf(pki.intermediate).subject("CN=" + DOMAIN).issue();
        String chain = TestPki.pem(cnOnly.certificate(), pki.intermediate.certificate());
        String key = TestPki.pem(cnOnly.privateKey());
        Finding byDefault = only(check(DOMAIN, chain, key), FindingCode.NO_SAN);
        assertEquals(Severity.WARNING, byDefault.severity());
        assertTrue(check(DOMAIN, chain, key).ok());
        assertTrue(byDefault.message().contains("Go and browsers refuse it"), byDefault.message());
        assertTrue(byDefault.message().contains("(Java and gRPC's C core) accept it"), byDefault.message());

        CertificateService withGo = new CertificateService(Clock.systemUTC(),
                EnumSet.of(ClientSupport.Client.JAVA, ClientSupport.Client.GO));
        CheckReport goReport = withGo.check(new CertificateService.Request(DOMAIN, List.of(
                Source.text("chain.pem", chain), Source.text("key.pem", key)), null, null, List.of(pki.rootTrust())));
        Finding forGo = only(goReport, FindingCode.NO_SAN);
        assertEquals(Severity.ERROR, forGo.severity());
        assertFalse(goReport.ok());
        assertTrue(forGo.message().contains("This service's clients include Go."), forGo.message());

        Finding otherName = only(check("other.contoso.test", chain, key), FindingCode.NO_SAN);
        assertEquals(Severity.ERROR, otherName.severity());
        assertTrue(otherName.message().contains("its Common Name is not other.contoso.test"), otherName.message());
    }

    @Test
    void datesAreCheckedForLeafAndIntermediates() {
        Instant now = Instant.now();
        TestPki.Issued expired = TestPki.leaf(pki.intermediate).dns(DOMAIN)
                .validity(now.minus(Duration.ofDays(400)), now.minus(Duration.ofDays(2))).issue();
        only(check(DOMAIN, TestPki.pem(expired.certificate(), pki.intermediate.certificate()),
                TestPki.pem(expired.privateKey())), FindingCode.EXPIRED);
        TestPki.Issued future = TestPki.leaf(pki.intermediate).dns(DOMAIN)
                .validity(now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(400))).issue();
        only(check(DOMAIN, TestPki.pem(future.certificate(), pki.intermediate.certificate()),
                TestPki.pem(future.privateKey())), FindingCode.NOT_YET_VALID);
        TestPki.Issued soon = TestPki.leaf(pki.intermediate).dns(DOMAIN)
                .validity(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(10))).issue();
        CheckReport r = check(DOMAIN, TestPki.pem(soon.certificate(), pki.intermediate.certificate()),
                TestPki.pem(soon.privateKey()));
        String soonMessage = only(r, FindingCode.EXPIRES_SOON).message();
        assertTrue(soonMessage.matches(".*expires in (9|10) days.*"), soonMessage);
        assertTrue(r.ok(), "expiring soon is a warning");

        TestPki.Issued oldCa = TestPki.builder(pki.root).subject("CN=Old CA").ca(true)
                .validity(now.minus(Duration.ofDays(900)), now.minus(Duration.ofDays(1))).issue();
        TestPki.Issued leaf = TestPki.leaf(oldCa).dns(DOMAIN).issue();
        only(check(DOMAIN, TestPki.pem(leaf.certificate(), oldCa.certificate()), TestPki.pem(leaf.privateKey())),
                FindingCode.CHAIN_CERT_EXPIRED);
    }

    @Test
    void fixedClockDecidesExpiry() {
        CertificateService later = new CertificateService(Clock.fixed(
                pki.leaf.certificate().getNotAfter().toInstant().plusSeconds(60), ZoneOffset.UTC));
        CheckReport r = later.check(new CertificateService.Request(DOMAIN, List.of(pki.chain()), pki.key(), null,
                List.of(pki.rootTrust())));
        only(r, FindingCode.EXPIRED);
    }

    @Test
    void weakKeysAndSignatures() {
        TestPki.Issued rsaRoot = TestPki.builder(null).subject("CN=RSA Root").ca(true).key(TestPki.rsaKey(2048))
                .issue();
        TestPki.Issued small = TestPki.leaf(rsaRoot).dns(DOMAIN).key(TestPki.rsaKey(1024)).issue();
        List<Source> trust = List.of(Source.text("root.pem", TestPki.pem(rsaRoot.certificate())));
        only(check(DOMAIN, trust, TestPki.pem(small.certificate(), small.privateKey())), FindingCode.WEAK_KEY);
        TestPki.Issued sha1 = TestPki.leaf(rsaRoot).dns(DOMAIN).signatureAlgorithm("SHA1withRSA").issue();
        Finding f = only(check(DOMAIN, trust, TestPki.pem(sha1.certificate(), sha1.privateKey())),
                FindingCode.WEAK_SIGNATURE);
        assertTrue(f.message().contains("SHA1"), f.message());
    }

    @Test
    void certificatesThatATlsServerCannotUse() {
        TestPki.Issued clientOnly = TestPki.leaf(pki.intermediate).dns(DOMAIN).clientAuthOnly().issue();
        only(check(DOMAIN, TestPki.pem(clientOnly.certificate(), pki.intermediate.certificate()),
                TestPki.pem(clientOnly.privateKey())), FindingCode.NOT_SERVER_AUTH);
        TestPki.Issued caLeaf = TestPki.builder(pki.intermediate).dns(DOMAIN).ca(true).issue();
        Finding f = only(check(DOMAIN, TestPki.pem(caLeaf.certificate(), pki.intermediate.certificate()),
                TestPki.pem(caLeaf.privateKey())), FindingCode.NOT_SERVER_AUTH);
        assertTrue(f.message().contains("CA certificate"), f.message());
        TestPki.Issued signOnlyCrl = TestPki.leaf(pki.intermediate).dns(DOMAIN)
                .keyUsage(KeyUsage.cRLSign).issue();
        Finding ku = only(check(DOMAIN, TestPki.pem(signOnlyCrl.certificate(), pki.intermediate.certificate()),
                TestPki.pem(signOnlyCrl.privateKey())), FindingCode.NOT_SERVER_AUTH);
        assertTrue(ku.message().contains("key usage"), ku.message());
    }

    @Test
    void onlyCaCertificatesMeansTheServerCertificateIsMissing() {
        Finding f = only(check(DOMAIN, TestPki.pem(pki.intermediate.certificate())), FindingCode.CERT_MISSING);
        assertTrue(f.message().contains("CA certificates"), f.message());
    }
}

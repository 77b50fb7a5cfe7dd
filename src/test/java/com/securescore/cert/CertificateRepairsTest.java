package com.securescore.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.FindingCode;
import com.securescore.testsupport.TestPki;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Repairs, including fetching a missing intermediate from a real HTTP server on loopback (the CA's AIA). */
class CertificateRepairsTest {
    private static final String DOMAIN = CertFixtures.DOMAIN;
    private final CertFixtures pki = new CertFixtures();
    private final CertificateService service = new CertificateService();
    private final CertificateRepairs repairs = new CertificateRepairs();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer http;
    private String base;

    @BeforeEach
    void startServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/issuing.cer", exchange -> {
            requests.incrementAndGet();
            byte[] der;
            try {
                der = pki.intermediate.certificate().getEncoded();
            } catch (Exception e) {
                throw new IOException(e);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/pkix-cert");
            exchange.sendResponseHeaders(200, der.length);
            exchange.getResponseBody().write(der);
            exchange.close();
        });
        http.createContext("/page", exchange -> {
            byte[] page = "<html><body>Not here</body></html>".getBytes();
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        http.start();
        base = "http://127.0.0.1:" + http.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        http.stop(0);
    }

    /** The leaf again, but with an AIA caIssuers address pointing at the test server. */
    private TestPki.Issued leafWithAia(String url) throws Exception {
        X509Certificate issuer = pki.intermediate.certificate();
        var kp = TestPki.ecKey();
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(System.nanoTime()),
                new Date(System.currentTimeMillis() - 60_000),
                new Date(System.currentTimeMillis() + 86_400_000L * 90),
                new X500Name("CN=" + DOMAIN), kp.getPublic());
        b.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.dNSName, DOMAIN)));
        b.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                new AccessDescription(AccessDescription.id_ad_caIssuers,
                        new GeneralName(GeneralName.uniformResourceIdentifier, url))));
        X509Certificate c = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pki.intermediate.privateKey())));
        return new TestPki.Issued(c, kp, "SHA256withECDSA");
    }

    private CheckReport check(Material m) {
        return service.check(DOMAIN, m, List.of(pki.rootTrust()));
    }

    @Test
    void fetchesTheMissingIntermediateFromItsAiaAddressAndTheChainThenPasses() throws Exception {
        TestPki.Issued leaf = leafWithAia(base + "/issuing.cer");
        Material m = service.read(List.of(Source.text("leaf.pem", TestPki.pem(leaf.certificate(),
                leaf.privateKey()))), null, null);
        CheckReport before = check(m);
        assertTrue(before.findings().get(0).message().contains(base + "/issuing.cer"),
                before.findings().toString());
        assertEquals(base + "/issuing.cer", repairs.missingIssuerUrl(before));

        Source fetched = repairs.fetchIssuer(repairs.missingIssuerUrl(before));
        CheckReport after = check(m.plus(service.read(List.of(fetched), null, null)));
        assertTrue(after.ok(), after.findings().toString());
        assertEquals(2, after.serverChain().size());
        assertEquals(1, requests.get());
    }

    @Test
    void refusesWhatIsNotACertificateAndUnreachableAddresses() throws Exception {
        IOException page = assertThrows(IOException.class, () -> repairs.fetchIssuer(base + "/page"));
        assertTrue(page.getMessage().contains("did not send a certificate"), page.getMessage());
        IOException missing = assertThrows(IOException.class, () -> repairs.fetchIssuer(base + "/none.cer"));
        assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
        IOException scheme = assertThrows(IOException.class, () -> repairs.fetchIssuer("ldap://ca.contoso.test/x"));
        assertTrue(scheme.getMessage().contains("only downloads over http"), scheme.getMessage());
    }

    @Test
    void reorderDropRootAndDropStrangersEachClearTheirFinding() {
        TestPki.Issued stranger = TestPki.selfSignedLeaf().dns("other.test").issue();
        Material m = service.read(List.of(Source.text("all.pem", TestPki.pem(pki.root.certificate(),
                stranger.certificate(), pki.intermediate.certificate(), pki.leaf.certificate()) + pki.keyPem())),
                null, null);
        CheckReport r = check(m);
        assertTrue(r.has(FindingCode.CHAIN_ORDER) && r.has(FindingCode.ROOT_INCLUDED)
                && r.has(FindingCode.CHAIN_EXTRA_CERT), r.findings().toString());
        m = repairs.putInOrder(m, r);
        r = check(m);
        assertTrue(!r.has(FindingCode.CHAIN_ORDER), r.findings().toString());
        m = repairs.dropRoot(m, r);
        r = check(m);
        assertTrue(!r.has(FindingCode.ROOT_INCLUDED), r.findings().toString());
        m = repairs.dropStrangers(m, r);
        r = check(m);
        assertTrue(r.findings().isEmpty(), r.findings().toString());
    }
}

package com.securescore.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.ClientSupport.Client;
import com.securescore.cert.ClientSupport.Verdict;
import com.securescore.testsupport.RealClients;
import com.securescore.testsupport.TestPki;
import com.securescore.testsupport.TlsPresenter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The client table's rules held against the real clients that run here: a real TLS server presents
 * each chain, and the JDK, openssl s_client, Python's ssl, grpcio, Node's tls and a Go program connect
 * to it with SNI and the host check, trusting only the case's roots. For every client that runs
 * here, the table's accept/refuse must be what the client really did.
 */
class ClientTableAgainstRealClientsTest {
    private static final String HOST = "scoring.contoso.test";
    private static final TestPki.Issued ROOT = TestPki.rootCa("Contoso Test Root");
    private static final TestPki.Issued CA = TestPki.intermediate(ROOT, "Contoso Test Issuing CA");

    @TempDir
    static Path dir;
    private static RealClients clients;

    @BeforeAll
    static void prepareClients() throws Exception {
        clients = RealClients.prepare(Files.createDirectories(dir.resolve("clients")));
    }

    /** One served chain and the roots clients trust. */
    record Case(String name, List<X509Certificate> sent, TestPki.Issued leaf, List<X509Certificate> trusted) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> cases() {
        TestPki.Issued valid = TestPki.leaf(CA).dns(HOST).issue();
        TestPki.Issued expired = TestPki.leaf(CA).dns(HOST).validity(Instant.now().minus(Duration.ofDays(60)),
                Instant.now().minus(Duration.ofDays(1))).issue();
        TestPki.Issued cnOnly = TestPki.leaf(CA).subject("CN=" + HOST).issue();
        TestPki.Issued otherName = TestPki.leaf(CA).dns("other.contoso.test").issue();
        TestPki.Issued otherRoot = TestPki.rootCa("Someone Else's Root");
        TestPki.Issued ed25519 = TestPki.leaf(CA).dns(HOST).key(ed25519Key()).issue();
        TestPki.Issued clientOnly = TestPki.leaf(CA).dns(HOST).clientAuthOnly().issue();
        TestPki.Issued rsaRoot = TestPki.builder(null).subject("CN=Contoso RSA Root").ca(true)
                .key(TestPki.rsaKey(2048)).issue();
        TestPki.Issued sha1 = TestPki.leaf(rsaRoot).dns(HOST).signatureAlgorithm("SHA1withRSA").issue();
        return Stream.of(
                new Case("valid chain", List.of(valid.certificate(), CA.certificate()), valid,
                        List.of(ROOT.certificate())),
                new Case("missing intermediate", List.of(valid.certificate()), valid, List.of(ROOT.certificate())),
                new Case("expired leaf", List.of(expired.certificate(), CA.certificate()), expired,
                        List.of(ROOT.certificate())),
                new Case("CN-only leaf", List.of(cnOnly.certificate(), CA.certificate()), cnOnly,
                        List.of(ROOT.certificate())),
                new Case("wrong name", List.of(otherName.certificate(), CA.certificate()), otherName,
                        List.of(ROOT.certificate())),
                new Case("untrusted root", List.of(valid.certificate(), CA.certificate()), valid,
                        List.of(otherRoot.certificate())),
                new Case("trusted intermediate, not self-signed", List.of(valid.certificate(), CA.certificate()), valid,
                        List.of(CA.certificate())),
                new Case("Ed25519 leaf", List.of(ed25519.certificate(), CA.certificate()), ed25519,
                        List.of(ROOT.certificate())),
                new Case("client certificate, not for servers", List.of(clientOnly.certificate(), CA.certificate()),
                        clientOnly, List.of(ROOT.certificate())),
                new Case("SHA-1 signed leaf under a private root", List.of(sha1.certificate()), sha1,
                        List.of(rsaRoot.certificate())))
                .map(Arguments::of);
    }

    private static KeyPair ed25519Key() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tableSaysWhatEachRealClientDoes(Case c) throws Exception {
        Path ca = TestPki.writePem(dir.resolve(c.name().replace(' ', '-') + "-trust.pem"), c.trusted().toArray());
        CheckReport report = new CertificateService().check(HOST, Material.of(c.sent(), "served"),
                TrustAnchors.only(c.trusted()));
        List<Verdict> table = ClientSupport.table(report);
        Map<String, RealClients.Outcome> seen;
        try (TlsPresenter server = TlsPresenter.start(c.sent(), c.leaf().privateKey())) {
            seen = clients.connect(server.port(), HOST, ca);
        }
        List<String> disagree = new ArrayList<>();
        for (Map.Entry<Client, String> row : RealClients.rows().entrySet()) {
            Verdict v = table.stream().filter(t -> t.client() == row.getKey()).findFirst().orElseThrow();
            RealClients.Outcome o = seen.get(row.getValue());
            if (v.accepts() != o.accepted()) {
                disagree.add(row.getKey() + ": table says " + (v.accepts() ? "accepts" : "refuses " + v.reasons())
                        + ", " + row.getValue() + " " + (o.accepted() ? "accepted" : "refused: " + o.message()));
            }
        }
        assertEquals(List.of(), disagree, "findings " + report.findings() + "; all outcomes " + seen);
        assertEquals(seen.get("python-ssl").accepted(), seen.get("openssl").accepted(),
                "openssl s_client and Python's ssl (both OpenSSL) differ: " + seen);
    }

    @Test
    void everyClientHasARowAndRefusalsSayWhy() {
        TestPki.Issued leaf = TestPki.leaf(CA).subject("CN=" + HOST).issue();
        CheckReport report = new CertificateService().check(HOST,
                Material.of(List.of(leaf.certificate(), CA.certificate()), "served"),
                TrustAnchors.only(List.of(ROOT.certificate())));
        List<Verdict> table = ClientSupport.table(report);
        assertEquals(Client.values().length, table.size());
        Verdict go = table.stream().filter(v -> v.client() == Client.GO).findFirst().orElseThrow();
        assertTrue(!go.accepts() && go.reasons().contains(
                "x509: certificate relies on legacy Common Name field, use SANs instead"), go.toString());
        table.stream().filter(v -> !v.accepts()).forEach(v -> assertTrue(!v.reasons().isEmpty(), v.toString()));
    }
}

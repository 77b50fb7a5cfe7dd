package com.securescore.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.ClientSupport;
import com.securescore.cert.ClientSupport.Client;
import com.securescore.cert.Material;
import com.securescore.cert.TrustAnchors;
import com.securescore.findings.FindingCode;
import com.securescore.testsupport.OpensslServer;
import com.securescore.testsupport.RealClients;
import com.securescore.testsupport.RevocationAuthority;
import com.securescore.testsupport.TestPki;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.CRLReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client table's revocation rows held against the real clients on this machine: a revoked leaf
 * whose server staples the "revoked" OCSP response (the strongest hint a client can get). The JDK,
 * Python's ssl, Node and Go must do what the table says (all accept: none checks revocation by
 * default). grpcio is left out here: the server is openssl s_server, which speaks no gRPC.
 */
class RevokedCertificateAgainstRealClientsTest {
    private static final String HOST = "scoring.contoso.test";

    @TempDir
    Path dir;

    @Test
    void tableSaysWhatRealClientsDoWithAStapledRevokedCertificate() throws Exception {
        RealClients clients = RealClients.prepare(Files.createDirectories(dir.resolve("clients")));
        try (RevocationAuthority ca = RevocationAuthority.start(dir)) {
            TestPki.Issued leaf = ca.leaf(HOST, true, false);
            ca.revoke(leaf, Instant.now().minusSeconds(3600), CRLReason.keyCompromise);
            ca.startResponder();
            Path stapled = ca.ocspResponseFile(leaf);
            Path root = TestPki.writePem(dir.resolve("root.pem"), ca.root().certificate());
            try (OpensslServer server = OpensslServer.start(dir, ca.chain(leaf), leaf.privateKey(), "-status_file",
                    stapled.toString(), "-alpn", "h2")) {
                CheckReport checked = new CertificateService().check(HOST, Material.of(ca.chain(leaf), "served"),
                        TrustAnchors.only(List.of(ca.root().certificate())));
                RevocationReport revocation = new RevocationCheck().checkEndpoint(checked,
                        new InetSocketAddress("127.0.0.1", server.port()), HOST, RevocationCheck.DEFAULT_LIMIT);
                CheckReport withRevocation = revocation.addTo(checked);
                assertTrue(withRevocation.has(FindingCode.REVOKED), withRevocation.findings().toString());
                List<ClientSupport.Verdict> table = ClientSupport.table(withRevocation);

                Map<String, RealClients.Outcome> seen = clients.connect(server.port(), HOST, root);
                List<String> disagree = new ArrayList<>();
                for (Map.Entry<Client, String> row : RealClients.rows().entrySet()) {
                    if (row.getKey() == Client.GRPC_CORE) {
                        continue;
                    }
                    ClientSupport.Verdict v = table.stream().filter(t -> t.client() == row.getKey()).findFirst()
                            .orElseThrow();
                    RealClients.Outcome o = seen.get(row.getValue());
                    if (v.accepts() != o.accepted()) {
                        disagree.add(row.getKey() + ": table says " + (v.accepts() ? "accepts" : "refuses")
                                + ", " + row.getValue() + " " + (o.accepted() ? "accepted" : "refused: " + o.message()));
                    }
                }
                assertEquals(List.of(), disagree, "all outcomes " + seen);
                ClientSupport.Verdict browsers = table.stream().filter(t -> t.client() == Client.BROWSERS)
                        .findFirst().orElseThrow();
                assertTrue(!browsers.accepts(), "browsers honour a stapled revoked response: " + browsers);
            }
        }
    }
}

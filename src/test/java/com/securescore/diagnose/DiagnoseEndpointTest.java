package com.securescore.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.Certificates;
import com.securescore.cert.ClientSupport;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.scoring.PredictMessages;
import com.securescore.scoring.proto.DataType;
import com.securescore.scoring.proto.PredictRequest;
import com.securescore.scoring.proto.PredictResponse;
import com.securescore.scoring.proto.PredictionServiceGrpc;
import com.securescore.scoring.proto.TensorProto;
import com.securescore.scoring.proto.TensorShapeProto;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.OpensslServer;
import com.securescore.testsupport.Ports;
import com.securescore.testsupport.PythonTlsServer;
import com.securescore.testsupport.TestPki;
import com.securescore.testsupport.TlsPresenter;
import io.grpc.stub.StreamObserver;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Endpoint diagnosis against real servers on loopback: openssl s_server presenting broken chains and
 * no HTTP/2, a plaintext TCP server, SecureScore's own service with keys, a gRPC server without
 * auth, a refused port and a name that cannot resolve.
 */
class DiagnoseEndpointTest {
    private static final String HOST = LocalService.HOST;
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final TestPki.Issued ROOT = TestPki.rootCa("Contoso Diagnose Root");
    private static final TestPki.Issued CA = TestPki.intermediate(ROOT, "Contoso Diagnose CA");

    @TempDir
    Path dir;

    private final EndpointDiagnosis diagnosis = new EndpointDiagnosis(Clock.systemUTC(), Duration.ofSeconds(10));

    private Path rootFile() {
        return TestPki.writePem(dir.resolve("root.pem"), ROOT.certificate());
    }

    private EndpointDiagnosis.Request request(int port, List<Path> trust, Optional<EndpointDiagnosis.Key> key,
                                              List<String> expected) {
        return new EndpointDiagnosis.Request(HOST, port, HOST, Optional.of(LOOPBACK), trust, key, expected);
    }

    /** The error codes (a development certificate also carries the warning EXPIRES_SOON). */
    private static List<FindingCode> codes(Diagnosis d) {
        return d.findings().stream().filter(Finding::isError).map(Finding::code).toList();
    }

    private static boolean errorOf(Diagnosis d, FindingCode code) {
        return d.findings().stream().anyMatch(f -> f.code() == code && f.isError());
    }

    @Test
    void missingIntermediateIsChainIncompleteAndEveryTestedClientRefuses() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).issue();
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate()), leaf.privateKey(),
                "-alpn", "h2")) {
            Diagnosis d = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
            assertFalse(d.works());
            assertTrue(errorOf(d, FindingCode.CHAIN_INCOMPLETE), d.findings().toString());
            EndpointProbe.Presented p = d.presented().orElseThrow();
            assertEquals(1, p.chain().size(), "the chain as sent");
            assertEquals("h2", p.alpn());
            assertTrue(d.clients().stream().filter(v -> v.client() != ClientSupport.Client.BROWSERS
                    && v.client() != ClientSupport.Client.DOTNET_WINDOWS).noneMatch(ClientSupport.Verdict::accepts),
                    d.clients().toString());
        }
    }

    @Test
    void wrongNameIsHostnameMismatch() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns("other.contoso.test").issue();
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), CA.certificate()),
                leaf.privateKey(), "-alpn", "h2")) {
            Diagnosis d = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
            assertTrue(errorOf(d, FindingCode.HOSTNAME_MISMATCH), d.findings().toString());
            assertFalse(codes(d).contains(FindingCode.CHAIN_INCOMPLETE), d.findings().toString());
        }
    }

    @Test
    void expiredLeafIsExpired() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).validity(Instant.now().minus(Duration.ofDays(90)),
                Instant.now().minus(Duration.ofDays(2))).issue();
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), CA.certificate()),
                leaf.privateKey(), "-alpn", "h2")) {
            Diagnosis d = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
            assertTrue(errorOf(d, FindingCode.EXPIRED), d.findings().toString());
            assertTrue(d.clients().stream().noneMatch(ClientSupport.Verdict::accepts), d.clients().toString());
        }
    }

    @Test
    void tlsServerWithoutAlpnIsNoHttp2AndMakesNoCalls() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).issue();
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), CA.certificate()),
                leaf.privateKey())) {
            Diagnosis d = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
            assertEquals(List.of(FindingCode.NO_HTTP2), codes(d));
            assertEquals("", d.presented().orElseThrow().alpn());
            assertInstanceOf(Diagnosis.NotChecked.class, d.auth());
        }
    }

    @Test
    void opensslServerThatRequiresAClientCertificateIsClientCertRequiredNamingItsIssuer() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).issue();
        TestPki.Issued clientCa = TestPki.rootCa("Fabrikam Gateway Client CA");
        Path clientCaFile = TestPki.writePem(dir.resolve("client-ca.pem"), clientCa.certificate());
        for (String version : List.of("-tls1_2", "-tls1_3")) {
            try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), CA.certificate()),
                    leaf.privateKey(), version, "-alpn", "h2", "-Verify", "1", "-verify_return_error",
                    "-CAfile", clientCaFile.toString())) {
                Diagnosis d = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
                assertEquals(List.of(FindingCode.CLIENT_CERT_REQUIRED), codes(d), version + ": " + d.findings());
                var c = assertInstanceOf(EndpointProbe.ClientCertRequired.class, d.connection(), version);
                assertEquals(1, c.issuers().size(), c.issuers().toString());
                assertTrue(c.issuers().get(0).contains("Fabrikam Gateway Client CA"), c.issuers().toString());
                Finding f = d.findings().get(0);
                assertTrue(f.message().contains("Fabrikam Gateway Client CA"), f.message());
                assertTrue(f.fix().contains("turn client-certificate verification off"), f.fix());
                assertInstanceOf(Diagnosis.NotChecked.class, d.auth());
            }
        }
    }

    @Test
    void pythonServerThatRequiresAClientCertificateIsClientCertRequiredNamingNoIssuers() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).issue();
        TestPki.Issued clientCa = TestPki.rootCa("Fabrikam Gateway Client CA");
        for (String version : List.of("1.2", "1.3")) {
            try (PythonTlsServer s = PythonTlsServer.mutualTls(dir, version, true,
                    List.of(leaf.certificate(), CA.certificate()), leaf.privateKey(), clientCa.certificate())) {
                Diagnosis d = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
                assertEquals(List.of(FindingCode.CLIENT_CERT_REQUIRED), codes(d), "TLS " + version + ": "
                        + d.findings());
                var c = assertInstanceOf(EndpointProbe.ClientCertRequired.class, d.connection());
                assertEquals(List.of(), c.issuers(), "Python's ssl sends no CA names in its request");
                assertTrue(d.findings().get(0).message().contains("named no issuers"), d.findings().get(0).message());
            }
        }
    }

    @Test
    void serverThatAsksForButDoesNotRequireAClientCertificateDiagnosesAsBefore() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).issue();
        TestPki.Issued clientCa = TestPki.rootCa("Fabrikam Optional Client CA");
        for (String version : List.of("1.2", "1.3")) {
            try (PythonTlsServer s = PythonTlsServer.mutualTls(dir, version, false,
                    List.of(leaf.certificate(), CA.certificate()), leaf.privateKey(), clientCa.certificate())) {
                Diagnosis d = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
                EndpointProbe.Presented p = assertInstanceOf(EndpointProbe.Presented.class, d.connection(),
                        "TLS " + version + ": " + d.findings());
                assertEquals(2, p.chain().size());
                assertEquals(List.of(FindingCode.NO_HTTP2), codes(d), "as a server without the request: "
                        + d.findings());
                assertTrue(p.report().ok(), p.report().findings().toString());
            }
        }
    }

    @Test
    void handshakeRefusedByTheServerNamesTheAlert() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).issue();
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), CA.certificate()),
                leaf.privateKey(), "-tls1_2", "-cipher", "AES128-SHA", "-alpn", "h2")) {
            Diagnosis d = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
            EndpointProbe.HandshakeFailed h = assertInstanceOf(EndpointProbe.HandshakeFailed.class, d.connection());
            assertEquals("handshake_failure", h.alert());
            assertEquals(List.of(FindingCode.TLS_HANDSHAKE_FAILED), codes(d));
            assertTrue(d.findings().get(0).message().contains("handshake_failure"), d.findings().toString());
        }
    }

    @Test
    void portThatAcceptsTcpButNeverAnswersTlsIsTlsNoAnswerWithinAFewSeconds() throws Exception {
        try (PythonTlsServer silent = PythonTlsServer.silent(dir)) {
            long start = System.nanoTime();
            Diagnosis d = diagnosis.run(request(silent.port(), List.of(), Optional.empty(), List.of()));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertEquals(List.of(FindingCode.TLS_NO_ANSWER), codes(d), d.findings().toString());
            var n = assertInstanceOf(EndpointProbe.NoTlsAnswer.class, d.connection());
            assertEquals(Duration.ofSeconds(5), n.waited(), "the handshake limit, below the 10 s connect timeout");
            assertTrue(took.compareTo(Duration.ofSeconds(9)) < 0, "verdict after " + took);
            Finding f = d.findings().get(0);
            assertTrue(f.message().contains("accepted the TCP connection") && f.message().contains("5 seconds"),
                    f.message());
            assertFalse(f.fix().contains("firewall"), "the TCP connection was made: " + f.fix());
            assertTrue(f.message().contains("load balancer with no healthy backend"), f.message());
        }
    }

    @Test
    void leafAndIntermediateUnderARootTheClientLacksIsUntrustedRootNotChainIncomplete() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).issue();
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), CA.certificate()),
                leaf.privateKey(), "-alpn", "h2")) {
            Diagnosis d = diagnosis.run(request(s.port(), List.of(), Optional.empty(), List.of()));
            assertEquals(List.of(FindingCode.UNTRUSTED_ROOT), codes(d), d.findings().toString());
            Finding f = d.findings().stream().filter(x -> x.code() == FindingCode.UNTRUSTED_ROOT).findFirst()
                    .orElseThrow();
            assertTrue(f.message().contains("Contoso Diagnose CA") && f.message().contains("Contoso Diagnose Root"),
                    f.message());
            assertTrue(f.fix().startsWith("The server is fine") && f.fix().contains("--trust")
                    && f.fix().contains("GRPC_DEFAULT_SSL_ROOTS_FILE_PATH"), f.fix());
            assertFalse(f.fix().contains("fullchain"), "the server's files are right: " + f.fix());
            assertTrue(d.clients().stream().noneMatch(v -> v.reasons().toString().contains("intermediate")),
                    "the client table blames no missing intermediate: " + d.clients());
            Diagnosis trusted = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
            assertFalse(codes(trusted).contains(FindingCode.UNTRUSTED_ROOT), trusted.findings().toString());
        }
    }

    @Test
    void leafAndAnIntermediateWhoseIssuerIsAnotherMissingIntermediateIsNamedHonestly() throws Exception {
        TestPki.Issued issuing = TestPki.intermediate(CA, "Contoso Diagnose Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(issuing).dns(HOST).issue();
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), issuing.certificate()),
                leaf.privateKey(), "-alpn", "h2")) {
            Diagnosis d = diagnosis.run(request(s.port(), List.of(rootFile()), Optional.empty(), List.of()));
            Finding f = d.findings().stream().filter(Finding::isError).findFirst().orElseThrow();
            assertEquals(FindingCode.UNTRUSTED_ROOT, f.code(), d.findings().toString());
            assertTrue(f.fix().contains("Should \"Contoso Diagnose CA\" be an intermediate, not a root, the server "
                    + "must send it too"), f.fix());
        }
    }

    @Test
    void plaintextPortIsNamed() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, LOOPBACK)) {
            Thread answer = new Thread(() -> {
                try (Socket s = plain.accept(); OutputStream o = s.getOutputStream()) {
                    s.getInputStream().read();
                    o.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // The probe hung up first.
                }
            });
            answer.start();
            Diagnosis d = diagnosis.run(request(plain.getLocalPort(), List.of(), Optional.empty(), List.of()));
            answer.join(10_000);
            assertEquals(List.of(FindingCode.PLAINTEXT_PORT), codes(d));
            assertInstanceOf(EndpointProbe.NotTls.class, d.connection());
        }
    }

    @Test
    void refusedPortIsConnectRefused() {
        Diagnosis d = diagnosis.run(request(Ports.unused(), List.of(), Optional.empty(), List.of()));
        assertEquals(List.of(FindingCode.CONNECT_REFUSED), codes(d));
        assertFalse(d.works());
    }

    @Test
    void listenerThatNeverAcceptsIsConnectTimeout() throws Exception {
        try (ServerSocket full = new ServerSocket(0, 1, LOOPBACK)) {
            List<Socket> held = new ArrayList<>();
            try {
                // Fill the accept queue (never accepted): Linux then drops further SYNs, as a firewall does.
                while (true) {
                    Socket s = new Socket();
                    try {
                        s.connect(new InetSocketAddress(LOOPBACK, full.getLocalPort()), 500);
                        held.add(s);
                    } catch (SocketTimeoutException e) {
                        s.close();
                        break;
                    }
                }
                Diagnosis d = new EndpointDiagnosis(Clock.systemUTC(), Duration.ofSeconds(1))
                        .run(request(full.getLocalPort(), List.of(), Optional.empty(), List.of()));
                assertEquals(List.of(FindingCode.CONNECT_TIMEOUT), codes(d));
            } finally {
                for (Socket s : held) {
                    s.close();
                }
            }
        }
    }

    @Test
    void unresolvableNameIsDnsFailed() {
        Diagnosis d = diagnosis.run(new EndpointDiagnosis.Request("nonexistent.invalid", 443, "nonexistent.invalid",
                Optional.empty(), List.of(), Optional.empty(), List.of()));
        assertEquals(List.of(FindingCode.DNS_FAILED), codes(d));
        assertInstanceOf(EndpointProbe.Unreachable.class, d.connection());
    }

    @Test
    void ownServiceWithTheRightKeyWorks() throws Exception {
        try (LocalService service = LocalService.start(dir)) {
            var key = new EndpointDiagnosis.Key(service.keys().primary(), false, null);
            Diagnosis d = diagnosis.run(request(service.port(), List.of(service.ca()), Optional.of(key), List.of()));
            assertTrue(d.works(), d.findings().toString());
            Diagnosis.Checked c = assertInstanceOf(Diagnosis.Checked.class, d.auth());
            assertEquals(FindingCode.AUTH_REJECTED.name(),
                    assertInstanceOf(Diagnosis.Failed.class, c.withoutKey()).code(), "a call without a key is refused");
            assertInstanceOf(Diagnosis.Succeeded.class, c.withKey().orElseThrow());
            assertTrue(d.clients().stream().filter(v -> v.client() == ClientSupport.Client.JAVA)
                    .allMatch(ClientSupport.Verdict::accepts));
        }
    }

    @Test
    void ownServiceWithAWrongKeyIsAuthRejected() throws Exception {
        try (LocalService service = LocalService.start(dir)) {
            var key = new EndpointDiagnosis.Key("not-the-key", false, null);
            Diagnosis d = diagnosis.run(request(service.port(), List.of(service.ca()), Optional.of(key), List.of()));
            assertEquals(List.of(FindingCode.AUTH_REJECTED), codes(d));
            assertFalse(d.works());
            assertFalse(d.findings().get(0).message().contains("not-the-key"), "the key is never shown");
        }
    }

    @Test
    void anotherCertificateThanTheCheckedOneIsServedCertDiffers() throws Exception {
        TestPki.Issued checked = TestPki.leaf(CA).dns(HOST).issue();
        try (LocalService service = LocalService.start(dir)) {
            Diagnosis d = diagnosis.run(request(service.port(), List.of(service.ca()), Optional.empty(),
                    List.of(Certificates.sha256(checked.certificate()))));
            assertEquals(List.of(FindingCode.SERVED_CERT_DIFFERS), codes(d));
            var served = d.presented().orElseThrow().chain().get(0);
            Diagnosis same = diagnosis.run(request(service.port(), List.of(service.ca()), Optional.empty(),
                    List.of(Certificates.sha256(served).replace(":", "").toLowerCase())));
            assertTrue(same.works(), same.findings().toString());
        }
    }

    @Test
    void grpcServerWithoutKeysIsAuthNotEnforced() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).issue();
        try (TlsPresenter open = TlsPresenter.start(List.of(leaf.certificate(), CA.certificate()), leaf.privateKey(),
                new AnswersEveryone())) {
            Diagnosis d = diagnosis.run(request(open.port(), List.of(rootFile()), Optional.empty(), List.of()));
            assertEquals(List.of(FindingCode.AUTH_NOT_ENFORCED), codes(d));
            Diagnosis.Checked c = assertInstanceOf(Diagnosis.Checked.class, d.auth());
            assertInstanceOf(Diagnosis.Succeeded.class, c.withoutKey());
        }
    }

    @Test
    void grpcServerWithoutThePredictCallIsCallFailed() throws Exception {
        TestPki.Issued leaf = TestPki.leaf(CA).dns(HOST).issue();
        try (TlsPresenter other = TlsPresenter.start(List.of(leaf.certificate(), CA.certificate()),
                leaf.privateKey())) {
            Diagnosis d = diagnosis.run(request(other.port(), List.of(rootFile()), Optional.empty(), List.of()));
            assertEquals(List.of(FindingCode.CALL_FAILED), codes(d));
            assertTrue(d.findings().get(0).message().contains("UNIMPLEMENTED"), d.findings().toString());
        }
    }

    /** A Predict that answers anyone, key or not: a service deployed without auth. */
    private static final class AnswersEveryone extends PredictionServiceGrpc.PredictionServiceImplBase {
        @Override
        public void predict(PredictRequest request, StreamObserver<PredictResponse> response) {
            TensorProto scores = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                    .setTensorShape(TensorShapeProto.newBuilder()
                            .addDim(TensorShapeProto.Dim.newBuilder().setSize(1))
                            .addDim(TensorShapeProto.Dim.newBuilder().setSize(2)))
                    .addFloatVal(0.25f).addFloatVal(0.75f).build();
            response.onNext(PredictResponse.newBuilder().putOutputs(PredictMessages.OUTPUT, scores).build());
            response.onCompleted();
        }
    }
}

package com.securescore.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.FindingCode;
import com.securescore.testsupport.OpensslServer;
import com.securescore.testsupport.TestPki;
import com.securescore.testsupport.TlsPresenter;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every cause {@code explain} knows, each from a real text: made live by the real tool where it runs
 * in a test (the JDK, Netty, openssl), else as the tool printed it on this machine (Python ssl,
 * grpcio, Node, Go 1.19; captured 2026-12-01) or as upstream documents it (browsers, .NET, the Azure ML
 * SDK's messages from DEPLOY-FACTS, the 2018 FPGA Python client).
 */
class ExplainErrorTextsTest {
    private static final Set<String> TESTED = new HashSet<>();

    @TempDir
    Path dir;

    private static void expect(String text, FindingCode code, String cause) {
        List<ErrorTexts.Explanation> found = ErrorTexts.explain(text);
        assertTrue(found.stream().anyMatch(e -> e.id().equals(cause) && e.code() == code),
                "\"" + text + "\" gave " + found);
        assertEquals(1, found.size(), "one cause for \"" + text + "\": " + found);
        TESTED.add(cause);
    }

    static Stream<Arguments> textsAsPrinted() {
        return Stream.of(
                // OpenSSL 3.0.22 command line, and Python 3.11's ssl on it (this machine)
                Arguments.of("40C76A63D37F0000:error:05800074:x509 certificate routines:X509_check_private_key:key "
                        + "values mismatch:../crypto/x509/x509_cmp.c:403:", FindingCode.KEY_MISMATCH,
                        "key-values-mismatch"),
                Arguments.of("SSLError(116, '[X509: KEY_VALUES_MISMATCH] key values mismatch (_ssl.c:3895)')",
                        FindingCode.KEY_MISMATCH, "key-values-mismatch"),
                Arguments.of("SSLError(524297, '[SSL] PEM lib (_ssl.c:3874)')", FindingCode.PEM_UNREADABLE,
                        "pem-no-start-line"),
                Arguments.of("4057FABA147F0000:error:1C800064:Provider routines:ossl_cipher_unpadblock:bad decrypt:"
                        + "../providers/implementations/ciphers/ciphercommon_block.c:124:",
                        FindingCode.KEY_PASSWORD_WRONG, "bad-decrypt"),
                Arguments.of("SSLError(136, '[X509: NO_CERTIFICATE_OR_CRL_FOUND] no certificate or crl found "
                        + "(_ssl.c:4123)')", FindingCode.PEM_UNREADABLE, "no-cert-or-crl"),
                Arguments.of("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
                        + "failed: unable to get local issuer certificate (_ssl.c:992)", FindingCode.CHAIN_INCOMPLETE,
                        "local-issuer"),
                Arguments.of("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unable to get issuer "
                        + "certificate (_ssl.c:992)", FindingCode.ANCHOR_NOT_SELF_SIGNED, "issuer-certificate"),
                Arguments.of("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate in "
                        + "certificate chain (_ssl.c:992)", FindingCode.UNTRUSTED_ROOT, "self-signed-in-chain"),
                Arguments.of("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: Hostname mismatch, "
                        + "certificate is not valid for 'scoring.contoso.test'. (_ssl.c:992)",
                        FindingCode.HOSTNAME_MISMATCH, "hostname-mismatch"),
                Arguments.of("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired "
                        + "(_ssl.c:992)", FindingCode.EXPIRED, "expired"),
                Arguments.of("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate is not yet "
                        + "valid (_ssl.c:992)", FindingCode.NOT_YET_VALID, "not-yet-valid"),
                Arguments.of("SSLError(1, '[SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:992)')",
                        FindingCode.PLAINTEXT_PORT, "plaintext"),
                Arguments.of("ConnectionRefusedError(111, 'Connection refused')", FindingCode.CONNECT_REFUSED,
                        "refused"),
                Arguments.of("socket.gaierror: [Errno -2] Name or service not known", FindingCode.DNS_FAILED, "dns"),
                Arguments.of("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: EE certificate key too "
                        + "weak (_ssl.c:992)", FindingCode.WEAK_KEY, "weak-key"),
                Arguments.of("error 20 at 0 depth lookup: CA signature digest algorithm too weak",
                        FindingCode.WEAK_SIGNATURE, "weak-signature"),
                // gRPC's C core: Debian's python3-grpcio 1.51 on this machine
                Arguments.of("failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:44321: Ssl "
                        + "handshake failed: SSL_ERROR_SSL: error:0A000086:SSL routines::certificate verify failed",
                        FindingCode.CERT_UNTRUSTED, "verify-failed"),
                Arguments.of("failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:36269: Peer "
                        + "name scoring.contoso.test is not in peer certificate", FindingCode.HOSTNAME_MISMATCH,
                        "grpc-peer-name"),
                Arguments.of("failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:56879: Ssl "
                        + "handshake failed: SSL_ERROR_SSL: error:0A00010B:SSL routines::wrong version number",
                        FindingCode.PLAINTEXT_PORT, "plaintext"),
                Arguments.of("failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:1: Failed to "
                        + "connect to remote host: Connection refused", FindingCode.CONNECT_REFUSED, "refused"),
                Arguments.of("DNS resolution failed for nonexistent.invalid:443: C-ares status is not ARES_SUCCESS "
                        + "qtype=AAAA name=nonexistent.invalid is_balancer=0: Domain name not found",
                        FindingCode.DNS_FAILED, "dns"),
                Arguments.of("Cannot check peer: missing selected ALPN property.", FindingCode.NO_HTTP2, "alpn"),
                Arguments.of("grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with: "
                        + "status = StatusCode.UNAUTHENTICATED details = \"wrong key\">", FindingCode.AUTH_REJECTED,
                        "unauthenticated"),
                // The 2018 FPGA Python client (PROTOCOL.md): the cause is not in the status
                Arguments.of("<_Rendezvous of RPC that terminated with (StatusCode.UNAVAILABLE, Connect Failed)>",
                        FindingCode.CERT_UNTRUSTED, "connect-failed"),
                // Node 20 tls (grpc-js) on this machine
                Arguments.of("UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate",
                        FindingCode.CHAIN_INCOMPLETE, "local-issuer"),
                Arguments.of("ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match certificate's altnames: Host: "
                        + "scoring.contoso.test. is not in the cert's altnames: DNS:other.contoso.test",
                        FindingCode.HOSTNAME_MISMATCH, "hostname-mismatch"),
                Arguments.of("CERT_HAS_EXPIRED: certificate has expired", FindingCode.EXPIRED, "expired"),
                Arguments.of("Error: self-signed certificate\n    code: 'DEPTH_ZERO_SELF_SIGNED_CERT'",
                        FindingCode.SELF_SIGNED, "self-signed-leaf"),
                // Go 1.19 crypto/tls and crypto/x509 on this machine
                Arguments.of("x509: certificate signed by unknown authority", FindingCode.CERT_UNTRUSTED,
                        "go-unknown-authority"),
                Arguments.of("x509: certificate relies on legacy Common Name field, use SANs instead",
                        FindingCode.NO_SAN, "go-legacy-cn"),
                Arguments.of("x509: certificate is valid for other.contoso.test, not scoring.contoso.test",
                        FindingCode.HOSTNAME_MISMATCH, "go-valid-for"),
                Arguments.of("x509: certificate has expired or is not yet valid: current time 2026-12-01T19:22:57Z "
                        + "is after 2026-11-30T19:22:44Z", FindingCode.EXPIRED, "expired"),
                Arguments.of("x509: certificate has expired or is not yet valid: current time 2026-12-01T19:22:57Z "
                        + "is before 2026-12-02T19:22:44Z", FindingCode.NOT_YET_VALID, "not-yet-valid"),
                Arguments.of("tls: private key does not match public key", FindingCode.KEY_MISMATCH, "go-key-mismatch"),
                Arguments.of("tls: failed to find any PEM data in certificate input", FindingCode.PEM_UNREADABLE,
                        "go-no-pem"),
                Arguments.of("tls: first record does not look like a TLS handshake", FindingCode.PLAINTEXT_PORT,
                        "plaintext"),
                Arguments.of("dial tcp 127.0.0.1:1: connect: connection refused", FindingCode.CONNECT_REFUSED,
                        "refused"),
                Arguments.of("dial tcp: lookup nonexistent.invalid on 10.255.255.53:53: no such host",
                        FindingCode.DNS_FAILED, "dns"),
                Arguments.of("dial tcp 10.0.0.4:443: i/o timeout", FindingCode.CONNECT_TIMEOUT, "timeout"),
                Arguments.of("x509: certificate specifies an incompatible key usage", FindingCode.NOT_SERVER_AUTH,
                        "purpose"),
                Arguments.of("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unsuitable certificate "
                        + "purpose (_ssl.c:992)", FindingCode.NOT_SERVER_AUTH, "purpose"),
                Arguments.of("x509: cannot verify signature: insecure algorithm SHA1-RSA (temporarily override with "
                        + "GODEBUG=x509sha1=1)", FindingCode.WEAK_SIGNATURE, "weak-signature"),
                Arguments.of("x509: certificate signed by unknown authority (possibly because of \"x509: cannot verify "
                        + "signature: insecure algorithm SHA1-RSA (temporarily override with GODEBUG=x509sha1=1)\" while "
                        + "trying to verify candidate authority certificate \"Contoso RSA Root\")",
                        FindingCode.WEAK_SIGNATURE, "weak-signature"),
                // Java (texts of the JDK 17 classes) and grpc-java
                Arguments.of("java.security.cert.CertificateException: No subject alternative names present",
                        FindingCode.NO_SAN, "java-no-san"),
                Arguments.of("java.net.SocketTimeoutException: connect timed out", FindingCode.CONNECT_TIMEOUT,
                        "timeout"),
                Arguments.of("io.grpc.StatusRuntimeException: UNAVAILABLE: Failed ALPN negotiation: Unable to find "
                        + "compatible protocol", FindingCode.NO_HTTP2, "alpn"),
                // Browsers and .NET (their documented error names)
                Arguments.of("Your connection is not private NET::ERR_CERT_COMMON_NAME_INVALID",
                        FindingCode.HOSTNAME_MISMATCH, "browser-name"),
                Arguments.of("SSL_ERROR_BAD_CERT_DOMAIN", FindingCode.HOSTNAME_MISMATCH, "browser-name"),
                Arguments.of("NET::ERR_CERT_AUTHORITY_INVALID", FindingCode.CERT_UNTRUSTED, "browser-authority"),
                Arguments.of("Error code: SEC_ERROR_UNKNOWN_ISSUER", FindingCode.CERT_UNTRUSTED, "browser-authority"),
                Arguments.of("NET::ERR_CERT_DATE_INVALID", FindingCode.EXPIRED, "expired"),
                Arguments.of("System.Security.Authentication.AuthenticationException: The remote certificate is "
                        + "invalid because of errors in the certificate chain: UntrustedRoot",
                        FindingCode.CERT_UNTRUSTED, "dotnet-chain"),
                Arguments.of("The remote certificate is invalid according to the validation procedure.",
                        FindingCode.CERT_UNTRUSTED, "dotnet-invalid"),
                // The Azure ML SDK (DEPLOY-FACTS.md)
                Arguments.of("WebserviceException: SSL is enabled, you must provide a SSL certificate, key, and cname.",
                        FindingCode.TLS_SETTINGS_INCOMPLETE, "azure-ssl-incomplete"),
                Arguments.of("Invalid configuration, not all ssl information provided. To enable SSL validation "
                        + "please provide the cname, cert pem file, and key pem file.",
                        FindingCode.TLS_SETTINGS_INCOMPLETE, "azure-ssl-incomplete"),
                Arguments.of("Must provide certificate and key if SSL is enabled", FindingCode.TLS_SETTINGS_INCOMPLETE,
                        "azure-ssl-incomplete"),
                Arguments.of("Invalid configuration. When leaf domain label is provided, cname, cert pem file, or key "
                        + "pem file should not be provided.", FindingCode.TLS_SETTINGS_CONFLICT, "azure-leaf-label"));
    }

    @ParameterizedTest
    @MethodSource("textsAsPrinted")
    void recognisesTheTextAsTheToolPrintsIt(String text, FindingCode code, String cause) {
        expect(text, code, cause);
    }

    @Test
    void recognisesWhatTheJdkSaysLive() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Explain Root");
        TestPki.Issued leaf = TestPki.leaf(root).dns("scoring.contoso.test").issue();
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        empty.setCertificateEntry("other", TestPki.rootCa("Some Other Root").certificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(empty);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        CertificateException pkix = assertThrows(CertificateException.class,
                () -> tm.checkServerTrusted(new X509Certificate[] {leaf.certificate()}, "ECDHE_ECDSA"));
        expect(pkix.toString(), FindingCode.CERT_UNTRUSTED, "pkix");

        TestPki.Issued expired = TestPki.leaf(root).dns("scoring.contoso.test").validity(
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).issue();
        CertificateException old = assertThrows(CertificateException.class, expired.certificate()::checkValidity);
        expect(old.toString(), FindingCode.EXPIRED, "expired");

        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket s = plain.accept(); OutputStream o = s.getOutputStream()) {
                    s.getInputStream().read();
                    o.write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // The client hung up.
                }
            });
            answer.start();
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                    plain.getLocalPort())) {
                SSLException e = assertThrows(SSLException.class, s::startHandshake);
                expect(e.toString(), FindingCode.PLAINTEXT_PORT, "plaintext");
            }
            answer.join(10_000);
        }
    }

    @Test
    void recognisesWhatTheJdkSaysForAnotherNameLive() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Explain Name Root");
        TestPki.Issued leaf = TestPki.leaf(root).dns("other.contoso.test").issue();
        try (var server = TlsPresenter.start(List.of(leaf.certificate()),
                leaf.privateKey())) {
            KeyStore roots = KeyStore.getInstance("PKCS12");
            roots.load(null, null);
            roots.setCertificateEntry("r", root.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(roots);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            try (Socket raw = new Socket(InetAddress.getLoopbackAddress(), server.port());
                 SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "scoring.contoso.test",
                         server.port(), true)) {
                var p = s.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                s.setSSLParameters(p);
                SSLException e = assertThrows(SSLException.class, s::startHandshake);
                expect(e.toString(), FindingCode.HOSTNAME_MISMATCH, "java-no-san-match");
            }
        }
    }

    @Test
    void recognisesWhatNettySaysLive() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Explain Netty Root");
        Path cert = TestPki.writePem(dir.resolve("cert.pem"), root.certificate());
        Path notAKey = TestPki.writePem(dir.resolve("key.pem"), root.certificate());
        IllegalArgumentException key = assertThrows(IllegalArgumentException.class,
                () -> GrpcSslContexts.forServer(cert.toFile(), notAKey.toFile()).build());
        expect(key.toString(), FindingCode.PEM_UNREADABLE, "netty-invalid-key");
        Path der = Files.write(dir.resolve("cert.der"), root.certificate().getEncoded());
        IllegalArgumentException certs = assertThrows(IllegalArgumentException.class,
                () -> GrpcSslContexts.forServer(der.toFile(), notAKey.toFile()).build());
        expect(certs.toString(), FindingCode.PEM_UNREADABLE, "netty-invalid-certs");
    }

    @Test
    void recognisesWhatOpensslSaysLive() throws Exception {
        TestPki.Issued root = TestPki.rootCa("Explain OpenSSL Root");
        TestPki.Issued ca = TestPki.intermediate(root, "Explain OpenSSL CA");
        TestPki.Issued leaf = TestPki.leaf(ca).dns("scoring.contoso.test").issue();
        TestPki.Issued expired = TestPki.leaf(root).dns("scoring.contoso.test").validity(
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1))).issue();
        Path rootPem = TestPki.writePem(dir.resolve("root.pem"), root.certificate());
        Path caPem = TestPki.writePem(dir.resolve("ca.pem"), ca.certificate());
        Path leafPem = TestPki.writePem(dir.resolve("leaf.pem"), leaf.certificate());
        Path expiredPem = TestPki.writePem(dir.resolve("expired.pem"), expired.certificate());
        Path otherKey = TestPki.writePem(dir.resolve("other.key"), TestPki.ecKey().getPrivate());
        Path page = Files.writeString(dir.resolve("page.pem"), "<html><body>Sign in</body></html>\n");

        expect(openssl("pkcs7", "-in", page.toString()), FindingCode.PEM_UNREADABLE, "pem-no-start-line");
        expect(openssl("pkcs12", "-export", "-in", leafPem.toString(), "-inkey", otherKey.toString(), "-passout",
                "pass:x", "-out", dir.resolve("x.p12").toString()), FindingCode.KEY_MISMATCH, "key-values-mismatch");
        expect(openssl("verify", "-CAfile", rootPem.toString(), leafPem.toString()), FindingCode.CHAIN_INCOMPLETE,
                "local-issuer");
        expect(openssl("verify", "-no-CAfile", "-no-CApath", "-no-CAstore", "-untrusted", caPem.toString(),
                leafPem.toString()), FindingCode.UNTRUSTED_ROOT, "local-issuer-above-intermediate");
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), ca.certificate()),
                leaf.privateKey())) {
            String said = openssl("s_client", "-connect", "127.0.0.1:" + s.port(), "-no-CAfile", "-no-CApath",
                    "-no-CAstore", "-verify_return_error");
            assertTrue(said.contains("depth=1"), said);
            expect(errorLines(said), FindingCode.UNTRUSTED_ROOT, "local-issuer-above-intermediate");
        }
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate(), ca.certificate()),
                leaf.privateKey(), "-tls1_3", "-Verify", "1", "-verify_return_error")) {
            // -ign_eof: s_client reads on after its own input ends, until the server's alert closes the connection
            // (TLS 1.3 sends it after the handshake; without this, a quick s_client could leave before it came).
            String said = openssl("s_client", "-connect", "127.0.0.1:" + s.port(), "-CAfile", rootPem.toString(),
                    "-ign_eof");
            assertTrue(said.contains("alert certificate required"), said);
            expect(errorLines(said), FindingCode.CLIENT_CERT_REQUIRED, "client-cert-alert");
        }
        try (OpensslServer s = OpensslServer.start(dir, List.of(leaf.certificate()), leaf.privateKey())) {
            String said = openssl("s_client", "-connect", "127.0.0.1:" + s.port(), "-CAfile", rootPem.toString(),
                    "-verify_return_error");
            expect(errorLines(said), FindingCode.CHAIN_INCOMPLETE, "local-issuer");
        }
        expect(openssl("verify", "-CAfile", rootPem.toString(), "-untrusted", caPem.toString(), "-verify_hostname",
                "other.contoso.test", leafPem.toString()), FindingCode.HOSTNAME_MISMATCH, "hostname-mismatch");
        expect(openssl("verify", "-CAfile", rootPem.toString(), expiredPem.toString()), FindingCode.EXPIRED,
                "expired");
        expect(openssl("verify", rootPem.toString()), FindingCode.SELF_SIGNED, "self-signed-leaf");
        expect(openssl("verify", "-CAfile", caPem.toString(), leafPem.toString()), FindingCode.ANCHOR_NOT_SELF_SIGNED,
                "issuer-certificate");
        expect(openssl("verify", "-untrusted", caPem.toString() , "-untrusted", rootPem.toString(),
                "-CAfile", TestPki.writePem(dir.resolve("unrelated.pem"), TestPki.rootCa("Unrelated").certificate())
                        .toString(), leafPem.toString()), FindingCode.UNTRUSTED_ROOT, "self-signed-in-chain");
    }

    @Test
    void theHandshakeAlertTheJdkReportsIsRecognised() {
        // As the JDK says it when a server finds no cipher in common with it.
        expect("javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure",
                FindingCode.TLS_HANDSHAKE_FAILED, "alert");
        expect("io.grpc.StatusRuntimeException: UNAUTHENTICATED: wrong key: the key sent is neither the primary nor "
                + "the secondary key", FindingCode.AUTH_REJECTED, "unauthenticated");
        expect("java.security.cert.CertificateException: Extended key usage does not permit use for TLS server "
                + "authentication", FindingCode.NOT_SERVER_AUTH, "purpose");
    }

    @Test
    void unrelatedTextIsNotRecognised() {
        assertEquals(List.of(), ErrorTexts.explain("The weather is fine today."));
    }

    @AfterAll
    static void everyCauseHasATestAndThereAreAtLeast25() {
        Set<String> untested = new HashSet<>(ErrorTexts.ids());
        untested.removeAll(TESTED);
        assertTrue(ErrorTexts.ids().size() >= 25, "at least 25 causes: " + ErrorTexts.ids().size());
        assertEquals(Set.of(), untested, "causes without a test from a real text");
    }

    /** What s_client says about verification, as people paste it (without the certificate dump). */
    private static String errorLines(String said) {
        return String.join("\n", said.lines().filter(l -> l.startsWith("depth=") || l.startsWith("verify error")
                || l.contains(":error:")).toList());
    }

    private String openssl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("openssl"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out.toString(StandardCharsets.UTF_8);
    }
}

package com.securescore.diagnose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.testsupport.TestPki;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live server that sends a long chain (leaf, intermediate, the trusted root cross-signed by an
 * older one): the JDK's own TLS client, trusting the modern root, connects; the probe must not call
 * the chain broken either, and names the cross-signature as sent but not needed.
 */
class PathsSeenByEndpointProbeTest {
    private static final String HOST = "scoring.contoso.test";

    @TempDir
    Path dir;

    @Test
    void probeJudgesAServedLongChainAsTheJdkClientDoes() throws Exception {
        TestPki.Issued oldRoot = TestPki.rootCa("DST Root CA X3");
        TestPki.Issued root = TestPki.rootCa("ISRG Root X1");
        TestPki.Issued cross = TestPki.crossSign(root, oldRoot).issue();
        TestPki.Issued r3 = TestPki.intermediate(root, "R3");
        TestPki.Issued leaf = TestPki.leaf(r3).dns(HOST).issue();
        Path trust = TestPki.writePem(dir.resolve("isrg.pem"), root.certificate());

        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", leaf.privateKey(), new char[0], new Certificate[] {leaf.certificate(),
            r3.certificate(), cross.certificate()});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(kmf.getKeyManagers(), null, null);
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread serving = new Thread(() -> {
                for (int i = 0; i < 2; i++) {
                    try (SSLSocket s = (SSLSocket) server.accept()) {
                        s.startHandshake();
                        s.getInputStream().read();
                    } catch (Exception e) {
                        // The client hung up after the handshake; serve the next one.
                    }
                }
            });
            serving.start();

            // The oracle: the JDK's TLS client, trusting only ISRG Root X1, checking the host name.
            KeyStore roots = KeyStore.getInstance("PKCS12");
            roots.load(null, null);
            roots.setCertificateEntry("isrg", root.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(roots);
            SSLContext clientContext = SSLContext.getInstance("TLS");
            clientContext.init(null, tmf.getTrustManagers(), null);
            try (SSLSocket client = (SSLSocket) clientContext.getSocketFactory().createSocket(
                    InetAddress.getLoopbackAddress(), server.getLocalPort())) {
                SSLParameters p = client.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                p.setServerNames(List.of(new SNIHostName(HOST)));
                client.setSSLParameters(p);
                client.startHandshake();
            }

            EndpointProbe.Outcome o = new EndpointProbe().probe(HOST, server.getLocalPort(),
                    InetAddress.getLoopbackAddress(), List.of(trust));
            serving.join(10_000);
            var r = assertInstanceOf(EndpointProbe.Presented.class, o, o.findings().toString()).report();
            assertTrue(r.findings().stream().noneMatch(Finding::isError), r.findings().toString());
            assertFalse(r.findings().stream().anyMatch(f -> f.code() == FindingCode.CHAIN_INCOMPLETE));
            assertTrue(r.findings().stream().anyMatch(f -> f.code() == FindingCode.CHAIN_PAST_ANCHOR
                    && f.message().contains("\"ISRG Root X1\" cross-signed by \"DST Root CA X3\"")), r.findings().toString());
        }
    }
}

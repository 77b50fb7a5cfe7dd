package com.securescore.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.FindingCode;
import com.securescore.testsupport.Ports;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Connection-level causes the probe names when there is no certificate to judge. */
class EndpointProbeTest {
    private final EndpointProbe probe = new EndpointProbe();

    @Test
    void plaintextPortIsNamed() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket s = plain.accept(); OutputStream o = s.getOutputStream()) {
                    o.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                    // The probe hung up first; nothing to answer.
                }
            });
            answer.start();
            EndpointProbe.Outcome r = probe.probe("scoring.contoso.test", plain.getLocalPort(),
                    InetAddress.getLoopbackAddress(), List.of());
            answer.join(10_000);
            EndpointProbe.NotTls n = assertInstanceOf(EndpointProbe.NotTls.class, r, r.findings().toString());
            assertEquals(FindingCode.PLAINTEXT_PORT, n.finding().code());
            assertTrue(n.finding().message().contains("plaintext"), n.finding().message());
        }
    }

    @Test
    void refusedConnectionIsNamed() {
        EndpointProbe.Outcome r = probe.probe("scoring.contoso.test", Ports.unused(), InetAddress.getLoopbackAddress(),
                List.of());
        EndpointProbe.Unreachable u = assertInstanceOf(EndpointProbe.Unreachable.class, r);
        assertEquals(FindingCode.CONNECT_REFUSED, u.finding().code());
        assertTrue(u.finding().message().startsWith("Nothing accepts connections"), u.finding().message());
    }

    @Test
    void unknownHostIsNamed() {
        EndpointProbe.Outcome r = probe.probe("nonexistent.invalid", 443, null, List.of());
        EndpointProbe.Unreachable u = assertInstanceOf(EndpointProbe.Unreachable.class, r);
        assertEquals(FindingCode.DNS_FAILED, u.finding().code());
        assertTrue(u.finding().message().contains("does not resolve"), u.finding().message());
    }

    @Test
    void alertIsReadFromTheJdkMessage() {
        assertEquals("handshake_failure", EndpointProbe.alert("Received fatal alert: handshake_failure"));
        assertEquals("", EndpointProbe.alert("Remote host terminated the handshake"));
    }
}

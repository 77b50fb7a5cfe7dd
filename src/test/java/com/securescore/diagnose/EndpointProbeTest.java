package com.securescore.diagnose;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
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
            EndpointProbe.Result r = probe.probe("scoring.contoso.test", plain.getLocalPort(),
                    InetAddress.getLoopbackAddress(), null);
            answer.join(10_000);
            assertFalse(r.connected());
            assertTrue(r.problem().contains("plaintext"), r.problem());
        }
    }

    @Test
    void refusedConnectionIsNamed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EndpointProbe.Result r = probe.probe("scoring.contoso.test", port, InetAddress.getLoopbackAddress(), null);
        assertTrue(r.problem().startsWith("Nothing accepts connections"), r.problem());
    }

    @Test
    void unknownHostIsNamed() {
        EndpointProbe.Result r = probe.probe("no-such-host.invalid", 443, null, null);
        assertTrue(r.problem().contains("does not resolve"), r.problem());
    }
}

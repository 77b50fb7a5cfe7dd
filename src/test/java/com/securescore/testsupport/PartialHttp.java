package com.securescore.testsupport;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * A one-request HTTP server on a raw socket that promises a whole file and sends only part of it:
 * the broken, stalled and slow downloads users meet, made deterministic with latches.
 */
public final class PartialHttp {
    private PartialHttp() {
    }

    /**
     * Answers one GET with {@code body.length} as its Content-Length, sends the first {@code first}
     * bytes; then, once {@code beforeMore} (if any) is counted down, {@code more} bytes; then holds
     * the connection open until {@code hold} is counted down, or hangs up at once when it is null.
     *
     * @return the address to fetch
     */
    public static URI serve(byte[] body, int first, CountDownLatch beforeMore, int more, CountDownLatch hold) {
        ServerSocket socket;
        try {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread t = new Thread(() -> {
            try (socket; Socket c = socket.accept()) {
                c.getInputStream().read(new byte[4096]);
                OutputStream out = c.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, first);
                out.flush();
                if (beforeMore != null) {
                    beforeMore.await();
                    out.write(body, first, more);
                    out.flush();
                }
                if (hold != null) {
                    hold.await();
                }
            } catch (IOException | InterruptedException e) {
                // The test is over.
            }
        }, "partial-http");
        t.setDaemon(true);
        t.start();
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/model.onnx");
    }
}

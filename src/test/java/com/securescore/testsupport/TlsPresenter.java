package com.securescore.testsupport;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real gRPC server (grpc-java, the JDK's TLS, HTTP/2 by ALPN) on loopback that presents exactly the
 * chain it is given, broken or not, and serves no methods: a client that gets past TLS is answered
 * UNIMPLEMENTED. Extra services (a Predict without keys) can be added.
 */
public final class TlsPresenter implements AutoCloseable {
    private final Server server;

    private TlsPresenter(Server server) {
        this.server = server;
    }

    public static TlsPresenter start(List<X509Certificate> chain, PrivateKey key,
                                     BindableService... services) throws IOException {
        byte[] chainPem = TestPki.pem(chain.toArray()).getBytes(StandardCharsets.US_ASCII);
        byte[] keyPem = TestPki.pem(key).getBytes(StandardCharsets.US_ASCII);
        var ssl = GrpcSslContexts.configure(SslContextBuilder.forServer(new ByteArrayInputStream(chainPem),
                new ByteArrayInputStream(keyPem)), SslProvider.JDK).build();
        NettyServerBuilder b = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).sslContext(ssl);
        for (var s : services) {
            b.addService(s);
        }
        return new TlsPresenter(b.build().start());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

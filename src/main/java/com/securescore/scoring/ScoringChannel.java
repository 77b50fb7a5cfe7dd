package com.securescore.scoring;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A channel to a scoring service, and whether it is encrypted: the client refuses to put a key on
 * a channel that is not. TLS trust follows the FPGA clients: a PEM file given as the roots, else the
 * file named by {@code GRPC_DEFAULT_SSL_ROOTS_FILE_PATH}, else the system's roots; either file
 * replaces the default roots rather than adding to them.
 */
public record ScoringChannel(ManagedChannel channel, boolean tls, String target, String trustDescription)
        implements AutoCloseable {
    public static final String ROOTS_ENV = "GRPC_DEFAULT_SSL_ROOTS_FILE_PATH";
    /** Responses carry one score per class per image; leave room for big batches. */
    static final int MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

    /** A TLS channel to {@code host:port}, checked against {@code trust} (or the env/system roots). */
    public static ScoringChannel tls(String host, int port, Path trust) throws IOException {
        return tls(host, port, trust, null);
    }

    /**
     * As {@link #tls(String, int, Path)}, but connecting to {@code connectTo} while still checking the
     * certificate against {@code host} (like curl's --resolve): to test a service before its DNS
     * record exists. Null means resolve {@code host} as usual.
     */
    public static ScoringChannel tls(String host, int port, Path trust, java.net.InetAddress connectTo)
            throws IOException {
        Path roots = trust;
        String described = trust == null ? null : trust.toString();
        if (roots == null) {
            String env = System.getenv(ROOTS_ENV);
            if (env != null && !env.isBlank()) {
                roots = Path.of(env);
                described = env + " (from " + ROOTS_ENV + ")";
            }
        }
        // The JDK's TLS, as on the service: the bundled BoringSSL client does not offer Ed25519 (decision 0007).
        SslContextBuilder ssl = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK);
        if (roots != null) {
            if (!Files.isRegularFile(roots)) {
                throw new java.nio.file.NoSuchFileException(roots.toString(), null, "trusted roots file not found");
            }
            File f = roots.toFile();
            ssl.trustManager(f);
        }
        return build(host, port, ssl, connectTo, described == null ? "the system's trusted roots" : described);
    }

    /**
     * A TLS channel trusting exactly {@code roots} (certificates already read, e.g. from several
     * files), connecting to {@code connectTo} and checking the certificate against {@code host}.
     */
    public static ScoringChannel tls(String host, int port, List<X509Certificate> roots, InetAddress connectTo,
                                     String trustDescription) throws IOException {
        SslContextBuilder ssl = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK)
                .trustManager(roots.toArray(new X509Certificate[0]));
        return build(host, port, ssl, connectTo, trustDescription);
    }

    private static ScoringChannel build(String host, int port, SslContextBuilder ssl, InetAddress connectTo,
                                        String described) throws IOException {
        NettyChannelBuilder builder = connectTo == null ? NettyChannelBuilder.forAddress(host, port)
                : NettyChannelBuilder.forAddress(new java.net.InetSocketAddress(connectTo, port))
                        .overrideAuthority(host + ":" + port);
        ManagedChannel channel = builder
                .sslContext(ssl.build())
                .negotiationType(NegotiationType.TLS)
                .keepAliveTime(60, TimeUnit.SECONDS)
                .keepAliveWithoutCalls(true)
                .idleTimeout(2, TimeUnit.MINUTES)
                .maxInboundMessageSize(MAX_RESPONSE_BYTES)
                // Answers are handed over on the connection's own thread, not passed to a pool first:
                // one thread switch less per call. Nothing listening on this channel blocks (blocking
                // calls wait on their own thread; retries wait on theirs, see ScoringClient).
                .directExecutor()
                // ScoringClient retries by its own rules (never a permanent cause); gRPC's retry layer
                // on top only kept a copy of every request: about 8% of the client's CPU per image.
                .disableRetry()
                .build();
        return new ScoringChannel(channel, true, host + ":" + port, described);
    }

    /** A plaintext channel: only for services without keys; the client will not send a key over it. */
    public static ScoringChannel plaintext(String host, int port) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext()
                .maxInboundMessageSize(MAX_RESPONSE_BYTES).build();
        return new ScoringChannel(channel, false, host + ":" + port, "none (plaintext)");
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

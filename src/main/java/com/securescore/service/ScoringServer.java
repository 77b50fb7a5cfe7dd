package com.securescore.service;

import com.securescore.cert.CheckReport;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * SecureScore's FPGA-compatible scoring service: TLS always (1.2 and 1.3, HTTP/2 by ALPN), key
 * authentication on every call, and the Predict call over a pluggable model. It only starts from a
 * certificate report without errors, so it never serves a chain a client would refuse.
 */
public final class ScoringServer implements AutoCloseable {
    /** Default request limit: large images and batches need more than gRPC's 4 MiB default. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;

    private final Server server;
    private final ServiceStats stats;
    private final ImageClassifier model;

    private final ReloadableKeyManager keyManager;

    private ScoringServer(Server server, ServiceStats stats, ImageClassifier model, ReloadableKeyManager keyManager) {
        this.server = server;
        this.stats = stats;
        this.model = model;
        this.keyManager = keyManager;
    }

    /**
     * Starts the service.
     *
     * @param certificate a checked certificate with its key and no error findings
     * @param port        0 picks a free port (see {@link #port()})
     */
    public static ScoringServer start(CheckReport certificate, String bindAddress, int port, AuthKeys keys,
                                      ImageClassifier model, int maxRequestBytes) throws IOException {
        return start(certificate, bindAddress, port, keys, model, maxRequestBytes, null);
    }

    /** As above, plus one more service behind the same TLS and keys (the benchmark's echo call). */
    static ScoringServer start(CheckReport certificate, String bindAddress, int port, AuthKeys keys,
                               ImageClassifier model, int maxRequestBytes, ServerServiceDefinition extra)
            throws IOException {
        if (!certificate.ok() || certificate.key() == null) {
            throw new IllegalArgumentException("The certificate has error findings; the service will not start.");
        }
        // The JDK's TLS (not the bundled BoringSSL): it serves every key type the certificate check
        // accepts, Ed25519 included, and is as fast here (decision 0007). Its key manager can be given a
        // renewed certificate while the service runs (replaceCertificate).
        ReloadableKeyManager keyManager = new ReloadableKeyManager(certificate);
        SslContext tls = GrpcSslContexts.configure(SslContextBuilder.forServer(keyManager), SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
        ServiceStats stats = new ServiceStats();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port));
        if (extra != null) {
            builder.addService(ServerInterceptors.intercept(extra, new AuthInterceptor(keys, new ServiceStats())));
        }
        Server server = builder
                .sslContext(tls)
                .maxInboundMessageSize(maxRequestBytes)
                .permitKeepAliveTime(20, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .addService(ServerInterceptors.intercept(new PredictionEndpoint(model, stats),
                        new AuthInterceptor(keys, stats)))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                String why = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                String explained = why.contains("in use")
                        ? "Port " + port + " on " + bindAddress + " is already in use (another service, or SecureScore "
                            + "running twice). Choose another port, or stop the other service."
                        : why.contains("assign") || why.contains("not available")
                        ? bindAddress + " is not an address of this machine. Listen on 127.0.0.1 (this machine only), "
                            + "0.0.0.0 (every interface) or one of this machine's own addresses."
                        : why.contains("permission") || why.contains("denied")
                        ? "Port " + port + " needs administrator rights on this system. Use a port above 1023, "
                            + "e.g. 50051."
                        : null;
                if (explained != null) {
                    BindException bind = new BindException(explained);
                    bind.initCause(e);
                    throw bind;
                }
            }
            throw e;
        }
        return new ScoringServer(server, stats, model, keyManager);
    }

    /**
     * Serves {@code certificate} from the next TLS handshake on (a renewed certificate), without a
     * restart; connections already open keep the certificate they started with.
     *
     * @throws IllegalArgumentException when the certificate has error findings (the current one stays)
     */
    public void replaceCertificate(CheckReport certificate) {
        keyManager.replace(certificate);
    }

    public int port() {
        return server.getPort();
    }

    public ServiceStats stats() {
        return stats;
    }

    public ImageClassifier model() {
        return model;
    }

    /** Stops taking calls, lets calls in flight finish for up to five seconds, then stops. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}

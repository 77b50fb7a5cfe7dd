package com.securescore.scoring;

import com.securescore.cert.Material;
import com.securescore.cert.MaterialReader;
import com.securescore.cert.Source;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NegotiationType;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A channel to a scoring service, and whether it is encrypted: the client refuses to put a key on
 * a channel that is not. TLS trust follows the FPGA clients: a file given as the roots, else the
 * file named by {@code GRPC_DEFAULT_SSL_ROOTS_FILE_PATH}, else the system's roots; either file
 * replaces the default roots rather than adding to them. The file is read as the Certificate step
 * reads certificates (PEM, DER, PKCS#7), since a private CA's root often comes as a DER .cer.
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
    public static ScoringChannel tls(String host, int port, Path trust, InetAddress connectTo)
            throws IOException {
        if (trust != null) {
            return tls(host, port, roots(trust, trust.toString(), false), connectTo, trust.toString());
        }
        String env = System.getenv(ROOTS_ENV);
        if (env != null && !env.isBlank()) {
            String described = env + " (from " + ROOTS_ENV + ")";
            return tls(host, port, roots(Path.of(env), described, true), connectTo, described);
        }
        // The JDK's TLS, as on the service: the bundled BoringSSL client does not offer Ed25519 (decision 0007).
        SslContextBuilder ssl = GrpcSslContexts.configure(SslContextBuilder.forClient(), SslProvider.JDK);
        return build(host, port, ssl, connectTo, "the system's trusted roots");
    }

    /**
     * The certificates in a roots file, read as the Certificate step and {@code check --trust} read
     * certificates (PEM with a BOM or CRLF, DER, PKCS#7), not only as PEM.
     *
     * @param described how messages name the file
     * @param fromEnv   the file was named by {@link #ROOTS_ENV}, not chosen: the fix says where it came from
     * @throws TrustFileException when the file is missing, unreadable, or holds no certificate
     */
    static List<X509Certificate> roots(Path file, String described, boolean fromEnv)
            throws TrustFileException {
        String fix = fromEnv ? "Point " + ROOTS_ENV + " at the root CA certificate that issued the service's "
                + "certificate (PEM, DER or PKCS#7), or unset it to use the system's roots."
                : "Give the root CA certificate that issued the service's certificate with --trust (PEM, DER or "
                + "PKCS#7, e.g. ca.pem, root.cer or a .p7b).";
        String fixOnScreen = FindingCode.TRUST_FILE_UNUSABLE.guiFix();
        if (Files.isDirectory(file)) {
            throw new TrustFileException("The trusted roots file " + described + " is a folder.", fix, fixOnScreen,
                    null);
        }
        Source source;
        try {
            source = Source.file(file);
        } catch (NoSuchFileException e) {
            throw new TrustFileException("The trusted roots file " + described + " does not exist.", fix,
                    fixOnScreen, e);
        } catch (IOException e) {
            throw new TrustFileException("The trusted roots file " + described + " cannot be read ("
                    + e.getMessage() + ").", fix, fixOnScreen, e);
        }
        Material material = new MaterialReader().read(source, null);
        if (material.certificates().isEmpty()) {
            String holds = material.findings().stream().filter(Finding::isError).map(Finding::message)
                    .findFirst().map(m -> " " + m).orElse(material.keys().isEmpty() ? ""
                            : " It holds a private key.");
            throw new TrustFileException("The trusted roots file " + described + " holds no certificate to trust."
                    + holds, fix, fixOnScreen, null);
        }
        return material.certificates();
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
                : NettyChannelBuilder.forAddress(new InetSocketAddress(connectTo, port))
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

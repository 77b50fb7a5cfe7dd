package com.securescore.service;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.DevelopmentCertificates;
import com.securescore.cert.Source;
import com.securescore.scoring.Labels;
import com.securescore.scoring.ScoringChannel;
import com.securescore.scoring.ScoringClient;
import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures the secured scoring path on loopback: images per second and p50/p99 at several
 * concurrencies, for a model and for a raw gRPC echo of the same bytes over the same TLS channel
 * with the same key check. The ratio says what the protocol and model cost beyond gRPC itself.
 * Bounded in time, loopback only.
 */
public final class ScoringBenchmark {
    /** One measured row. */
    public record Row(String what, int concurrency, long calls, double perSecond, double p50Millis,
                      double p99Millis, double meanBatch) {
    }

    private static final MethodDescriptor<byte[], byte[]> ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("securescore.bench.Echo/Echo")
            .setRequestMarshaller(BytesMarshaller.INSTANCE)
            .setResponseMarshaller(BytesMarshaller.INSTANCE)
            .build();

    private enum BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
        INSTANCE;

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private ScoringBenchmark() {
    }

    /**
     * Runs each model and the echo at each concurrency for {@code each}, on a fresh service with a
     * development certificate in {@code work}.
     */
    public static List<Row> run(Path work, byte[] image, List<ImageClassifier> models, int[] concurrencies,
                                Duration each) throws Exception {
        String host = "bench.securescore.test";
        Setup setup = setup(work, host);
        CheckReport report = setup.report();
        AuthKeys keys = setup.keys();
        Path ca = setup.ca();
        ServerServiceDefinition echo = ServerServiceDefinition.builder("securescore.bench.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((req, obs) -> {
                    obs.onNext(req);
                    obs.onCompleted();
                })).build();
        List<Row> rows = new ArrayList<>();
        for (ImageClassifier model : models) {
            try (ScoringServer server = ScoringServer.start(report, "127.0.0.1", 0, keys, model,
                    ScoringServer.DEFAULT_MAX_REQUEST_BYTES, echo);
                 ScoringChannel channel = ScoringChannel.tls(host, server.port(), ca,
                         InetAddress.getLoopbackAddress())) {
                ScoringClient client = new ScoringClient(channel, new ScoringClient.Auth(keys.primary(), false, null),
                        Labels.demo(), ScoringClient.Backoff.REAL, 1);
                Metadata headers = new Metadata();
                headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), keys.primary());
                var echoChannel = ClientInterceptors.intercept(channel.channel(),
                        MetadataUtils.newAttachHeadersInterceptor(headers));
                for (int c : concurrencies) {
                    if (rows.stream().noneMatch(r -> r.what().equals("raw gRPC echo") && r.concurrency() == c)) {
                        rows.add(measure("raw gRPC echo", c, each, () -> ClientCalls.blockingUnaryCall(echoChannel,
                                ECHO, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), image)));
                    }
                    long runs = model instanceof BatchingClassifier b ? b.runs() : 0;
                    long images = model instanceof BatchingClassifier b ? b.images() : 0;
                    Row row = measure(name(model), c, each, () -> client.score(List.of(image), Duration.ofSeconds(10),
                            5));
                    if (model instanceof BatchingClassifier b && b.runs() > runs) {
                        row = new Row(row.what(), c, row.calls(), row.perSecond(), row.p50Millis(), row.p99Millis(),
                                (double) (b.images() - images) / (b.runs() - runs));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    /** The model's name without its explanation in brackets, to fit the table, and how it batches. */
    private static String name(ImageClassifier model) {
        String name = model.source().split(" \\(")[0];
        if (model instanceof BatchingClassifier b) {
            name += b.batches() ? ", batches <= " + b.maxImages() + " wait " + b.maxWait().toMillis() + " ms"
                    : ", unbatched";
        }
        return name;
    }

    /** The outcome of a load run: calls made and failed, and the heap in use before and after. */
    public record Load(int clients, long calls, long failed, double perSecond, double slowestMillis, long heapBeforeBytes,
                       long heapAfterBytes) {
    }

    /**
     * {@code clients} independent clients (each its own TLS channel and handshake) call the service
     * with {@code model} for {@code duration}; heap in use is measured after a GC before and after.
     */
    public static Load load(Path work, byte[] image, ImageClassifier model, int clients, Duration duration)
            throws Exception {
        String host = "load.securescore.test";
        Setup setup = setup(work, host);
        CheckReport report = setup.report();
        AuthKeys keys = setup.keys();
        Path ca = setup.ca();
        try (ScoringServer server = ScoringServer.start(report, "127.0.0.1", 0, keys, model,
                ScoringServer.DEFAULT_MAX_REQUEST_BYTES)) {
            long before = heapInUse();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            long end = System.nanoTime() + duration.toNanos();
            long start = System.nanoTime();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                futures.add(pool.submit(() -> {
                    long calls = 0;
                    long failed = 0;
                    long worst = 0;
                    try (ScoringChannel channel = ScoringChannel.tls(host, server.port(), ca,
                            InetAddress.getLoopbackAddress())) {
                        ScoringClient client = new ScoringClient(channel, new ScoringClient.Auth(keys.primary(), false,
                                null), Labels.demo(), ScoringClient.Backoff.REAL, 1);
                        while (System.nanoTime() < end) {
                            long s = System.nanoTime();
                            try {
                                client.score(List.of(image), Duration.ofSeconds(30), 1);
                            } catch (Exception e) {
                                failed++;
                            }
                            worst = Math.max(worst, System.nanoTime() - s);
                            calls++;
                        }
                    }
                    return new long[] {calls, failed, worst};
                }));
            }
            long calls = 0;
            long failed = 0;
            long worst = 0;
            for (Future<long[]> f : futures) {
                long[] r = f.get();
                calls += r[0];
                failed += r[1];
                worst = Math.max(worst, r[2]);
            }
            pool.shutdownNow();
            double seconds = (System.nanoTime() - start) / 1e9;
            long after = heapInUse();
            return new Load(clients, calls, failed, calls / seconds, worst / 1e6, before, after);
        }
    }

    /** A development certificate for {@code host}, checked, and fresh keys, all in {@code work}. */
    private record Setup(CheckReport report, AuthKeys keys, Path ca) {
    }

    private static Setup setup(Path work, String host) throws IOException {
        var dev = new DevelopmentCertificates().create(host, 1, DevelopmentCertificates.KeyType.EC, work, true);
        Path ca = dev.files().get(0);
        CheckReport report = new CertificateService().check(new CertificateService.Request(host,
                List.of(Source.file(dev.files().get(1)), Source.file(dev.files().get(2))), null, null,
                List.of(Source.file(ca))));
        Path keysFile = work.resolve("keys-" + host + ".json");
        Files.deleteIfExists(keysFile);
        return new Setup(report, AuthKeys.open(keysFile).keys(), ca);
    }

    private static long heapInUse() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static Row measure(String what, int concurrency, Duration each, Callable<?> call) throws Exception {
        // Warm up for a fixed time, so rows measured first are not penalised by an unwarmed JIT.
        long warm = System.nanoTime() + Math.min(each.toNanos(), TimeUnit.SECONDS.toNanos(1));
        while (System.nanoTime() < warm) {
            call.call();
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        long end = System.nanoTime() + each.toNanos();
        long start = System.nanoTime();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                futures.add(pool.submit(() -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    while (System.nanoTime() < end && n < lat.length) {
                        long s = System.nanoTime();
                        call.call();
                        lat[n++] = System.nanoTime() - s;
                    }
                    return Arrays.copyOf(lat, n);
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> f : futures) {
                for (long v : f.get()) {
                    all.add(v);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Row(what, concurrency, sorted.length, sorted.length / seconds,
                    ServiceStats.percentile(sorted, 0.50), ServiceStats.percentile(sorted, 0.99), 1);
        } finally {
            pool.shutdownNow();
        }
    }
}

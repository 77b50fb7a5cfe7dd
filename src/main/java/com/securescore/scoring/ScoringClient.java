package com.securescore.scoring;

import com.securescore.scoring.proto.PredictRequest;
import com.securescore.scoring.proto.PredictResponse;
import com.securescore.scoring.proto.PredictionServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Scores images over an authenticated TLS channel with the FPGA protocol. Every call has a
 * deadline and carries the key (really: the 2018 Python client built the credentials and never sent
 * them); only transient failures are retried, with back-off; key and request errors never are.
 *
 * <p>{@link #scoreAsync} puts a call on the channel and returns at once, so one HTTP/2 connection
 * carries as many calls in flight as the caller wants, without a thread per call (decision 0013).
 */
public final class ScoringClient {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final Metadata.Key<String> ROUTE = Metadata.Key.of("x-ms-aml-grpc-service-route",
            Metadata.ASCII_STRING_MARSHALLER);
    private static final Set<Status.Code> RETRIED = EnumSet.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
            Status.Code.ABORTED, Status.Code.INTERNAL);

    /** How the key is sent. */
    public record Auth(String key, boolean bearer, String route) {
        public static Auth none() {
            return new Auth(null, false, null);
        }
    }

    /** Waits between retries; tests pass one that does not wait. */
    public interface Backoff {
        Backoff REAL = millis -> Thread.sleep(millis);

        void pause(long millis) throws InterruptedException;
    }

    /** One label and its score. */
    public record LabelScore(String label, float score) {
    }

    /**
     * The result for one image: its top labels, how long its call took, where the service says its
     * scores and class names come from (null if it does not say), and whether the scores are
     * probabilities (each 0..1, adding up to 1) or raw values such as logits, shown as sent.
     */
    public record ImageScore(int index, List<LabelScore> top, double latencyMillis, String labelsSource,
                             boolean probabilities) {
    }

    private final ScoringChannel channel;
    private final PredictionServiceGrpc.PredictionServiceBlockingStub stub;
    private final PredictionServiceGrpc.PredictionServiceStub asyncStub;
    private final List<String> labels;
    private final Backoff backoff;
    private final int attempts;

    /** {@code labels} empty: named from what the service says it runs (ImageNet, demo), else "class i". */
    public ScoringClient(ScoringChannel channel, Auth auth, List<String> labels, Backoff backoff, int attempts) {
        if (auth.key() != null && !channel.tls()) {
            throw new IllegalArgumentException("Refusing to send the key over a connection without TLS: anyone on "
                    + "the path could read it. Connect to the service's TLS port.");
        }
        this.channel = channel;
        this.labels = List.copyOf(labels);
        this.backoff = backoff;
        this.attempts = Math.max(1, attempts);
        Metadata headers = new Metadata();
        if (auth.key() != null) {
            headers.put(AUTHORIZATION, auth.bearer() ? "Bearer " + auth.key() : auth.key());
        }
        if (auth.route() != null) {
            headers.put(ROUTE, "/api/v1/service/" + auth.route());
        }
        this.stub = PredictionServiceGrpc.newBlockingStub(channel.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        this.asyncStub = PredictionServiceGrpc.newStub(channel.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    public ScoringClient(ScoringChannel channel, Auth auth, List<String> labels) {
        this(channel, auth, labels, Backoff.REAL, 4);
    }

    /** Scores a batch in one call; the latency is the call's, shared by its images. */
    public List<ImageScore> score(List<byte[]> images, Duration deadline, int top) throws ScoringException {
        long start = System.nanoTime();
        PredictResponse response = call(images, deadline);
        return read(response, images.size(), (System.nanoTime() - start) / 1e6, top);
    }

    /**
     * As {@link #score}, without waiting: the call is on its way when this returns, and the future
     * completes with the scores or a {@link ScoringException} (as {@link CompletionException}'s
     * cause), after the same retries as {@link #score}. The future is completed on a gRPC thread:
     * whatever depends on it must not block.
     */
    public CompletableFuture<List<ImageScore>> scoreAsync(List<byte[]> images, Duration deadline, int top) {
        CompletableFuture<List<ImageScore>> result = new CompletableFuture<>();
        send(PredictMessages.request(images), images.size(), deadline, top, System.nanoTime(), 1, 1000, result);
        return result;
    }

    /** Waits between retries without holding a gRPC thread; started only when a call is retried. */
    private static final class RetryThreads {
        static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scoring-retry");
            t.setDaemon(true);
            return t;
        });
    }

    private void send(PredictRequest request, int count, Duration deadline, int top, long start, int attempt,
                      long wait, CompletableFuture<List<ImageScore>> result) {
        asyncStub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS).predict(request,
                new StreamObserver<>() {
                    private PredictResponse response;

                    @Override
                    public void onNext(PredictResponse value) {
                        response = value;
                    }

                    @Override
                    public void onError(Throwable t) {
                        if (!(t instanceof StatusRuntimeException e)) {
                            result.completeExceptionally(t);
                            return;
                        }
                        ScoringException explained = FailureExplainer.explain(e, channel);
                        if (!retried(attempt, e, explained)) {
                            result.completeExceptionally(explained);
                            return;
                        }
                        RetryThreads.POOL.execute(() -> {
                            try {
                                backoff.pause(wait);
                            } catch (InterruptedException ie) {
                                Thread.currentThread().interrupt();
                                result.completeExceptionally(explained);
                                return;
                            }
                            send(request, count, deadline, top, start, attempt + 1, wait * 2, result);
                        });
                    }

                    @Override
                    public void onCompleted() {
                        try {
                            result.complete(read(response, count, (System.nanoTime() - start) / 1e6, top));
                        } catch (ScoringException | RuntimeException e) {
                            result.completeExceptionally(e);
                        }
                    }
                });
    }

    /** Whether a failed attempt is tried again: transient failures only, and attempts left. */
    private boolean retried(int attempt, StatusRuntimeException e, ScoringException explained) {
        // An untrusted or misnamed certificate, a plaintext port or an unknown host will not
        // change by waiting: only transient failures are retried.
        return attempt < attempts && RETRIED.contains(e.getStatus().getCode()) && !FailureExplainer.permanent(explained);
    }

    private List<ImageScore> read(PredictResponse response, int count, double millis, int top) throws ScoringException {
        float[][] scores = PredictMessages.scores(response, count);
        String source = PredictMessages.labelsSource(response);
        List<ImageScore> out = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            List<String> names = labels.isEmpty() ? Labels.guess(scores[i].length, source) : labels;
            out.add(new ImageScore(i, topLabels(scores[i], names, top), millis, source, isDistribution(scores[i])));
        }
        return out;
    }

    private PredictResponse call(List<byte[]> images, Duration deadline) throws ScoringException {
        long wait = 1000;
        for (int attempt = 1; ; attempt++) {
            try {
                return stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                        .predict(PredictMessages.request(images));
            } catch (StatusRuntimeException e) {
                ScoringException explained = FailureExplainer.explain(e, channel);
                if (!retried(attempt, e, explained)) {
                    throw explained;
                }
                try {
                    backoff.pause(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw explained;
                }
                wait *= 2;
            }
        }
    }

    /** Each value in 0..1 and the row adding up to 1 (within rounding). */
    static boolean isDistribution(float[] row) {
        return isDistribution(row, 0.01);
    }

    /**
     * Each value in 0..1 and the row adding up to 1 within {@code tolerance}: probabilities, not
     * logits. The service uses it too, to leave a model's probabilities as they are.
     */
    public static boolean isDistribution(float[] row, double tolerance) {
        double sum = 0;
        for (float v : row) {
            if (!(v >= 0 && v <= 1)) {
                return false;
            }
            sum += v;
        }
        return Math.abs(sum - 1) < tolerance;
    }

    /** The {@code top} highest scores, best first, picked in one pass (1,000 classes need no full sort). */
    private static List<LabelScore> topLabels(float[] row, List<String> labels, int top) {
        int k = Math.max(0, Math.min(top, row.length));
        int[] best = new int[k];
        int filled = 0;
        for (int i = 0; i < row.length; i++) {
            if (filled == k && (k == 0 || !(row[i] > row[best[k - 1]]))) {
                continue;
            }
            int at = filled < k ? filled++ : k - 1;
            while (at > 0 && row[i] > row[best[at - 1]]) {
                best[at] = best[at - 1];
                at--;
            }
            best[at] = i;
        }
        List<LabelScore> out = new ArrayList<>(filled);
        for (int j = 0; j < filled; j++) {
            out.add(new LabelScore(Labels.name(labels, best[j]), row[best[j]]));
        }
        return List.copyOf(out);
    }
}

package com.securescore.scoring;

import com.securescore.scoring.proto.PredictResponse;
import com.securescore.scoring.proto.PredictionServiceGrpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Scores images over an authenticated TLS channel with the FPGA protocol. Every call has a
 * deadline and carries the key (really: the 2018 Python client built the credentials and never sent
 * them); only transient failures are retried, with back-off; key and request errors never are.
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
    }

    public ScoringClient(ScoringChannel channel, Auth auth, List<String> labels) {
        this(channel, auth, labels, Backoff.REAL, 4);
    }

    /** Scores a batch in one call; the latency is the call's, shared by its images. */
    public List<ImageScore> score(List<byte[]> images, Duration deadline, int top) throws ScoringException {
        long start = System.nanoTime();
        PredictResponse response = call(images, deadline);
        double millis = (System.nanoTime() - start) / 1e6;
        float[][] scores = PredictMessages.scores(response, images.size());
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
                // An untrusted or misnamed certificate, a plaintext port or an unknown host will not
                // change by waiting: only transient failures are retried.
                if (attempt >= attempts || !RETRIED.contains(e.getStatus().getCode())
                        || FailureExplainer.permanent(explained)) {
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

    private static List<LabelScore> topLabels(float[] row, List<String> labels, int top) {
        List<LabelScore> all = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            all.add(new LabelScore(Labels.name(labels, i), row[i]));
        }
        all.sort(Comparator.comparingDouble(LabelScore::score).reversed());
        return List.copyOf(all.subList(0, Math.min(top, all.size())));
    }
}

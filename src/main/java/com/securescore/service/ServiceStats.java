package com.securescore.service;

import com.securescore.scoring.Percentiles;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/** Counters and recent latencies for the once-a-minute health line. */
public final class ServiceStats {
    private static final int WINDOW = 4096;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final long[] latencies = new long[WINDOW];
    private long count;

    void request(long nanos, boolean ok) {
        requests.incrementAndGet();
        if (!ok) {
            errors.incrementAndGet();
        }
        synchronized (latencies) {
            latencies[(int) (count++ % WINDOW)] = nanos;
        }
    }

    void rejected() {
        rejected.incrementAndGet();
    }

    /** A snapshot: totals since start, and percentiles over the latest calls. */
    public record Snapshot(long requests, long errors, long rejected, double p50Millis, double p99Millis) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "requests %d, errors %d, refused keys %d, p50 %.1f ms, "
                    + "p99 %.1f ms", requests, errors, rejected, p50Millis, p99Millis);
        }
    }

    public Snapshot snapshot() {
        long[] copy;
        synchronized (latencies) {
            copy = Arrays.copyOf(latencies, (int) Math.min(count, WINDOW));
        }
        Arrays.sort(copy);
        return new Snapshot(requests.get(), errors.get(), rejected.get(), percentile(copy, 0.50),
                percentile(copy, 0.99));
    }

    /** Percentile in milliseconds of ascending nanosecond latencies. */
    static double percentile(long[] sortedNanos, double p) {
        double[] millis = new double[sortedNanos.length];
        for (int i = 0; i < millis.length; i++) {
            millis[i] = sortedNanos[i] / 1e6;
        }
        return Percentiles.of(millis, p);
    }
}

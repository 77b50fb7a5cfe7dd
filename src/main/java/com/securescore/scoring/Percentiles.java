package com.securescore.scoring;

/** Nearest-rank percentiles, the one definition behind every p50 and p99 SecureScore prints. */
public final class Percentiles {
    private Percentiles() {
    }

    /** The {@code p} percentile (0..1) of ascending {@code sorted} values; 0 when there are none. */
    public static double of(double[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}

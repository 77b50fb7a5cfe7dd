package com.securescore.service;

import java.util.Arrays;
import java.util.List;

/** Uniform scores without decoding: measures the service and the secured channel, not a model. */
public final class NoOpClassifier implements ImageClassifier {
    private final List<String> labels;

    public NoOpClassifier(List<String> labels) {
        this.labels = List.copyOf(labels);
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public String source() {
        return "no-op model (uniform scores, for benchmarks)";
    }

    @Override
    public float[][] classify(List<byte[]> encodedImages) {
        float[][] out = new float[encodedImages.size()][labels.size()];
        for (float[] row : out) {
            Arrays.fill(row, 1f / labels.size());
        }
        return out;
    }
}

package com.securescore.testsupport;

import com.securescore.service.OnnxGraph;
import java.util.List;

/**
 * A tiny real ONNX model made at test time: it takes an image batch [N, 3, H, W] and answers each
 * channel's mean, [N, 3] (GlobalAveragePool, then Flatten). With mean 0 and std 1 preprocessing, a
 * red image scores highest on class 0.
 */
public final class TinyOnnx {
    private TinyOnnx() {
    }

    public static byte[] channelMeans(int size) {
        return new OnnxGraph("channel-means")
                .input("data", "N", 3, size, size)
                .node("GlobalAveragePool", List.of("data"), "pooled")
                .node("Flatten", List.of("pooled"), "scores")
                .output("scores", "N", 3)
                .toBytes("securescore-tests", 13);
    }
}

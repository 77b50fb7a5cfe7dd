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
                .spatialMean("data", "scores")
                .output("scores", "N", 3)
                .toBytes("securescore-tests", 13);
    }

    /**
     * A model shaped like ResNet-50 v1 from the zoo (input {@code data} [N, 3, 224, 224], output
     * [N, 1000] logits) whose class {@code redClass} wins for a red image: channel means through
     * one linear layer.
     */
    public static byte[] imageNetShaped(int redClass) {
        float[] weights = new float[3 * 1000];
        weights[redClass] = 10f; // row R, column redClass
        return new OnnxGraph("imagenet-shaped")
                .input("data", "N", 3, 224, 224)
                .constant("w", new long[] {3, 1000}, weights)
                .constant("b", new long[] {1000}, new float[1000])
                .spatialMean("data", "features")
                .node("Gemm", List.of("features", "w", "b"), "resnetv17_dense0_fwd")
                .output("resnetv17_dense0_fwd", "N", 1000)
                .toBytes("securescore-tests", 13);
    }
}

package com.securescore.service;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A model the size and shape of the ONNX model zoo's ResNet-50 v1 (the default model, decision
 * 0006), with generated weights, for benchmarks on machines that cannot download it: input
 * {@code data} [N, 3, 224, 224], a 7×7 convolution, max pooling, 16 bottleneck blocks in four
 * stages (3, 4, 6, 3; stride on each stage's first 1×1 convolution, as in v1), batch
 * normalisation after every convolution, global average pooling and a 2048 → 1000 fully
 * connected layer: 25.6 million weights, about 4 GFLOPs per image, the same operators in the same
 * order. Its scores mean nothing; its cost is ResNet-50's.
 */
public final class ResNet50Graph {
    private final OnnxGraph graph = new OnnxGraph("resnet50-sized");
    private final SplittableRandom random;
    private int layer;

    private ResNet50Graph(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The model file's bytes (about 103 MB), the same for the same seed. */
    public static byte[] onnxModel(long seed) {
        return new ResNet50Graph(seed).build();
    }

    private byte[] build() {
        graph.input("data", "N", 3, 224, 224);
        String x = convBn("data", 3, 64, 7, 2, 3);
        x = relu(x);
        graph.node("MaxPool", List.of(x), "pool0", OnnxGraph.Attr.ints("kernel_shape", 3, 3),
                OnnxGraph.Attr.ints("strides", 2, 2), OnnxGraph.Attr.ints("pads", 1, 1, 1, 1));
        x = "pool0";
        int in = 64;
        int[] blocks = {3, 4, 6, 3};
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < 4; stage++) {
            for (int block = 0; block < blocks[stage]; block++) {
                int stride = block == 0 && stage > 0 ? 2 : 1;
                x = bottleneck(x, in, widths[stage], stride, block == 0);
                in = widths[stage] * 4;
            }
        }
        graph.node("GlobalAveragePool", List.of(x), "pooled");
        graph.node("Flatten", List.of("pooled"), "flat");
        graph.constant("fc_w", new long[] {1000, in}, weights(1000 * in, in));
        graph.constant("fc_b", new long[] {1000}, new float[1000]);
        graph.node("Gemm", List.of("flat", "fc_w", "fc_b"), "scores", OnnxGraph.Attr.i("transB", 1));
        graph.output("scores", "N", 1000);
        return graph.toBytes("securescore-bench", 13);
    }

    private String bottleneck(String x, int in, int width, int stride, boolean project) {
        String a = relu(convBn(x, in, width, 1, stride, 0));
        String b = relu(convBn(a, width, width, 3, 1, 1));
        String c = convBn(b, width, width * 4, 1, 1, 0);
        String shortcut = project ? convBn(x, in, width * 4, 1, stride, 0) : x;
        String sum = "add" + layer++;
        graph.node("Add", List.of(c, shortcut), sum);
        return relu(sum);
    }

    private String convBn(String x, int in, int out, int kernel, int stride, int pad) {
        int n = layer++;
        int fanIn = in * kernel * kernel;
        graph.constant("w" + n, new long[] {out, in, kernel, kernel}, weights(out * fanIn, fanIn));
        graph.node("Conv", List.of(x, "w" + n), "conv" + n, OnnxGraph.Attr.ints("kernel_shape", kernel, kernel),
                OnnxGraph.Attr.ints("strides", stride, stride), OnnxGraph.Attr.ints("pads", pad, pad, pad, pad));
        float[] ones = new float[out];
        Arrays.fill(ones, 1f);
        graph.constant("bn_scale" + n, new long[] {out}, ones);
        graph.constant("bn_bias" + n, new long[] {out}, new float[out]);
        graph.constant("bn_mean" + n, new long[] {out}, new float[out]);
        graph.constant("bn_var" + n, new long[] {out}, ones.clone());
        graph.node("BatchNormalization", List.of("conv" + n, "bn_scale" + n, "bn_bias" + n, "bn_mean" + n,
                "bn_var" + n), "bn" + n, OnnxGraph.Attr.f("epsilon", 1e-5f));
        return "bn" + n;
    }

    private String relu(String x) {
        String out = "relu" + layer++;
        graph.node("Relu", List.of(x), out);
        return out;
    }

    /** He-scaled uniform weights, so activations neither vanish nor blow up through 50 layers. */
    private float[] weights(int count, int fanIn) {
        float bound = (float) Math.sqrt(6.0 / fanIn);
        float[] w = new float[count];
        for (int i = 0; i < count; i++) {
            w[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return w;
    }
}

package com.securescore.service;

import com.securescore.scoring.Labels;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * The built-in demo model, which SecureScore generates itself: a small ONNX graph (channel means,
 * brightness, contrast, saturation and edge energy of a 64×64 image, then one linear layer and a
 * softmax over ten colour labels) run by ONNX Runtime like any downloaded model. It proves the
 * whole secured path offline, is real and deterministic, and is not a classifier of objects — its
 * source says so. Where ONNX Runtime cannot load on the platform, the same arithmetic runs in Java.
 */
public final class DemoClassifier implements ImageClassifier, AutoCloseable {
    public static final String SOURCE = Labels.DEMO_MARK
            + " (colour features only): not a real classifier, its labels describe colours, not objects";
    /** The side of the square the image is scaled to. */
    static final int SIZE = 64;
    static final OnnxClassifier.Preprocessing PREPROCESSING = new OnnxClassifier.Preprocessing(SIZE, SIZE, true,
            new float[] {0, 0, 0}, new float[] {1, 1, 1});
    private static final List<String> LABELS = Labels.demo();
    private static final float SHARPNESS = 6f;
    private static final float[] LUMA = {0.299f, 0.587f, 0.114f};
    /** Features, in order: mean R, G, B, brightness, contrast (standard deviation), saturation, edge energy. */
    static final int FEATURES = 7;
    /** One column per label (demo-labels.txt order); rows are the features above. */
    private static final float[][] WEIGHTS = {
        // red, green, blue, bright, dark, colourful, greyscale, contrast, smooth, warm
        {1, -.5f, -.5f, 0, 0, 0, 0, 0, 0, .5f},      // R
        {-.5f, 1, -.5f, 0, 0, 0, 0, 0, 0, 0},        // G
        {-.5f, -.5f, 1, 0, 0, 0, 0, 0, 0, -.5f},     // B
        {0, 0, 0, 1, -1, 0, 0, 0, 0, 0},             // brightness
        {0, 0, 0, 0, 0, 0, 0, 2, 0, 0},              // contrast
        {0, 0, 0, 0, 0, 1, -1, 0, 0, 0},             // saturation
        {0, 0, 0, 0, 0, 0, 0, 0, -4, 0},             // edge energy
    };
    private static final float[] BIAS = {0, 0, 0, -.5f, .5f, -.5f, .3f, -.3f, .2f, 0};

    /** The generated model, or null where ONNX Runtime cannot load (the Java arithmetic is used). */
    private final OnnxClassifier onnx;

    public DemoClassifier() {
        OnnxClassifier loaded;
        try {
            loaded = new OnnxClassifier(onnxModel(), LABELS, PREPROCESSING, SOURCE);
        } catch (ai.onnxruntime.OrtException | RuntimeException | LinkageError e) {
            loaded = null;
        }
        this.onnx = loaded;
    }

    /** Whether the generated ONNX graph runs (else the Java arithmetic does the same sums). */
    public boolean runsOnOnnxRuntime() {
        return onnx != null;
    }

    @Override
    public List<String> labels() {
        return LABELS;
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public float[][] classify(List<byte[]> encodedImages) throws UndecodableImageException {
        if (onnx != null) {
            return onnx.classify(encodedImages);
        }
        float[][] out = new float[encodedImages.size()][];
        for (int i = 0; i < encodedImages.size(); i++) {
            out[i] = reference(OnnxClassifier.prepare(ImageDecoder.decode(i, encodedImages.get(i), SIZE),
                    PREPROCESSING));
        }
        return out;
    }

    @Override
    public TensorModel tensorModel() {
        return onnx;
    }

    @Override
    public void close() throws ai.onnxruntime.OrtException {
        if (onnx != null) {
            onnx.close();
        }
    }

    /** The demo model as an ONNX file: input {@code image} [N, 3, 64, 64] in 0..1, output {@code scores} [N, 10]. */
    public static byte[] onnxModel() {
        float[] weights = new float[FEATURES * LABELS.size()];
        float[] bias = new float[LABELS.size()];
        for (int f = 0; f < FEATURES; f++) {
            for (int l = 0; l < LABELS.size(); l++) {
                weights[f * LABELS.size() + l] = WEIGHTS[f][l] * SHARPNESS;
            }
        }
        for (int l = 0; l < bias.length; l++) {
            bias[l] = BIAS[l] * SHARPNESS;
        }
        OnnxGraph.Attr channels = OnnxGraph.Attr.ints("axes", 1);
        OnnxGraph.Attr keep = OnnxGraph.Attr.i("keepdims", 1);
        return new OnnxGraph("securescore-demo")
                .input("image", "N", 3, SIZE, SIZE)
                .constant("luma_w", new long[] {1, 3, 1, 1}, LUMA)
                .constant("edge_w", new long[] {1, 1, 1, 2}, new float[] {-1, 1})
                .constant("weights", new long[] {FEATURES, LABELS.size()}, weights)
                .constant("bias", new long[] {LABELS.size()}, bias)
                // Mean of each channel.
                .spatialMean("image", "rgb")
                // Brightness per pixel, its mean and standard deviation.
                .node("Conv", List.of("image", "luma_w"), "luma")
                .spatialMean("luma", "brightness")
                .node("Mul", List.of("luma", "luma"), "luma_sq")
                .spatialMean("luma_sq", "mean_sq")
                .node("Mul", List.of("brightness", "brightness"), "sq_mean")
                .node("Sub", List.of("mean_sq", "sq_mean"), "variance_raw")
                .node("Relu", List.of("variance_raw"), "variance")
                .node("Sqrt", List.of("variance"), "contrast")
                // Saturation: brightest minus darkest channel, per pixel, averaged.
                .node("ReduceMax", List.of("image"), "cmax", channels, keep)
                .node("ReduceMin", List.of("image"), "cmin", channels, keep)
                .node("Sub", List.of("cmax", "cmin"), "chroma")
                .spatialMean("chroma", "saturation")
                // Edge energy: mean absolute difference between horizontal neighbours.
                .node("Conv", List.of("luma", "edge_w"), "dx")
                .node("Abs", List.of("dx"), "dx_abs")
                .spatialMean("dx_abs", "edges")
                // Features, one linear layer, softmax.
                .node("Concat", List.of("rgb", "brightness", "contrast", "saturation", "edges"), "features",
                        OnnxGraph.Attr.i("axis", 1))
                .node("Gemm", List.of("features", "weights", "bias"), "logits")
                .node("Softmax", List.of("logits"), "scores", OnnxGraph.Attr.i("axis", 1))
                .output("scores", "N", LABELS.size())
                .toBytes("securescore", 13);
    }

    /** The same arithmetic in Java, on an image already scaled to {@link #SIZE}. */
    static float[] reference(BufferedImage img) {
        double[] f = new double[FEATURES];
        double lumSq = 0;
        int n = SIZE * SIZE;
        double previous = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int rgb = img.getRGB(x, y);
                double r = ((rgb >> 16) & 0xFF) / 255.0;
                double g = ((rgb >> 8) & 0xFF) / 255.0;
                double b = (rgb & 0xFF) / 255.0;
                double l = LUMA[0] * r + LUMA[1] * g + LUMA[2] * b;
                f[0] += r;
                f[1] += g;
                f[2] += b;
                f[3] += l;
                lumSq += l * l;
                f[5] += Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b));
                if (x > 0) {
                    f[6] += Math.abs(l - previous);
                }
                previous = l;
            }
        }
        for (int i = 0; i < 6; i++) {
            f[i] /= n;
        }
        f[4] = Math.sqrt(Math.max(0, lumSq / n - f[3] * f[3]));
        f[6] /= SIZE * (SIZE - 1);
        float[] z = new float[LABELS.size()];
        for (int l = 0; l < z.length; l++) {
            double sum = BIAS[l];
            for (int i = 0; i < FEATURES; i++) {
                sum += f[i] * WEIGHTS[i][l];
            }
            z[l] = (float) (sum * SHARPNESS);
        }
        return softmax(z);
    }

    static float[] softmax(float[] z) {
        float max = Float.NEGATIVE_INFINITY;
        for (float v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) Math.exp(z[i] - max);
            sum += out[i];
        }
        for (int i = 0; i < z.length; i++) {
            out[i] /= (float) sum;
        }
        return out;
    }
}

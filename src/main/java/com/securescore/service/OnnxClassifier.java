package com.securescore.service;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.securescore.scoring.ScoringClient;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Any ONNX image classifier with one image input and one score output, run with ONNX Runtime. The
 * image is decoded, its shorter side resized, centre-cropped and normalised per channel; the
 * defaults are ResNet-50 v1's (256 → 224, NCHW, ImageNet mean and standard deviation). Scores that
 * are not already probabilities go through a softmax.
 */
public final class OnnxClassifier implements ImageClassifier, TensorModel, AutoCloseable {
    /** How images become the model's input tensor. */
    public record Preprocessing(int resize, int crop, boolean channelsFirst, float[] mean, float[] std) {
        public static final Preprocessing RESNET50_V1 = new Preprocessing(256, 224, true,
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});
    }

    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession session;
    private final String inputName;
    private final List<String> labels;
    private final Preprocessing pre;
    private final String source;

    public OnnxClassifier(Path model, List<String> labels, Preprocessing pre) throws OrtException {
        this(model, labels, pre, "ONNX model " + model.getFileName());
    }

    /** As above, with {@code source} as what the service says about where its scores come from. */
    public OnnxClassifier(Path model, List<String> labels, Preprocessing pre, String source) throws OrtException {
        this(OrtEnvironment.getEnvironment().createSession(model.toString(), options()),
                model.getFileName().toString(), labels, pre, source);
    }

    /** A model given as the bytes of an ONNX file (one SecureScore made itself, say). */
    public OnnxClassifier(byte[] model, List<String> labels, Preprocessing pre, String source) throws OrtException {
        this(OrtEnvironment.getEnvironment().createSession(model, options()), "the model",
                labels, pre, source);
    }

    /**
     * ONNX Runtime's worker threads spin for a while after each run by default, waiting for the next
     * one. In a service that also decodes images and speaks TLS on the same cores, that spinning
     * takes the CPU the next request needs; without it the threads sleep until there is work.
     */
    private static OrtSession.SessionOptions options() throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.addConfigEntry("session.intra_op.allow_spinning", System.getProperty(
                "securescore.onnx.spinning", "0"));
        return options;
    }

    private OnnxClassifier(OrtSession session, String name, List<String> labels, Preprocessing pre, String source)
            throws OrtException {
        this.session = session;
        Map.Entry<String, NodeInfo> input = session.getInputInfo().entrySet().iterator().next();
        this.inputName = input.getKey();
        if (!(input.getValue().getInfo() instanceof TensorInfo)) {
            session.close();
            throw new IllegalArgumentException(name + " does not take an image tensor as its input.");
        }
        this.labels = List.copyOf(labels);
        this.pre = pre;
        this.source = source;
    }

    /** The number of scores per image the model declares, or -1 when its output shape leaves it open. */
    public int outputClasses() {
        try {
            NodeInfo out = session.getOutputInfo().values().iterator().next();
            if (out.getInfo() instanceof TensorInfo t) {
                long[] shape = t.getShape();
                long last = shape.length == 0 ? -1 : shape[shape.length - 1];
                return last > 0 ? (int) last : -1;
            }
        } catch (OrtException e) {
            // Unknown: the labels are not checked against it.
        }
        return -1;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public float[][] classify(List<byte[]> encodedImages) throws UndecodableImageException {
        int n = encodedImages.size();
        int size = 3 * pre.crop() * pre.crop();
        float[] data = new float[n * size];
        for (int i = 0; i < n; i++) {
            write(prepare(ImageDecoder.decode(i, encodedImages.get(i), pre.resize()), pre), data, i * size);
        }
        return run(data, n);
    }

    @Override
    public TensorModel tensorModel() {
        return this;
    }

    @Override
    public float[] prepare(int index, byte[] encodedImage) throws UndecodableImageException {
        float[] data = new float[3 * pre.crop() * pre.crop()];
        write(prepare(ImageDecoder.decode(index, encodedImage, pre.resize()), pre), data, 0);
        return data;
    }

    @Override
    public float[][] run(float[] inputs, int n) {
        int c = pre.crop();
        long[] shape = pre.channelsFirst() ? new long[] {n, 3, c, c} : new long[] {n, c, c, 3};
        try (OnnxTensor tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(inputs), shape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            Object value = result.get(0).getValue();
            if (!(value instanceof float[][] scores)) {
                throw new IllegalStateException("the model's output is not a [N, C] float tensor");
            }
            for (int i = 0; i < scores.length; i++) {
                scores[i] = probabilities(scores[i]);
            }
            return scores;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    /** Shorter side to {@code resize}, then the centre {@code crop} square. */
    static BufferedImage prepare(BufferedImage img, Preprocessing pre) {
        double scale = (double) pre.resize() / Math.min(img.getWidth(), img.getHeight());
        int w = Math.max(pre.crop(), (int) Math.round(img.getWidth() * scale));
        int h = Math.max(pre.crop(), (int) Math.round(img.getHeight() * scale));
        BufferedImage out = new BufferedImage(pre.crop(), pre.crop(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, -(w - pre.crop()) / 2, -(h - pre.crop()) / 2, w, h, null);
        g.dispose();
        return out;
    }

    private void write(BufferedImage img, float[] data, int base) {
        int c = pre.crop();
        int[] rgb = img.getRGB(0, 0, c, c, null, 0, c);
        float[] mean = pre.mean();
        float[] scale = {1 / (255f * pre.std()[0]), 1 / (255f * pre.std()[1]), 1 / (255f * pre.std()[2])};
        float[] shift = {mean[0] / pre.std()[0], mean[1] / pre.std()[1], mean[2] / pre.std()[2]};
        int plane = c * c;
        for (int p = 0; p < plane; p++) {
            int v = rgb[p];
            float r = ((v >> 16) & 0xFF) * scale[0] - shift[0];
            float g = ((v >> 8) & 0xFF) * scale[1] - shift[1];
            float b = (v & 0xFF) * scale[2] - shift[2];
            if (pre.channelsFirst()) {
                data[base + p] = r;
                data[base + plane + p] = g;
                data[base + 2 * plane + p] = b;
            } else {
                data[base + 3 * p] = r;
                data[base + 3 * p + 1] = g;
                data[base + 3 * p + 2] = b;
            }
        }
    }

    /** Rows that already are probabilities stay; logits go through a softmax. */
    static float[] probabilities(float[] row) {
        return ScoringClient.isDistribution(row, 1e-3) ? row : DemoClassifier.softmax(row);
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}

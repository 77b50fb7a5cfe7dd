package com.securescore.service;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The built-in demo model: real decoding and real, deterministic rules over simple colour
 * features (a softmax over how red, bright, colourful, ... the image is), so the whole secured path can be shown offline — but not a classifier of objects, and
 * it says so in its source and labels.
 */
public final class DemoClassifier implements ImageClassifier {
    public static final String SOURCE = com.securescore.scoring.Labels.DEMO_MARK
            + " (colour features only): not a real classifier, its labels describe colours, not objects";
    private static final List<String> LABELS = com.securescore.scoring.Labels.demo();
    /** How sharply the scores separate; the softmax of the rule values below. */
    private static final float SHARPNESS = 6f;

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
        float[][] out = new float[encodedImages.size()][];
        for (int i = 0; i < encodedImages.size(); i++) {
            out[i] = softmax(rules(features(decode(i, encodedImages.get(i)))));
        }
        return out;
    }

    static BufferedImage decode(int index, byte[] bytes) throws UndecodableImageException {
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            if (img == null) {
                throw new UndecodableImageException(index, "not a JPEG, PNG, GIF or BMP image ("
                        + bytes.length + " bytes)");
            }
            return img;
        } catch (IOException | RuntimeException e) {
            throw new UndecodableImageException(index, "damaged image data (" + e.getMessage() + ")");
        }
    }

    /** Mean R, G, B, brightness, contrast, saturation, redness minus blueness, edge energy; all in 0..1. */
    static float[] features(BufferedImage img) {
        int w = img.getWidth();
        int h = img.getHeight();
        int step = Math.max(1, Math.max(w, h) / 64);
        double r = 0, g = 0, b = 0, lum = 0, lum2 = 0, sat = 0, edge = 0;
        int n = 0;
        for (int y = 0; y < h; y += step) {
            for (int x = 0; x < w; x += step) {
                int rgb = img.getRGB(x, y);
                double rr = ((rgb >> 16) & 0xFF) / 255.0;
                double gg = ((rgb >> 8) & 0xFF) / 255.0;
                double bb = (rgb & 0xFF) / 255.0;
                double l = 0.299 * rr + 0.587 * gg + 0.114 * bb;
                r += rr;
                g += gg;
                b += bb;
                lum += l;
                lum2 += l * l;
                sat += Math.max(rr, Math.max(gg, bb)) - Math.min(rr, Math.min(gg, bb));
                if (x + step < w) {
                    int next = img.getRGB(x + step, y);
                    double ln = 0.299 * ((next >> 16) & 0xFF) / 255.0 + 0.587 * ((next >> 8) & 0xFF) / 255.0
                            + 0.114 * (next & 0xFF) / 255.0;
                    edge += Math.abs(ln - l);
                }
                n++;
            }
        }
        double mean = lum / n;
        double contrast = Math.sqrt(Math.max(0, lum2 / n - mean * mean)) * 2;
        return new float[] {(float) (r / n), (float) (g / n), (float) (b / n), (float) mean,
            (float) Math.min(1, contrast), (float) (sat / n), (float) ((r - b) / n / 2 + 0.5),
            (float) Math.min(1, edge / n * 4)};
    }

    /** One value per label, in label order, from the features (R, G, B, brightness, contrast, saturation, ...). */
    private static float[] rules(float[] f) {
        float r = f[0];
        float g = f[1];
        float b = f[2];
        float lum = f[3];
        float contrast = f[4];
        float sat = f[5];
        float edge = f[7];
        float[] z = {r - Math.max(g, b), g - Math.max(r, b), b - Math.max(r, g), lum - 0.5f, 0.5f - lum,
            sat - 0.5f, 0.3f - sat, contrast - 0.3f, 0.2f - edge, (r - b) / 2};
        for (int i = 0; i < z.length; i++) {
            z[i] *= SHARPNESS;
        }
        return z;
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

package com.securescore.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.LocalService;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The demo model SecureScore generates: a real ONNX graph, checked against the same sums in Java. */
class DemoClassifierTest {
    private static byte[] png(BufferedImage img) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private static List<byte[]> variedImages() throws Exception {
        List<byte[]> images = new ArrayList<>();
        for (Color c : List.of(Color.RED, Color.GREEN, Color.BLUE, Color.WHITE, Color.BLACK, Color.ORANGE)) {
            images.add(LocalService.png(c, 40));
        }
        BufferedImage gradient = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = gradient.createGraphics();
        g.setPaint(new GradientPaint(0, 0, Color.YELLOW, 300, 200, Color.DARK_GRAY));
        g.fillRect(0, 0, 300, 200);
        g.dispose();
        images.add(png(gradient));
        BufferedImage noise = new BufferedImage(90, 120, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 120; y++) {
            for (int x = 0; x < 90; x++) {
                noise.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        images.add(png(noise));
        return images;
    }

    @Test
    void theGeneratedGraphRunsOnOnnxRuntimeAndAgreesWithTheJavaSums() throws Exception {
        List<byte[]> images = variedImages();
        try (DemoClassifier demo = new DemoClassifier()) {
            assertTrue(demo.runsOnOnnxRuntime(), "the generated model loads in ONNX Runtime");
            float[][] onnx = demo.classify(images);
            for (int i = 0; i < images.size(); i++) {
                float[] java = DemoClassifier.reference(OnnxClassifier.prepare(
                        ImageDecoder.decode(i, images.get(i), DemoClassifier.SIZE), DemoClassifier.PREPROCESSING));
                assertEquals(java.length, onnx[i].length);
                for (int c = 0; c < java.length; c++) {
                    assertEquals(java[c], onnx[i][c], 1e-4f, "image " + i + ", label " + c);
                }
            }
        }
    }

    @Test
    void coloursAreNamedAndNoisyImagesAreNotSmooth() throws Exception {
        List<byte[]> images = variedImages();
        try (DemoClassifier demo = new DemoClassifier()) {
            float[][] scores = demo.classify(images);
            List<String> labels = demo.labels();
            assertEquals("mostly red", labels.get(argmax(scores[0])));
            assertEquals("mostly green", labels.get(argmax(scores[1])));
            assertEquals("mostly blue", labels.get(argmax(scores[2])));
            assertEquals("bright", labels.get(argmax(scores[3])));
            assertEquals("dark", labels.get(argmax(scores[4])));
            assertTrue(top3(labels, scores[4]).contains("smooth"), "a flat black image is smooth");
            assertTrue(!top3(labels, scores[7]).contains("smooth"), "noise is not: " + top3(labels, scores[7]));
        }
    }

    private static List<String> top3(List<String> labels, float[] row) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < row.length; i++) {
            order.add(i);
        }
        order.sort((a, b) -> Float.compare(row[b], row[a]));
        return order.subList(0, 3).stream().map(labels::get).toList();
    }

    @Test
    void webPImagesFromPhonesAndTheWebAreDecodedLossyAndLossless() throws Exception {
        byte[] blue = DemoClassifierTest.class.getResourceAsStream("blue-lossy.webp").readAllBytes();
        byte[] green = DemoClassifierTest.class.getResourceAsStream("green-lossless.webp").readAllBytes();
        try (DemoClassifier demo = new DemoClassifier()) {
            float[][] scores = demo.classify(List.of(blue, green));
            assertEquals("mostly blue", demo.labels().get(argmax(scores[0])));
            assertEquals("mostly green", demo.labels().get(argmax(scores[1])));
        }
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}

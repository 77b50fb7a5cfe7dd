package com.securescore.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.TinyOnnx;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real inference with ONNX Runtime on a tiny model made at test time. */
class OnnxClassifierTest {
    private static final OnnxClassifier.Preprocessing PLAIN = new OnnxClassifier.Preprocessing(32, 32, true,
            new float[] {0, 0, 0}, new float[] {1, 1, 1});

    @TempDir
    Path dir;

    @Test
    void scoresABatchWithTheModelAndTurnsLogitsIntoProbabilities() throws Exception {
        Path model = Files.write(dir.resolve("means.onnx"), TinyOnnx.channelMeans(32));
        try (OnnxClassifier c = new OnnxClassifier(model, List.of("red", "green", "blue"), PLAIN)) {
            float[][] scores = c.classify(List.of(LocalService.png(Color.RED, 48), LocalService.png(Color.BLUE, 20)));
            assertEquals(2, scores.length);
            assertEquals(3, scores[0].length);
            assertTrue(scores[0][0] > scores[0][1] && scores[0][0] > scores[0][2], "red image: " + scores[0][0]);
            assertTrue(scores[1][2] > scores[1][0], "blue image, resized up to the crop");
            float sum = scores[0][0] + scores[0][1] + scores[0][2];
            assertEquals(1f, sum, 1e-4f);
            assertTrue(c.source().contains("means.onnx"));
        }
    }

    @Test
    void undecodableImageIsNamedByIndex() throws Exception {
        Path model = Files.write(dir.resolve("means.onnx"), TinyOnnx.channelMeans(32));
        try (OnnxClassifier c = new OnnxClassifier(model, List.of("red", "green", "blue"), PLAIN)) {
            ImageClassifier.UndecodableImageException e = assertThrows(ImageClassifier.UndecodableImageException.class,
                    () -> c.classify(List.of(LocalService.png(Color.RED, 8), "nope".getBytes())));
            assertEquals(1, e.index());
        }
    }
}

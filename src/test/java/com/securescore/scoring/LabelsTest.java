package com.securescore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The class names a user sees when they pass no --labels. */
class LabelsTest {
    @Test
    void imageNetLabelsAreTheThousandClassesInTheirStandardOrderWithoutDuplicates() {
        List<String> names = Labels.imageNet();
        assertEquals(1000, names.size());
        assertEquals("tench", names.get(0));
        assertEquals("golden retriever", names.get(207));
        assertEquals("toilet tissue", names.get(999));
        assertEquals(1000, new HashSet<>(names).size(), "the two 'crane's and 'maillot's are told apart");
        assertTrue(names.stream().noneMatch(n -> n.contains("_")), "shown with spaces, not underscores");
    }

    @Test
    void unnamedScoresAreNamedFromWhatTheServiceSaysItRuns() {
        assertEquals(Labels.imageNet(), Labels.guess(1000, null), "any 1,000-class service: ImageNet");
        assertEquals(Labels.demo(), Labels.guess(10, Labels.DEMO_MARK + " (colour features only)"));
        assertEquals(List.of(), Labels.guess(10, "ONNX model flowers.onnx"), "a 10-class model is not the demo");
        assertEquals("class 3", Labels.name(Labels.guess(10, null), 3));
    }
}

package com.securescore.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Class names for score columns: a file with one label per line, the bundled ImageNet names, or the demo model's. */
public final class Labels {
    private Labels() {
    }

    private static final List<String> DEMO = resource("demo-labels.txt");
    private static final List<String> IMAGENET = resource("imagenet-labels.txt");

    /** The labels of SecureScore's built-in demo model (shared by the service and the client). */
    public static List<String> demo() {
        return DEMO;
    }

    /** The 1,000 ImageNet-1k class names, in the standard class order of ImageNet classifiers. */
    public static List<String> imageNet() {
        return IMAGENET;
    }

    /**
     * Names for a service's score columns when the user gave none: ImageNet's for 1,000 columns,
     * the demo model's when the service says it runs the demo, else none ("class i").
     */
    public static List<String> guess(int columns, String labelsSource) {
        if (columns == IMAGENET.size()) {
            return IMAGENET;
        }
        if (columns == DEMO.size() && labelsSource != null && labelsSource.contains(DEMO_MARK)) {
            return DEMO;
        }
        return List.of();
    }

    /** The words every demo model's source starts with. */
    public static final String DEMO_MARK = "SecureScore demo model";

    private static List<String> resource(String name) {
        try (InputStream in = Labels.class.getResourceAsStream(name)) {
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<String> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    static List<String> parse(String text) {
        List<String> out = new ArrayList<>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(out::add);
        return List.copyOf(out);
    }

    /** The name of column {@code i}: from {@code labels} when it has one, else "class i". */
    public static String name(List<String> labels, int i) {
        return i < labels.size() ? labels.get(i) : "class " + i;
    }
}

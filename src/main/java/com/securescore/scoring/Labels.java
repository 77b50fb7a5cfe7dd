package com.securescore.scoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Class names for score columns: a file with one label per line, or the built-in demo model's. */
public final class Labels {
    private Labels() {
    }

    /** The labels of SecureScore's built-in demo model (shared by the service and the client). */
    public static List<String> demo() {
        try (InputStream in = Labels.class.getResourceAsStream("demo-labels.txt")) {
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

package com.securescore.model;

import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * A model file SecureScore can fetch: where from, and the exact bytes expected (size and SHA-256),
 * so a mirror, a proxy or a damaged download can never put other bytes in front of the service.
 */
public record ModelSpec(String title, String fileName, List<URI> urls, String sha256, long size) {

    /**
     * ResNet-50 v1 from the ONNX model zoo (opset 7; input {@code data} [N, 3, 224, 224], output
     * [N, 1000] ImageNet logits). Hash and size as pinned by the zoo's own hub manifest
     * (onnx/models ONNX_HUB_MANIFEST.json, {@code model_sha} and {@code model_bytes}).
     */
    public static final ModelSpec RESNET50_V1 = new ModelSpec("ResNet-50 v1 (ONNX model zoo)", "resnet50-v1-7.onnx",
            List.of(URI.create("https://github.com/onnx/models/raw/main/validated/vision/classification/resnet/model/"
                            + "resnet50-v1-7.onnx"),
                    URI.create("https://github.com/onnx/models/raw/main/vision/classification/resnet/model/"
                            + "resnet50-v1-7.onnx")),
            "af16a04a6ec48ac494065d4439fe9dea590d337b9ca6dc328160ccf04a217b9c", 102_583_340L);

    public ModelSpec {
        urls = List.copyOf(urls);
        sha256 = sha256.toLowerCase(Locale.ROOT);
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a SHA-256 in hex: " + sha256);
        }
    }

    /**
     * ResNet-50 v1 from {@code mirror} when one is given, else from the address in the environment
     * variable SECURESCORE_MODEL_MIRROR, else from the zoo. The pin is the same for all.
     */
    public static ModelSpec resnet50(URI mirror) {
        if (mirror == null) {
            String env = System.getenv("SECURESCORE_MODEL_MIRROR");
            if (env != null && !env.isBlank()) {
                mirror = URI.create(env.strip());
            }
        }
        return mirror == null ? RESNET50_V1 : RESNET50_V1.from(mirror);
    }

    /** The same file fetched from {@code mirror} instead; the pinned hash and size still apply. */
    public ModelSpec from(URI mirror) {
        return new ModelSpec(title, fileName, List.of(mirror), sha256, size);
    }

    /** The hash cut short for people: first and last eight digits. */
    public String shortHash() {
        return sha256.substring(0, 8) + "…" + sha256.substring(56);
    }

    /** Megabytes (MiB) as people read them, e.g. "97.8 MiB". */
    public static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}

package com.securescore.service;

import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import com.securescore.scoring.Labels;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The model the service runs when none is named: ResNet-50 v1 from the ONNX model zoo, from the
 * cache or downloaded once, always checked against its pinned SHA-256. Where it cannot be had
 * (offline, a failed or tampered download), the built-in demo model instead, with the reason, so
 * the service still works and nobody takes the demo for a classifier.
 */
public final class DefaultModel {
    /** What was loaded; {@code whyNotResNet} is null unless the demo model stands in. */
    public record Loaded(ImageClassifier classifier, String whyNotResNet) {
        public boolean demo() {
            return whyNotResNet != null;
        }
    }

    private DefaultModel() {
    }

    /** What the ResNet service says its scores are. */
    public static String resnetSource(ModelSpec spec) {
        return spec.title() + ", SHA-256 " + spec.shortHash() + " verified, with the bundled ImageNet labels";
    }

    /**
     * Loads the default model. {@code downloader} null means offline: only a cached copy is used.
     */
    public static Loaded load(ModelCache cache, ModelSpec spec, ModelDownloader downloader,
            ModelDownloader.Progress progress) {
        Path file;
        try {
            ModelCache.Status status = cache.status(spec);
            if (status.state() == ModelCache.State.VERIFIED) {
                file = status.file();
            } else if (downloader == null) {
                return demo(spec.title() + " is not in the cache (" + status.file() + ": " + status.detail()
                        + ") and downloads are off.");
            } else {
                file = downloader.fetch(cache, spec, progress);
            }
        } catch (ModelDownloader.DownloadException e) {
            return demo(e.getMessage());
        } catch (IOException e) {
            return demo("the cache folder " + cache.directory() + " cannot be used: " + e);
        }
        try {
            return new Loaded(new OnnxClassifier(file, Labels.imageNet(), OnnxClassifier.Preprocessing.RESNET50_V1,
                    resnetSource(spec)), null);
        } catch (ai.onnxruntime.OrtException | RuntimeException | LinkageError e) {
            return demo("ONNX Runtime could not load " + file + ": " + e.getMessage());
        }
    }

    private static Loaded demo(String why) {
        return new Loaded(new DemoClassifier(), why);
    }
}

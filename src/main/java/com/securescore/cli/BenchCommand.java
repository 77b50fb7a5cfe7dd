package com.securescore.cli;

import com.securescore.scoring.Labels;
import com.securescore.service.BatchingClassifier;
import com.securescore.service.DemoClassifier;
import com.securescore.service.OnnxClassifier;
import com.securescore.service.ResNet50Graph;
import com.securescore.service.ImageClassifier;
import com.securescore.service.NoOpClassifier;
import com.securescore.service.ScoringBenchmark;
import com.securescore.task.DurationText;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore bench}: figures for the secured scoring path on this machine (loopback only). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure images/s and p50/p99 over TLS + key authentication on loopback, for the no-op",
            "and demo models beside a raw gRPC echo over the same channel."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--seconds", defaultValue = "5", description = "Seconds per measurement (default 5).")
    int seconds;

    @Option(names = "--concurrency", split = ",", defaultValue = "1,4,16,64",
            description = "Concurrencies (default 1,4,16,64).")
    int[] concurrency;

    @Option(names = "--batching", split = ",", paramLabel = "MAX:WAIT", description = "Instead of the no-op and "
            + "demo models: the demo model served with each batching setting, e.g. 1:0ms,32:0ms,32:2ms (1: unbatched).")
    List<String> batching;

    @Option(names = "--resnet50-sized", description = "Instead: a model of ResNet-50's size and shape with "
            + "generated weights (no download): its own in-process rate beside its rate served over TLS, unbatched "
            + "and batched, at each --concurrency.")
    boolean resnet;

    @Option(names = "--load", paramLabel = "CLIENTS", description = "Instead: CLIENTS independent clients for "
            + "--seconds against the demo model, batched as serve runs it; reports failed calls and heap growth.")
    Integer load;

    @Option(names = "--rounds", defaultValue = "1", description = "With --load: rounds in one process, to show the "
            + "heap stays flat (default 1).")
    int rounds;

    @Override
    public Integer call() throws Exception {
        BufferedImage img = new BufferedImage(224, 224, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                img.setRGB(x, y, (x * 255 / 224) << 16 | (y * 255 / 224) << 8 | 128);
            }
        }
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", jpeg);
        Path work = Files.createTempDirectory("securescore-bench");
        if (load != null) {
            long failed = 0;
            for (int round = 1; round <= Math.max(1, rounds); round++) {
                // The demo model as serve runs it by default: batched.
                DemoClassifier demo = new DemoClassifier();
                ScoringBenchmark.Load r;
                try (BatchingClassifier served = new BatchingClassifier(demo, 32, Duration.ZERO)) {
                    r = ScoringBenchmark.load(work, jpeg.toByteArray(), served, load, Duration.ofSeconds(seconds));
                } finally {
                    demo.close();
                }
                spec.commandLine().getOut().printf(Locale.ROOT, "round %d: %d clients for %d s: %d calls, %d failed, "
                        + "%.0f calls/s, slowest %.0f ms; heap in use after GC %.1f MB before, %.1f MB after%n", round,
                        r.clients(), seconds, r.calls(), r.failed(), r.perSecond(), r.slowestMillis(),
                        r.heapBeforeBytes() / 1e6, r.heapAfterBytes() / 1e6);
                failed += r.failed();
            }
            delete(work);
            return failed == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
        if (resnet) {
            int code = resnet(jpeg.toByteArray(), work);
            delete(work);
            return code;
        }
        List<ImageClassifier> models = batching == null ? List.of(new NoOpClassifier(Labels.demo()), new DemoClassifier())
                : batchings(new DemoClassifier());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Scoring a %d-byte 224x224 JPEG, %d s per row, TLS + key on loopback.%n",
                jpeg.size(), seconds);
        var rows = ScoringBenchmark.run(work, jpeg.toByteArray(), models, concurrency, Duration.ofSeconds(seconds));
        out.printf(Locale.ROOT, "%-55s %5s %10s %9s %9s %6s %8s%n", "call", "conc", "calls/s", "p50 ms", "p99 ms",
                "batch", "vs echo");
        for (var r : rows) {
            double echo = rows.stream().filter(e -> e.what().equals("raw gRPC echo")
                    && e.concurrency() == r.concurrency()).findFirst().map(ScoringBenchmark.Row::perSecond).orElse(0.0);
            out.printf(Locale.ROOT, "%-55s %5d %10.0f %9.2f %9.2f %6.1f %7.0f%%%n", r.what(), r.concurrency(),
                    r.perSecond(), r.p50Millis(), r.p99Millis(), r.meanBatch(),
                    echo == 0 ? 0 : 100 * r.perSecond() / echo);
        }
        delete(work);
        return ExitCodes.OK;
    }

    /**
     * The ResNet-50-sized model: images/s of the model alone (tensors already prepared, one thread
     * calling it, batches of 1 and 8), of decoding and model together in one process, and served.
     */
    private int resnet(byte[] jpeg, Path work) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        long t = System.nanoTime();
        byte[] model = ResNet50Graph.onnxModel(50);
        try (OnnxClassifier classifier = new OnnxClassifier(model, Labels.imageNet(),
                OnnxClassifier.Preprocessing.RESNET50_V1, "ResNet-50-sized model (generated weights: its scores "
                + "mean nothing)")) {
            out.printf(Locale.ROOT, "ResNet-50-sized model: %.0f MB generated and loaded in %.1f s; a %d-byte "
                    + "224x224 JPEG; %d s per row.%n", model.length / 1e6, (System.nanoTime() - t) / 1e9, jpeg.length,
                    seconds);
            out.flush();
            float[] one = classifier.prepare(0, jpeg);
            double best = modelAlone(out, classifier, one);
            double decodeAndModel = rate(() -> classifier.classify(List.of(jpeg)), 1);
            out.printf(Locale.ROOT, "in process, decode + model, one image per call:  %7.1f images/s%n",
                    decodeAndModel);
            out.flush();
            served(out, classifier, jpeg, work, best);
            inTurns(out, classifier, one, jpeg, work);
        }
        return ExitCodes.OK;
    }

    /** The model alone, in this process: batches of 1 and 8, then side by side; the best rate seen. */
    private double modelAlone(PrintWriter out, OnnxClassifier classifier, float[] one) throws Exception {
        double best = 0;
        for (int n : new int[] {1, 8}) {
            float[] inputs = repeated(one, n);
            double rate = rate(() -> classifier.run(inputs, n), n);
            best = Math.max(best, rate);
            out.printf(Locale.ROOT, "in process, model alone, batches of %d:            %7.1f images/s%n", n, rate);
            out.flush();
        }
        // As many runs side by side as serve runs batches at once: ONNX Runtime's one run does not
        // keep every core busy, so this is the model's own best in-process rate here.
        int runners = BatchingClassifier.defaultRunners();
        if (runners > 1) {
            float[] eight = repeated(one, 8);
            double side = sideBySide(() -> classifier.run(eight, 8), 8, runners);
            best = Math.max(best, side);
            out.printf(Locale.ROOT, "in process, model alone, batches of 8, %d runs side by side: %5.1f images/s%n",
                    runners, side);
            out.flush();
        }
        return best;
    }

    /** Served over TLS with a key, one image per call, unbatched and batched: a row per concurrency. */
    private void served(PrintWriter out, OnnxClassifier classifier, byte[] jpeg, Path work, double best)
            throws Exception {
        List<ImageClassifier> served = List.of(new BatchingClassifier(classifier, 1, Duration.ZERO),
                new BatchingClassifier(classifier, 32, Duration.ZERO));
        var rows = ScoringBenchmark.run(work, jpeg, served, concurrency, Duration.ofSeconds(seconds));
        for (ImageClassifier s : served) {
            ((BatchingClassifier) s).close();
        }
        out.printf(Locale.ROOT, "%-55s %5s %10s %9s %9s %6s %9s%n", "served over TLS + key, one image per call",
                "conc", "images/s", "p50 ms", "p99 ms", "batch", "vs model");
        for (var r : rows) {
            if (r.what().equals("raw gRPC echo")) {
                continue;
            }
            out.printf(Locale.ROOT, "%-55s %5d %10.1f %9.1f %9.1f %6.1f %8.0f%%%n", r.what(), r.concurrency(),
                    r.perSecond(), r.p50Millis(), r.p99Millis(), r.meanBatch(), 100 * r.perSecond() / best);
        }
        out.printf(Locale.ROOT, "(vs model: against the model alone at its best, %.1f images/s)%n", best);
    }

    /** The machine's load changes between rows: the model alone and served once more, taken in turns. */
    private void inTurns(PrintWriter out, OnnxClassifier classifier, float[] one, byte[] jpeg, Path work)
            throws Exception {
        int runners = BatchingClassifier.defaultRunners();
        int most = Arrays.stream(concurrency).max().orElse(16);
        for (int round = 1; round <= 3; round++) {
            float[] eight = repeated(one, 8);
            double alone = sideBySide(() -> classifier.run(eight, 8), 8, runners);
            ScoringBenchmark.Row servedRow;
            try (BatchingClassifier batched = new BatchingClassifier(classifier, 32, Duration.ZERO)) {
                servedRow = ScoringBenchmark.run(work, jpeg, List.of(batched), new int[] {most},
                        Duration.ofSeconds(seconds)).stream().filter(r -> !r.what().equals("raw gRPC echo"))
                        .findFirst().orElseThrow();
            }
            out.printf(Locale.ROOT, "in turns, round %d: model alone (%d side by side) %.1f images/s, then "
                    + "served (%d in flight, batched) %.1f images/s: %.0f%%%n", round, runners, alone, most,
                    servedRow.perSecond(),
                    100 * servedRow.perSecond() / alone);
            out.flush();
        }
    }

    private static float[] repeated(float[] one, int times) {
        float[] inputs = new float[one.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(one, 0, inputs, i * one.length, one.length);
        }
        return inputs;
    }

    /** The summed rate of {@code threads} threads each doing {@code work} at once. */
    private double sideBySide(Work work, int images, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Double>> rates = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                rates.add(pool.submit(() -> rate(work, images)));
            }
            double sum = 0;
            for (var r : rates) {
                sum += r.get();
            }
            return sum;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Images per second of {@code work} (which scores {@code images} images) on this thread, after a warm-up. */
    private double rate(Work work, int images) throws Exception {
        long warm = System.nanoTime() + 1_000_000_000L;
        do {
            work.run();
        } while (System.nanoTime() < warm);
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long done = 0;
        do {
            work.run();
            done += images;
        } while (System.nanoTime() < end);
        return done / ((System.nanoTime() - start) / 1e9);
    }

    /** One batching classifier per --batching setting, all over the same model. */
    private List<ImageClassifier> batchings(ImageClassifier model) {
        List<ImageClassifier> out = new ArrayList<>();
        for (String setting : batching) {
            String[] parts = setting.split(":", 2);
            try {
                int max = Integer.parseInt(parts[0].strip());
                Duration wait = parts.length < 2 ? Duration.ZERO : DurationText.parse(parts[1]);
                out.add(new BatchingClassifier(model, max, wait));
            } catch (IllegalArgumentException e) {
                throw new UserInputException("--batching takes MAX:WAIT settings such as 32:2ms, not \"" + setting
                        + "\".");
            }
        }
        return out;
    }

    private static void delete(Path work) throws IOException {
        try (var files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

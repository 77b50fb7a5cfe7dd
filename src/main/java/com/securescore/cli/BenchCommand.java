package com.securescore.cli;

import com.securescore.scoring.Labels;
import com.securescore.service.DemoClassifier;
import com.securescore.service.ImageClassifier;
import com.securescore.service.NoOpClassifier;
import com.securescore.service.ScoringBenchmark;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
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

    @Option(names = "--load", paramLabel = "CLIENTS", description = "Instead: CLIENTS independent clients for "
            + "--seconds against the demo model; reports failed calls and heap growth.")
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
                var r = ScoringBenchmark.load(work, jpeg.toByteArray(), new DemoClassifier(), load,
                        Duration.ofSeconds(seconds));
                spec.commandLine().getOut().printf(Locale.ROOT, "round %d: %d clients for %d s: %d calls, %d failed, "
                        + "%.0f calls/s, slowest %.0f ms; heap in use after GC %.1f MB before, %.1f MB after%n", round,
                        r.clients(), seconds, r.calls(), r.failed(), r.perSecond(), r.slowestMillis(),
                        r.heapBeforeBytes() / 1e6, r.heapAfterBytes() / 1e6);
                failed += r.failed();
            }
            delete(work);
            return failed == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
        List<ImageClassifier> models = List.of(new NoOpClassifier(Labels.demo()), new DemoClassifier());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Scoring a %d-byte 224x224 JPEG, %d s per row, TLS + key on loopback.%n",
                jpeg.size(), seconds);
        var rows = ScoringBenchmark.run(work, jpeg.toByteArray(), models, concurrency, Duration.ofSeconds(seconds));
        out.printf(Locale.ROOT, "%-55s %5s %10s %9s %9s %8s%n", "call", "conc", "calls/s", "p50 ms", "p99 ms",
                "vs echo");
        for (var r : rows) {
            double echo = rows.stream().filter(e -> e.what().equals("raw gRPC echo")
                    && e.concurrency() == r.concurrency()).findFirst().map(ScoringBenchmark.Row::perSecond).orElse(0.0);
            out.printf(Locale.ROOT, "%-55s %5d %10.0f %9.2f %9.2f %7.0f%%%n", r.what(), r.concurrency(),
                    r.perSecond(), r.p50Millis(), r.p99Millis(), echo == 0 ? 0 : 100 * r.perSecond() / echo);
        }
        delete(work);
        return ExitCodes.OK;
    }

    private static void delete(Path work) throws java.io.IOException {
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}

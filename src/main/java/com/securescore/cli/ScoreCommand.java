package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.diagnose.EndpointProbe;
import com.securescore.scoring.ImageFiles;
import com.securescore.scoring.ImageScoring;
import com.securescore.scoring.ImageScoring.Scored;
import com.securescore.scoring.KeyFiles;
import com.securescore.scoring.Labels;
import com.securescore.scoring.Percentiles;
import com.securescore.scoring.ScoringChannel;
import com.securescore.scoring.ScoringClient;
import com.securescore.scoring.ScoringException;
import com.securescore.scoring.TrustFileException;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code securescore score}: images to a scoring service over authenticated TLS, with labels and latency. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score images with an FPGA-protocol service over authenticated TLS gRPC.",
            "Exit 0 when every image was scored, 1 when any failed (the cause and fix are printed)."})
final class ScoreCommand extends ConnectionOptions implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", required = true, description = "The service's name (the certificate must name it).")
    String host;

    @Option(names = "--port", defaultValue = "50051", description = "Port (default 50051).")
    int port;

    @Option(names = "--key", paramLabel = "KEY", description = "The key itself (visible to other users in the process "
            + "list; prefer --key-file).")
    String key;

    @Option(names = "--trust", paramLabel = "FILE", description = "Trusted roots: the root CA certificate, as PEM, "
            + "DER (.cer) or PKCS#7 (.p7b), e.g. a development ca.pem; replaces the system roots. "
            + "Default: $GRPC_DEFAULT_SSL_ROOTS_FILE_PATH (read the same way) or the system roots.")
    Path trust;

    @Option(names = "--deadline", defaultValue = "10s", converter = DurationConverter.class,
            description = "Per call (default 10s).")
    Duration deadline;

    @Option(names = "--concurrency", defaultValue = "1", description = "Calls in flight at once (default 1).")
    int concurrency;

    @Option(names = "--batch", defaultValue = "1", description = "Images per call (default 1).")
    int batch;

    @Option(names = "--labels", paramLabel = "FILE", description = "Class names, one per line (default: ImageNet's "
            + "for 1,000 scores, the demo model's when the service runs it, else class numbers).")
    Path labelsFile;

    @Option(names = "--top", defaultValue = "5", description = "Labels shown per image (default 5).")
    int top;

    @Mixin
    JsonOption output;

    @Parameters(paramLabel = "IMAGE_OR_FOLDER", arity = "1..*")
    List<Path> inputs;

    /**
     * True when {@code score} is this JVM's own command ({@code Cli.run} from main): only then does it
     * change how this JVM compiles, never inside tests or another program.
     */
    boolean ownProcess;

    /** From this many calls on, C2 is kept to the ciphers (see {@link ClientCompiler}). */
    static final int QUICK_COMPILES_FROM = 50;

    /** Images not sent because the endpoint itself failed. */
    private int notSent;

    /** Text output, one image at a time as results arrive: the model's source and an error's fix once. */
    private static final class TextReport {
        private final PrintWriter out;
        private ScoringException shown;
        private String source;
        private boolean rawNoted;

        TextReport(PrintWriter out) {
            this.out = out;
        }

        void flush() {
            out.flush();
        }

        void image(Scored r) {
            if (r.error() != null) {
                out.println(r.image().getFileName() + ": FAILED " + r.error().code());
                if (shown == null || !shown.getMessage().equals(r.error().getMessage())) {
                    out.println("  " + r.error().getMessage());
                    out.println("  fix: " + r.error().fix());
                    shown = r.error();
                }
                return;
            }
            String said = r.score().labelsSource();
            if (said != null && !said.equals(source)) {
                out.println("Scores from: " + said + ".");
                source = said;
            }
            if (!r.score().probabilities() && !rawNoted) {
                out.println("The service's scores are not probabilities (they do not add up to 1): shown as sent.");
                rawNoted = true;
            }
            // Formatted by hand: a printf per line parses its format anew, a measurable part of the
            // client's CPU per image. Same text as "%s  (%.0f ms)" and "  %6.2f%%  %s" / "  %8.4f  %s".
            StringBuilder b = new StringBuilder(160).append(r.image().getFileName()).append("  (");
            fixed(b, r.score().latencyMillis(), 0, 0).append(" ms)").append(System.lineSeparator());
            for (ScoringClient.LabelScore s : r.score().top()) {
                b.append("  ");
                if (r.score().probabilities()) {
                    fixed(b, 100 * s.score(), 2, 6).append('%');
                } else {
                    fixed(b, s.score(), 4, 8);
                }
                b.append("  ").append(s.label()).append(System.lineSeparator());
            }
            out.print(b);
        }

        /**
         * {@code value} with {@code decimals} places, rounded half up, right-aligned in {@code width}:
         * what {@code %width.decimalsf} prints for the values scores and latencies take; anything
         * unusual (not finite, beyond 10^12) goes to String.format itself.
         */
        static StringBuilder fixed(StringBuilder b, double value, int decimals, int width) {
            boolean checked = decimals == 0 || decimals == 2 || decimals == 4; // the forms held against Formatter
            if (!checked || !Double.isFinite(value) || Math.abs(value) >= 1e12) {
                return b.append(String.format(Locale.ROOT, "%" + (width > 0 ? width : "") + "." + decimals + "f",
                        value));
            }
            // Formatter rounds the shortest decimal form of the double half up, as BigDecimal.valueOf does.
            String digits = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP)
                    .toPlainString();
            if (digits.charAt(0) != '-' && (value < 0 || Double.doubleToRawLongBits(value) == Long.MIN_VALUE)) {
                digits = "-" + digits; // -0.001 and -0.0 print as -0.00, as Formatter prints them
            }
            for (int pad = width - digits.length(); pad > 0; pad--) {
                b.append(' ');
            }
            return b.append(digits);
        }
    }

    /**
     * gRPC's bundled Netty loads Java Flight Recorder at start-up, to offer JFR events, unless told
     * not to: about 90 classes and generated event handlers, for events nobody records from a
     * short client run. A value the user set is left as it is.
     */
    static final String NETTY_JFR = "io.grpc.netty.shaded.io.netty.jfr.enabled";

    @Override
    public Integer call() throws Exception {
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String theKey = resolveKey(err);
        List<Path> images = ImageFiles.collect(inputs);
        if (images.isEmpty()) {
            throw new UserInputException("No images (" + ImageFiles.described() + ") found in "
                    + inputs + ".");
        }
        List<String> labels = labelsFile == null ? List.<String>of() : Labels.read(labelsFile);
        Duration perCall = deadline;
        if (port < 1 || port > 65535) {
            throw new UserInputException("--port must be between 1 and 65535, not " + port + ".");
        }
        InetAddress address;
        try {
            address = connectTo == null ? null : InetAddress.getByName(connectTo);
        } catch (UnknownHostException e) {
            throw new UserInputException("--connect-to " + connectTo + " does not resolve: give the service's IP "
                    + "address (e.g. 127.0.0.1), or leave it out to connect to --host by its name.");
        }
        if (ownProcess && images.size() / Math.max(1, batch) >= QUICK_COMPILES_FROM) {
            ClientCompiler.preferQuickCompiles();
        }
        List<Scored> results = new ArrayList<>();
        notSent = 0;
        long start = System.nanoTime();
        ScoringChannel opened;
        try {
            opened = ScoringChannel.tls(host, port, trust, address);
        } catch (TrustFileException e) {
            throw new UserInputException(e.getMessage() + " " + e.fix());
        }
        try (ScoringChannel channel = opened) {
            // Connect (TCP, TLS, HTTP/2) while the first files are read, not when the first call goes out.
            channel.channel().getState(true);
            ScoringClient client;
            try {
                client = new ScoringClient(channel, new ScoringClient.Auth(theKey, bearer, route), labels);
            } catch (IllegalArgumentException e) {
                throw new UserInputException(e.getMessage());
            }
            scoreAll(client, images, perCall, out, results);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        EndpointProbe.Outcome diagnosis = null;
        if (results.stream().anyMatch(r -> r.error() != null && EndpointProbe.explains(r.error()))) {
            diagnosis = new EndpointProbe().probe(host, port, address, trust == null ? List.of() : List.of(trust));
        }
        report(out, results, seconds, diagnosis);
        return results.stream().allMatch(r -> r.error() == null) ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    /**
     * Sends every image with at most {@code --concurrency} calls in flight on the one connection
     * (no thread per call), and prints results in order as they arrive. Stops sending once a call
     * shows that the endpoint itself fails: every other image would fail the same way.
     *
     * <p>The next call is started by the answer that frees its place, on the thread that answer
     * arrived on (the connection's own), and results are printed there too: the main thread only
     * starts the first window and waits. Handing every answer to the main thread and every new call
     * back to the connection's thread cost two thread wake-ups per image, most of the client's system
     * time (decision 0014).
     */
    private void scoreAll(ScoringClient client, List<Path> images, Duration perCall, PrintWriter out,
                          List<Scored> results) throws InterruptedException {
        Pump pump = new Pump(client, images, Math.max(1, batch), Math.max(1, concurrency), perCall,
                output.json ? null : new TextReport(out), results);
        pump.fill();
        pump.finished.await();
        if (pump.failure instanceof RuntimeException e) {
            throw e;
        } else if (pump.failure instanceof Error e) {
            throw e;
        }
        if (pump.stopped) {
            notSent = images.size() - results.size();
        }
    }

    /** The calls of one {@code score} run: which chunk goes next, what has arrived, what is printed. */
    private final class Pump {
        private final ScoringClient client;
        private final List<Path> images;
        private final int step;
        private final int window;
        private final Duration perCall;
        private final TextReport text;
        private final List<Scored> results;
        private final List<List<Scored>> arrived;
        private final int chunks;
        final CountDownLatch finished = new CountDownLatch(1);
        /** Set when handling an answer failed; the main thread rethrows it rather than wait forever. */
        volatile Throwable failure;
        /** Guarded by {@code this}. */
        private int next;
        private int inFlight;
        private int printed;
        private boolean filling;
        private boolean endpointFails;
        boolean stopped;

        Pump(ScoringClient client, List<Path> images, int step, int window, Duration perCall, TextReport text,
             List<Scored> results) {
            this.client = client;
            this.images = images;
            this.step = step;
            this.window = window;
            this.perCall = perCall;
            this.text = text;
            this.results = results;
            this.chunks = (images.size() + step - 1) / step;
            this.arrived = new ArrayList<>(Collections.nCopies(chunks, null));
        }

        /**
         * Starts calls until the window is full. One thread fills at a time; an answer that arrives
         * meanwhile (even inside the call that sent it) leaves the filling to that thread's loop.
         */
        void fill() {
            synchronized (this) {
                if (filling) {
                    return;
                }
                filling = true;
            }
            while (true) {
                int chunk;
                synchronized (this) {
                    if (endpointFails || next >= chunks || inFlight >= window) {
                        filling = false;
                        finishIfDone();
                        return;
                    }
                    chunk = next++;
                    inFlight++;
                }
                int from = chunk * step;
                send(client, images.subList(from, Math.min(images.size(), from + step)), perCall)
                        .whenComplete((done, e) -> {
                            try {
                                arrived(chunk, done != null ? done : List.of());
                            } catch (RuntimeException | Error bug) {
                                failure = bug;
                                finished.countDown();
                            }
                        });
            }
        }

        private void arrived(int chunk, List<Scored> done) {
            synchronized (this) {
                inFlight--;
                arrived.set(chunk, done);
                if (done.stream().anyMatch(r -> r.error() != null && r.error().endpointFailure())) {
                    endpointFails = true;
                }
                // Whatever has arrived in order is printed while later calls are still on their way.
                boolean shown = false;
                while (!stopped && printed < chunks && arrived.get(printed) != null) {
                    List<Scored> ready = arrived.get(printed);
                    arrived.set(printed++, null);
                    results.addAll(ready);
                    if (text != null) {
                        ready.forEach(text::image);
                        shown = true;
                    }
                    stopped = ready.stream().anyMatch(r -> r.error() != null && r.error().endpointFailure());
                }
                if (shown) {
                    text.flush();
                }
            }
            fill();
        }

        /** Called holding the lock: done when everything is printed, or stopped and nothing is in flight. */
        private void finishIfDone() {
            if (printed == chunks || (stopped || endpointFails) && inFlight == 0) {
                finished.countDown();
            }
        }
    }

    /** One call for {@code chunk}; an unreadable file fails on its own and the others are still sent. */
    private CompletableFuture<List<Scored>> send(ScoringClient client, List<Path> chunk, Duration perCall) {
        return new ImageScoring(client, perCall, top).chunk(chunk);
    }

    private void report(PrintWriter out, List<Scored> results, double seconds, EndpointProbe.Outcome diagnosis) {
        double[] latencies = results.stream().filter(r -> r.score() != null)
                .mapToDouble(r -> r.score().latencyMillis()).sorted().toArray();
        long ok = latencies.length;
        if (output.json) {
            JsonReport.print(out, host, port, results, notSent, ok, seconds, latencies, diagnosis);
            return;
        }
        // The images themselves were printed as they were scored.
        if (notSent > 0) {
            out.println("Stopped: the other " + notSent + (notSent == 1 ? " image was" : " images were")
                    + " not sent, because the connection itself fails (see above).");
        }
        if (diagnosis != null) {
            out.println();
            out.println("What " + host + ":" + port + " presents, checked as this client checks it:");
            if (diagnosis.findings().isEmpty()) {
                out.println("  the certificate chain has no findings.");
            }
            diagnosis.findings().forEach(f -> CheckCommand.printFinding(out, f));
            out.println();
        }
        out.printf(Locale.ROOT, "%d scored, %d failed in %.2f s: %.1f images/s, p50 %.1f ms, p99 %.1f ms%n", ok,
                results.size() - ok, seconds, ok / Math.max(seconds, 1e-9), Percentiles.of(latencies, 0.5),
                Percentiles.of(latencies, 0.99));
    }

    /** The --json document; its own class, so Jackson is loaded only when it is asked for. */
    private static final class JsonReport {
        static void print(PrintWriter out, String host, int port, List<Scored> results, int notSent, long ok,
                          double seconds, double[] latencies, EndpointProbe.Outcome diagnosis) {
            ObjectNode node = Json.object().put("host", host).put("port", port);
            ArrayNode arr = node.putArray("images");
            for (Scored r : results) {
                ObjectNode o = arr.addObject().put("image", r.image().toString());
                if (r.error() != null) {
                    o.put("error", r.error().code()).put("message", r.error().getMessage()).put("fix", r.error().fix());
                } else {
                    o.put("latencyMillis", r.score().latencyMillis());
                    o.put("labelsSource", r.score().labelsSource());
                    o.put("probabilities", r.score().probabilities());
                    ArrayNode topArr = o.putArray("top");
                    r.score().top().forEach(s -> topArr.addObject().put("label", s.label()).put("score", s.score()));
                }
            }
            node.putObject("totals").put("scored", ok).put("failed", results.size() - ok).put("notSent", notSent)
                    .put("imagesPerSecond", ok / Math.max(seconds, 1e-9))
                    .put("p50Millis", Percentiles.of(latencies, 0.5)).put("p99Millis", Percentiles.of(latencies, 0.99));
            if (diagnosis != null) {
                ObjectNode d = node.putObject("diagnosis");
                Json.putFindings(d, diagnosis.findings());
            }
            Json.print(out, node);
        }
    }

    private String resolveKey(PrintWriter err) throws IOException {
        if (key != null && keyFile != null) {
            throw new UserInputException("Give the key once: --key-file or --key, not both.");
        }
        if (key != null) {
            err.println("securescore: note: a key given with --key is visible in the process list; prefer --key-file.");
            return key.strip();
        }
        if (keyFile == null) {
            throw new UserInputException("Give the service's key with --key-file FILE (or --key KEY).");
        }
        try {
            return KeyFiles.require(keyFile, false);
        } catch (KeyFiles.NoKeyException e) {
            throw new UserInputException(e.getMessage());
        }
    }
}

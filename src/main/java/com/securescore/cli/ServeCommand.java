package com.securescore.cli;

import com.securescore.cert.Certificates;
import com.securescore.cert.CheckReport;
import com.securescore.cert.Material;
import com.securescore.cert.ReadOptions;
import com.securescore.deploy.CertificateFileSet;
import com.securescore.deploy.CertificateWatch;
import com.securescore.findings.FindingCode;
import com.securescore.findings.Severity;
import com.securescore.service.AuthKeys;
import com.securescore.service.BatchingClassifier;
import com.securescore.scoring.Labels;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import com.securescore.service.DefaultModel;
import com.securescore.service.DemoClassifier;
import com.securescore.service.HealthEndpoint;
import com.securescore.service.ImageClassifier;
import com.securescore.service.OnnxClassifier;
import com.securescore.service.ScoringServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore serve}: the FPGA-compatible scoring service, over TLS with key authentication. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Run SecureScore's FPGA-compatible scoring service: TLS always, two auth keys, Predict.",
            "The certificate is checked first; the service refuses to start on error findings.",
            "When the certificate files are replaced (securescore acme renew into the same folder, certbot), the new "
                + "certificate is checked and served from the next connection on, without a restart; files with "
                + "errors (or half written) are not, and the previous certificate stays."})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CertificateInputs certificate;

    @Option(names = "--domain", paramLabel = "NAME", description = "The name clients connect to (default: the "
            + "certificate's first DNS name that is not a wildcard); the certificate must cover it.")
    String domain;

    @Option(names = "--port", defaultValue = "50051", paramLabel = "PORT",
            description = "Port (default 50051; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default 127.0.0.1).")
    String bind;

    @Option(names = "--health-port", paramLabel = "PORT", description = "Also answer plain-HTTP health checks on "
            + "this port: /healthz (the process runs) and /readyz (the service takes calls), for Kubernetes probes, "
            + "which cannot speak TLS gRPC. Nothing secret is served there.")
    Integer healthPort;

    @Option(names = "--keys-file", defaultValue = "securescore-keys.json", paramLabel = "FILE",
            description = "The auth keys; created owner-only with two new keys if missing.")
    Path keysFile;

    @Option(names = "--max-request-size", defaultValue = "16", paramLabel = "MIB",
            description = "Largest request in MiB (default 16).")
    int maxRequestMib;

    @Option(names = "--batch-max", defaultValue = "32", paramLabel = "IMAGES", description = "Calls that arrive "
            + "together go through the model in one run of up to IMAGES images (default 32; 1 turns batching off).")
    int batchMax;

    @Option(names = "--batch-wait", defaultValue = "0ms", paramLabel = "TIME", description = "How long a batch "
            + "may wait for more calls once it has one (default 0ms: only calls already waiting join it, so a lone "
            + "call is never held back), e.g. 2ms.", converter = DurationConverter.class)
    Duration batchWait;

    @Option(names = "--model", paramLabel = "FILE.onnx", defaultValue = "${env:SECURESCORE_MODEL}",
            description = "An ONNX image classifier (one image input, one score output); also SECURESCORE_MODEL (set "
                + "by securescore image build --model FILE.onnx). Default: ResNet-50 v1, fetched once into the cache "
                + "and checked against its pinned SHA-256; the built-in demo model when it cannot be had.")
    Path model;

    @Option(names = "--demo-model", description = "Run the built-in demo model (colour features, not a real "
            + "classifier); nothing is downloaded.")
    boolean demoModel;

    @Option(names = "--offline", description = "Never download: ResNet-50 from the cache, else the demo model.")
    boolean offline;

    @Option(names = "--model-mirror", paramLabel = "URL", description = "Fetch ResNet-50 from this address (an "
            + "internal mirror); the pinned SHA-256 still applies. Also SECURESCORE_MODEL_MIRROR.")
    URI mirror;

    @Option(names = "--labels", paramLabel = "FILE", defaultValue = "${env:SECURESCORE_LABELS}",
            description = "With --model: class names, one per line; also SECURESCORE_LABELS.")
    Path labels;

    @Option(names = "--input-size", defaultValue = "224", paramLabel = "PIXELS",
            description = "With --model: the square input size "
            + "(default 224; the image's shorter side is resized to 8/7 of it, then centre-cropped).")
    int inputSize;

    @Option(names = "--layout", defaultValue = "nchw", paramLabel = "nchw|nhwc", converter = Choices.Layouts.class,
            completionCandidates = Choices.LayoutWords.class, description = "With --model: nchw (default) or nhwc.")
    Choices.Layout layout;

    @Option(names = "--mean", split = ",", paramLabel = "R,G,B", hideParamSyntax = true,
            description = "With --model: per-channel mean "
            + "subtracted from pixels scaled to 0..1 (default ImageNet's 0.485,0.456,0.406).")
    float[] mean;

    @Option(names = "--std", split = ",", paramLabel = "R,G,B", hideParamSyntax = true,
            description = "With --model: per-channel standard "
            + "deviation divided by (default ImageNet's 0.229,0.224,0.225; 0.00392 each for models fed 0..255).")
    float[] std;

    /** Counted down by Ctrl-C (or a test) to stop the service. */
    final CountDownLatch stop = new CountDownLatch(1);
    /** Counted down once the service has stopped, so the shutdown hook lets it finish first. */
    final CountDownLatch stopped = new CountDownLatch(1);
    /** Counted down once the service listens and has said so, for tests that run it in the background. */
    final CountDownLatch started = new CountDownLatch(1);
    /** The port actually bound, for tests that ask for port 0. */
    volatile int boundPort;
    /** How often the certificate files are looked at for a renewal; tests shorten it. */
    Duration watchEvery = Duration.ofSeconds(10);
    /** Why the service does not take calls yet, for /readyz; null once it does. */
    private volatile String notReady = "checking the certificate";

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (demoModel && model != null) {
            throw new UserInputException("Give --model FILE.onnx or --demo-model, not both.");
        }
        // Where to listen is checked first: nothing is read, downloaded or created for a service that cannot start.
        if (port < 0 || port > 65535) {
            throw new UserInputException("--port must be between 1 and 65535 (or 0 for any free port), not " + port
                    + ".");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UserInputException("--bind " + bind + " does not resolve: give an address of this machine, "
                    + "such as 127.0.0.1 (this machine only) or 0.0.0.0 (every interface).");
        }
        if (!address.isAnyLocalAddress() && !address.isLoopbackAddress()
                && NetworkInterface.getByInetAddress(address) == null) {
            throw new UserInputException(bind + " is not an address of this machine (--bind). Listen on 127.0.0.1 "
                    + "(this machine only), 0.0.0.0 (every interface) or one of this machine's own addresses.");
        }
        batchWait();
        if (healthPort != null && (healthPort < 0 || healthPort > 65535)) {
            throw new UserInputException("--health-port must be between 1 and 65535, not " + healthPort + ".");
        }
        HealthEndpoint health = null;
        if (healthPort != null) {
            try {
                health = HealthEndpoint.start(bind, healthPort, () -> notReady);
            } catch (IOException e) {
                throw new UserInputException("--health-port " + healthPort + " cannot be used on " + bind + ": "
                        + e.getMessage() + ". Choose another port.");
            }
        }
        try {
            return checkAndRun(out);
        } finally {
            if (health != null) {
                health.close();
            }
        }
    }

    private int checkAndRun(PrintWriter out) throws Exception {
        ReadOptions unlock = certificate.unlock();
        try {
            CertificateFileSet files = certificate.files(unlock);
            Material material = files.read();
            // The server certificate, as the check finds it (the files may hold the chain in any order).
            CheckReport first = files.check("", material);
            var leaf = first.leaf();
            CheckReport report;
            if (domain == null && leaf == null) {
                // No server certificate to take the name from (a locked .pfx, say): the other findings say why.
                report = first.withFindings(first.findings().stream()
                        .filter(f -> f.code() != FindingCode.DOMAIN_INVALID).toList());
            } else {
                report = files.check(domain != null ? domain : nameOf(leaf), material);
            }
            if (!report.ok()) {
                out.println("The service will not start: the certificate has errors.");
                CheckCommand.printText(out, report);
                return ExitCodes.FINDINGS;
            }
            try {
                return run(out, report, unlock);
            } finally {
                stopped.countDown();
            }
        } finally {
            unlock.wipe();
        }
    }

    /** The certificate's first DNS name that is not a wildcard; a wildcard-only certificate needs --domain. */
    private static String nameOf(X509Certificate leaf) throws UserInputException {
        List<String> names = Certificates.dnsNames(leaf);
        return names.stream().filter(n -> !n.startsWith("*.")).findFirst().orElseThrow(() -> new UserInputException(
                names.isEmpty() ? "The certificate \"" + Certificates.name(leaf) + "\" names no DNS name; clients "
                        + "check the name, so it needs one. Issue it with a subjectAltName DNS entry."
                        : "The certificate only names " + String.join(", ", names) + ": say which name the service "
                        + "answers to with --domain NAME (e.g. --domain " + names.get(0).substring(2).replaceFirst(
                                "^", "scoring.") + ")."));
    }

    private static final Logger QUIET_GRPC =
            Logger.getLogger("io.grpc.netty.shaded.io.grpc.netty.NettyServerStream");

    /** The classifier, and why ResNet-50 is not used when the demo model stands in for it (else null). */
    private record Chosen(ImageClassifier classifier, String whyNotResNet) {
    }

    private Chosen chooseModel() throws Exception {
        if (demoModel) {
            return new Chosen(new DemoClassifier(), null);
        }
        if (model != null) {
            return new Chosen(fileModel(), null);
        }
        ModelCache cache = ModelCache.standard();
        ModelSpec resnet = ModelSpec.resnet50(mirror);
        // The bar says nothing unless bytes arrive, so a cached model is hashed once, by DefaultModel.
        ModelDownloader.Progress progress = offline ? ModelDownloader.Progress.NONE
                : new DownloadProgressBar(spec.commandLine().getErr(), DownloadProgressBar.terminal(), resnet,
                        cache.pathOf(resnet));
        DefaultModel.Loaded loaded = DefaultModel.load(cache, resnet, offline ? null : ModelDownloader.standard(),
                progress);
        return new Chosen(loaded.classifier(), loaded.whyNotResNet());
    }

    private ImageClassifier fileModel() throws Exception {
        if (!Files.isRegularFile(model)) {
            throw new NoSuchFileException(model.toString());
        }
        List<String> names = labels == null ? List.of() : Labels.read(labels);
        if (inputSize < 8 || inputSize > 4096) {
            throw new UserInputException("--input-size must be between 8 and 4096 pixels, not " + inputSize + ".");
        }
        var pre = OnnxClassifier.Preprocessing.RESNET50_V1;
        float[] m = channels("--mean", mean, pre.mean(), false);
        float[] s = channels("--std", std, pre.std(), true);
        String source = "ONNX model " + model.getFileName() + (labels == null ? "" : " with labels from "
                + labels.getFileName());
        OnnxClassifier classifier;
        try {
            classifier = new OnnxClassifier(model, names, new OnnxClassifier.Preprocessing(
                    Math.round(inputSize * 8f / 7f), inputSize, layout == Choices.Layout.NCHW, m, s), source);
        } catch (ai.onnxruntime.OrtException | IllegalArgumentException e) {
            throw new UserInputException(model + " cannot be loaded as an ONNX image classifier: " + e.getMessage());
        }
        int classes = classifier.outputClasses();
        if (labels != null && classes > 0 && classes != names.size()) {
            classifier.close();
            throw new UserInputException(labels + " has " + names.size() + " names, but " + model.getFileName()
                    + " answers " + classes + " scores per image. Give the labels file made for this model.");
        }
        return classifier;
    }

    private static float[] channels(String option, float[] given, float[] fallback, boolean positive)
            throws UserInputException {
        if (given == null) {
            return fallback;
        }
        if (given.length != 3) {
            throw new UserInputException(option + " takes three numbers, one per channel (R,G,B), e.g. "
                    + option + " 0.5,0.5,0.5; got " + given.length + ".");
        }
        for (float v : given) {
            if (positive && !(v > 0)) {
                throw new UserInputException(option + " values must be above 0; got " + v + ".");
            }
        }
        return given;
    }

    private int run(PrintWriter out, CheckReport report, ReadOptions unlock) throws Exception {
        notReady = "loading the model";
        Duration wait = batchWait();
        Chosen chosen = chooseModel();
        try (BatchingClassifier batching = new BatchingClassifier(chosen.classifier(), batchMax, wait)) {
            return serve(out, report, unlock, chosen, batching);
        }
    }

    /** --batch-wait as a duration, after checking it and --batch-max. */
    private Duration batchWait() {
        if (batchMax < 1 || batchMax > 4096) {
            throw new UserInputException("--batch-max must be between 1 and 4096 images, not " + batchMax + ".");
        }
        if (batchWait.compareTo(Duration.ofSeconds(1)) > 0) {
            List<String> given = spec.findOption("--batch-wait").originalStringValues();
            throw new UserInputException("--batch-wait must be between 0ms and 1s, not " + given.get(given.size() - 1)
                    + ".");
        }
        return batchWait;
    }

    private int serve(PrintWriter out, CheckReport report, ReadOptions unlock, Chosen chosen, BatchingClassifier model)
            throws Exception {
        AuthKeys.Opened opened = AuthKeys.open(keysFile);
        // gRPC logs a stack trace for every oversized request; the client already gets the reason.
        QUIET_GRPC.setLevel(Level.SEVERE);
        ScoringServer listening;
        try {
            listening = ScoringServer.start(report, bind, port, opened.keys(), model, maxRequestMib * 1024 * 1024);
        } catch (BindException e) {
            throw new UserInputException(e.getMessage());
        }
        try (ScoringServer server = listening; CertificateWatch watch = certificate.watch(report.domain(), unlock,
                listening::replaceCertificate, out, watchEvery)) {
            boundPort = server.port();
            notReady = null;
            announce(out, report, server.port(), chosen, model, opened);
            started.countDown();
            runUntilStopped(out, server);
            out.println("Stopping: " + server.stats().snapshot() + ".");
        }
        return ExitCodes.OK;
    }

    /** What a person starting the service reads: where it listens, the certificate's notes, model, batching, keys. */
    private void announce(PrintWriter out, CheckReport report, int listening, Chosen chosen, BatchingClassifier model,
            AuthKeys.Opened opened) {
        out.println("Scoring service for " + report.domain() + " listening on " + bind + ":" + listening
                + " (TLS 1.2/1.3).");
        report.findings().stream().filter(f -> f.severity() == Severity.WARNING)
                .filter(f -> f.code() != FindingCode.CHAIN_PAST_ANCHOR)
                .forEach(f -> out.println("Certificate warning " + f.code() + ": " + f.message()));
        // The service sends the chain up to the trusted root, as fullchain.pem holds it: say what it left out.
        report.pastAnchor().forEach(c -> out.println("Certificate note " + FindingCode.CHAIN_PAST_ANCHOR + ": \""
                + Certificates.name(c) + "\" (issued by \"" + Certificates.issuerName(c) + "\") is past the trusted "
                + "root clients stop at; the service leaves it out of the chain it sends."));
        out.println("Model: " + model.source() + ".");
        out.println(model.batches() ? "Batching: calls that arrive together run as one batch of up to "
                + model.maxImages() + " images, waiting up to " + model.maxWait().toMillis() + " ms for more; "
                + model.runners() + (model.runners() == 1 ? " batch" : " batches") + " at a time."
                : "Batching: off" + (model.maxImages() > 1 ? " (this model is not run in batches)." : "."));
        if (chosen.classifier() instanceof DemoClassifier demo && !demo.runsOnOnnxRuntime()) {
            out.println("  ONNX Runtime cannot load on this platform: the demo model's sums run in Java instead.");
        }
        if (chosen.whyNotResNet() != null) {
            out.println("  ResNet-50 is not used: " + chosen.whyNotResNet());
            out.println("  To score real objects: run `securescore model fetch` while online (or with --from "
                    + "FILE), or start with --model FILE.onnx --labels FILE.");
        }
        if (opened.created()) {
            out.println("New keys, written owner-only to " + keysFile + ". They are shown once:");
            out.println("  primary:   " + opened.keys().primary());
            out.println("  secondary: " + opened.keys().secondary());
        } else {
            out.println("Keys from " + keysFile + ": primary " + AuthKeys.mask(opened.keys().primary())
                    + ", secondary " + AuthKeys.mask(opened.keys().secondary()) + " (securescore keys show).");
        }
        out.println("Stop with Ctrl-C.");
        out.flush();
    }

    /** Serves until Ctrl-C (or a test) stops it, with a health line every minute. */
    private void runUntilStopped(PrintWriter out, ScoringServer server) throws InterruptedException {
        ScheduledExecutorService health = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "health");
            t.setDaemon(true);
            return t;
        });
        health.scheduleAtFixedRate(() -> {
            out.println("health: " + server.stats().snapshot());
            out.flush();
        }, 1, 1, TimeUnit.MINUTES);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stop.await();
        } finally {
            health.shutdownNow();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and waits for us.
            }
        }
    }
}

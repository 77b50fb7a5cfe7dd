package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.image.ImageBuildException;
import com.securescore.image.ImageBuilder;
import com.securescore.image.InstalledJar;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelSpec;
import com.securescore.task.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore image}: the scoring service's container image, made from this installation. */
@Command(name = "image", mixinStandardHelpOptions = true,
        description = "The container image Kubernetes pods run, made from this installation (no Docker needed).",
        subcommands = ImageCommand.Build.class)
final class ImageCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "build", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Put this SecureScore (its own jar) on a base image with a Java 17 runtime and push it "
                + "to a registry, or write it as a docker archive. The image runs as user 10001 with the "
                + "entrypoint deploy --target kubernetes expects; pass the pushed name to deploy --image."},
            footer = {"", "Credentials: --registry-user with --registry-password-file, else the Docker config "
                + "(DOCKER_CONFIG or ~/.docker/config.json: auths, credHelpers, credsStore). Plain HTTP is used only "
                + "for a registry on this machine (localhost).",
                "Exit codes: 0 built, 1 the registry or the build refused, 2 usage problem or unreadable input."})
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--to", required = true, paramLabel = "REGISTRY/NAME:TAG", description = "Where to push "
                + "the image (with --tar: its name inside the archive).")
        String to;

        @Option(names = "--base", paramLabel = "IMAGE", description = "A base image with a Java 17+ runtime "
                + "(default " + ImageBuilder.DEFAULT_BASE + "), or tar://FILE for a docker archive.")
        String base;

        @Mixin
        RegistryOptions registry;

        @Option(names = "--trust", paramLabel = "FILE", description = "A CA certificate (PEM or DER) a registry's "
                + "TLS certificate chains to, beside this machine's roots; repeatable.")
        List<Path> trust = new ArrayList<>();

        @Option(names = "--model", paramLabel = "resnet50|FILE.onnx", description = "Bake a model into the image so "
                + "pods start without downloading: resnet50 from the model cache (securescore model fetch), or an "
                + "ONNX classifier with --labels.")
        String model;

        @Option(names = "--labels", paramLabel = "FILE", description = "With --model FILE.onnx: class names, one "
                + "per line.")
        Path labels;

        @Option(names = "--tar", paramLabel = "FILE", description = "Write a docker archive instead of pushing "
                + "(docker load -i, kind load image-archive, ctr -n k8s.io image import).")
        Path tar;

        @Option(names = "--force", description = "With --tar: replace a file that exists.")
        boolean force;

        @Mixin
        JsonOption output;

        /** The jar to package; tests point it at target/securescore.jar. Null: the running installation's. */
        Path jar;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ImageBuilder.Request request = request();
            PrintWriter log = output.json ? err : out;
            log.println((tar != null ? "Writing " + to + " to " + tar : "Building " + to) + " ...");
            log.flush();
            ConsoleBar bar = new ConsoleBar(err, log, DownloadProgressBar.terminal());
            CtrlCCancels ctrlC = new CtrlCCancels("image-cancel");
            ImageBuilder.Result result;
            try {
                result = new ImageBuilder(registry.credentials(), ModelCache.standard().directory()
                        .resolve("image-layers")).build(request, bar, ctrlC.cancellation());
            } catch (ImageBuildException e) {
                bar.end();
                err.println("securescore: " + e.getMessage() + switch (e.kind()) {
                    case UNTRUSTED_REGISTRY -> " Pass it with --trust FILE.";
                    case CREDENTIALS -> registry.user == null ? " On the command line: --registry-user NAME "
                            + "--registry-password-file FILE." : "";
                    case OTHER -> "";
                });
                return ExitCodes.FINDINGS;
            } catch (CancellationException e) {
                bar.end();
                err.println("securescore: " + e.getMessage());
                return ExitCodes.FINDINGS;
            } finally {
                ctrlC.close();
            }
            bar.end();
            printResult(out, result);
            return ExitCodes.OK;
        }

        /** What to build from the options, after refusing what cannot be: a --tar that exists, a missing base. */
        private ImageBuilder.Request request() throws IOException {
            if (tar != null && Files.exists(tar) && !force) {
                throw new UserInputException(tar + " exists; nothing was written. Use --force to replace it, or "
                        + "another --tar file.");
            }
            if (base != null && base.startsWith("tar://") && !Files.isRegularFile(Path.of(base.substring(6)))) {
                throw new NoSuchFileException(base.substring(6));
            }
            try {
                return new ImageBuilder.Request(to, base, jar != null ? jar : InstalledJar.locate(), model(), tar,
                        trusted());
            } catch (ImageBuildException e) {
                throw new UserInputException(e.getMessage());
            }
        }

        private void printResult(PrintWriter out, ImageBuilder.Result result) {
            if (output.json) {
                ObjectNode node = Json.object().put("image", result.reference()).put("tag", result.tag())
                        .put("digest", result.digest()).put("pushed", result.pushed())
                        .put("seconds", result.took().toMillis() / 1000.0);
                if (result.tar() != null) {
                    node.put("tar", result.tar().toString()).put("bytes", result.bytes());
                }
                if (result.credential() != null) {
                    node.put("credentials", result.credential());
                }
                Json.print(out, node);
            } else if (result.pushed()) {
                out.println(String.format(Locale.ROOT, "Pushed %s in %.1f s.", result.reference(),
                        result.took().toMillis() / 1000.0));
                out.println("Deploy it: securescore deploy --target kubernetes --image " + result.reference() + " ...");
            } else {
                out.println(String.format(Locale.ROOT, "Wrote %s (%s, %.1f MiB) in %.1f s. Load it with docker load "
                        + "-i %s, kind load image-archive %s, or ctr -n k8s.io image import %s.", result.tar(),
                        result.tag(), result.bytes() / 1048576.0, result.took().toMillis() / 1000.0, result.tar(),
                        result.tar(), result.tar()));
            }
        }

        private ImageBuilder.Model model() throws IOException {
            if (model == null) {
                if (labels != null) {
                    throw new UserInputException("--labels goes with --model FILE.onnx.");
                }
                return new ImageBuilder.Model.None();
            }
            if ("resnet50".equalsIgnoreCase(model)) {
                ModelCache.Status status = ModelCache.standard().status(ModelSpec.resnet50(null));
                if (status.state() != ModelCache.State.VERIFIED) {
                    throw new UserInputException("ResNet-50 is not in the model cache (" + status.file() + ": "
                            + status.detail() + "). Fetch it once with securescore model fetch, then build again.");
                }
                return new ImageBuilder.Model.ResNet(status.file());
            }
            Path file = Path.of(model);
            if (!Files.isRegularFile(file)) {
                throw new UserInputException("--model must be resnet50 or an ONNX file; " + model + " is neither.");
            }
            if (labels != null && !Files.isRegularFile(labels)) {
                throw new NoSuchFileException(labels.toString());
            }
            return new ImageBuilder.Model.Onnx(file, labels);
        }

        private List<X509Certificate> trusted() throws IOException {
            List<X509Certificate> all = new ArrayList<>();
            for (Path file : trust) {
                if (!Files.isRegularFile(file)) {
                    throw new NoSuchFileException(file.toString());
                }
                try (InputStream in = Files.newInputStream(file)) {
                    for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        all.add((X509Certificate) c);
                    }
                } catch (CertificateException e) {
                    throw new UserInputException("--trust " + file + " holds no certificate in PEM or DER form ("
                            + e.getMessage() + "). Give the registry's CA certificate.");
                }
            }
            return all;
        }
    }

    /** Layers uploading: a bar redrawn in place on a terminal, a line every 10% in a log. */
    static final class ConsoleBar implements Progress {
        private static final int WIDTH = 30;
        private final PrintWriter bars;
        private final PrintWriter log;
        private final boolean terminal;
        private boolean drawn;
        private int lastTenth = -1;

        ConsoleBar(PrintWriter bars, PrintWriter log, boolean terminal) {
            this.bars = bars;
            this.log = log;
            this.terminal = terminal;
        }

        @Override
        public synchronized void stage(String name, double fraction) {
            if (fraction < 0) {
                return;
            }
            int filled = (int) Math.round(Math.min(1, fraction) * WIDTH);
            String line = String.format(Locale.ROOT, "[%s%s] %3d%%  %s", "#".repeat(filled),
                    " ".repeat(WIDTH - filled), Math.round(fraction * 100), name);
            if (terminal) {
                bars.print("\r" + line + "\033[K");
                drawn = true;
            } else {
                int tenth = (int) (fraction * 10);
                if (tenth == lastTenth) {
                    return;
                }
                lastTenth = tenth;
                bars.println(line);
            }
            bars.flush();
        }

        @Override
        public synchronized void line(String text) {
            end();
            log.println("  " + text);
            log.flush();
        }

        synchronized void end() {
            if (drawn) {
                bars.println();
                bars.flush();
                drawn = false;
            }
        }
    }
}

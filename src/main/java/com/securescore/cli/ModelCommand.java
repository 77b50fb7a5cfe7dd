package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore model}: where the default model is cached, and fetching it ahead of time. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = {"The default model: ResNet-50 v1 from the ONNX model zoo, fetched once into the user's cache "
            + "and checked against its pinned SHA-256.", "Without it, serve uses the built-in demo model."},
        subcommands = {ModelCommand.Status.class, ModelCommand.Fetch.class})
final class ModelCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What to do about a failed fetch, by what went wrong. */
    static String fix(ModelDownloader.DownloadException.Kind kind, ModelSpec model) {
        return switch (kind) {
            case UNREACHABLE -> "check the connection (a proxy goes in HTTPS_PROXY), use an internal copy with "
                    + "--mirror "
                    + "URL, or download " + model.fileName() + " elsewhere and add it with --from FILE.";
            case REFUSED -> "the address may have moved: use an internal copy with --mirror URL, or download "
                    + model.fileName() + " elsewhere and add it with --from FILE.";
            case INTERRUPTED -> "run `securescore model fetch` again; it resumes where the transfer stopped.";
            case NOT_THE_PINNED_FILE -> "the source serves a different or damaged file; use an exact copy of "
                    + model.fileName() + " (SHA-256 " + model.shortHash() + ") from "
                    + ModelSpec.RESNET50_V1.urls().get(0)
                    + ".";
        };
    }

    static ObjectNode json(ModelCache.Status status) {
        ModelSpec m = status.spec();
        return Json.object().put("model", m.title()).put("file", status.file().toString())
                .put("state", status.state().name().toLowerCase(Locale.ROOT))
                .put("detail", status.detail()).put("bytesPresent", status.bytesPresent()).put("bytes", m.size())
                .put("sha256", m.sha256()).put("source", m.urls().get(0).toString());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Whether the default model is in the cache and still matches its pinned SHA-256 "
                + "(exit 0 if so).")
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        JsonOption output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ModelCache.Status status = ModelCache.standard().status(ModelSpec.resnet50(null));
            if (output.json) {
                Json.print(out, json(status));
            } else {
                out.println(status.spec().title() + ": " + status.detail() + ".");
                out.println("  file:   " + status.file());
                out.println("  sha256: " + status.spec().sha256() + " (pinned)");
                if (status.state() != ModelCache.State.VERIFIED) {
                    out.println("  fix:    run `securescore model fetch` while online"
                            + (status.state() == ModelCache.State.DAMAGED ? "; it replaces the damaged file." : "."));
                }
            }
            return status.state() == ModelCache.State.VERIFIED ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download the default model now (resuming an interrupted download), so serve starts with it "
                + "even offline.")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--mirror", paramLabel = "URL", description = "Fetch from this address instead (an internal "
                + "mirror); the pinned SHA-256 still applies. Also SECURESCORE_MODEL_MIRROR.")
        URI mirror;

        @Option(names = "--from", paramLabel = "FILE", description = "Use a copy of resnet50-v1-7.onnx you "
                + "already have (fetched on another machine); it must match the pinned SHA-256.")
        Path from;

        @Mixin
        JsonOption output;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            ModelCache cache = ModelCache.standard();
            if (from != null && !Files.isRegularFile(from)) {
                throw new NoSuchFileException(from.toString());
            }
            ModelSpec model = ModelSpec.resnet50(mirror);
            // Whether bytes were fetched tells "was already there" from "is there now", without hashing
            // the cached file once more beforehand; the bar prints nothing unless bytes arrive.
            AtomicBoolean transferred = new AtomicBoolean();
            ModelDownloader.Progress bar = output.json ? ModelDownloader.Progress.NONE
                    : new DownloadProgressBar(spec.commandLine().getErr(), DownloadProgressBar.terminal(), model,
                            cache.pathOf(model));
            ModelDownloader.Progress progress = (done, total) -> {
                transferred.set(true);
                bar.update(done, total);
            };
            String failure = null;
            ModelDownloader.DownloadException.Kind kind = null;
            try {
                if (from != null) {
                    ModelDownloader.install(cache, model, from);
                } else {
                    ModelDownloader.standard().fetch(cache, model, progress);
                }
            } catch (ModelDownloader.DownloadException e) {
                failure = e.getMessage();
                kind = e.kind();
            }
            ModelCache.Status after = cache.status(model);
            if (output.json) {
                ObjectNode node = json(after);
                if (failure != null) {
                    node.put("error", failure).put("fix", fix(kind, model));
                }
                Json.print(out, node);
            } else if (failure != null) {
                out.println(failure);
                out.println("fix: " + fix(kind, model) + " Until then `securescore serve` uses the demo model.");
            } else {
                out.println(model.title() + (transferred.get() || from != null ? " is" : " was already")
                        + " in the cache, " + after.detail() + ": " + after.file());
            }
            return failure == null ? ExitCodes.OK : ExitCodes.FINDINGS;
        }
    }
}

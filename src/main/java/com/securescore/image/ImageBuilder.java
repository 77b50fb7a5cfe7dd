package com.securescore.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.ProgressEventHandler;
import com.securescore.Version;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the scoring service's container image from the installed application, without Maven and
 * without a Docker daemon (Jib): SecureScore's own jar on a base image with a Java 17 runtime,
 * started as {@code java -jar /app/securescore.jar} by the unprivileged user 10001, so the
 * Deployment's {@code args} ({@code serve ...}) run it. Optionally a model is baked in, so pods
 * start without downloading one. Pushed to a registry, or written as a docker archive.
 */
public final class ImageBuilder {
    /** Eclipse Temurin's Java 17 runtime on Docker Hub, the base a first build uses. */
    public static final String DEFAULT_BASE = "eclipse-temurin:17-jre";
    /** Where the jar lives in the image; the entrypoint runs it. */
    public static final String JAR_IN_IMAGE = "/app/securescore.jar";
    /** Where a baked ResNet-50 lives; {@code SECURESCORE_MODELS_DIR} points the model cache at it. */
    public static final String MODELS_DIR = "/opt/securescore/models";
    /** Where a baked ONNX model and its labels live; {@code SECURESCORE_MODEL} and {@code _LABELS} name them. */
    public static final String CUSTOM_MODEL_DIR = "/opt/securescore/model";
    /** The user and group the service runs as (the Deployment's runAsUser). */
    public static final String USER = "10001:10001";

    /** A model to bake into the image. */
    public sealed interface Model {
        /** No model: pods use --demo-model, or download ResNet-50 where they can reach the internet. */
        record None() implements Model {
        }

        /** ResNet-50 v1 from the model cache, verified (the file's name is the cache's). */
        record ResNet(Path file) implements Model {
        }

        /** An ONNX classifier with its labels (one per line), as {@code serve --model --labels} takes. */
        record Onnx(Path model, Path labels) implements Model {
        }
    }

    /**
     * What to build.
     *
     * @param target where the image goes, {@code registry/name:tag}; with {@code tar}, the name in the archive
     * @param base   a registry image with a Java 17+ runtime, or {@code tar://FILE} (a docker archive)
     * @param jar    SecureScore's jar ({@link InstalledJar#locate()})
     * @param tar    write a docker archive here instead of pushing; null to push
     * @param trust  CA certificates the registries' TLS certificates may chain to, beside the JDK's
     */
    public record Request(String target, String base, Path jar, Model model, Path tar, List<X509Certificate> trust) {
        public Request {
            base = base == null || base.isBlank() ? DEFAULT_BASE : base.trim();
            model = model == null ? new Model.None() : model;
            trust = List.copyOf(trust);
        }
    }

    /**
     * A finished build.
     *
     * @param reference  the image as the cluster should name it: {@code registry/name:tag}, and with
     *                   {@code @sha256:...} once pushed
     * @param credential whose credentials pushed it and from where, or null when none were needed
     */
    public record Result(String reference, String tag, String digest, boolean pushed, Path tar, long bytes,
                         Duration took, String credential) {
    }

    private final RegistryCredentials credentials;
    private final Path layerCache;

    /**
     * @param layerCache where base-image layers are kept between builds (a second build pulls nothing)
     */
    public ImageBuilder(RegistryCredentials credentials, Path layerCache) {
        this.credentials = credentials;
        this.layerCache = layerCache;
    }

    public Result build(Request request, Progress progress, Cancellation cancel) throws ImageBuildException {
        long started = System.nanoTime();
        Sources sources = sources(request);
        cancel.check();
        Access access = access(request, sources, progress);
        cancel.check();

        Path appLayers = null;
        try {
            appLayers = Files.createTempDirectory("securescore-image");
            JibContainerBuilder builder = containerBuilder(sources, access.pullAs());
            modelLayer(request.model(), builder, progress);
            Containerizer containerizer = request.tar() != null
                    ? Containerizer.to(TarImage.at(request.tar()).named(sources.target()))
                    : Containerizer.to(registry(sources.target(), access.pushAs()));
            // Unbounded as Jib's own: its steps block on each other's futures, and a fixed pool starves.
            ExecutorService executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "image-build");
                t.setDaemon(true);
                return t;
            });
            String doing = request.tar() != null ? "Writing " + request.tar().getFileName() : "Pushing to "
                    + sources.target().getRegistry();
            configure(containerizer, access.connection(), appLayers, executor, doing, progress);
            progress.stage(doing, 0.05);
            progress.line((sources.baseTar() != null ? "Base: the archive " + sources.baseTar()
                    : "Base: " + sources.base()) + "; SecureScore " + Version.get() + " from " + sources.jar() + " ("
                    + mebibytes(Files.size(sources.jar())) + ").");
            JibContainer container = runCancellably(() -> access.connection().during(
                    () -> builder.containerize(containerizer)), executor, cancel);
            return result(request, sources.target(), container, access.pushAs(), started, progress);
        } catch (CancellationException e) {
            throw e;
        } catch (Exception e) {
            throw access.problems().explain(e);
        } finally {
            deleteQuietly(appLayers);
        }
    }

    /** What the image is made of: the target's name, the jar, and the base as a registry image or an archive. */
    private record Sources(ImageReference target, Path jar, ImageReference base, Path baseTar) {
    }

    private static Sources sources(Request request) throws ImageBuildException {
        ImageReference target = parse(request.target(), "The image name");
        Path jar = InstalledJar.check(request.jar());
        boolean fromTar = request.base().startsWith(Jib.TAR_IMAGE_PREFIX);
        ImageReference base = fromTar ? null : parse(request.base(), "The base image");
        Path baseTar = fromTar ? Path.of(request.base().substring(Jib.TAR_IMAGE_PREFIX.length())) : null;
        if (baseTar != null && !Files.isRegularFile(baseTar)) {
            throw new ImageBuildException("The base image archive " + baseTar + " does not exist.");
        }
        return new Sources(target, jar, base, baseTar);
    }

    /** Whose credentials pull and push, the connection to the registries, and how a failure is explained. */
    private record Access(Optional<RegistryCredentials.Credential> pushAs,
                          Optional<RegistryCredentials.Credential> pullAs, RegistryConnection connection,
                          ImageProblems problems) {
    }

    private Access access(Request request, Sources sources, Progress progress) throws ImageBuildException {
        ImageReference target = sources.target();
        ImageReference base = sources.base();
        progress.stage("Looking for registry credentials", 0.01);
        Optional<RegistryCredentials.Credential> pushAs = request.tar() == null
                ? credentials.find(target.getRegistry()) : Optional.empty();
        Optional<RegistryCredentials.Credential> pullAs = base == null ? Optional.empty()
                : base.getRegistry().equals(target.getRegistry()) && request.tar() == null ? pushAs
                : credentials.fromDockerConfig(base.getRegistry());
        pushAs.ifPresent(c -> progress.line("Pushing to " + target.getRegistry() + " as " + c.user() + " ("
                + c.source() + ")."));
        RegistryConnection connection = RegistryConnection.open(request.trust(), progress,
                base == null ? List.of() : List.of(base.getRegistry()),
                request.tar() == null ? List.of(target.getRegistry()) : List.of(), !request.trust().isEmpty());
        ImageProblems problems = new ImageProblems(request, target, base, credentials, pushAs, pullAs);
        return new Access(pushAs, pullAs, connection, problems);
    }

    /** The image without its model: the jar on the base, run as the unprivileged user, the service's ports. */
    private static JibContainerBuilder containerBuilder(Sources sources,
                                                        Optional<RegistryCredentials.Credential> pullAs) {
        JibContainerBuilder builder = sources.baseTar() != null ? Jib.from(TarImage.at(sources.baseTar()))
                : Jib.from(registry(sources.base(), pullAs));
        return builder.setEntrypoint("java", "-jar", JAR_IN_IMAGE)
                .setProgramArguments("serve", "--help")
                .setUser(USER)
                .addEnvironmentVariable("SECURESCORE_CACHE_DIR", "/cache")
                .addExposedPort(Port.tcp(50051))
                .addExposedPort(Port.tcp(8080))
                .addLabel("org.opencontainers.image.title", "SecureScore scoring service")
                .addLabel("org.opencontainers.image.version", Version.get())
                .setCreationTime(Instant.now())
                .addFileEntriesLayer(FileEntriesLayer.builder().setName("securescore")
                        .addEntry(sources.jar(), AbsoluteUnixPath.get(JAR_IN_IMAGE)).build());
    }

    /** Caches, threads, and Jib's progress and warnings turned into the build's own lines. */
    private void configure(Containerizer containerizer, RegistryConnection connection, Path appLayers,
                           ExecutorService executor, String doing, Progress progress) {
        AtomicLong lastReport = new AtomicLong();
        containerizer.setToolName("securescore").setToolVersion(Version.get())
                .setAllowInsecureRegistries(connection.plainHttp())
                .setBaseImageLayersCache(layerCache)
                .setApplicationLayersCache(appLayers)
                .setExecutorService(executor)
                .addEventHandler(ProgressEvent.class, new ProgressEventHandler(update -> {
                    long now = System.nanoTime();
                    if (now - lastReport.get() > 200_000_000L || update.getProgress() >= 1) {
                        lastReport.set(now);
                        progress.stage(doing, 0.05 + 0.9 * update.getProgress());
                    }
                }))
                .addEventHandler(LogEvent.class, event -> {
                    // A base named by tag is the usual case, not worth a warning to people.
                    if (event.getLevel() == LogEvent.Level.WARN
                            && !event.getMessage().contains("does not use a specific image digest")) {
                        progress.line("Note: " + event.getMessage());
                    }
                });
    }

    private static Result result(Request request, ImageReference target, JibContainer container,
                                 Optional<RegistryCredentials.Credential> pushAs, long started, Progress progress)
            throws IOException {
        String digest = container.getDigest().toString();
        long bytes = request.tar() != null ? Files.size(request.tar()) : -1;
        String reference = request.tar() != null ? target.toString() : target.toString() + "@" + digest;
        progress.stage("Built", 1);
        return new Result(reference, target.toString(), digest, request.tar() == null, request.tar(), bytes,
                Duration.ofNanos(System.nanoTime() - started), pushAs.map(c -> c.user() + " (" + c.source() + ")")
                .orElse(null));
    }

    /** The build's own copy of SecureScore's layer: as large as the jar, of no use once pushed. */
    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A temporary folder: the system cleans it up later.
        }
    }

    private static RegistryImage registry(ImageReference image, Optional<RegistryCredentials.Credential> as) {
        RegistryImage registryImage = RegistryImage.named(image);
        as.ifPresent(c -> registryImage.addCredential(c.user(), c.password()));
        return registryImage;
    }

    private static void modelLayer(Model model, JibContainerBuilder builder, Progress progress) throws IOException,
            ImageBuildException {
        if (model instanceof Model.ResNet resnet) {
            AbsoluteUnixPath in = AbsoluteUnixPath.get(MODELS_DIR).resolve(resnet.file().getFileName().toString());
            builder.addFileEntriesLayer(FileEntriesLayer.builder().setName("model").addEntry(resnet.file(), in)
                    .build());
            builder.addEnvironmentVariable("SECURESCORE_MODELS_DIR", MODELS_DIR);
            progress.line("Model: " + resnet.file().getFileName() + " (" + mebibytes(Files.size(resnet.file()))
                    + ") baked in at " + in + "; pods start without downloading it.");
        } else if (model instanceof Model.Onnx onnx) {
            for (Path p : new Path[] {onnx.model(), onnx.labels()}) {
                if (p != null && !Files.isRegularFile(p)) {
                    throw new ImageBuildException("The model file " + p + " does not exist.");
                }
            }
            FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("model");
            AbsoluteUnixPath file = AbsoluteUnixPath.get(CUSTOM_MODEL_DIR).resolve("model.onnx");
            layer.addEntry(onnx.model(), file);
            builder.addEnvironmentVariable("SECURESCORE_MODEL", file.toString());
            if (onnx.labels() != null) {
                AbsoluteUnixPath labels = AbsoluteUnixPath.get(CUSTOM_MODEL_DIR).resolve("labels.txt");
                layer.addEntry(onnx.labels(), labels);
                builder.addEnvironmentVariable("SECURESCORE_LABELS", labels.toString());
            }
            builder.addFileEntriesLayer(layer.build());
            progress.line("Model: " + onnx.model().getFileName() + " (" + mebibytes(Files.size(onnx.model()))
                    + ") baked in at " + file + "; the service runs it when no other model is named.");
        }
    }

    /** Work that may throw anything Jib throws. */
    interface Work<T> {
        T run() throws Exception;
    }

    /** Runs {@code work} on its own thread, so Cancel stops the build at once (its threads are interrupted). */
    private static <T> T runCancellably(Work<T> work, ExecutorService executor, Cancellation cancel)
            throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "image-containerize");
            t.setDaemon(true);
            return t;
        });
        try {
            Future<T> future = runner.submit(work::run);
            while (true) {
                try {
                    return future.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    if (cancel.isCancelled()) {
                        future.cancel(true);
                        executor.shutdownNow();
                        throw new CancellationException("Cancelled: the image was not finished; nothing was tagged.");
                    }
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception x ? x : e;
                }
            }
        } finally {
            runner.shutdownNow();
            executor.shutdownNow();
        }
    }

    private static ImageReference parse(String reference, String what) throws ImageBuildException {
        try {
            return ImageReference.parse(reference == null ? "" : reference.trim());
        } catch (InvalidImageReferenceException e) {
            throw new ImageBuildException(what + " \"" + reference + "\" is not a valid image reference: use "
                    + "REGISTRY/NAME:TAG, e.g. registry.example.com/securescore:" + Version.get() + ".");
        }
    }

    static String mebibytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}

package com.securescore.ui.deploy;

import com.securescore.Version;
import com.securescore.image.ImageBuildException;
import com.securescore.image.ImageBuilder;
import com.securescore.image.InstalledJar;
import com.securescore.image.RegistryCredentials;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelSpec;
import com.securescore.task.Cancellation;
import com.securescore.task.DurationText;
import com.securescore.task.Progress;
import com.securescore.ui.BackgroundRunner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Kubernetes pane's "Build and push": this installation's jar on a Java 17 base image, pushed to
 * the user's registry with the pane's registry login (else the Docker config's entry), optionally
 * with ResNet-50 from the model cache baked in. Progress, a log and Cancel as the deployment has;
 * the pushed reference ({@code name@sha256:...}) is the result, which the pane puts into its Image field.
 */
public final class ImageBuildViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Finds the jar to put into the image; the installed one by default, a test's file in tests. */
    @FunctionalInterface
    public interface JarLocator {
        Path locate() throws ImageBuildException;
    }

    /**
     * Where a build gets what it needs from this machine.
     *
     * @param jar          this SecureScore's jar ({@link InstalledJar#locate()})
     * @param models       the model cache ResNet-50 is baked from
     * @param resnet       the ResNet-50 file as the cache pins it
     * @param layerCache   where base-image layers are kept between builds
     * @param dockerConfig the Docker config read when the pane has no registry login
     */
    public record Parts(JarLocator jar, ModelCache models, ModelSpec resnet, Path layerCache, Path dockerConfig) {
        /** The installed application's: its jar, the standard model cache, the user's Docker config. */
        public static Parts installed() {
            ModelCache cache = ModelCache.standard();
            return new Parts(InstalledJar::locate, cache, ModelSpec.resnet50(null),
                    cache.directory().resolve("image-layers"),
                    RegistryCredentials.standardDockerConfig(System.getenv()));
        }
    }

    private final BackgroundRunner runner;
    private final Parts parts;
    private final Supplier<RegistryCredentials.Login> login;

    private final BooleanProperty open = new SimpleBooleanProperty(false);
    private final StringProperty target = new SimpleStringProperty("");
    private final StringProperty base = new SimpleStringProperty(ImageBuilder.DEFAULT_BASE);
    private final StringProperty caFile = new SimpleStringProperty("");
    private final BooleanProperty bakeResnet = new SimpleBooleanProperty(false);
    private final BooleanProperty resnetAvailable = new SimpleBooleanProperty(false);
    private final StringProperty resnetNote = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final StringProperty stage = new SimpleStringProperty("");
    private final DoubleProperty fraction = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty(false);
    private final ObservableList<String> log = FXCollections.observableArrayList();
    private final ObjectProperty<ImageBuilder.Result> result = new SimpleObjectProperty<>();
    private Path resnetFile;
    private Cancellation cancel;

    /**
     * @param login the pane's registry login when it has one, else null (then the Docker config's entry
     *              for the registry is used, as docker does); throws IllegalArgumentException with a
     *              message for people when the login is half filled in
     */
    public ImageBuildViewModel(BackgroundRunner runner, Parts parts, Supplier<RegistryCredentials.Login> login) {
        this.runner = runner;
        this.parts = parts;
        this.login = login;
    }

    /**
     * Shows the panel: the image name taken from the pane's Image field when that names a registry
     * (without its digest), and whether ResNet-50 can be baked in.
     */
    public void open(String imageField) {
        if (target.get() == null || target.get().isBlank()) {
            target.set(suggestedTarget(imageField));
        }
        checkResnet();
        open.set(true);
    }

    public void close() {
        if (!busy.get()) {
            open.set(false);
        }
    }

    /** {@code registry.example.com/team/securescore:1@sha256:...} → without the digest; "" for a name without a registry. */
    static String suggestedTarget(String image) {
        String s = image == null ? "" : image.trim();
        int at = s.indexOf('@');
        if (at >= 0) {
            s = s.substring(0, at);
        }
        int slash = s.indexOf('/');
        if (slash <= 0) {
            return "";
        }
        String first = s.substring(0, slash);
        boolean registry = first.contains(".") || first.contains(":") || first.equals("localhost");
        return registry ? s : "";
    }

    /** What the image-name field suggests when empty. */
    public static String targetPrompt() {
        return "REGISTRY/securescore:" + Version.get();
    }

    private void checkResnet() {
        ModelCache.Status s;
        try {
            s = parts.models().status(parts.resnet());
        } catch (IOException e) {
            s = null;
        }
        boolean verified = s != null && s.state() == ModelCache.State.VERIFIED;
        resnetFile = verified ? s.file() : null;
        resnetAvailable.set(verified);
        if (!verified) {
            bakeResnet.set(false);
            resnetNote.set("Not possible here: ResNet-50 is not in this machine's model cache ("
                    + (s == null ? "it could not be read" : s.detail()) + "). Starting the service once on the "
                    + "Local target with ResNet-50 puts it there. Without it, each pod downloads ResNet-50 when it "
                    + "starts, or runs the demo model.");
        } else {
            resnetNote.set("ResNet-50 (" + ModelSpec.mebibytes(s.bytesPresent()) + ") from this machine's model "
                    + "cache goes into the image, so pods start without downloading it.");
        }
    }

    /** Why Build cannot start, or null. */
    String problem() {
        if (target.get() == null || target.get().isBlank()) {
            return "Name the image to push, with its registry: e.g. registry.example.com/team/securescore:"
                    + Version.get() + ".";
        }
        return null;
    }

    /** Builds and pushes; the result (or the registry's refusal, in its own words) shows in the panel. */
    public void build() {
        if (busy.get()) {
            return;
        }
        String problem = problem();
        Path jar = null;
        List<X509Certificate> trust = List.of();
        RegistryCredentials.Login as = null;
        try {
            if (problem == null) {
                jar = parts.jar().locate();
                trust = trusted();
                as = login.get();
            }
        } catch (ImageBuildException e) {
            problem = e.getMessage();
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            result.set(null);
            failed.set(true);
            status.set(problem);
            return;
        }
        ImageBuilder.Model model = bakeResnet.get() && resnetFile != null ? new ImageBuilder.Model.ResNet(resnetFile)
                : new ImageBuilder.Model.None();
        ImageBuilder.Request request = new ImageBuilder.Request(target.get().trim(), base.get(), jar, model, null,
                trust);
        RegistryCredentials credentials = new RegistryCredentials(parts.dockerConfig(), as);
        Cancellation token = new Cancellation();
        cancel = token;
        busy.set(true);
        failed.set(false);
        result.set(null);
        status.set("");
        stage.set("Starting");
        fraction.set(0);
        line("Building " + request.target() + " from " + request.base() + (model instanceof ImageBuilder.Model.ResNet
                ? ", with ResNet-50 baked in." : "."));
        Progress progress = reportsOf(token);
        runner.run(() -> new ImageBuilder(credentials, parts.layerCache()).build(request, progress, token),
                this::pushed, this::buildFailed);
    }

    private void pushed(ImageBuilder.Result done) {
        busy.set(false);
        stage.set("Pushed");
        fraction.set(1);
        String took = DurationText.human(done.took());
        line("Pushed " + done.reference() + " in " + took + ".");
        status.set("Pushed " + done.reference() + " in " + took + ". The Image field now names it, so Deploy "
                + "runs this image.");
        result.set(done);
    }

    private void buildFailed(Throwable failure) {
        busy.set(false);
        failed.set(true);
        boolean cancelled = failure instanceof CancellationException;
        String why = failure instanceof ImageBuildException ? failure.getMessage()
                : cancelled ? "Cancelled: the image was not finished, and nothing was tagged in the registry."
                : "The image was not built: " + failure;
        stage.set(cancelled ? "Cancelled" : "Failed");
        status.set(why);
        line(why);
    }

    /**
     * The build's progress on the FX thread, until it has ended: Jib's threads still report for a moment
     * after Cancel, and "Pushing" must not replace "Cancelled".
     */
    private Progress reportsOf(Cancellation token) {
        return new Progress() {
            @Override
            public void stage(String name, double value) {
                runner.post(() -> {
                    if (current(token)) {
                        stage.set(name);
                        fraction.set(value);
                    }
                });
            }

            @Override
            public void line(String text) {
                runner.post(() -> {
                    if (current(token)) {
                        ImageBuildViewModel.this.line(text);
                    }
                });
            }
        };
    }

    private boolean current(Cancellation token) {
        return busy.get() && cancel == token;
    }

    public void cancel() {
        if (cancel != null && busy.get()) {
            cancel.cancel();
        }
    }

    /** The CA file's certificates, beside the JDK's roots; none when no file is named. */
    private List<X509Certificate> trusted() throws ImageBuildException {
        String name = caFile.get() == null ? "" : caFile.get().trim();
        if (name.isEmpty()) {
            return List.of();
        }
        Path file = Path.of(name);
        if (!Files.isRegularFile(file)) {
            throw new ImageBuildException("The registry CA file " + file + " does not exist.");
        }
        List<X509Certificate> all = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                all.add((X509Certificate) c);
            }
        } catch (IOException | CertificateException e) {
            throw new ImageBuildException("The registry CA file " + file + " could not be read as certificates "
                    + "(PEM or DER): " + e.getMessage());
        }
        if (all.isEmpty()) {
            throw new ImageBuildException("The registry CA file " + file + " holds no certificate (PEM or DER).");
        }
        return all;
    }

    private void line(String text) {
        log.add(LocalTime.now().format(CLOCK) + "  " + text);
    }

    public ReadOnlyBooleanProperty openProperty() {
        return open;
    }

    public StringProperty targetProperty() {
        return target;
    }

    public StringProperty baseProperty() {
        return base;
    }

    public StringProperty caFileProperty() {
        return caFile;
    }

    public BooleanProperty bakeResnetProperty() {
        return bakeResnet;
    }

    public ReadOnlyBooleanProperty resnetAvailableProperty() {
        return resnetAvailable;
    }

    public ReadOnlyStringProperty resnetNoteProperty() {
        return resnetNote;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyStringProperty stageProperty() {
        return stage;
    }

    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    public ObservableList<String> log() {
        return log;
    }

    public ReadOnlyObjectProperty<ImageBuilder.Result> resultProperty() {
        return result;
    }
}

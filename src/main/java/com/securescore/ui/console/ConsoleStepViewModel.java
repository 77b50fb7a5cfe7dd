package com.securescore.ui.console;

import com.securescore.diagnose.EndpointProbe;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.scoring.ImageFiles;
import com.securescore.scoring.ImageScoring;
import com.securescore.scoring.KeyFiles;
import com.securescore.scoring.Labels;
import com.securescore.scoring.Percentiles;
import com.securescore.scoring.ScoringChannel;
import com.securescore.scoring.ScoringClient;
import com.securescore.scoring.ScoringException;
import com.securescore.scoring.TrustFileException;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.PortText;
import com.securescore.ui.wizard.WizardState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The scoring console: where to send images, with which key and trust, and the session's results.
 * The key lives only in memory; the equivalent command line names a key file, never the key.
 */
public final class ConsoleStepViewModel {
    /** One scored (or failed) image of this session. */
    public record Result(Path image, ScoringClient.ImageScore score, String error, String code, String fix) {
        public boolean ok() {
            return error == null;
        }
    }

    private final WizardState state;
    private final BackgroundRunner runner;
    private final StringProperty host = new SimpleStringProperty("");
    private final StringProperty port = new SimpleStringProperty("50051");
    private final StringProperty connectTo = new SimpleStringProperty("");
    private final StringProperty key = new SimpleStringProperty("");
    private final BooleanProperty bearer = new SimpleBooleanProperty(false);
    /**
     * The console's own trusted roots file (null: the system's roots): prefilled from the Certificate
     * step's trusted root, never written back, so what one tries here leaves that step's findings and
     * the saved progress as they were.
     */
    private final StringProperty trustPath = new SimpleStringProperty();
    /** The Certificate step's trusted root when the console last took it; a new one there replaces ours. */
    private String trustTaken;
    private final StringProperty status = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObservableList<Result> results = FXCollections.observableArrayList();
    private final List<Double> latencies = new ArrayList<>();
    private final StringProperty totals = new SimpleStringProperty("No images scored yet.");
    /** True while the status line reports a failure (the view styles it as one). */
    private final BooleanProperty failed = new SimpleBooleanProperty(false);
    /** Images that failed this session, beside the latencies of those that were scored. */
    private int failures;
    private final StringProperty labelsSource = new SimpleStringProperty("");
    private final BooleanProperty demoModel = new SimpleBooleanProperty(false);
    private List<Path> lastImages = List.of();

    public ConsoleStepViewModel(WizardState state, BackgroundRunner runner) {
        this.state = state;
        this.runner = runner;
    }

    /** Picks up what earlier steps decided: the domain as host, the endpoint, the trust file. */
    public void onEnter() {
        if (host.get().isBlank() && state.getDomain() != null) {
            host.set(state.getDomain());
        }
        if (state.endpointHostProperty().get() != null) {
            host.set(state.endpointHostProperty().get());
        }
        if (state.endpointPortProperty().get() != null) {
            port.set(String.valueOf(state.endpointPortProperty().get()));
        }
        if (state.connectToProperty().get() != null) {
            connectTo.set(state.connectToProperty().get());
        }
        if (key.get().isBlank() && state.keysFileProperty().get() != null) {
            loadKeyFile(state.keysFileProperty().get());
        }
        String root = Objects.toString(state.trustPathProperty().get(), null);
        if (!Objects.equals(root, trustTaken)) {
            trustTaken = root;
            trustPath.set(root);
        }
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty portProperty() {
        return port;
    }

    public StringProperty connectToProperty() {
        return connectTo;
    }

    public StringProperty keyProperty() {
        return key;
    }

    public BooleanProperty bearerProperty() {
        return bearer;
    }

    /** The roots file this console trusts; changing it changes nothing outside the console. */
    public StringProperty trustPathProperty() {
        return trustPath;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<Result> results() {
        return results;
    }

    /** Where the service says the latest scores come from ("" until one says so). */
    public ReadOnlyStringProperty labelsSourceProperty() {
        return labelsSource;
    }

    /** The service runs SecureScore's demo model: its scores describe colours, not objects. */
    public BooleanProperty demoModelProperty() {
        return demoModel;
    }

    public ReadOnlyStringProperty totalsProperty() {
        return totals;
    }

    /** True while the status line tells of a failure rather than progress or success. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed;
    }

    /** Reads the primary key from a service's keys file (or a file holding just the key). */
    public void loadKeyFile(Path file) {
        loadKeyFile(file, false);
    }

    /** Reads the primary or secondary key from a service's keys file (or a file holding just the key). */
    public void loadKeyFile(Path file, boolean secondary) {
        try {
            key.set(KeyFiles.require(file, secondary));
            failed.set(false);
            status.set("Key loaded from " + file.getFileName() + ".");
        } catch (KeyFiles.NoKeyException e) {
            key.set("");
            failed.set(true);
            status.set(e.getMessage());
        } catch (IOException e) {
            fail("Could not read " + file + ": " + e.getMessage());
        }
    }

    /** The command that does the same from a terminal; the key is referred to by file, never written out. */
    public StringBinding command() {
        return Bindings.createStringBinding(() -> {
            // Placeholders, never an empty value, while a field is still blank.
            StringBuilder b = new StringBuilder("securescore score --host ")
                    .append(host.get().isBlank() ? "HOST" : host.get().strip())
                    .append(" --port ").append(port.get().isBlank() ? "PORT" : port.get().strip()).append(" --key-file ")
                    .append(state.keysFileProperty().get() == null ? "KEYS.json"
                            : quote(state.keysFileProperty().get().toString()));
            if (bearer.get()) {
                b.append(" --bearer");
            }
            if (trustPath.get() != null) {
                b.append(" --trust ").append(quote(trustPath.get()));
            }
            if (!connectTo.get().isBlank()) {
                b.append(" --connect-to ").append(connectTo.get().strip());
            }
            lastImages.forEach(p -> b.append(' ').append(quote(p.toString())));
            return b.toString();
        }, host, port, bearer, connectTo, trustPath, state.keysFileProperty(), results);
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:@-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    /** Scores the images, one call each, and adds them to the session's results. */
    public void score(List<Path> dropped) {
        List<Path> images = images(dropped);
        if (images.isEmpty()) {
            return;
        }
        OptionalInt typed = PortText.parse(port.get());
        if (typed.isEmpty()) {
            fail(PortText.PROBLEM);
            return;
        }
        int p = typed.getAsInt();
        if (key.get().isBlank()) {
            fail("Enter the service's key (or load it from the service's keys file).");
            return;
        }
        lastImages = List.copyOf(images);
        String h = host.get().strip();
        String k = key.get().strip();
        boolean b = bearer.get();
        String trust = trustPath.get();
        String address = connectTo.get().strip();
        busy.set(true);
        failed.set(false);
        status.set("Scoring " + images.size() + (images.size() == 1 ? " image…" : " images…"));
        int total = images.size();
        runner.run(() -> {
            List<Result> out = new ArrayList<>();
            try (ScoringChannel channel = ScoringChannel.tls(h, p, trust == null ? null : Path.of(trust),
                    address.isEmpty() ? null : InetAddress.getByName(address))) {
                ScoringClient client = new ScoringClient(channel, new ScoringClient.Auth(k, b, null), List.of());
                new ImageScoring(client, Duration.ofSeconds(10), 5).oneByOne(images, (scored, done) -> {
                    Result r = scored.ok() ? new Result(scored.image(), scored.score(), null, null, null)
                            : new Result(scored.image(), null, scored.error().getMessage()
                                + diagnose(scored.error(), h, p, address, trust), scored.error().code(),
                                scored.error().fixOnScreen());
                    out.add(r);
                    // Each result appears as it comes, with the running totals.
                    runner.post(() -> show(r, done, total));
                });
            }
            return out;
        }, done -> scored(done, total), error -> notConnected(images, error, address));
    }

    /** The images among what was dropped (folders opened), or none with the reason in the status line. */
    private List<Path> images(List<Path> dropped) {
        List<Path> images;
        try {
            images = ImageFiles.collect(dropped);
        } catch (IOException e) {
            fail("Could not read " + e.getMessage() + ".");
            return List.of();
        }
        if (images.isEmpty()) {
            String names = dropped.stream().map(p -> p.getFileName().toString()).collect(Collectors.joining(", "));
            fail("No images (" + ImageFiles.described() + ") in " + names + ".");
        }
        return images;
    }

    private void scored(List<Result> done, int total) {
        long bad = done.stream().filter(r -> !r.ok()).count();
        int notSent = total - done.size();
        failed.set(bad > 0);
        status.set(bad == 0 ? "Scored " + done.size() + " over authenticated TLS."
                : bad + " of " + done.size() + " failed" + (notSent > 0 ? " (the other " + notSent
                    + " were not sent: the connection itself fails)" : "") + ": "
                    + done.stream().filter(r -> !r.ok()).findFirst().map(Result::error).orElse(""));
        busy.set(false);
    }

    /** Nothing was sent: the first image's card says why, as a failed image does, and the others wait. */
    private void notConnected(List<Path> images, Throwable error, String address) {
        Result r = notConnected(images.get(0), error, address);
        int total = images.size();
        show(r, 1, 1);
        busy.set(false);
        failed.set(true);
        status.set("Could not connect: " + r.error() + (total > 1 ? " (the other " + (total - 1)
                + " were not sent)" : ""));
    }

    /** One new result: totals and the model's source first, then the result itself (the view redraws on it). */
    private void show(Result r, int done, int total) {
        if (!r.ok()) {
            failures++;
        } else {
            latencies.add(r.score().latencyMillis());
            String said = r.score().labelsSource();
            if (said != null) {
                labelsSource.set("Scores from: " + said + ".");
                demoModel.set(said.startsWith(Labels.DEMO_MARK));
            }
        }
        totals.set(totalsText());
        if (done < total) {
            status.set("Scored " + done + " of " + total + "…");
        }
        results.add(0, r);
    }

    /** Why no channel could be opened, as a failed result: the trust file, the address, or else the cause. */
    private static Result notConnected(Path image, Throwable error, String address) {
        if (error instanceof TrustFileException e) {
            return new Result(image, null, e.getMessage(), e.code().name(), e.fixOnScreen());
        }
        if (error instanceof UnknownHostException) {
            return new Result(image, null, "The \"Connect to\" address " + address + " does not resolve.",
                    FindingCode.DNS_FAILED.name(), "Give the service's IP address in Connect to (e.g. 127.0.0.1), "
                    + "or leave it empty to connect to the host by its name.");
        }
        return new Result(image, null, String.valueOf(error.getMessage() != null ? error.getMessage() : error),
                FindingCode.CALL_FAILED.name(), "Check the host, the port and the Trust file, then choose the "
                + "images again.");
    }

    /** For connection failures: what the server presents, judged with the certificate findings. */
    private static String diagnose(ScoringException e, String host, int port, String address, String trust) {
        if (!EndpointProbe.explains(e)) {
            return "";
        }
        try {
            var r = new EndpointProbe().probe(host, port,
                    address.isEmpty() ? null : InetAddress.getByName(address),
                    trust == null ? List.of() : List.of(Path.of(trust)));
            StringBuilder b = new StringBuilder();
            r.findings().stream().filter(Finding::isError)
                    .forEach(f -> b.append("\n").append(f.code()).append(": ").append(f.message()));
            return b.toString();
        } catch (IOException ex) {
            return "";
        }
    }

    /**
     * The session's totals. Percentiles mean something only over enough images: below
     * {@link #PERCENTILES_FROM} the median and the slowest are given instead.
     */
    private String totalsText() {
        double[] sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        String failedText = failures == 0 ? "" : " · " + failures + " failed";
        if (sorted.length == 0) {
            return failures == 0 ? "No images scored yet." : "None scored this session" + failedText + ".";
        }
        if (sorted.length < PERCENTILES_FROM) {
            return String.format(Locale.ROOT, "%d scored this session%s · median %.0f ms · slowest %.0f ms",
                    sorted.length, failedText, Percentiles.of(sorted, 0.5), sorted[sorted.length - 1]);
        }
        return String.format(Locale.ROOT, "%d scored this session%s · p50 %.0f ms · p99 %.0f ms", sorted.length,
                failedText, Percentiles.of(sorted, 0.5), Percentiles.of(sorted, 0.99));
    }

    private void fail(String text) {
        failed.set(true);
        status.set(text);
    }

    /** From this many scored images on, the totals give p50 and p99. */
    static final int PERCENTILES_FROM = 20;

    public void clear() {
        results.clear();
        latencies.clear();
        failures = 0;
        failed.set(false);
        totals.set("No images scored yet.");
    }
}

package com.securescore.ui.console;

import com.securescore.scoring.ImageFiles;
import com.securescore.service.ExifOrientation;
import com.securescore.service.ImageClassifier;
import com.securescore.service.ImageDecoder;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.FileDialogs;
import com.securescore.ui.ScrollIntoView;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.image.Image;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Lays out the scoring console: endpoint and key, images in, scored cards and totals out. */
public final class ConsoleStepView implements WizardStep {
    private final ConsoleStepViewModel model;
    private final VBox root = new VBox(12);
    private final VBox cards = new VBox(0);
    private final Button choose = new Button("Choose images…");
    private final Button again = new Button("Clear results");
    private final Label status = new Label();
    private final Label totals = new Label();
    private final Label source = new Label();
    private final TextArea command = new TextArea();

    public ConsoleStepView(WizardState state) {
        this(new ConsoleStepViewModel(state, BackgroundRunner.FX));
    }

    ConsoleStepView(ConsoleStepViewModel model) {
        this.model = model;
    }

    /** The controls are made the first time the step is shown, so the wizard's window comes up sooner. */
    private boolean built;

    public ConsoleStepViewModel model() {
        return model;
    }

    private void build() {
        ConnectionPane connection = new ConnectionPane(model, root.widthProperty());
        choose.setId("consoleChoose");
        choose.setDefaultButton(false);
        again.setId("consoleClear");
        HBox actions = new HBox(10, choose, hint("or drop images here"), again);
        actions.setAlignment(Pos.CENTER_LEFT);
        status.setId("consoleStatus");
        status.setWrapText(true);
        totals.setId("consoleTotals");
        totals.getStyleClass().add("help");
        source.setId("consoleLabelsSource");
        source.setWrapText(true);
        source.setMaxWidth(Double.MAX_VALUE);
        command.setId("consoleCommand");
        command.setEditable(false);
        command.setWrapText(true);
        command.setPrefRowCount(3);
        command.getStyleClass().add("finding-code");
        Label commandLabel = hint("The same from a terminal (KEYS.json: the service's keys file):");
        cards.setId("consoleResults");
        root.getChildren().addAll(connection.view(), actions, status, source, totals, cards, commandLabel, command);
        root.setMaxWidth(680);
    }

    private void bind() {
        choose.setOnAction(e -> chooseImages());
        again.setOnAction(e -> model.clear());
        choose.disableProperty().bind(model.busyProperty());
        keepFocusWhileScoring(choose, again);
        status.textProperty().bind(model.statusProperty());
        model.failedProperty().addListener((o, was, bad) -> {
            status.getStyleClass().remove("message-error");
            if (bad) {
                status.getStyleClass().add("message-error");
            }
        });
        totals.textProperty().bind(model.totalsProperty());
        source.textProperty().bind(model.labelsSourceProperty());
        source.visibleProperty().bind(model.labelsSourceProperty().isNotEmpty());
        source.managedProperty().bind(source.visibleProperty());
        model.demoModelProperty().addListener((o, was, demo) -> {
            source.getStyleClass().removeAll("model-demo", "model-real");
            source.getStyleClass().add(demo ? "model-demo" : "model-real");
        });
        command.textProperty().bind(model.command());
        bindResults();
        installDrop();
    }

    private void bindResults() {
        model.results().addListener((ListChangeListener<ConsoleStepViewModel.Result>) c -> {
            render();
            // The first answer of a run is brought into sight: at a small window it is below the form.
            if (!answerShown && !model.results().isEmpty()) {
                answerShown = true;
                ScrollIntoView.top(status);
            }
        });
        model.busyProperty().addListener((o, was, now) -> {
            if (now) {
                answerShown = false;
            }
        });
    }

    private void installDrop() {
        root.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        root.setOnDragDropped(e -> {
            boolean ok = e.getDragboard().hasFiles();
            if (ok) {
                model.score(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(ok);
            e.consume();
        });
    }

    /** Whether this scoring run's first answer was brought into sight already. */
    private boolean answerShown;

    /** Thumbnails by file, so the session's history is not decoded again on every new result. */
    private final Map<Path, Image> thumbnails = new HashMap<>();

    private void render() {
        cards.getChildren().clear();
        if (model.results().isEmpty()) {
            thumbnails.clear();
        }
        for (ConsoleStepViewModel.Result r : model.results()) {
            Image thumb = thumbnails.computeIfAbsent(r.image(), ConsoleStepView::thumbnail);
            String name = r.image().getFileName().toString();
            if (r.ok()) {
                List<ScoreCardView.LabelScore> top = r.score().top().stream()
                        .map(s -> new ScoreCardView.LabelScore(s.label(), s.score())).toList();
                cards.getChildren().add(new ScoreCardView(name, thumb, top, r.score().probabilities(),
                        r.score().latencyMillis(), null));
            } else {
                cards.getChildren().add(new ScoreCardView(name, thumb, List.of(), 0,
                        r.error() + "\nFix: " + r.fix() + "\n" + r.code().toUpperCase(Locale.ROOT)));
            }
        }
    }

    /**
     * A 96-pixel thumbnail: JavaFX decodes JPEG, PNG, GIF and BMP in the background; WebP, TIFF and
     * JPEGs with an EXIF orientation, which it cannot read or turn, are decoded as the service decodes
     * them. Null if unreadable.
     */
    static Image thumbnail(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean javaFxReads = !name.endsWith(".webp") && !name.endsWith(".tif") && !name.endsWith(".tiff");
        try {
            if (javaFxReads && ExifOrientation.of(file) == 1) {
                return new Image(file.toUri().toString(), 96, 96, true, true, true);
            }
            // Decoded as the service decodes it: WebP and TIFF, and phone photos turned upright.
            BufferedImage img = ImageDecoder.decode(0, Files.readAllBytes(file), 48);
            double scale = Math.min(1, 96.0 / Math.max(img.getWidth(), img.getHeight()));
            int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
            BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
            Graphics2D g = small.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, w, h, null);
            g.dispose();
            return SwingFXUtils.toFXImage(small, null);
        } catch (IOException | ImageClassifier.UndecodableImageException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Choose images… is disabled while scoring, and JavaFX then moves focus to the next button, Clear
     * results, where a stray Enter would clear what was just scored. When scoring ends, focus goes back
     * where it was (Choose images… when that was where it was, or when it had nowhere to be).
     */
    private void keepFocusWhileScoring(Button choose, Button clear) {
        Node[] before = new Node[1];
        model.busyProperty().addListener((o, was, busy) -> {
            Scene scene = choose.getScene();
            if (scene == null) {
                return;
            }
            if (busy) {
                before[0] = scene.getFocusOwner();
                return;
            }
            Node now = scene.getFocusOwner();
            if (now == clear || now == null) {
                Node back = before[0];
                boolean usable = back != null && back != clear && back.getScene() == scene && !back.isDisabled()
                        && back.isVisible();
                (usable ? back : choose).requestFocus();
            }
            before[0] = null;
        });
    }

    private void chooseImages() {
        List<File> files = FileDialogs.current().openFiles(root.getScene().getWindow(),
                "Choose images to score", List.of(new FileChooser.ExtensionFilter("Images",
                        ImageFiles.EXTENSIONS.stream().map(e -> "*." + e).toList())));
        if (files != null) {
            model.score(files.stream().map(File::toPath).toList());
        }
    }

    private static Label hint(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("help");
        return l;
    }

    @Override
    public StepId id() {
        return StepId.CONSOLE;
    }

    @Override
    public String subtitle() {
        return "Score images over authenticated TLS gRPC, with the FPGA service protocol.";
    }

    @Override
    public Node view() {
        if (!built) {
            built = true;
            build();
            bind();
        }
        return root;
    }

    @Override
    public ObservableBooleanValue canAdvance() {
        return ALWAYS_READY;
    }

    @Override
    public ObservableBooleanValue busy() {
        return model.busyProperty();
    }

    @Override
    public void onEnter() {
        model.onEnter();
    }
}

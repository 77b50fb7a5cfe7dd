package com.securescore.ui.console;

import static com.securescore.ui.Controls.label;

import com.securescore.ui.Confirmations;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import java.io.File;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.image.Image;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;

/** Lays out the scoring console: endpoint and key, images in, scored cards and totals out. */
public final class ConsoleStepView implements WizardStep {
    private final ConsoleStepViewModel model;
    private final VBox root = new VBox(12);
    private final VBox cards = new VBox(0);

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
        TextField host = field("consoleHost", model.hostProperty(), 24);
        TextField port = field("consolePort", model.portProperty(), 6);
        TextField connectTo = field("consoleConnectTo", model.connectToProperty(), 14);
        connectTo.setPromptText("optional, e.g. 127.0.0.1");
        PasswordField key = new PasswordField();
        key.setId("consoleKey");
        key.setPrefColumnCount(16);
        key.textProperty().bindBidirectional(model.keyProperty());
        key.setPromptText("primary or secondary key");
        javafx.scene.control.ChoiceBox<String> which = new javafx.scene.control.ChoiceBox<>(
                javafx.collections.FXCollections.observableArrayList("primary", "secondary"));
        which.setId("consoleWhichKey");
        which.setValue("primary");
        Button loadKey = new Button("From keys file…");
        loadKey.setId("consoleLoadKey");
        loadKey.setOnAction(e -> {
            List<File> picked = com.securescore.ui.FileDialogs.current().openFiles(root.getScene().getWindow(),
                    "Choose the service's keys file", List.of(new FileChooser.ExtensionFilter("All files", "*")));
            if (picked != null && !picked.isEmpty()) {
                model.loadKeyFile(picked.get(0).toPath(), "secondary".equals(which.getValue()));
            }
        });
        Button copyKey = new Button("Copy key");
        Confirmations.copyButton(copyKey, () -> model.keyProperty().get());
        CheckBox bearer = new CheckBox("Send as \"Bearer\" (AKS-hosted services)");
        bearer.selectedProperty().bindBidirectional(model.bearerProperty());
        Label trust = new Label();
        trust.setId("consoleTrust");
        trust.textProperty().bind(Bindings.createStringBinding(() -> model.trustPathProperty().get() == null
                ? "the system's trusted roots" : model.trustPathProperty().get(), model.trustPathProperty()));
        Button chooseTrust = new Button("Change…");
        chooseTrust.setId("consoleChooseTrust");
        chooseTrust.setOnAction(e -> {
            List<File> picked = com.securescore.ui.FileDialogs.current().openFiles(root.getScene().getWindow(),
                    "Choose the root certificate clients trust", List.of(
                    new FileChooser.ExtensionFilter("Certificates", "*.pem", "*.crt", "*.cer", "*.der", "*.p7b",
                            "*.p7c"),
                    new FileChooser.ExtensionFilter("All files", "*")));
            if (picked != null && !picked.isEmpty()) {
                model.trustPathProperty().set(picked.get(0).getAbsolutePath());
            }
        });

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(8);
        HBox hostAndPort = new HBox(8, host, label("Port"), port);
        hostAndPort.setAlignment(Pos.BASELINE_LEFT);
        form.addRow(0, label("Host"), hostAndPort);
        Label before = hint("before DNS points at the service");
        before.setWrapText(true);
        before.setMinWidth(0);
        HBox connectRow = new HBox(8, connectTo, before);
        connectRow.setAlignment(Pos.BASELINE_LEFT);
        form.addRow(1, label("Connect to"), connectRow);
        for (javafx.scene.layout.Region r : List.of(which, loadKey, copyKey, chooseTrust)) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        // At the smallest window the buttons go to a second line instead of squeezing the key to a few dots.
        key.setMinWidth(150);
        host.setMinWidth(160);
        port.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.FlowPane keyRow = new javafx.scene.layout.FlowPane(8, 6, key, which, loadKey, copyKey);
        // One line while the page has room for it, two at a narrow window. The grid sizes the row by the
        // wrap length (not by the width it gives the row), so the length follows the page's width.
        root.widthProperty().addListener((o, was, width) ->
                keyRow.setPrefWrapLength(Math.max(200, width.doubleValue() - 100)));
        form.addRow(2, label("Key"), keyRow);
        form.addRow(3, new Label(), bearer);
        HBox trustRow = new HBox(8, trust, chooseTrust);
        trustRow.setAlignment(Pos.BASELINE_LEFT);
        form.addRow(4, label("Trust"), trustRow);
        // Each label on the first line of its row, level with the text beside it.
        for (int row = 0; row < 5; row++) {
            javafx.scene.layout.RowConstraints line = new javafx.scene.layout.RowConstraints();
            line.setValignment(javafx.geometry.VPos.BASELINE);
            form.getRowConstraints().add(line);
        }

        Button choose = new Button("Choose images…");
        choose.setId("consoleChoose");
        choose.setDefaultButton(false);
        choose.setOnAction(e -> chooseImages());
        Button again = new Button("Clear results");
        again.setId("consoleClear");
        again.setOnAction(e -> model.clear());
        choose.disableProperty().bind(model.busyProperty());
        keepFocusWhileScoring(choose, again);
        Label dropHint = hint("or drop images here");
        HBox actions = new HBox(10, choose, dropHint, again);
        actions.setAlignment(Pos.CENTER_LEFT);

        Label status = new Label();
        status.setId("consoleStatus");
        status.setWrapText(true);
        status.textProperty().bind(model.statusProperty());
        model.failedProperty().addListener((o, was, bad) -> {
            status.getStyleClass().remove("message-error");
            if (bad) {
                status.getStyleClass().add("message-error");
            }
        });
        Label totals = new Label();
        totals.setId("consoleTotals");
        totals.getStyleClass().add("help");
        totals.textProperty().bind(model.totalsProperty());

        Label source = new Label();
        source.setId("consoleLabelsSource");
        source.setWrapText(true);
        source.setMaxWidth(Double.MAX_VALUE);
        source.textProperty().bind(model.labelsSourceProperty());
        source.visibleProperty().bind(model.labelsSourceProperty().isNotEmpty());
        source.managedProperty().bind(source.visibleProperty());
        model.demoModelProperty().addListener((o, was, demo) -> {
            source.getStyleClass().removeAll("model-demo", "model-real");
            source.getStyleClass().add(demo ? "model-demo" : "model-real");
        });

        javafx.scene.control.TextArea command = new javafx.scene.control.TextArea();
        command.setId("consoleCommand");
        command.setEditable(false);
        command.setWrapText(true);
        command.setPrefRowCount(3);
        command.textProperty().bind(model.command());
        command.getStyleClass().add("finding-code");
        Label commandLabel = hint("The same from a terminal (KEYS.json: the service's keys file):");

        cards.setId("consoleResults");
        model.results().addListener((ListChangeListener<ConsoleStepViewModel.Result>) c -> {
            render();
            // The first answer of a run is brought into sight: at a small window it is below the form.
            if (!answerShown && !model.results().isEmpty()) {
                answerShown = true;
                com.securescore.ui.ScrollIntoView.top(status);
            }
        });
        model.busyProperty().addListener((o, was, now) -> {
            if (now) {
                answerShown = false;
            }
        });
        root.getChildren().addAll(form, actions, status, source, totals, cards, commandLabel, command);
        root.setMaxWidth(680);
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
    private final java.util.Map<java.nio.file.Path, Image> thumbnails = new java.util.HashMap<>();

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
    static Image thumbnail(java.nio.file.Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean javaFxReads = !name.endsWith(".webp") && !name.endsWith(".tif") && !name.endsWith(".tiff");
        try {
            if (javaFxReads && com.securescore.service.ExifOrientation.of(file) == 1) {
                return new Image(file.toUri().toString(), 96, 96, true, true, true);
            }
            // Decoded as the service decodes it: WebP and TIFF, and phone photos turned upright.
            java.awt.image.BufferedImage img = com.securescore.service.ImageDecoder.decode(0,
                    java.nio.file.Files.readAllBytes(file), 48);
            double scale = Math.min(1, 96.0 / Math.max(img.getWidth(), img.getHeight()));
            int w = Math.max(1, (int) Math.round(img.getWidth() * scale));
            int h = Math.max(1, (int) Math.round(img.getHeight() * scale));
            java.awt.image.BufferedImage small = new java.awt.image.BufferedImage(w, h,
                    java.awt.image.BufferedImage.TYPE_INT_ARGB);
            java.awt.Graphics2D g = small.createGraphics();
            g.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION,
                    java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(img, 0, 0, w, h, null);
            g.dispose();
            return javafx.embed.swing.SwingFXUtils.toFXImage(small, null);
        } catch (java.io.IOException | com.securescore.service.ImageClassifier.UndecodableImageException
                 | RuntimeException e) {
            return null;
        }
    }

    /**
     * Choose images… is disabled while scoring, and JavaFX then moves focus to the next button, Clear
     * results, where a stray Enter would clear what was just scored. When scoring ends, focus goes back
     * where it was (Choose images… when that was where it was, or when it had nowhere to be).
     */
    private void keepFocusWhileScoring(Button choose, Button clear) {
        javafx.scene.Node[] before = new javafx.scene.Node[1];
        model.busyProperty().addListener((o, was, busy) -> {
            javafx.scene.Scene scene = choose.getScene();
            if (scene == null) {
                return;
            }
            if (busy) {
                before[0] = scene.getFocusOwner();
                return;
            }
            javafx.scene.Node now = scene.getFocusOwner();
            if (now == clear || now == null) {
                javafx.scene.Node back = before[0];
                boolean usable = back != null && back != clear && back.getScene() == scene && !back.isDisabled()
                        && back.isVisible();
                (usable ? back : choose).requestFocus();
            }
            before[0] = null;
        });
    }

    private void chooseImages() {
        List<File> files = com.securescore.ui.FileDialogs.current().openFiles(root.getScene().getWindow(),
                "Choose images to score", List.of(new FileChooser.ExtensionFilter("Images",
                        com.securescore.scoring.ImageFiles.EXTENSIONS.stream().map(e -> "*." + e).toList())));
        if (files != null) {
            model.score(files.stream().map(File::toPath).toList());
        }
    }

    private static TextField field(String id, javafx.beans.property.StringProperty p, int columns) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(columns);
        f.textProperty().bindBidirectional(p);
        return f;
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

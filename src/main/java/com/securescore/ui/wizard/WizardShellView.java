package com.securescore.ui.wizard;

import com.securescore.Version;
import com.securescore.resume.SavedProgress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The wizard's frame: the list of steps on the left, the current step in the middle, the resume
 * offer on top and Back / Next / Cancel at the bottom, all bound to {@link WizardShellViewModel}.
 */
public final class WizardShellView {
    private final WizardShellViewModel model;
    private final BorderPane root = new BorderPane();
    private final Map<StepId, Button> navItems = new EnumMap<>(StepId.class);
    private final Label title = new Label();
    private final Label subtitle = new Label();
    private final ScrollPane content = new ScrollPane();
    private final HBox banner = new HBox(12);
    private final Button back = new Button("Back");
    private final Button next = new Button("Next");
    private final Button cancel = new Button("Cancel");
    private final Consumer<Boolean> onClose;
    private final ShellQuestions questions = new ShellQuestions(root);
    /** Why a resumed run stopped short of where it left off. */
    private final Label resumeNote = new Label();
    /** False until the window is up: side-bar tooltips are made from then on. */
    private boolean tooltipsReady;

    /**
     * @param onClose called with true when the user finished the last step, false when they cancelled
     */
    public WizardShellView(WizardShellViewModel model, Consumer<Boolean> onClose) {
        this.model = model;
        this.onClose = onClose;
        root.setId("wizardRoot");
        root.getStyleClass().add("wizard");
        root.setLeft(buildNavigation());
        root.setCenter(buildCenter());
        root.setBottom(buildButtons());
        root.setTop(banner);
        buildBanner();
        // Focus pushed out of the step by a control disabled or hidden (a run it started) stays in the step.
        root.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null && was == null) {
                FocusKeeper.keepIn(scene, content);
            }
        });
        model.currentProperty().addListener((obs, old, now) -> showStep(now));
        showStep(model.currentProperty().get());
        // Tooltips once the window is up (run after the code that shows it): the first one made loads
        // the popup and animation machinery, which only delayed the window. Nobody hovers before that.
        Platform.runLater(() -> {
            tooltipsReady = true;
            navItems.get(StepId.CONSOLE).setTooltip(
                    new Tooltip("Open the scoring console directly, for a service that is already secured"));
            updateNavigation();
        });
    }

    public Parent root() {
        return root;
    }

    private Node buildNavigation() {
        VBox nav = new VBox(4);
        nav.setId("stepList");
        nav.getStyleClass().add("step-list");
        Label brand = new Label("SecureScore");
        brand.getStyleClass().add("brand");
        nav.getChildren().add(brand);
        int n = 1;
        for (StepId id : model.flow().steps()) {
            // Buttons, so the side bar is reached with Tab and used with Enter or Space like the mouse.
            Button item = new Button(n++ + "   " + id.title());
            item.setId("nav-" + id.name().toLowerCase(Locale.ROOT));
            item.getStyleClass().setAll("step-item");
            item.setMaxWidth(Double.MAX_VALUE);
            item.setAlignment(Pos.CENTER_LEFT);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.goTo(id));
            // A disabled button shows no tooltip of its own: the reason it is disabled hangs on its holder.
            StackPane holder = new StackPane(item);
            holder.setId("navHolder-" + id.name().toLowerCase(Locale.ROOT));
            holder.setAlignment(Pos.CENTER_LEFT);
            if (id == StepId.CONSOLE) {
                item.getStyleClass().add("always-open");
            }
            navItems.put(id, item);
            nav.getChildren().add(holder);
        }
        // A change listener, not an invalidation one: it reads the value, so every later change is told too.
        model.navigation().addListener((o, was, now) -> Platform.runLater(this::updateNavigation));
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        Label version = new Label("Version " + Version.get());
        version.setId("versionLabel");
        version.getStyleClass().add("version");
        nav.getChildren().addAll(grow, version);
        return nav;
    }

    private Node buildCenter() {
        title.setId("stepTitle");
        title.getStyleClass().add("step-title");
        subtitle.setId("stepSubtitle");
        subtitle.getStyleClass().add("step-subtitle");
        subtitle.setWrapText(true);
        // Wrapped in full at any width, never cut to "…".
        subtitle.setMinHeight(Region.USE_PREF_SIZE);
        content.setFitToWidth(true);
        content.getStyleClass().add("step-content");
        // It holds focus when a step has no field (so Enter means Next). Shift+Tab from there stayed on it
        // (JavaFX finds nothing before a focused scroll pane), so the side bar could not be reached from
        // the keyboard: send it to the nearest side-bar step one can go to.
        content.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.TAB && e.isShiftDown() && content.isFocused()) {
                List<Button> items = new ArrayList<>(navItems.values());
                Collections.reverse(items);
                items.stream().filter(Button::isFocusTraversable).findFirst().ifPresent(b -> {
                    b.requestFocus();
                    e.consume();
                });
            }
        });
        VBox.setVgrow(content, Priority.ALWAYS);
        resumeNote.setId("resumeNote");
        resumeNote.getStyleClass().add("resume-note");
        resumeNote.setWrapText(true);
        resumeNote.setMinHeight(Region.USE_PREF_SIZE);
        resumeNote.setMaxWidth(Double.MAX_VALUE);
        resumeNote.textProperty().bind(model.resumeNoteProperty());
        resumeNote.visibleProperty().bind(model.resumeNoteProperty().isNotEmpty());
        resumeNote.managedProperty().bind(resumeNote.visibleProperty());
        VBox center = new VBox(6, resumeNote, title, subtitle, content);
        center.setPadding(new Insets(24, 28, 12, 28));
        return center;
    }

    private Node buildButtons() {
        back.setId("backButton");
        next.setId("nextButton");
        cancel.setId("cancelButton");
        next.setDefaultButton(true);
        cancel.setCancelButton(true);
        ButtonBar.setButtonData(back, ButtonBar.ButtonData.BACK_PREVIOUS);
        ButtonBar.setButtonData(next, ButtonBar.ButtonData.NEXT_FORWARD);
        ButtonBar.setButtonData(cancel, ButtonBar.ButtonData.CANCEL_CLOSE);
        back.disableProperty().bind(Bindings.not(model.canGoBack()));
        next.disableProperty().bind(Bindings.not(model.canGoNext()));
        next.textProperty().bind(Bindings.when(model.onLastStep()).then("Finish").otherwise("Next"));
        back.setOnAction(e -> model.back());
        next.setOnAction(e -> {
            if (!model.onLastStep().get()) {
                model.next();
            } else if (confirmFinish()) {
                model.save();
                onClose.accept(true);
            }
        });
        cancel.setOnAction(e -> {
            if (confirmClose()) {
                model.save();
                onClose.accept(false);
            }
        });
        ButtonBar bar = new ButtonBar();
        bar.getButtons().addAll(back, next, cancel);
        bar.setPadding(new Insets(12, 20, 16, 20));
        bar.getStyleClass().add("wizard-buttons");
        return bar;
    }

    /**
     * Whether the wizard may close now: at once when nothing runs; otherwise after the person chose
     * Close in a dialog saying what closing stops. Cancel, Escape and the window's close button ask this.
     */
    public boolean confirmClose() {
        Optional<String> what = model.whatClosingStops();
        return what.isEmpty() || questions.close(what.get());
    }

    /**
     * Whether Finish may close the wizard: at once when nothing runs; otherwise after the person chose
     * to stop what runs, having been told it cannot outlive the window and how to run it on its own.
     */
    private boolean confirmFinish() {
        Optional<String> what = model.whatClosingStops();
        return what.isEmpty() || questions.finish(what.get(), model.commandOnItsOwn().orElse(null));
    }

    private void buildBanner() {
        banner.setId("resumeBanner");
        banner.getStyleClass().add("resume-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setPadding(new Insets(10, 20, 10, 20));
        Label text = new Label();
        text.setId("resumeText");
        text.setWrapText(true);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        // The text wraps and gives way; the buttons keep their whole words at the smallest window.
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.SOMETIMES);
        Button resume = new Button("Resume");
        resume.setId("resumeButton");
        resume.setMinWidth(Region.USE_PREF_SIZE);
        resume.setOnAction(e -> model.resume());
        Button startOver = new Button("Start over…");
        startOver.setId("startOverButton");
        startOver.setMinWidth(Region.USE_PREF_SIZE);
        startOver.setOnAction(e -> {
            if (questions.startOver(describeShort(model.resumeOfferProperty().get()))) {
                model.startOver();
            }
        });
        banner.getChildren().addAll(text, spacer, resume, startOver);
        banner.visibleProperty().bind(model.resumeOfferProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        text.textProperty().bind(Bindings.createStringBinding(
                () -> describe(model.resumeOfferProperty().get()), model.resumeOfferProperty()));
    }

    static String describe(SavedProgress p) {
        if (p == null) {
            return "";
        }
        return "Continue where you left off?  " + describeShort(p);
    }

    /** "Domain: scoring.contoso.com · Step: Scoring console": what the saved run is, in a few words. */
    static String describeShort(SavedProgress p) {
        if (p == null) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        if (p.domain() != null) {
            parts.add("Domain: " + p.domain());
        }
        StepId step = WizardState.parse(StepId.class, p.step(), null);
        if (step != null) {
            parts.add("Step: " + step.title());
        }
        return String.join("  ·  ", parts);
    }

    private void showStep(WizardStep step) {
        title.setText(step.id().title());
        subtitle.setText(step.subtitle());
        content.setContent(step.view());
        // Each step opens at its top, not where the last one was scrolled to (a field out of sight).
        content.setVvalue(0);
        updateNavigation();
        // After the step's onEnter (which may show or hide parts of it), so the field found is one in sight.
        Platform.runLater(this::focusStep);
    }

    /** Which side-bar steps one can go to now: the others are disabled and say why on hovering. */
    private void updateNavigation() {
        WizardStep step = model.currentProperty().get();
        boolean done = true;
        for (StepId id : model.flow().steps()) {
            Button item = navItems.get(id);
            item.getStyleClass().removeAll("current", "done", "reachable");
            String why = model.whyNotTo(id);
            if (id == step.id()) {
                item.getStyleClass().add("current");
                done = false;
            } else if (done) {
                item.getStyleClass().add("done");
            } else if (why == null && id != StepId.CONSOLE) {
                item.getStyleClass().add("reachable");
            }
            item.setDisable(why != null);
            if (tooltipsReady) {
                whyTooltip(item.getParent(), why);
            }
            // The current step is not a place to go; the others take focus when one can go to them.
            item.setFocusTraversable(id != step.id() && why == null);
        }
    }

    /** The reason a side-bar step is disabled, on its holder (a disabled button shows no tooltip); none when open. */
    private static void whyTooltip(Node holder, String why) {
        if (why == null) {
            Tooltip.uninstall(holder, (Tooltip) holder.getProperties().remove(Tooltip.class));
        } else {
            Tooltip tip = (Tooltip) holder.getProperties().computeIfAbsent(Tooltip.class, k -> {
                Tooltip t = new Tooltip();
                Tooltip.install(holder, t);
                return t;
            });
            tip.setText(why);
        }
    }

    /**
     * Puts keyboard focus where a person starts typing: the step's own choice, else its first field in
     * sight; a step without one leaves focus on its scroll pane, so Enter still means Next. Also called
     * once the window is shown (a request before that is lost, and focus went to the side bar).
     */
    public void focusStep() {
        WizardStep step = model.currentProperty().get();
        Node focus = step.focusTarget();
        if (focus == null) {
            focus = firstField(step.view());
        }
        (focus != null ? focus : content).requestFocus();
    }

    /** The first editable text field in sight in {@code node}, or null. */
    private static Node firstField(Node node) {
        if (!node.isVisible() || node.isDisabled()) {
            return null;
        }
        if (node instanceof TextField field) {
            return field.isEditable() && field.isFocusTraversable() ? field : null;
        }
        if (node instanceof Parent parent && !(node instanceof Control)) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                Node found = firstField(child);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}

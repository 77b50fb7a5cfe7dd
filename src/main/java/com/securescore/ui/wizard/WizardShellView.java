package com.securescore.ui.wizard;

import com.securescore.resume.SavedProgress;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
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
        model.currentProperty().addListener((obs, old, now) -> showStep(now));
        showStep(model.currentProperty().get());
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
            item.setId("nav-" + id.name().toLowerCase(java.util.Locale.ROOT));
            item.getStyleClass().setAll("step-item");
            item.setMaxWidth(Double.MAX_VALUE);
            item.setAlignment(Pos.CENTER_LEFT);
            item.setMnemonicParsing(false);
            item.setOnAction(e -> model.goBackTo(id));
            if (id == StepId.CONSOLE) {
                item.getStyleClass().add("always-open");
                item.setTooltip(new javafx.scene.control.Tooltip(
                        "Open the scoring console directly, for a service that is already secured"));
            }
            navItems.put(id, item);
            nav.getChildren().add(item);
        }
        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        Label version = new Label("Version " + com.securescore.Version.get());
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
        content.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.TAB && e.isShiftDown() && content.isFocused()) {
                java.util.List<Button> items = new java.util.ArrayList<>(navItems.values());
                java.util.Collections.reverse(items);
                items.stream().filter(Button::isFocusTraversable).findFirst().ifPresent(b -> {
                    b.requestFocus();
                    e.consume();
                });
            }
        });
        // Confirmations slide over the top of the visible step area, wherever the page is scrolled.
        com.securescore.ui.Notices notices = new com.securescore.ui.Notices(content);
        VBox.setVgrow(notices, Priority.ALWAYS);
        VBox center = new VBox(6, title, subtitle, notices);
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
            if (model.onLastStep().get()) {
                model.save();
                onClose.accept(true);
            } else {
                model.next();
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
        java.util.Optional<String> what = model.whatClosingStops();
        if (what.isEmpty()) {
            return true;
        }
        javafx.scene.control.ButtonType close = new javafx.scene.control.ButtonType("Close",
                ButtonBar.ButtonData.OK_DONE);
        javafx.scene.control.ButtonType keep = new javafx.scene.control.ButtonType("Keep open",
                ButtonBar.ButtonData.CANCEL_CLOSE);
        javafx.scene.control.Alert ask = new javafx.scene.control.Alert(javafx.scene.control.Alert.AlertType.CONFIRMATION,
                what.get() + " Close anyway?", close, keep);
        ask.setTitle("Close SecureScore?");
        ask.setHeaderText(null);
        ask.getDialogPane().setId("closeConfirm");
        ask.getDialogPane().setMinHeight(Region.USE_PREF_SIZE);
        ((Button) ask.getDialogPane().lookupButton(close)).setDefaultButton(false);
        ((Button) ask.getDialogPane().lookupButton(keep)).setDefaultButton(true);
        if (root.getScene() != null && root.getScene().getWindow() != null) {
            ask.initOwner(root.getScene().getWindow());
        }
        return ask.showAndWait().filter(close::equals).isPresent();
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
        Button resume = new Button("Resume");
        resume.setId("resumeButton");
        resume.setOnAction(e -> model.resume());
        Button startOver = new Button("Start over");
        startOver.setId("startOverButton");
        startOver.setOnAction(e -> model.startOver());
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
        StringBuilder b = new StringBuilder("Continue where you left off?");
        if (p.domain() != null) {
            b.append("  Domain: ").append(p.domain());
        }
        StepId step = WizardState.parse(StepId.class, p.step(), null);
        if (step != null) {
            b.append("  ·  Step: ").append(step.title());
        }
        return b.toString();
    }

    private void showStep(WizardStep step) {
        title.setText(step.id().title());
        subtitle.setText(step.subtitle());
        content.setContent(step.view());
        boolean done = true;
        for (StepId id : model.flow().steps()) {
            Button item = navItems.get(id);
            item.getStyleClass().removeAll("current", "done");
            if (id == step.id()) {
                item.getStyleClass().add("current");
                done = false;
            } else if (done) {
                item.getStyleClass().add("done");
            }
            // Only the steps one can go to take keyboard focus; the steps ahead are not reachable yet.
            item.setFocusTraversable(item.getStyleClass().contains("done")
                    || item.getStyleClass().contains("always-open"));
        }
        // Keep Enter meaning "Next": without a field to type in, focus goes to the step's scroll pane
        // (which leaves Enter to the default button) rather than to the step's first button.
        Node focus = step.focusTarget();
        (focus != null ? focus : content).requestFocus();
    }
}

package com.securescore.ui;

import com.securescore.deploy.kubernetes.KubeContexts;
import com.securescore.resume.ProgressStore;
import com.securescore.ui.certificate.CertificateStepView;
import com.securescore.ui.console.ConsoleStepView;
import com.securescore.ui.deploy.DeployStepView;
import com.securescore.ui.dns.DnsStepView;
import com.securescore.ui.domain.DomainStepView;
import com.securescore.ui.target.TargetStepView;
import com.securescore.ui.wizard.LazyStep;
import com.securescore.ui.wizard.StepId;
import com.securescore.ui.wizard.WizardFlow;
import com.securescore.ui.wizard.WizardShellView;
import com.securescore.ui.wizard.WizardShellViewModel;
import com.securescore.ui.wizard.WizardState;
import com.securescore.ui.wizard.WizardStep;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.application.Platform;
import javafx.geometry.Dimension2D;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.image.Image;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/** Assembles one wizard run (state, steps, flow, shell) into a stage. */
public final class WizardWindow {
    private static final int[] ICON_SIZES = {16, 32, 48, 64, 128, 256};
    /** The size the window opens at, where the screen has room. */
    static final double WIDTH = 960;
    static final double HEIGHT = 640;
    /** The smallest size it can be made, where the screen has room. */
    static final double MIN_WIDTH = 760;
    static final double MIN_HEIGHT = 520;

    private final WizardState state = new WizardState();
    private final WizardShellViewModel model;
    private final WizardShellView view;

    public WizardWindow(ProgressStore store, Stage stage) {
        this(store, stage, KubeContexts.standardFile());
    }

    /** @param kubeconfig the kubeconfig the Kubernetes target starts with */
    WizardWindow(ProgressStore store, Stage stage, Path kubeconfig) {
        List<WizardStep> steps = steps(state, store.file().getParent(), kubeconfig);
        model = new WizardShellViewModel(state, new WizardFlow(), store, steps);
        view = new WizardShellView(model, finished -> stage.close());
        Scene scene = new Scene(view.root());
        scene.getStylesheets().add(Objects.requireNonNull(
                WizardWindow.class.getResource("securescore.css")).toExternalForm());
        stage.setTitle("SecureScore");
        stage.setScene(scene);
        // The default size, said explicitly: a window manager left to choose opened it at its minimum.
        Dimension2D size = defaultSize(Screen.getPrimary().getVisualBounds());
        stage.setWidth(size.getWidth());
        stage.setHeight(size.getHeight());
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> {
            // The icons once the window is on screen: decoding six PNGs before it only delayed it.
            Platform.runLater(() -> stage.getIcons().setAll(icons()));
            // The minimum only once the window exists: set before, GTK under a window manager opened the
            // window at that minimum whatever size was asked for.
            stage.setMinWidth(Math.min(MIN_WIDTH, size.getWidth()));
            stage.setMinHeight(Math.min(MIN_HEIGHT, size.getHeight()));
            // ... and setting it shrank the window to it: the size asked for, again.
            stage.setWidth(size.getWidth());
            stage.setHeight(size.getHeight());
            // Focus goes to the step's first field once there is a window to hold it (not to the side bar).
            view.focusStep();
        });
        // The window's close button asks first, as Cancel and Escape do, when a service would stop.
        stage.setOnCloseRequest(e -> {
            if (view.confirmClose()) {
                model.save();
            } else {
                e.consume();
            }
        });
        // A local service started in the Deploy step stops with the wizard, and so do DNS re-checks.
        stage.setOnHidden(e -> steps.forEach(lazy -> {
            // A step never made has nothing running.
            WizardStep s = lazy instanceof LazyStep l ? l.made().orElse(null) : lazy;
            if (s instanceof DeployStepView deploy) {
                deploy.shutdown();
            } else if (s instanceof DnsStepView dns) {
                dns.shutdown();
            }
        }));
    }

    /**
     * The size the window opens at: {@value #WIDTH}×{@value #HEIGHT}, or the screen's usable area (less
     * the task bar and docks) when that is smaller.
     */
    static Dimension2D defaultSize(Rectangle2D visual) {
        return new Dimension2D(Math.min(WIDTH, visual.getWidth()), Math.min(HEIGHT, visual.getHeight()));
    }

    /** The steps; the Local target's keys file lives beside the saved progress in {@code configDir}. */
    static List<WizardStep> steps(WizardState state, Path configDir, Path kubeconfig) {
        // Each made when first needed: the window opens with the first step only.
        return List.of(
                new LazyStep(StepId.DOMAIN, () -> new DomainStepView(state)),
                new LazyStep(StepId.CERTIFICATE, () -> new CertificateStepView(state)),
                new LazyStep(StepId.TARGET, () -> new TargetStepView(state)),
                new LazyStep(StepId.DEPLOY, () -> new DeployStepView(state,
                        configDir.resolve("local-service-keys.json"), kubeconfig)),
                new LazyStep(StepId.DNS, () -> new DnsStepView(state)),
                new LazyStep(StepId.CONSOLE, () -> new ConsoleStepView(state)));
    }

    static List<Image> icons() {
        List<Image> images = new ArrayList<>();
        for (int size : ICON_SIZES) {
            try (InputStream in = WizardWindow.class.getResourceAsStream("icons/securescore-" + size + ".png")) {
                if (in != null) {
                    images.add(new Image(in));
                }
            } catch (IOException e) {
                // A missing icon only costs the window decoration.
            }
        }
        return images;
    }

    /**
     * Opened with a certificate file (double-click, "Open with"): the file is used in the
     * Certificate step, and a saved run is not offered since the user said what they want.
     */
    public void openCertificate(Path file) {
        model.declineOffer();
        state.certificatePathProperty().set(file.toAbsolutePath());
        state.keyPathProperty().set(null);
    }

    public WizardShellViewModel model() {
        return model;
    }

    public WizardState state() {
        return state;
    }
}

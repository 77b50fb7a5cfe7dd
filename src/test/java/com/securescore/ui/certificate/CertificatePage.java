package com.securescore.ui.certificate;

import com.securescore.ui.FileDialogs;
import com.securescore.ui.wizard.WizardState;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Scene;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Certificate step as the wizard shows it (scrolling, full width, the wizard's stylesheet), for the
 * tests that click through it as a person does: one set-up, one wait for a check to end.
 */
final class CertificatePage {
    final WizardState state = new WizardState();
    final CertificateStepView view;
    final ScrollPane page;

    private CertificatePage(String domain, Stage stage, double width, double height) {
        state.domainProperty().set(domain);
        view = new CertificateStepView(state);
        page = new ScrollPane(view.view());
        page.setFitToWidth(true);
        stage.setScene(new Scene(page, width, height));
        stage.getScene().getStylesheets().add(Objects.requireNonNull(
                CertificatePage.class.getResource("/com/securescore/ui/securescore.css")).toExternalForm());
        stage.show();
    }

    /** Shows the step for {@code domain} on {@code stage}, {@code width} by {@code height}. */
    static CertificatePage show(Stage stage, String domain, double width, double height) {
        return new CertificatePage(domain, stage, width, height);
    }

    /** Waits until the step is no longer reading or checking, and the screen shows the result. */
    void awaitChecked() throws TimeoutException {
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !view.model().busyProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The real file dialogs again, after a test answered them. */
    static void restoreDialogs() {
        FileDialogs.use(FileDialogs.NATIVE);
    }
}

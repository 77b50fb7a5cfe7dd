package com.securescore.ui.certificate;

import com.securescore.cert.CheckReport;
import com.securescore.ui.certificate.CertificateSession.Shown;
import com.securescore.ui.wizard.WizardState;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Certificate step shows, as the properties its view reads: the parts of the step's model
 * write them, the view gets their read-only side.
 */
final class CertificateScreen {
    final ReadOnlyObjectWrapper<CheckReport> report = new ReadOnlyObjectWrapper<>();
    final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    /** What the user gave, in words: "chain.pem, key.pem" or "pasted text". */
    final ReadOnlyStringWrapper sourcesText = new ReadOnlyStringWrapper("");
    final ReadOnlyBooleanWrapper needsPassword = new ReadOnlyBooleanWrapper(false);
    final ReadOnlyStringWrapper passwordPrompt = new ReadOnlyStringWrapper(CertificateStepViewModel.STORE_PROMPT);
    final ObservableList<String> aliasChoices = FXCollections.observableArrayList();
    final ObservableList<String> aliasChoicesShown = FXCollections.unmodifiableObservableList(aliasChoices);
    final ReadOnlyBooleanWrapper needsAlias = new ReadOnlyBooleanWrapper(false);
    /** Where the development certificate was written, in words; empty until one is made. */
    final ReadOnlyStringWrapper written = new ReadOnlyStringWrapper("");
    /** What the last repair changed, in words; empty when nothing was repaired. */
    final ReadOnlyStringWrapper lastChange = new ReadOnlyStringWrapper("");
    final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);

    /** Work started: the buttons wait and the status line says what is under way. */
    void busy(String doing) {
        busy.set(true);
        status.set(doing);
    }

    /** Work failed: the buttons are back and the status line says why. */
    void failed(String why) {
        busy.set(false);
        status.set(why);
    }

    void aliasChoices(List<String> choices) {
        aliasChoices.setAll(choices);
        needsAlias.set(!aliasChoices.isEmpty());
    }

    /** What is shown now for the current way, with the files the wizard holds for it. */
    Shown shown(WizardState state) {
        return new Shown(report.get(), status.get(), needsPassword.get(), passwordPrompt.get(),
                List.copyOf(aliasChoices), state.trustPathProperty().get(), state.certificatePathProperty().get(),
                state.keyPathProperty().get(), written.get());
    }

    /**
     * Shows again what a way showed when the user left it, its files handed back to the wizard; the
     * status and report come last, from the caller, once "Using:" says what they are about.
     */
    void showAgain(Shown back, WizardState state) {
        needsPassword.set(back.needsPassword());
        passwordPrompt.set(back.passwordPrompt());
        aliasChoices(back.aliasChoices());
        state.trustPathProperty().set(back.trustPath());
        state.certificatePathProperty().set(back.certificatePath());
        state.keyPathProperty().set(back.keyPath());
        written.set(back.written());
    }
}

package com.securescore.ui.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.ui.wizard.WizardState;
import org.junit.jupiter.api.Test;

/** Runs without the FX thread: the ViewModel is plain properties over the core check. */
class DomainStepViewModelTest {
    private final WizardState state = new WizardState();
    private final DomainStepViewModel model = new DomainStepViewModel(state);

    @Test
    void emptyFieldIsInvalidButNotShownAsAnError() {
        assertFalse(model.validProperty().get());
        assertFalse(model.showErrorProperty().get());
        assertTrue(model.message().startsWith("Enter the fully qualified name"));
    }

    @Test
    void validNameIsStoredInTheStateInAsciiForm() {
        model.textProperty().set("Bücher.Example.com.");
        assertTrue(model.validProperty().get());
        assertEquals("xn--bcher-kva.example.com", state.getDomain());
        assertTrue(model.message().contains("xn--bcher-kva.example.com"));
    }

    @Test
    void invalidNameClearsTheStateAndExplainsWhy() {
        model.textProperty().set("scoring.contoso.com");
        model.textProperty().set("192.168.1.20");
        assertFalse(model.validProperty().get());
        assertTrue(model.showErrorProperty().get());
        assertNull(state.getDomain());
        assertTrue(model.message().contains("IP address"));
        assertFalse(model.fix().isBlank());
    }

    @Test
    void restoredDomainIsShownInReadableForm() {
        WizardState restored = new WizardState();
        restored.domainProperty().set("xn--mnchen-3ya.de");
        DomainStepViewModel m = new DomainStepViewModel(restored);
        assertEquals("münchen.de", m.textProperty().get());
        assertTrue(m.validProperty().get());
    }
}

package com.securescore.ui.certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.acme.AcmeService;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The ACME pane's rules, without the FX thread: what must be chosen before Start, and what a person reads. */
class AcmeViewModelTest {
    private final AcmeViewModel model = new AcmeViewModel(new WizardState(), BackgroundRunner.DIRECT,
            (fullchain, privkey, trust) -> { }, new AcmeService());

    @Test
    void startWaitsForAFolderAndTheTermsAndAPortThatIsANumber() {
        model.outDirProperty().set(Path.of("out"));
        assertFalse(model.canStart().get(), "the terms are not known yet");
        model.httpPortProperty().set("eighty");
        assertEquals("The port is a number from 1 to 65535 (80, or where port 80 is forwarded).",
                model.portProblem().orElseThrow());
        model.challengeProperty().set(AcmeViewModel.Challenge.DNS);
        assertTrue(model.portProblem().isEmpty(), "no port for the DNS challenge");
    }

    @Test
    void aDirectoryThatIsNotAnHttpsUrlIsSaidInTheFormsOwnWords() {
        model.directoryProperty().set(AcmeViewModel.Directory.OTHER);
        model.directoryUrlProperty().set("ca.contoso.test/acme");
        model.loadTerms();
        String said = model.termsStatusProperty().get();
        assertEquals("The CA's ACME directory URL starts with https:// (e.g. https://ca.example.com/acme/directory).",
                said);
        assertFalse(said.contains("--"), said);
        assertEquals("", model.termsUrlProperty().get());
        assertFalse(model.canStart().get());
    }

    @Test
    void startWithoutADomainAsksForOne() {
        model.start();
        assertEquals("Enter a valid domain first (step 1).", model.errorProperty().get());
        assertFalse(model.runningProperty().get());
    }
}

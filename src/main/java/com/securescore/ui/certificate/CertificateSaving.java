package com.securescore.ui.certificate;

import com.securescore.cert.CertificateExporter;
import com.securescore.cert.CheckReport;
import com.securescore.cert.DevelopmentCertificates;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.certificate.SaveResult.Outcome;
import com.securescore.ui.wizard.WizardState;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * The files the Certificate step writes: the checked certificate and key saved for a server, and a
 * development CA and certificate made for the domain.
 */
final class CertificateSaving {
    private final WizardState state;
    private final BackgroundRunner runner;
    private final CertificateScreen screen;

    CertificateSaving(WizardState state, BackgroundRunner runner, CertificateScreen screen) {
        this.state = state;
        this.runner = runner;
        this.screen = screen;
    }

    /**
     * Writes fullchain.pem and privkey.pem (owner-only) into {@code dir}, plus bundle.pfx when
     * {@code pfxPassword} is given and a Kubernetes TLS secret when {@code secretName} is given; when
     * files exist and {@code force} is false, nothing is written and the result says which.
     */
    SaveResult export(Path dir, boolean force, char[] pfxPassword, String secretName) {
        CheckReport r = screen.report.get();
        if (r == null || r.key() == null) {
            return new SaveResult(Outcome.NOTHING_TO_SAVE,
                    "Nothing to save yet: a certificate and its matching key are needed.");
        }
        try {
            List<Path> written = new CertificateExporter().export(r, dir,
                    new CertificateExporter.Options(pfxPassword, secretName, force));
            List<String> names = written.stream().map(p -> p.getFileName().toString()).toList();
            return new SaveResult(Outcome.SAVED, "Saved " + String.join(", ", names) + " in " + dir
                    + ". Files holding the key are owner-only.");
        } catch (CertificateExporter.WouldOverwriteException e) {
            return new SaveResult(Outcome.WOULD_OVERWRITE, "Not saved: " + names(e) + " already exist in " + dir
                    + ".");
        } catch (IOException | IllegalArgumentException e) {
            return new SaveResult(Outcome.FAILED, "Could not save: " + e.getMessage());
        }
    }

    private static List<String> names(CertificateExporter.WouldOverwriteException e) {
        return e.existing().stream().map(p -> p.getFileName().toString()).toList();
    }

    /**
     * Makes a development CA and certificate for the domain in {@code dir}; its root becomes the trusted
     * one and the certificate and key are handed to {@code use}.
     */
    void makeDevelopmentCertificate(Path dir, Consumer<List<Path>> use) {
        String domain = state.getDomain();
        if (domain == null) {
            screen.status.set("Enter a valid domain first (step 1).");
            return;
        }
        screen.busy("Making a development certificate…");
        runner.run(() -> new DevelopmentCertificates().create(domain, 90, DevelopmentCertificates.KeyType.EC, dir,
                false), result -> {
                    state.trustPathProperty().set(result.files().get(0));
                    screen.written.set(dir.toString());
                    use.accept(List.of(result.files().get(1), result.files().get(2)));
                }, error -> screen.failed(error instanceof CertificateExporter.WouldOverwriteException e
                        ? "Not made: " + names(e) + " already exist in " + dir + ". Choose an empty folder."
                        : "Could not make the certificate: " + error.getMessage()));
    }
}

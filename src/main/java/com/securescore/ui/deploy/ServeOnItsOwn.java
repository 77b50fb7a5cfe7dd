package com.securescore.ui.deploy;

import com.securescore.deploy.CertificateFileSet;
import com.securescore.ui.wizard.WizardStep;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal command that runs the Local target's service on its own, with the same files, port,
 * keys file and model, for a person who wants it to outlive the wizard (the wizard's own service runs
 * inside the wizard and stops with it). Passwords are never written out: an encrypted key is read
 * from a password file the person names.
 */
public final class ServeOnItsOwn {
    private ServeOnItsOwn() {
    }

    /**
     * @param files    where the running certificate was read from; null for pasted text (no command)
     * @param keysFile the service's keys file
     * @return the command, or null when there are no files to name
     */
    public static String of(CertificateFileSet files, String domain, int port, Path keysFile, boolean demo) {
        if (files == null || files.certificates().isEmpty()) {
            return null;
        }
        List<String> words = new ArrayList<>(List.of("securescore", "serve"));
        for (Path p : files.certificates()) {
            words.add("--cert");
            words.add(quote(p.toString()));
        }
        for (Path p : files.issuerFiles()) {
            words.add("--cert");
            words.add(quote(p.toString()));
        }
        if (files.key() != null) {
            words.add("--key");
            words.add(quote(files.key().toString()));
        }
        if (files.unlock().password() != null || files.unlock().keyPassword() != null) {
            words.add("--key-password-file");
            words.add(WizardStep.PASSWORD_FILE);
        }
        for (Path p : files.trust()) {
            words.add("--trust");
            words.add(quote(p.toString()));
        }
        words.addAll(List.of("--domain", domain, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--keys-file", quote(keysFile.toString())));
        if (demo) {
            words.add("--demo-model");
        }
        return String.join(" ", words);
    }

    static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:@,+=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}

package com.securescore;

import com.securescore.cli.Cli;
import com.securescore.ui.WizardLauncher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The single entry point: no arguments opens the wizard, anything else runs the CLI.
 *
 * <p>This class deliberately does not extend {@code javafx.application.Application}, so the JVM
 * starts from the plain class path and JavaFX is loaded as ordinary classes (a runnable jar with
 * JavaFX inside would otherwise refuse to start with "JavaFX runtime components are missing").
 * The CLI path never touches a JavaFX class.
 */
public final class Main {
    private Main() {
    }

    /** Files the desktop hands us when the user opens a certificate with SecureScore. */
    private static final Set<String> CERTIFICATE_EXTENSIONS =
            Set.of("pem", "crt", "cer", "der", "pfx", "p12", "p7b", "p7c", "key");

    public static void main(String[] args) {
        if (args.length == 0 || opensCertificateFile(args)) {
            WizardLauncher.launch(args);
        } else {
            System.exit(Cli.run(args));
        }
    }

    /** One existing certificate file and nothing else: the desktop's "Open with SecureScore". */
    static boolean opensCertificateFile(String[] args) {
        if (args.length != 1 || args[0].startsWith("-")) {
            return false;
        }
        String name = args[0].toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        return dot > 0 && CERTIFICATE_EXTENSIONS.contains(name.substring(dot + 1))
                && Files.isRegularFile(Path.of(args[0]));
    }
}

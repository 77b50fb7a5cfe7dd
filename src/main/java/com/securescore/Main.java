package com.securescore;

import com.securescore.cli.Cli;
import com.securescore.ui.WizardLauncher;

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

    public static void main(String[] args) {
        if (args.length == 0) {
            WizardLauncher.launch(args);
        } else {
            System.exit(Cli.run(args));
        }
    }
}

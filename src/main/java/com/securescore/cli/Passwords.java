package com.securescore.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where a password comes from on the command line: a file, the SECURESCORE_KEY_PASSWORD
 * environment variable, or a prompt on the console. Never an argument, which would show in
 * process lists and shell history.
 */
final class Passwords {
    static final String ENV = "SECURESCORE_KEY_PASSWORD";

    private Passwords() {
    }

    /** The password, or null when none was given and there is no console to ask on. */
    static char[] read(Path file, boolean promptIfNeeded, String prompt) throws IOException {
        return read(file, ENV, promptIfNeeded, prompt);
    }

    /** As {@link #read(Path, boolean, String)}, with another environment variable. */
    static char[] read(Path file, String envName, boolean promptIfNeeded, String prompt) throws IOException {
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
            String text = Files.readString(file, StandardCharsets.UTF_8);
            // A password file written with echo ends in a newline that is not part of the password.
            if (text.endsWith("\r\n")) {
                text = text.substring(0, text.length() - 2);
            } else if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            return text.toCharArray();
        }
        String env = System.getenv(envName);
        if (env != null) {
            return env.toCharArray();
        }
        Console console = System.console();
        if (promptIfNeeded && console != null) {
            return console.readPassword("%s", prompt);
        }
        return null;
    }
}

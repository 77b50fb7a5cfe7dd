package com.securescore.cli;

import com.securescore.service.AuthKeys;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code securescore keys}: show (masked) or rotate the service's auth keys; a running service picks them up. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Show or rotate the scoring service's keys.",
        subcommands = {KeysCommand.Show.class, KeysCommand.Regenerate.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static AuthKeys existing(Path file) throws Exception {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return AuthKeys.open(file).keys();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the keys, masked unless --reveal.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--keys-file", required = true, paramLabel = "FILE")
        Path file;

        @Option(names = "--reveal", description = "Print the keys in full (they will be on your screen).")
        boolean reveal;

        @Override
        public Integer call() throws Exception {
            AuthKeys k = existing(file);
            var out = spec.commandLine().getOut();
            out.println("primary:   " + (reveal ? k.primary() : AuthKeys.mask(k.primary())));
            out.println("secondary: " + (reveal ? k.secondary() : AuthKeys.mask(k.secondary())));
            return ExitCodes.OK;
        }
    }

    @Command(name = "regenerate", mixinStandardHelpOptions = true,
            description = "Replace one key with a new random one; the other keeps working, so clients move over "
                + "without downtime.")
    static final class Regenerate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "primary|secondary")
        AuthKeys.Which which;

        @Option(names = "--keys-file", required = true, paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws Exception {
            String fresh = existing(file).regenerate(which);
            var out = spec.commandLine().getOut();
            out.println("New " + which.field() + " key (shown once): " + fresh);
            out.println("A running service accepts it from its next call; the " + (which == AuthKeys.Which.PRIMARY
                    ? "secondary" : "primary") + " key is unchanged.");
            return ExitCodes.OK;
        }
    }
}

package com.securescore.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** Runs the command line: builds the picocli tree once and maps every outcome to an exit code. */
public final class Cli {
    private Cli() {
    }

    public static int run(String... args) {
        return newCommandLine(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), true)
                .execute(args);
    }

    /** A command line writing to the given streams; tests use this to read what a user would see. */
    public static CommandLine newCommandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = configure(new CommandLine(new SecureScoreCommand()), out, err);
        DeployCommand.HELP.install(cl.getSubcommands().get("deploy"));
        return cl;
    }

    /**
     * The command line for {@code args}: for {@code score}, a tree holding only that verb. picocli
     * builds every command of a tree by reflection before it runs one, and the full tree's other
     * verbs pull in Jackson, ONNX Runtime and image classes; {@code score} uses none of them, and
     * is run many times from scripts (decision 0013). Its help, names and messages are the same.
     */
    public static CommandLine newCommandLine(String[] args, PrintWriter out, PrintWriter err) {
        return newCommandLine(args, out, err, false);
    }

    /** {@code ownProcess}: the command runs as this JVM's main (not inside a test or the wizard). */
    private static CommandLine newCommandLine(String[] args, PrintWriter out, PrintWriter err, boolean ownProcess) {
        if (args.length > 0 && "score".equals(args[0])) {
            ScoreCommand score = new ScoreCommand();
            score.ownProcess = ownProcess;
            return configure(new CommandLine(new ScoreOnly()).addSubcommand(score), out, err);
        }
        return newCommandLine(out, err);
    }

    /** The root above {@code score} alone; only reached through {@code score}. */
    @Command(name = "securescore")
    static final class ScoreOnly {
    }

    private static CommandLine configure(CommandLine cl, PrintWriter out, PrintWriter err) {
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler(new CliExceptionHandler());
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(message(ex));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.USAGE;
        });
        return cl;
    }

    /** picocli's message, or a converter's own plain one ({@link Choices.Refused}) naming the option once. */
    private static String message(ParameterException ex) {
        if (ex.getCause() instanceof Choices.Refused refused) {
            if (refused.namesOption || !(ex.getArgSpec() instanceof OptionSpec option)) {
                return refused.getMessage();
            }
            return option.longestName() + ": " + refused.getMessage();
        }
        return ex.getMessage();
    }
}

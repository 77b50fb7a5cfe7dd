package com.securescore.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * What the CLI test classes share: {@link #run} runs the command line as a user does (the command
 * tree {@code Cli.run} builds for those arguments), and {@link #out} and {@link #err} keep what it
 * printed. JUnit makes a new instance per test, so each test starts with both empty.
 */
abstract class CliRunner {
    protected final StringWriter out = new StringWriter();
    protected final StringWriter err = new StringWriter();

    /** Runs {@code securescore args...}; its exit code. */
    protected int run(String... args) {
        return Cli.newCommandLine(args, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }
}

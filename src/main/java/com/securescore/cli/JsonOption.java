package com.securescore.cli;

import picocli.CommandLine.Option;

/**
 * {@code --json}, declared once for every command that has it (a picocli mixin): stdout then holds
 * one document written by {@link Json}. A command whose wording differs says so in {@link HelpTexts}.
 */
final class JsonOption {
    @Option(names = "--json", descriptionKey = "json", description = "Print one JSON document instead of text.")
    boolean json;
}

package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.diagnose.ErrorTexts;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code securescore explain}: an error text from any client or tool, mapped to its finding code, cause and fix. */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Explain an error message from OpenSSL, Java, gRPC, Go, Python, Node, browsers, .NET, "
            + "Netty or the Azure ML SDK: the finding code, the cause and the fix.",
            "Give the text as arguments, or paste it on standard input."},
        footer = {"", "Exit codes: 0 recognised, 1 not recognised, 2 no text given."})
final class ExplainCommand implements Callable<Integer> {
    /** Standard input, replaceable in tests. */
    static InputStream stdin = System.in;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "TEXT", description = "The error text (else read from stdin).")
    List<String> words;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() throws IOException {
        String text = words == null || words.isEmpty()
                ? new String(stdin.readAllBytes(), StandardCharsets.UTF_8) : String.join(" ", words);
        if (text.isBlank()) {
            throw new UserInputException("Give the error text as an argument or on standard input.");
        }
        List<ErrorTexts.Explanation> found = ErrorTexts.explain(text);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode node = Json.object().put("recognised", !found.isEmpty());
            ArrayNode arr = node.putArray("explanations");
            for (ErrorTexts.Explanation e : found) {
                arr.addObject().put("code", e.code().name()).put("cause", e.id()).put("from", e.who())
                        .put("message", e.cause()).put("fix", e.fix());
            }
            Json.print(out, node);
        } else if (found.isEmpty()) {
            out.println("Not recognised. Run securescore diagnose HOST:PORT to look at the endpoint itself, or "
                    + "securescore check on the certificate files.");
        } else {
            for (ErrorTexts.Explanation e : found) {
                out.println(e.code() + " (" + e.who() + "): " + e.cause());
                out.println("  fix: " + e.fix());
            }
        }
        return found.isEmpty() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}

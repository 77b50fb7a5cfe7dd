package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.domain.DomainCheck;
import com.securescore.domain.DomainNames;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code securescore domain NAME}: the Domain step's check, for scripts and support staff. */
@Command(name = "domain", mixinStandardHelpOptions = true,
        description = "Check that NAME can be the service's fully qualified name (exit 0 valid, 1 invalid).")
final class DomainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The name clients will connect to, e.g. scoring.contoso.com.")
    String name;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        DomainCheck check = DomainNames.check(name);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            ObjectNode node = Json.object()
                    .put("input", check.input())
                    .put("valid", check.valid())
                    .put("name", check.name())
                    .put("unicode", check.unicode());
            if (!check.valid()) {
                node.put("reason", check.reason()).put("fix", check.fix());
            }
            node.putPOJO("notes", check.notes());
            Json.putFindings(node, check.findings());
            Json.print(out, node);
        } else if (check.valid()) {
            out.println("valid: " + check.name());
            if (check.isInternationalised()) {
                out.println("  readable form: " + check.unicode());
            }
            check.notes().forEach(n -> out.println("  note: " + n));
        } else {
            out.println("invalid: " + check.reason());
            out.println("  fix: " + check.fix());
            out.println("  code: DOMAIN_INVALID");
        }
        return check.valid() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}

package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.acme.AcmeFailure;
import com.securescore.acme.AcmeRequest;
import com.securescore.acme.RenewalCheck;
import com.securescore.acme.RenewalSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore acme renew}: renews the certificate in a folder when it is due, with the options it was issued with. */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Renew the certificate in DIR when less than a third of its lifetime remains (or with "
            + "--force), with the same CA, name, challenge and key type as before (DIR/renewal.json). Suits a "
            + "daily cron job or timer.",
            "Exit 0 when nothing was needed or the renewal succeeded, 1 when it failed, 2 on usage problems."})
final class AcmeRenewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder `securescore acme` "
            + "wrote the certificate to.")
    Path out;

    @Option(names = "--force", description = "Renew now, even when it is not due.")
    boolean force;

    @Option(names = "--json", description = "Print one JSON document instead of text.")
    boolean json;

    @Override
    public Integer call() {
        RenewalSettings settings;
        AcmeRequest request;
        try {
            settings = RenewalSettings.read(out);
            request = settings.toRequest(out);
        } catch (AcmeFailure f) {
            return AcmeCommand.failed(spec, json, null, f);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(out.resolve(RenewalSettings.FILE_NAME) + ": " + e.getMessage());
        }
        RenewalCheck check = RenewalCheck.of(out, Clock.systemUTC());
        if (!check.due() && !force) {
            PrintWriter stdout = spec.commandLine().getOut();
            if (json) {
                ObjectNode node = Json.object().put("domain", settings.domain()).put("renewed", false)
                        .put("due", false).put("notAfter", check.notAfter().toString())
                        .put("renewAfter", check.renewAfter().toString());
                Json.putFindings(node, List.of());
                Json.print(stdout, node);
            } else {
                stdout.println("Not due: the certificate for " + settings.domain() + " is valid until "
                        + check.notAfter() + "; it will be renewed from " + check.renewAfter()
                        + " (a third of its lifetime left). Nothing done.");
                stdout.flush();
            }
            return ExitCodes.OK;
        }
        if (!json) {
            spec.commandLine().getOut().println(check.notAfter() == null ? "Renewing: no readable certificate in "
                    + out + "." : force && !check.due() ? "Renewing now (--force); it would be due from "
                    + check.renewAfter() + "." : "Renewing: the certificate expires " + check.notAfter() + ".");
        }
        return AcmeCommand.issue(spec, json, request, settings.dnsWaitSeconds() > 0);
    }
}

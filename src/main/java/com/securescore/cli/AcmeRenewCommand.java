package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.acme.AcmeFailure;
import com.securescore.acme.AcmeRequest;
import com.securescore.acme.AcmeResult;
import com.securescore.acme.DeployHook;
import com.securescore.acme.RenewalCheck;
import com.securescore.acme.RenewalSettings;
import com.securescore.deploy.kubernetes.KubeContexts;
import com.securescore.deploy.kubernetes.KubernetesDeployException;
import com.securescore.deploy.kubernetes.KubernetesDeployer;
import com.securescore.deploy.kubernetes.KubernetesSettings;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code securescore acme renew}: renews the certificate in a folder when it is due, with the options it was issued with. */
@Command(name = "renew", mixinStandardHelpOptions = true,
        description = {"Renew the certificate in DIR when less than a third of its lifetime remains (or with "
            + "--force), with the same CA, name, challenge and key type as before (DIR/renewal.json). Suits a "
            + "daily cron job or timer.",
            "A renewed certificate reaches where it is deployed. Kubernetes deployments made from DIR's files "
                + "(deploy --target kubernetes, or the wizard) are recorded in DIR/renewal.json; each gets the new "
                + "certificate in its TLS Secret and its pods roll one at a time (unless --no-redeploy). Running local "
                + "services (deploy --target local, serve, the wizard's Local service) need nothing: they watch their "
                + "files and serve the new certificate from the next connection on. Azure deployments (aci, aks, "
                + "fpga) are not redeployed automatically: their certificate is part of the Azure ML request; re-run "
                + "securescore deploy --target aci|aks|fpga, for instance from --deploy-hook.",
            "Exit 0 when nothing was needed or the renewal succeeded, 1 when it failed (or a redeployment or the "
                + "deploy hook did; the renewed files stay written), 2 on usage problems."})
final class AcmeRenewCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder `securescore acme` "
            + "wrote the certificate to.")
    Path out;

    @Option(names = "--force", description = "Renew now, even when it is not due.")
    boolean force;

    @Option(names = "--no-redeploy", description = "Do not update the Kubernetes deployments recorded in "
            + "DIR/renewal.json.")
    boolean noRedeploy;

    @Option(names = "--deploy-hook", paramLabel = "COMMAND", description = "After a renewal, run COMMAND with sh -c "
            + "(certbot's --deploy-hook): RENEWED_LINEAGE is DIR, RENEWED_DOMAINS the name; its output is shown, and "
            + "an exit code other than 0 makes acme renew exit 1. Not run when nothing was due.")
    String deployHook;

    @Mixin
    JsonOption output;

    @Override
    public Integer call() {
        RenewalSettings settings;
        AcmeRequest request;
        try {
            settings = RenewalSettings.read(out);
            request = settings.toRequest(out);
        } catch (AcmeFailure f) {
            return AcmeCommand.failed(spec, output.json, null, f);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(out.resolve(RenewalSettings.FILE_NAME) + ": " + e.getMessage());
        }
        RenewalCheck check = RenewalCheck.of(out, Clock.systemUTC());
        if (!check.due() && !force) {
            PrintWriter stdout = spec.commandLine().getOut();
            if (output.json) {
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
        if (!output.json) {
            spec.commandLine().getOut().println(check.notAfter() == null ? "Renewing: no readable certificate in "
                    + out + "." : force && !check.due() ? "Renewing now (--force); it would be due from "
                    + check.renewAfter() + "." : "Renewing: the certificate expires " + check.notAfter() + ".");
        }
        return AcmeCommand.issue(spec, output.json, request, settings.dnsWaitSeconds() > 0,
                (result, node) -> afterRenewal(settings, result, node));
    }

    /** Where the renewed certificate goes next: the recorded Kubernetes deployments, then the deploy hook. */
    private int afterRenewal(RenewalSettings settings, AcmeResult result, ObjectNode node) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter log = output.json ? spec.commandLine().getErr() : stdout;
        int code = ExitCodes.OK;
        ArrayNode redeployed = node == null ? null : node.putArray("redeployed");
        if (noRedeploy && !settings.kubernetes().isEmpty()) {
            log.println("Not redeployed (--no-redeploy): " + settings.kubernetes().stream()
                    .map(RenewalSettings.KubernetesTarget::label).collect(Collectors.joining(", ")) + ".");
        }
        for (RenewalSettings.KubernetesTarget target : noRedeploy ? List.<RenewalSettings.KubernetesTarget>of()
                : settings.kubernetes()) {
            ObjectNode entry = redeployed == null ? Json.object() : redeployed.addObject();
            entry.put("target", "kubernetes").put("kubeconfig", target.kubeconfig()).put("context", target.context())
                    .put("namespace", target.namespace()).put("name", target.name());
            if (!redeploy(target, result, log, entry)) {
                code = ExitCodes.FINDINGS;
            }
        }
        if (deployHook != null) {
            int exit = hook(settings, log);
            if (node != null) {
                node.putObject("deployHook").put("command", deployHook).put("exitCode", exit);
            }
            if (exit != 0) {
                code = ExitCodes.FINDINGS;
            }
        }
        log.flush();
        return code;
    }

    /** Puts the renewed certificate into one Kubernetes deployment; false (and says why) when that fails. */
    private boolean redeploy(RenewalSettings.KubernetesTarget target, AcmeResult result, PrintWriter log,
            ObjectNode entry) {
        Path kubeconfig = target.kubeconfig() == null ? KubeContexts.standardFile() : Path.of(target.kubeconfig());
        log.println("Redeploying to Kubernetes " + target.label() + ":");
        log.flush();
        Progress progress = new IndentedProgress(log);
        try (KubernetesClient client = KubeContexts.read(kubeconfig).client(target.context())) {
            String fingerprint = new KubernetesDeployer(client, target.context()).replaceCertificate(
                    target.namespace(), target.name(), result.report(), KubernetesSettings.defaults(null)
                            .rolloutTimeout(), progress, new Cancellation());
            log.println("Redeployed: " + target.label() + " serves the certificate valid until " + result.notAfter()
                    + ".");
            entry.put("ok", true).put("fingerprint", fingerprint);
            return true;
        } catch (KubernetesDeployException e) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("securescore: The renewed certificate did not reach Kubernetes " + target.label()
                    + ", kubeconfig " + kubeconfig + ": " + e.getMessage());
            err.println("  fix: Once kubectl --kubeconfig " + kubeconfig + (target.context() == null ? ""
                    : " --context " + target.context()) + " -n "
                    + target.namespace() + " get deployment " + target.name() + " answers, put the renewed files in "
                    + "place with the securescore deploy --target kubernetes command you deployed with (--cert "
                    + result.fullchain() + " --key " + result.privkey() + "). They are written and checked.");
            err.flush();
            entry.put("ok", false).put("error", e.getMessage());
            return false;
        }
    }

    /** Runs --deploy-hook; its exit code (-1 when it could not run). */
    private int hook(RenewalSettings settings, PrintWriter log) {
        log.println("Deploy hook: " + deployHook);
        log.flush();
        int exit;
        try {
            exit = DeployHook.run(deployHook, out, settings.domain(), line -> {
                log.println(line);
                log.flush();
            });
        } catch (IOException e) {
            exit = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exit = -1;
        }
        if (exit != 0) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("securescore: The deploy hook " + (exit < 0 ? "could not be run (is sh installed?)"
                    : "exited with " + exit) + ": " + deployHook);
            err.println("  fix: Run it by hand with RENEWED_LINEAGE=" + out.toAbsolutePath() + " RENEWED_DOMAINS="
                    + settings.domain() + " to see what fails. The renewed files are written in " + out + ".");
            err.flush();
        }
        return exit;
    }
}

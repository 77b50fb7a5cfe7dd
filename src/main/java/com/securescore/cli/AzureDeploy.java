package com.securescore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securescore.cert.CheckReport;
import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.deploy.azure.AccessTokens;
import com.securescore.deploy.azure.AzureClient;
import com.securescore.deploy.azure.AzureExport;
import com.securescore.deploy.azure.AzurePlan;
import com.securescore.deploy.azure.AzurePreview;
import com.securescore.deploy.azure.AzureRequest;
import com.securescore.deploy.azure.AzureRequests;
import com.securescore.deploy.azure.AzureResult;
import com.securescore.deploy.azure.AzureRuleException;
import com.securescore.deploy.azure.AzureServiceException;
import com.securescore.service.AuthKeys;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;

/**
 * The Azure half of {@code securescore deploy}: builds the exact requests for aci, aks or fpga from
 * the checked certificate, then exports them, submits them, or (with neither) shows what would be
 * sent with keys and PEM bodies shortened. {@code DeployCommand} calls {@link #run}.
 */
final class AzureDeploy {
    private AzureDeploy() {
    }

    /**
     * @param exportDir write the requests and files here, or null
     * @param submit    send the request and follow the operation
     * @return 0 done, 1 a rule broken or Azure refused, 2 usage (files exist without --force, unreadable token file)
     */
    static int run(PrintWriter out, PrintWriter err, TargetKind target, AzureOptions options, CheckReport report,
            Path exportDir, boolean submit, boolean force, int replicas, boolean json) {
        return run(out, err, target, options, report, exportDir, submit, force, replicas, json, AzureClient.system(),
                System.getenv(), Cancellation.none());
    }

    /** The same, with the HTTP client, environment and cancel flag given (tests; the wizard's Cancel). */
    static int run(PrintWriter out, PrintWriter err, TargetKind target, AzureOptions options, CheckReport report,
            Path exportDir, boolean submit, boolean force, int replicas, boolean json, AzureClient client,
            Map<String, String> env, Cancellation cancel) {
        ObjectNode doc = Json.object();
        doc.put("target", target.name().toLowerCase(Locale.ROOT));
        AzurePlan plan;
        try {
            plan = AzureRequests.plan(target, options.settings(replicas), report);
        } catch (AzureRuleException e) {
            return fail(out, err, json, doc, e.field(), null, e.getMessage(), "", ExitCodes.FINDINGS);
        }
        doc.put("domain", plan.domain());
        doc.put("mode", exportDir == null && !submit ? "dry-run" : (exportDir != null ? "export" : "")
                + (exportDir != null && submit ? "+" : "") + (submit ? "submit" : ""));
        describe(doc, plan, exportDir == null && !submit);
        if (!json) {
            text(out, plan, exportDir == null && !submit);
        }
        if (exportDir != null) {
            OptionalInt failed = export(out, err, json, doc, plan, exportDir, force);
            if (failed.isPresent()) {
                return failed.getAsInt();
            }
        }
        if (submit) {
            OptionalInt failed = submit(out, err, json, doc, plan, options, client, env, cancel);
            if (failed.isPresent()) {
                return failed.getAsInt();
            }
        }
        doc.put("ok", true);
        if (json) {
            Json.print(out, doc);
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Writes the export into {@code exportDir}; the exit code when that failed, else empty. */
    private static OptionalInt export(PrintWriter out, PrintWriter err, boolean json, ObjectNode doc, AzurePlan plan,
            Path exportDir, boolean force) {
        try {
            List<AzureExport.Written> written = AzureExport.export(plan, exportDir, force);
            ArrayNode files = doc.putArray("written");
            for (AzureExport.Written w : written) {
                files.addObject().put("path", w.path().toString()).put("ownerOnly", w.ownerOnly());
                if (!json) {
                    out.println("wrote " + w.path() + (w.ownerOnly() ? "  (owner-only: it holds the private key)"
                            : ""));
                }
            }
            return OptionalInt.empty();
        } catch (AzureExport.WouldOverwriteException e) {
            return OptionalInt.of(fail(out, err, json, doc, "export", null, e.getMessage(), "", ExitCodes.USAGE));
        } catch (IOException e) {
            return OptionalInt.of(fail(out, err, json, doc, "export", null, "Could not write the export: "
                    + e.getMessage(), "", ExitCodes.USAGE));
        }
    }

    /** Sends the requests with the user's token and follows them; the exit code when that failed, else empty. */
    private static OptionalInt submit(PrintWriter out, PrintWriter err, boolean json, ObjectNode doc, AzurePlan plan,
            AzureOptions options, AzureClient client, Map<String, String> env, Cancellation cancel) {
        try {
            AccessTokens.Token token = options.token(env);
            PrintWriter log = json ? err : out;
            log.println("Access token from " + token.source() + ".");
            AzureResult result = client.submit(plan, token.value(), progress(log), cancel);
            result(doc, result);
            if (!json) {
                printResult(out, result);
            }
            return OptionalInt.empty();
        } catch (AzureRuleException e) {
            return OptionalInt.of(fail(out, err, json, doc, e.field(), null, e.getMessage(), "", ExitCodes.FINDINGS));
        } catch (AzureServiceException e) {
            return OptionalInt.of(fail(out, err, json, doc, null, e, e.getMessage(), e.fix(), ExitCodes.FINDINGS));
        } catch (UserInputException e) {
            return OptionalInt.of(fail(out, err, json, doc, "token-file", null, e.getMessage(), "", ExitCodes.USAGE));
        } catch (NoSuchFileException e) {
            return OptionalInt.of(fail(out, err, json, doc, "token-file", null, "File not found: " + e.getFile()
                    + ". Check the path.", "", ExitCodes.USAGE));
        } catch (IOException e) {
            return OptionalInt.of(fail(out, err, json, doc, null, null, e.getMessage(), "", ExitCodes.FINDINGS));
        } catch (CancellationException e) {
            return OptionalInt.of(fail(out, err, json, doc, null, null, "Cancelled; Azure may still finish what it "
                    + "started.", "Look at the resource in the Azure portal.", ExitCodes.FINDINGS));
        }
    }

    private static void describe(ObjectNode doc, AzurePlan plan, boolean preview) {
        ArrayNode requests = doc.putArray("requests");
        for (AzureRequest r : plan.requests()) {
            ObjectNode n = requests.addObject().put("method", r.method()).put("uri", r.uri().toString())
                    .put("contentType", r.contentType()).put("file", r.fileName()).put("holdsKey", r.holdsKey())
                    .put("submitted", r.submitted()).put("purpose", r.purpose());
            n.set("body", AzurePreview.of(r.body()));
        }
        doc.put("dnsRecord", plan.dnsRecord());
        if (plan.azCommand() != null) {
            doc.put("azCommand", plan.azCommand());
        }
        ArrayNode notes = doc.putArray("notes");
        plan.notes().forEach(notes::add);
        doc.put("preview", preview);
    }

    private static void text(PrintWriter out, AzurePlan plan, boolean preview) {
        out.println(plan.target().displayName() + (plan.extension() ? " (Kubernetes online endpoint extension)" : "")
                + " for " + plan.domain() + ":");
        for (AzureRequest r : plan.requests()) {
            out.println("  " + r.method() + " " + r.uri() + "  [" + r.fileName() + "]" + (r.submitted() ? ""
                    : "  (export only)"));
            out.println("    " + r.purpose());
            if (preview) {
                out.println("    Content-Type: " + r.contentType());
                String body = AzurePreview.of(r.body()).toPrettyString();
                out.println(body.indent(4).stripTrailing());
            }
        }
        if (plan.azCommand() != null && preview) {
            out.println("Or with the Azure CLI:");
            out.println(plan.azCommand().indent(2).stripTrailing());
        }
        out.println("DNS: " + plan.dnsRecord());
        plan.notes().forEach(n -> out.println("note: " + n));
        if (preview) {
            out.println("Nothing was written or sent: add --export DIR to write the requests and files, or --submit "
                    + "to send.");
        }
    }

    private static void result(ObjectNode doc, AzureResult r) {
        ObjectNode n = doc.putObject("result").put("state", r.state()).put("resource", r.resource())
                .put("port", r.port());
        if (r.scoringUri() != null) {
            n.put("scoringUri", r.scoringUri());
        }
        if (r.host() != null) {
            n.put("host", r.host());
        }
        ArrayNode addresses = n.putArray("addresses");
        r.addresses().forEach(addresses::add);
        if (r.primaryKey() != null) {
            n.put("primaryKey", AuthKeys.mask(r.primaryKey())).put("secondaryKey", AuthKeys.mask(r.secondaryKey()));
        }
        DeployedEndpoint e = r.toEndpoint();
        ObjectNode endpoint = n.putObject("endpoint").put("domain", e.domain()).put("port", e.port())
                .put("note", e.note());
        ArrayNode ips = endpoint.putArray("addresses");
        e.addresses().forEach(ips::add);
        ArrayNode names = endpoint.putArray("hostnames");
        e.hostnames().forEach(names::add);
    }

    private static void printResult(PrintWriter out, AzureResult r) {
        out.println("Azure: " + r.state() + ". " + r.toEndpoint().note());
        if (r.scoringUri() != null) {
            out.println("Scoring URI: " + r.scoringUri());
        }
    }

    private static Progress progress(PrintWriter log) {
        return new Progress() {
            private String last = "";

            @Override
            public void stage(String name, double fraction) {
                if (!name.equals(last)) {
                    last = name;
                    log.println("… " + name);
                    log.flush();
                }
            }

            @Override
            public void line(String text) {
                log.println(text);
                log.flush();
            }
        };
    }

    private static int fail(PrintWriter out, PrintWriter err, boolean json, ObjectNode doc, String field,
            AzureServiceException service, String message, String fix, int code) {
        if (json) {
            doc.put("ok", false);
            ObjectNode e = doc.putObject("error");
            if (field != null) {
                e.put("field", field);
            }
            if (service != null) {
                e.put("status", service.status()).put("code", service.serviceCode());
            }
            e.put("message", message).put("fix", fix);
            Json.print(out, doc);
        } else {
            err.println("securescore: " + message + (fix.isEmpty() ? "" : "\nFix: " + fix));
            err.flush();
        }
        out.flush();
        return code;
    }
}

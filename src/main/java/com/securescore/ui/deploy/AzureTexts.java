package com.securescore.ui.deploy;

import com.securescore.deploy.TargetKind;
import com.securescore.deploy.azure.AzurePlan;
import com.securescore.deploy.azure.AzurePreview;
import com.securescore.deploy.azure.AzureRequest;
import com.securescore.deploy.azure.AzureRuleException;
import com.securescore.deploy.azure.AzureServiceException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;

/** The Azure form's sentences: the target's note, the preview of the requests, and what a failure says. */
final class AzureTexts {
    /** What went wrong and what to do next ("" when there is nothing more to do than read it). */
    record Told(String why, String fix) {
    }

    private AzureTexts() {
    }

    /** What is still live for the target, in plain words (DEPLOY-FACTS, decision 0008). */
    static String note(TargetKind target) {
        if (target == null) {
            return "";
        }
        return switch (target) {
            case ACI -> "Azure ML SDK v1 support ended on 30 June 2026; existing v1 ACI services still run and still "
                    + "take this request. Successor: managed online endpoints, always HTTPS with Microsoft's "
                    + "certificate, where custom DNS names are not supported. Export the exact v1 request, or "
                    + "submit it to an existing v1 workspace.";
            case AKS -> "Azure ML SDK v1 support ended on 30 June 2026; existing v1 AKS computes still run. Successor: "
                    + "Kubernetes online endpoints through the Azure ML cluster extension, with TLS set on the "
                    + "extension (tick \u201cAKS successor\u201d). To deploy to a cluster today, the Kubernetes target "
                    + "does it for real.";
            case FPGA -> "No live service takes this request: the 2018 FPGA account API was retired. It is exported as "
                    + "the exact record of what the guide sent; SecureScore's FPGA-compatible service runs locally or "
                    + "on Kubernetes instead. Submit only to a compatible endpoint you run yourself (API host).";
            default -> "";
        };
    }

    /** The requests as they would be sent, with keys and PEM bodies shortened. */
    static String preview(AzurePlan plan) {
        StringBuilder out = new StringBuilder();
        out.append(plan.target().displayName()).append(plan.extension() ? " (Kubernetes online endpoint extension)"
                : "").append(" for ").append(plan.domain()).append('\n');
        for (AzureRequest r : plan.requests()) {
            out.append('\n').append(r.method()).append(' ').append(r.uri()).append("\n  file ").append(r.fileName())
                    .append(r.submitted() ? ", sent by Submit" : ", export only").append(": ").append(r.purpose())
                    .append("\n  Content-Type: ").append(r.contentType()).append('\n')
                    .append(AzurePreview.of(r.body()).toPrettyString().indent(2));
        }
        if (plan.azCommand() != null) {
            out.append("\nOr with the Azure CLI:\n").append(plan.azCommand().indent(2));
        }
        out.append("\nDNS: ").append(plan.dnsRecord()).append('\n');
        plan.notes().forEach(n -> out.append("Note: ").append(n).append('\n'));
        return out.toString().stripTrailing();
    }

    /** An export refused because {@code existing} files are in {@code dir}. */
    static String alreadyExist(List<Path> existing, Path dir) {
        return (existing.size() == 1 ? existing.get(0).getFileName() + " already exists"
                : "These files already exist: " + String.join(", ", existing.stream()
                .map(p -> p.getFileName().toString()).toList())) + " in " + dir + ". Nothing was written.";
    }

    /** A submit that failed: the service's words and fix, a broken rule (the token's), a cancel, or else the cause. */
    static Told submitFailed(Throwable failure) {
        if (failure instanceof AzureServiceException e) {
            return new Told(e.getMessage(), e.fix());
        }
        if (failure instanceof AzureRuleException e) {
            return new Told(AzureForm.words(e.getMessage()), "");
        }
        if (failure instanceof CancellationException) {
            return new Told("Cancelled: SecureScore stopped following the operation; Azure may still finish what it "
                    + "started.", "Look at the resource in the Azure portal before sending again.");
        }
        return new Told(failure instanceof IOException ? failure.getMessage() : "The submit failed: " + failure, "");
    }
}

package com.securescore.deploy.azure;

import com.securescore.deploy.TargetKind;
import com.securescore.task.Cancellation;
import com.securescore.task.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything one Azure target needs, checked against its rules: the requests, the PEM files they
 * were built from, the companion texts (az command line, DNS record) and notes for the person.
 * Built by {@link AzureRequests#plan}; exported by {@link AzureExport}; sent by {@link AzureClient}.
 *
 * @param fullchainPem leaf first, intermediates in order, no root; null when the request sends none
 * @param privkeyPem   unencrypted PKCS#8; null when the request sends none. Never in {@link #toString()}
 * @param azCommand    the equivalent az command line (the AKS successor), or null
 * @param dnsRecord    the record to create at the DNS provider, in words
 */
public record AzurePlan(TargetKind target, String domain, AzureSettings settings, List<AzureRequest> requests,
                        String fullchainPem, String privkeyPem, String azCommand, String dnsRecord,
                        List<String> notes) {
    public AzurePlan {
        requests = List.copyOf(requests);
        notes = List.copyOf(notes);
    }

    /** The request {@code submit} sends. */
    public AzureRequest submitted() {
        return requests.stream().filter(AzureRequest::submitted).findFirst().orElseThrow();
    }

    public Optional<AzureRequest> request(String fileName) {
        return requests.stream().filter(r -> r.fileName().equals(fileName)).findFirst();
    }

    /** True for the Kubernetes online endpoint extension (AKS successor) instead of the v1 compute. */
    public boolean extension() {
        return target == TargetKind.AKS && settings.aksSuccessor();
    }

    /** Writes this plan's files into {@code dir}; see {@link AzureExport#export}. */
    public List<AzureExport.Written> export(Path dir, boolean force)
            throws IOException {
        return AzureExport.export(this, dir, force);
    }

    /** Sends the request and follows the operation; see {@link AzureClient#submit}. */
    public AzureResult submit(AzureClient client, String token, Progress progress, Cancellation cancel)
            throws AzureServiceException, IOException {
        return client.submit(this, token, progress, cancel);
    }

    @Override
    public String toString() {
        return "AzurePlan[" + target + " for " + domain + ": " + requests + "]";
    }
}

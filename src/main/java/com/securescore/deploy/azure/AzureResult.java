package com.securescore.deploy.azure;

import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.service.AuthKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * What Azure reported once the operation succeeded: where the service answers. The FPGA keys are
 * kept for the caller to store; every text form shows them masked.
 *
 * @param state        the operation's final state ("Succeeded")
 * @param resource     the resource's address at Azure
 * @param scoringUri   ACI's scoringUri, or null
 * @param host         the Azure-provided host name, or null
 * @param port         the TLS port
 * @param addresses    public IPs Azure reported (ACI publicIp/ipAddress, AKS azureml-fe, FPGA ipAddress)
 * @param primaryKey   FPGA primary key, or null
 * @param secondaryKey FPGA secondary key, or null
 */
public record AzureResult(TargetKind target, String domain, String state, String resource, String scoringUri,
                          String host, int port, List<String> addresses, String primaryKey, String secondaryKey) {
    public AzureResult {
        addresses = List.copyOf(addresses);
    }

    /** The hand-over to the DNS step and the scoring console. */
    public DeployedEndpoint toEndpoint() {
        List<String> hostnames = new ArrayList<>();
        if (host != null && !host.equalsIgnoreCase(domain)) {
            hostnames.add(host);
        }
        String note;
        if (addresses.isEmpty() && hostnames.isEmpty()) {
            note = "Azure reported no address yet: look at the resource in the portal, then create the DNS record.";
        } else {
            note = "Point " + domain + " at " + (addresses.isEmpty() ? "CNAME " + hostnames.get(0)
                    : "A " + String.join(", ", addresses)) + "." + (primaryKey == null ? ""
                    : " Keys: primary " + AuthKeys.mask(primaryKey) + ", secondary " + AuthKeys.mask(secondaryKey) + ".");
        }
        return new DeployedEndpoint(target, domain, port, addresses, hostnames, note, null);
    }

    @Override
    public String toString() {
        return "AzureResult[" + target + " " + domain + " " + state + ", host=" + host + ", port=" + port
                + ", addresses=" + addresses + (primaryKey == null ? "" : ", keys " + AuthKeys.mask(primaryKey) + " / "
                + AuthKeys.mask(secondaryKey)) + "]";
    }
}

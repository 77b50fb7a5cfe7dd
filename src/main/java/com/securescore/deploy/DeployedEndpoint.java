package com.securescore.deploy;

import java.util.List;

/**
 * Where a deployment answers, handed from the Deploy step to the DNS step and the scoring console.
 *
 * @param target    where it runs
 * @param domain    the name clients use (and the certificate covers)
 * @param port      the TLS port clients connect to
 * @param addresses the addresses the name must resolve to (IPs), empty when there is none yet
 * @param hostnames host names the name may be a CNAME of (a cloud load balancer's name, the
 *                  Azure-provided name), empty when none
 * @param note      why there is no address yet, or what to do next; empty when nothing to say
 * @param keysFile  where the service's keys are (a path, never a key), or null
 */
public record DeployedEndpoint(TargetKind target, String domain, int port, List<String> addresses,
                               List<String> hostnames, String note, String keysFile) {
    public DeployedEndpoint {
        addresses = List.copyOf(addresses);
        hostnames = List.copyOf(hostnames);
        note = note == null ? "" : note;
    }

    /** True when clients elsewhere have something to point the name at. */
    public boolean reachable() {
        return !addresses.isEmpty() || !hostnames.isEmpty();
    }
}

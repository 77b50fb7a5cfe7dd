package com.securescore.dns;

import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.domain.DomainNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What to do so the service's name reaches it, per target: which record (A/AAAA for an address,
 * CNAME for a host name), on which name, pointing where, and where to do it. Filled in from the
 * deployment when there is one, with placeholders otherwise, so the checklist can be read before
 * deploying or for a target SecureScore only writes requests for.
 *
 * @param target    where the service runs
 * @param domain    the service's name
 * @param zone      the zone the record goes in (a guess: the name's last two labels)
 * @param apex      true when the name looks like a zone apex (two labels), where no CNAME may sit
 * @param routes    the ways to point the name at the service; any one of them will do
 * @param notes     what to know whichever route is taken (why there is no address yet, the cname
 *                  the target's request must carry)
 * @param hostsLine for Local: the hosts-file line to try the name from this machine; else empty
 * @param hostsFile for Local: where that file is on this machine's OS; else empty
 * @param expected  what the live check should expect (addresses, else host names): 127.0.0.1 for
 *                  Local; empty when the deployment has not said, and the person types it
 */
public record DnsChecklist(TargetKind target, String domain, String zone, boolean apex, List<Route> routes,
                           List<String> notes, String hostsLine, String hostsFile, List<String> expected) {
    public DnsChecklist {
        routes = List.copyOf(routes);
        notes = List.copyOf(notes);
        expected = List.copyOf(expected);
    }

    /** One way to point the name at the service, and where to do it. */
    public record Route(String title, String where, List<DnsRecord> records, List<String> notes) {
        public Route {
            records = List.copyOf(records);
            notes = List.copyOf(notes);
        }
    }

    /** Shown when a Kubernetes LoadBalancer Service has no external address. */
    public static final String NO_LOAD_BALANCER = "The Service has no external address yet: the cluster has no "
            + "load-balancer controller (a cluster without a cloud gives LoadBalancer Services none), or the "
            + "cloud is still assigning one. Use a NodePort Service and point the record at a node's address, "
            + "or an Ingress and point it at the ingress controller's address.";

    /** The checklist for what the Deploy step produced. */
    public static DnsChecklist forEndpoint(DeployedEndpoint endpoint) {
        return build(endpoint.target(), endpoint.domain(), endpoint, System.getProperty("os.name", ""));
    }

    /** The checklist before anything is deployed (or for an export-only target): placeholders for the values. */
    public static DnsChecklist forTarget(TargetKind target, String domain) {
        return build(target, domain, null, System.getProperty("os.name", ""));
    }

    static DnsChecklist build(TargetKind target, String domain, DeployedEndpoint endpoint, String osName) {
        String name = domain == null || domain.isBlank() ? "scoring.contoso.com" : strip(domain);
        Builder b = new Builder(name, endpoint);
        switch (target) {
            case LOCAL -> b.local(osName);
            case KUBERNETES -> b.kubernetes();
            case ACI -> b.aci();
            case AKS -> b.aks();
            case FPGA -> b.fpga();
            default -> throw new IllegalArgumentException(String.valueOf(target));
        }
        if (endpoint != null && !endpoint.note().isBlank() && !b.notes.contains(endpoint.note())) {
            b.notes.add(0, endpoint.note());
        }
        List<String> expected = new ArrayList<>();
        if (target == TargetKind.LOCAL) {
            // The wizard's Local service listens on the loopback address only: that is where the name must lead.
            expected.add(LocalNameCheck.LOOPBACK);
        } else if (endpoint != null) {
            expected.addAll(endpoint.addresses().stream().filter(a -> !loopback(a)).toList());
            if (expected.isEmpty() && target != TargetKind.LOCAL) {
                expected.addAll(endpoint.hostnames());
            }
        }
        return new DnsChecklist(target, name, b.zone, b.apex, b.routes, b.notes, b.hostsLine, b.hostsFile, expected);
    }

    /** The hosts file on an OS, by its {@code os.name} (on Windows, under this machine's %SystemRoot%). */
    public static String hostsFile(String osName) {
        return HostsFile.location(osName, System.getenv("SystemRoot"));
    }

    /** The zone a name probably belongs to: its last two labels (a guess; co.uk-style zones have three). */
    public static String zoneOf(String domain) {
        String[] labels = strip(domain).split("\\.");
        return labels.length <= 2 ? strip(domain)
                : labels[labels.length - 2] + "." + labels[labels.length - 1];
    }

    private static String strip(String domain) {
        String d = domain.trim().toLowerCase(Locale.ROOT);
        return d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
    }

    private static boolean loopback(String address) {
        return address.startsWith("127.") || address.equals("::1");
    }

    /** True when some record still has a placeholder for its value. */
    public boolean hasPlaceholders() {
        return routes.stream().flatMap(r -> r.records().stream()).anyMatch(DnsRecord::placeholder);
    }

    private static final class Builder {
        final String name;
        final DeployedEndpoint endpoint;
        final String zone;
        final boolean apex;
        final String host;
        final List<Route> routes = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        String hostsLine = "";
        String hostsFile = "";

        Builder(String name, DeployedEndpoint endpoint) {
            this.name = name;
            this.endpoint = endpoint;
            this.zone = zoneOf(name);
            this.apex = name.equals(zone);
            this.host = apex ? "@" : name.substring(0, name.length() - zone.length() - 1);
        }

        List<String> addresses() {
            return endpoint == null ? List.of() : endpoint.addresses();
        }

        List<String> hostnames() {
            return endpoint == null ? List.of() : endpoint.hostnames();
        }

        DnsRecord address(String value) {
            return new DnsRecord(value.contains(":") ? "AAAA" : "A", name, host, zone, value);
        }

        List<DnsRecord> addressRecords(String placeholder) {
            List<String> a = addresses().stream().filter(x -> !loopback(x)).toList();
            return a.isEmpty() ? List.of(address(placeholder)) : a.stream().map(this::address).toList();
        }

        /** A CNAME, or at the apex the provider's ALIAS record, with the reason in the route's notes. */
        Route alias(String title, String where, String value, List<String> extra) {
            List<String> n = new ArrayList<>(extra);
            if (apex) {
                n.add(0, "A CNAME can never sit at a zone apex (" + name + " looks like one): use your DNS "
                        + "provider's ALIAS/ANAME record (CNAME flattening) to this host name, or an A record to "
                        + "its address, or a name below the apex such as scoring." + name + ".");
            }
            return new Route(title, where, List.of(new DnsRecord(apex ? "ALIAS" : "CNAME", name, host, zone, value)), n);
        }

        String provider() {
            Optional<String> reserved = DomainNames.developmentSuffix(name);
            if (reserved.isPresent()) {
                return "No public DNS provider hosts ." + reserved.get() + " names: other machines reach " + name
                        + " only through their own hosts files, or a DNS server on your network that answers for "
                        + zone + " (there, create the record with name \"" + host + "\").";
            }
            return "At the DNS provider (or registrar) that hosts " + zone + ": create the record with name \""
                    + host + "\"" + (apex ? " (the apex)" : "") + ".";
        }

        void local(String osName) {
            hostsLine = "127.0.0.1 " + name;
            hostsFile = hostsFile(osName);
            routes.add(new Route("Try the name from this machine", "Add the line \"" + hostsLine + "\" to "
                    + hostsFile + " (as administrator" + (hostsFile.startsWith("/") ? "; sudo" : "")
                    + "), and remove it when done. The scoring console does not need it: it connects to "
                    + "127.0.0.1 and still checks that the certificate names " + name + ".", List.of(), List.of()));
            routes.add(new Route("Let other machines reach it by name", provider(),
                    List.of(address("<this machine's address>")), List.of("The service must listen on that "
                            + "address too. The wizard's Local service listens on 127.0.0.1 only; to serve other "
                            + "machines, run it from the command line with serve --bind and that address.")));
        }

        void kubernetes() {
            String find = "kubectl get service NAME -o wide (EXTERNAL-IP), or kubectl get ingress (ADDRESS).";
            if (!hostnames().isEmpty() || endpoint == null) {
                routes.add(alias("CNAME to the load balancer's host name", provider() + (endpoint == null
                        ? " The name: EXTERNAL-IP of the Service when the cloud gives a host name (AWS, some "
                        + "ingress controllers)." : ""), hostnames().isEmpty() ? "<load balancer host name>"
                        : hostnames().get(0), List.of()));
            }
            if (!addresses().isEmpty() || hostnames().isEmpty()) {
                routes.add(0, new Route("A record to the Service's or Ingress's external address", provider()
                        + (addresses().isEmpty() ? " The address: " + find : ""),
                        addressRecords("<external IP of the Service or Ingress>"), List.of()));
            }
            if (endpoint != null && !endpoint.reachable()) {
                notes.add(endpoint.note().isBlank() ? NO_LOAD_BALANCER : endpoint.note());
            }
        }

        void aci() {
            String az = "az container show -g RESOURCE_GROUP -n NAME --query ipAddress";
            if (!addresses().isEmpty() || hostnames().isEmpty()) {
                routes.add(new Route("A record to the container group's IP address", provider()
                        + (addresses().isEmpty() ? " The address: Azure portal → the container instance → Overview "
                        + "→ IP address, or " + az + ".ip." : ""),
                        addressRecords("<container group IP address>"), List.of()));
            }
            String label = hostnames().isEmpty() ? "<dnsNameLabel>.<region>.azurecontainer.io" : hostnames().get(0);
            routes.add(alias("CNAME to the container group's Azure name (dnsNameLabel)", provider()
                    + (hostnames().isEmpty() ? " The name: the FQDN in the container instance's Overview, or " + az
                    + ".fqdn (set by dns_name_label)." : ""), label, List.of()));
            notes.add("The ACI request's cname (ssl_cname) must be " + name + ", and the certificate must name it.");
        }

        void aks() {
            routes.add(new Route("AKS v1: registrar record to the cluster's public IP", provider()
                    + (addresses().isEmpty() ? " The address: Azure portal → the cluster's node resource group "
                    + "(MC_…) → its Public IP address → Overview." : ""),
                    addressRecords("<cluster's public IP address>"), List.of("The cname in sslConfiguration must be "
                            + name + ".")));
            String label = hostnames().stream().filter(h -> h.endsWith(".cloudapp.azure.com")).findFirst()
                    .orElse("<label>.<region>.cloudapp.azure.com");
            routes.add(alias("AKS v1: the Public IP's DNS name label (Microsoft's name)", "Azure portal → the "
                    + "cluster's node resource group (MC_…) → Public IP address → Configuration → DNS name label "
                    + "gives " + label + ". Then, at the DNS provider that hosts " + zone + ", point \"" + host
                    + "\" at it.", label, List.of("With Microsoft's certificate (status Auto, leafDomainLabel) "
                            + "clients use " + label + " itself and no record of yours is needed.")));
            routes.add(new Route("Kubernetes online endpoint (the successor): azureml-fe's external IP", provider()
                    + (addresses().isEmpty() ? " The address: kubectl get service azureml-fe -n azureml "
                    + "(EXTERNAL-IP)." : ""), addressRecords("<external IP of service azureml-fe in namespace "
                    + "azureml>"), List.of("The extension's sslCname must be " + name + ".")));
        }

        void fpga() {
            routes.add(new Route("A record to the service's ipAddress", provider()
                    + (addresses().isEmpty() ? " The address: ipAddress in the FPGA service's answer "
                    + "(service.ipAddress in amlrealtimeai)." : ""),
                    addressRecords("<the service's ipAddress>"), List.of()));
        }
    }
}

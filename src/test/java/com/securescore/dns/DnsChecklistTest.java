package com.securescore.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-target DNS instructions, filled in from a deployment or with placeholders before one. */
class DnsChecklistTest {
    private static DeployedEndpoint endpoint(TargetKind t, String domain, List<String> addresses,
            List<String> hostnames, String note) {
        return new DeployedEndpoint(t, domain, 443, addresses, hostnames, note, null);
    }

    private static DnsRecord only(DnsChecklist.Route r) {
        assertEquals(1, r.records().size(), r.toString());
        return r.records().get(0);
    }

    private static String all(DnsChecklist c) {
        return c.toString();
    }

    @Test
    void localGivesTheHostsFileLinePerOs() {
        DnsChecklist linux = DnsChecklist.build(TargetKind.LOCAL, "scoring.contoso.com", null, "Linux");
        assertEquals("127.0.0.1 scoring.contoso.com", linux.hostsLine());
        assertEquals("/etc/hosts", linux.hostsFile());
        DnsChecklist windows = DnsChecklist.build(TargetKind.LOCAL, "scoring.contoso.com", null, "Windows 11");
        assertEquals("C:\\Windows\\System32\\drivers\\etc\\hosts", windows.hostsFile());
        assertTrue(windows.routes().get(0).where().contains("127.0.0.1 scoring.contoso.com"));
        assertEquals("/etc/hosts", DnsChecklist.hostsFile("Mac OS X"));
    }

    @Test
    void localExpectsTheLoopbackAddressItsServiceListensOnButPutsNoneInThePublicRecord() {
        DnsChecklist c = DnsChecklist.forEndpoint(endpoint(TargetKind.LOCAL, "scoring.contoso.com",
                List.of("127.0.0.1"), List.of(), ""));
        assertEquals(List.of("127.0.0.1"), c.expected());
        assertTrue(only(c.routes().get(1)).placeholder());
        assertEquals(List.of("127.0.0.1"), DnsChecklist.forTarget(TargetKind.LOCAL, "scoring.contoso.com").expected(),
                "before deploying too");
    }

    /** A .test name has no DNS provider to go to: the step says where such a record can live instead. */
    @Test
    void aReservedNameIsNotSentToADnsProvider() {
        DnsChecklist test = DnsChecklist.forTarget(TargetKind.LOCAL, "scoring.walk.test");
        String where = test.routes().get(1).where();
        assertTrue(where.startsWith("No public DNS provider hosts .test names"), where);
        assertTrue(where.contains("hosts files") && where.contains("\"scoring\""), where);
        String publicName = DnsChecklist.forTarget(TargetKind.LOCAL, "scoring.contoso.com").routes().get(1).where();
        assertTrue(publicName.startsWith("At the DNS provider (or registrar) that hosts contoso.com"), publicName);
    }

    @Test
    void theRecordNameIsGivenRelativeToTheZone() {
        DnsChecklist c = DnsChecklist.forEndpoint(endpoint(TargetKind.FPGA, "scoring.contoso.com",
                List.of("20.50.1.10"), List.of(), ""));
        DnsRecord r = only(c.routes().get(0));
        assertEquals("A", r.type());
        assertEquals("scoring", r.host());
        assertEquals("contoso.com", r.zone());
        assertEquals("20.50.1.10", r.value());
        assertFalse(r.placeholder());
        assertEquals("scoring.contoso.com. 300 IN A 20.50.1.10", r.zoneLine());
        assertEquals(List.of("20.50.1.10"), c.expected());
        assertEquals("a.b", DnsChecklist.build(TargetKind.FPGA, "x.y.a.b", null, "Linux").zone());
        assertEquals("x.y", only(DnsChecklist.build(TargetKind.FPGA, "x.y.a.b", null, "Linux").routes().get(0))
                .host());
    }

    @Test
    void kubernetesPointsAnARecordAtTheExternalAddressAndACnameAtTheLoadBalancersName() {
        DnsChecklist ip = DnsChecklist.forEndpoint(endpoint(TargetKind.KUBERNETES, "scoring.contoso.com",
                List.of("20.50.1.10", "2603:1030::10"), List.of(), ""));
        assertEquals(List.of("A", "AAAA"), ip.routes().get(0).records().stream().map(DnsRecord::type).toList());
        DnsChecklist lb = DnsChecklist.forEndpoint(endpoint(TargetKind.KUBERNETES, "scoring.contoso.com",
                List.of(), List.of("abc.elb.amazonaws.com"), ""));
        DnsRecord r = only(lb.routes().get(0));
        assertEquals("CNAME", r.type());
        assertEquals("abc.elb.amazonaws.com", r.value());
        assertEquals(List.of("abc.elb.amazonaws.com"), lb.expected());
    }

    @Test
    void kubernetesWithoutAnAddressSaysWhyAndWhatToUseInstead() {
        DnsChecklist c = DnsChecklist.forEndpoint(endpoint(TargetKind.KUBERNETES, "scoring.contoso.com",
                List.of(), List.of(), ""));
        assertTrue(c.notes().get(0).contains("no load-balancer controller") && c.notes().get(0).contains("NodePort")
                && c.notes().get(0).contains("Ingress"), c.notes().toString());
        assertTrue(only(c.routes().get(0)).placeholder());
    }

    @Test
    void aciOffersTheContainerGroupsIpOrItsDnsNameLabel() {
        DnsChecklist c = DnsChecklist.forEndpoint(endpoint(TargetKind.ACI, "scoring.contoso.com",
                List.of("20.50.1.10"), List.of("scoring-demo.westeurope.azurecontainer.io"), ""));
        assertEquals("A", only(c.routes().get(0)).type());
        DnsRecord cname = only(c.routes().get(1));
        assertEquals("CNAME", cname.type());
        assertEquals("scoring-demo.westeurope.azurecontainer.io", cname.value());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("cname")));
    }

    @Test
    void aksOffersThePublicIpItsDnsLabelPathAndTheSuccessorsAzuremlFe() {
        DnsChecklist c = DnsChecklist.forTarget(TargetKind.AKS, "scoring.contoso.com");
        assertEquals(3, c.routes().size());
        assertTrue(c.routes().get(0).where().contains("Public IP"), c.routes().get(0).where());
        assertEquals("<label>.<region>.cloudapp.azure.com", only(c.routes().get(1)).value());
        assertTrue(c.routes().get(1).where().contains("Configuration → DNS name label"));
        assertTrue(c.routes().get(2).where().contains("kubectl get service azureml-fe -n azureml"));
        assertTrue(c.hasPlaceholders());
        assertTrue(c.expected().isEmpty());
    }

    @Test
    void aCnameAtTheApexBecomesAnAliasWithTheReason() {
        DnsChecklist c = DnsChecklist.forEndpoint(endpoint(TargetKind.ACI, "contoso.com", List.of(),
                List.of("scoring-demo.westeurope.azurecontainer.io"), ""));
        assertTrue(c.apex());
        DnsChecklist.Route route = c.routes().get(0);
        DnsRecord r = only(route);
        assertEquals("ALIAS", r.type());
        assertEquals("@", r.host());
        assertTrue(route.notes().get(0).contains("A CNAME can never sit at a zone apex"), route.notes().toString());
    }

    @Test
    void theDeploymentsNoteComesFirst() {
        DnsChecklist c = DnsChecklist.forEndpoint(endpoint(TargetKind.FPGA, "scoring.contoso.com", List.of(),
                List.of(), "The 2018 service is gone; no address."));
        assertEquals("The 2018 service is gone; no address.", c.notes().get(0));
        assertTrue(all(c).contains("<the service's ipAddress>"));
    }
}

package com.securescore.ui.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.deploy.DeployedEndpoint;
import com.securescore.deploy.TargetKind;
import com.securescore.dns.DnsCheck;
import com.securescore.dns.DnsRecord;
import com.securescore.dns.DnsReport;
import com.securescore.dns.HostsFile;
import com.securescore.dns.LocalNameCheck;
import com.securescore.findings.FindingCode;
import com.securescore.service.AuthKeys;
import com.securescore.testsupport.KnotServer;
import com.securescore.testsupport.LocalService;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DNS step without the FX thread: checklist from the deployment, live checks against a real Knot server. */
class DnsStepViewModelTest {
    @TempDir
    static Path dir;

    static KnotServer knot;

    @BeforeAll
    static void startKnot() {
        knot = KnotServer.start(dir.resolve("knot"), KnotServer.zones(
                "contoso.test", KnotServer.zone("contoso.test", 1, 300,
                        "right 60 IN A 192.0.2.10",
                        "scoring 60 IN A 127.0.0.1",
                        "wrong 3600 IN A 192.0.2.99"),
                "rollout.test", KnotServer.zone("rollout.test", 1, 60, "scoring 30 IN A 192.0.2.99")));
    }

    @AfterAll
    static void stopKnot() {
        if (knot != null) {
            knot.close();
        }
    }

    private static WizardState state(String domain, TargetKind target) {
        WizardState s = new WizardState();
        s.domainProperty().set(domain);
        s.targetProperty().set(target);
        return s;
    }

    private static DnsStepViewModel model(WizardState s, BackgroundRunner runner) {
        DnsStepViewModel m = new DnsStepViewModel(s, runner, new DnsCheck(Duration.ofSeconds(2)));
        m.resolverProperty().set(knot.resolver());
        return m;
    }

    @Test
    void theChecklistAndExpectedAddressComeFromTheDeployment() {
        WizardState s = state("right.contoso.test", TargetKind.ACI);
        s.deployedProperty().set(new DeployedEndpoint(TargetKind.ACI, "right.contoso.test", 443,
                List.of("192.0.2.10"), List.of("demo.westeurope.azurecontainer.io"), "", null));
        DnsStepViewModel m = model(s, BackgroundRunner.DIRECT);
        m.onEnter();
        assertTrue(m.fromDeploymentProperty().get());
        assertEquals("192.0.2.10", m.expectedProperty().get());
        DnsRecord a = m.checklistProperty().get().routes().get(0).records().get(0);
        assertEquals("right", a.host());
        assertEquals("192.0.2.10", a.value());
    }

    @Test
    void withNothingDeployedThePlaceholdersShowAndTheUserTypesTheAddress() {
        DnsStepViewModel m = model(state("right.contoso.test", TargetKind.AKS), BackgroundRunner.DIRECT);
        m.onEnter();
        assertFalse(m.fromDeploymentProperty().get());
        assertTrue(m.checklistProperty().get().hasPlaceholders());
        assertEquals("", m.expectedProperty().get());
        m.checkNow();
        assertTrue(m.statusProperty().get().startsWith("Type the address"), m.statusProperty().get());
        assertNull(m.reportProperty().get());

        m.expectedProperty().set("192.0.2.10");
        m.onEnter();
        assertEquals("192.0.2.10", m.expectedProperty().get(), "what the user typed is kept");
        m.checkNow();
        assertTrue(m.reportProperty().get().matches(), m.verdictProperty().get());
        assertTrue(m.findings().isEmpty());
        assertFalse(m.busyProperty().get());
    }

    @Test
    void onceTheNameResolvesTheServiceThereIsCheckedForItsCertificateAndKeys() throws Exception {
        try (var service = LocalService.start(dir.resolve("service"))) {
            WizardState s = state(LocalService.HOST, TargetKind.LOCAL);
            s.endpointPortProperty().set(service.port());
            s.trustPathProperty().set(service.ca());
            s.keysFileProperty().set(service.keysFile());
            DnsStepViewModel m = model(s, BackgroundRunner.DIRECT);
            m.onEnter();
            m.expectedProperty().set("127.0.0.1");
            m.checkNow();
            assertTrue(m.reportProperty().get().matches(), m.verdictProperty().get());
            assertTrue(m.endpointWorksProperty().get(), m.endpointVerdictProperty().get() + m.endpointFindings());
            assertTrue(m.endpointVerdictProperty().get().contains("answers over TLS with the checked certificate and "
                    + "enforces its keys"), m.endpointVerdictProperty().get());

            Path otherKeys = dir.resolve("other-keys.json");
            AuthKeys.Pair.fresh().save(otherKeys, false);
            s.keysFileProperty().set(otherKeys);
            m.checkNow();
            assertFalse(m.endpointWorksProperty().get());
            assertTrue(m.endpointVerdictProperty().get().startsWith("The name resolves, but the service"),
                    m.endpointVerdictProperty().get());
            assertTrue(m.endpointFindings().stream().anyMatch(f -> f.code().name().equals("AUTH_REJECTED")),
                    m.endpointFindings().toString());
        }
    }

    @Test
    void localExpectsTheLoopbackAddressAndAsksThisMachineWithTheHostsFileFirst() throws Exception {
        Path hosts = dir.resolve("local-hosts");
        Files.write(hosts, List.of("127.0.0.1 localhost"));
        DnsStepViewModel m = new DnsStepViewModel(state("scoring.contoso.invalid", TargetKind.LOCAL),
                BackgroundRunner.DIRECT, new DnsCheck(Duration.ofSeconds(2)), new LocalNameCheck(new HostsFile(hosts)));
        m.onEnter();
        assertEquals("127.0.0.1", m.expectedProperty().get());
        assertTrue(m.expectedHelpProperty().get().startsWith("127.0.0.1 is the address the local service listens "
                + "on."), m.expectedHelpProperty().get());

        m.checkNow();
        assertFalse(m.reportProperty().get().matches());
        assertEquals(FindingCode.DNS_NXDOMAIN, m.findings().get(0).code());
        assertTrue(m.findings().get(0).fix().startsWith("Add the line \"127.0.0.1 scoring.contoso.invalid\" to "
                + hosts), m.findings().get(0).fix());

        Files.write(hosts, List.of("127.0.0.1 localhost", "127.0.0.1 scoring.contoso.invalid"));
        m.checkNow();
        assertTrue(m.reportProperty().get().matches(), m.verdictProperty().get());
        assertEquals("this machine, from " + hosts, m.reportProperty().get().answers().get(0).resolver().label());

        m.expectedProperty().set("");
        m.checkNow();
        assertEquals("Type the address the name should point to: 127.0.0.1, where the local service listens.",
                m.statusProperty().get());
    }

    @Test
    void aDeploymentForAnotherTargetIsNotUsed() {
        WizardState s = state("right.contoso.test", TargetKind.FPGA);
        s.deployedProperty().set(new DeployedEndpoint(TargetKind.LOCAL, "right.contoso.test", 50051,
                List.of("127.0.0.1"), List.of(), "", null));
        DnsStepViewModel m = model(s, BackgroundRunner.DIRECT);
        m.onEnter();
        assertFalse(m.fromDeploymentProperty().get());
        assertEquals("<the service's ipAddress>", m.checklistProperty().get().routes().get(0).records().get(0).value());
    }

    @Test
    void aWrongAddressShowsTheVerdictAndTheFindingWithItsFix() {
        DnsStepViewModel m = model(state("wrong.contoso.test", TargetKind.KUBERNETES), BackgroundRunner.DIRECT);
        m.onEnter();
        m.expectedProperty().set("192.0.2.10");
        m.checkNow();
        assertFalse(m.reportProperty().get().matches());
        assertTrue(m.verdictProperty().get().contains("does not resolve"), m.verdictProperty().get());
        assertEquals(FindingCode.DNS_STALE_ADDRESS, m.findings().get(0).code());
        assertTrue(m.findings().get(0).fix().contains("192.0.2.10"));

        m.state().domainProperty().set("right.contoso.test");
        m.onEnter();
        assertNull(m.reportProperty().get(), "results for the old name are cleared");
        assertTrue(m.findings().isEmpty());
    }

    @Test
    void aBadResolverOrAddressIsSaidAndNothingIsChecked() {
        DnsStepViewModel m = model(state("right.contoso.test", TargetKind.FPGA), BackgroundRunner.DIRECT);
        m.expectedProperty().set("192.0.2.10");
        m.resolverProperty().set("127.0.0.1:99999");
        m.checkNow();
        assertTrue(m.statusProperty().get().startsWith("Resolver:"), m.statusProperty().get());
        m.resolverProperty().set(knot.resolver());
        m.expectedProperty().set("192.0.2.256");
        m.checkNow();
        assertTrue(m.statusProperty().get().contains("not a valid IPv4"), m.statusProperty().get());
        assertNull(m.reportProperty().get());
    }

    @Test
    void keepCheckingStopsAtTheFirstMatch() {
        DnsStepViewModel m = model(state("scoring.rollout.test", TargetKind.FPGA), BackgroundRunner.DIRECT);
        m.pace(Duration.ofMillis(50), Duration.ofSeconds(30));
        m.expectedProperty().set("192.0.2.10");
        int[] rounds = {0};
        m.reportProperty().addListener((o, was, now) -> {
            if (++rounds[0] == 1) {
                assertFalse(now.matches());
                assertTrue(m.waitingProperty().get());
                assertTrue(m.busyProperty().get());
                // The record is corrected at the DNS provider while the step keeps checking.
                knot.replaceZone("rollout.test", KnotServer.zone("rollout.test", 2, 60, "scoring 30 IN A 192.0.2.10"),
                        2);
            }
        });
        m.keepChecking();
        assertTrue(m.reportProperty().get().matches(), m.verdictProperty().get());
        assertTrue(rounds[0] >= 2);
        assertFalse(m.busyProperty().get());
        assertFalse(m.waitingProperty().get());
        assertEquals(-1, m.progressProperty().get());
    }

    @Test
    void cancelEndsKeepCheckingAtOnce() throws Exception {
        ThreadRunner runner = new ThreadRunner();
        try {
            DnsStepViewModel m = model(state("wrong.contoso.test", TargetKind.FPGA), runner);
            m.pace(Duration.ofMinutes(10), Duration.ofHours(1));
            m.expectedProperty().set("192.0.2.10");
            CountDownLatch firstRound = new CountDownLatch(1);
            m.reportProperty().addListener((o, was, now) -> firstRound.countDown());
            m.keepChecking();
            assertTrue(firstRound.await(10, TimeUnit.SECONDS));
            assertTrue(m.waitingProperty().get());
            long start = System.nanoTime();
            m.cancel();
            assertTrue(runner.finished.await(10, TimeUnit.SECONDS));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 5);
            assertEquals("Stopped checking.", m.statusProperty().get());
            assertFalse(m.busyProperty().get());
            assertFalse(m.waitingProperty().get());
            DnsReport last = m.reportProperty().get();
            assertFalse(last.matches());
        } finally {
            runner.executor.shutdownNow();
        }
    }

    /** Runs work on its own thread and reports on it, as the FX runner does on the FX thread. */
    private static final class ThreadRunner implements BackgroundRunner {
        final ExecutorService executor = Executors.newSingleThreadExecutor();
        final CountDownLatch finished = new CountDownLatch(1);

        @Override
        public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
            executor.execute(() -> {
                try {
                    T result;
                    try {
                        result = work.call();
                    } catch (Exception e) {
                        failed.accept(e);
                        return;
                    }
                    done.accept(result);
                } finally {
                    finished.countDown();
                }
            });
        }

        @Override
        public void post(Runnable update) {
            update.run();
        }
    }
}

package com.securescore.diagnose;

import com.securescore.cert.ClientSupport;
import com.securescore.findings.Finding;
import com.securescore.revocation.RevocationReport;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole result of diagnosing one endpoint: what the connection gave, whether keys are enforced,
 * which clients accept the presented chain, every finding (certificate and endpoint codes alike),
 * and when and from where it was seen.
 *
 * @param target     what was diagnosed: "host:port", and the name checked when it differs
 * @param connection the probe's outcome: unreachable, not TLS, handshake refused, or a presented chain
 * @param auth       the key checks, or why they were not made
 * @param clients    the client table for the presented chain; empty when none was presented
 * @param findings   errors first
 * @param at         when the diagnosis ran
 * @param from       the host name of the machine it ran on
 * @param revocation whether the presented certificates are revoked, and how that was found out
 */
public record Diagnosis(String target, EndpointProbe.Outcome connection, AuthCheck auth,
                        List<ClientSupport.Verdict> clients, List<Finding> findings, Instant at, String from,
                        RevocationReport revocation) {
    public Diagnosis {
        clients = List.copyOf(clients);
        findings = List.copyOf(findings);
    }

    /** A diagnosis whose revocation was not checked. */
    public Diagnosis(String target, EndpointProbe.Outcome connection, AuthCheck auth,
                     List<ClientSupport.Verdict> clients, List<Finding> findings, Instant at, String from) {
        this(target, connection, auth, clients, findings, at, from, RevocationReport.notChecked("not asked"));
    }

    /** True when nothing stands in the way of a client that uses the given trust (and key). */
    public boolean works() {
        return findings.stream().noneMatch(Finding::isError);
    }

    /** The chain the server presented, when it presented one. */
    public Optional<EndpointProbe.Presented> presented() {
        return connection instanceof EndpointProbe.Presented p ? Optional.of(p) : Optional.empty();
    }

    /** What the key checks found: one record per outcome. */
    public sealed interface AuthCheck permits NotChecked, Checked {
    }

    /** The calls were not made; {@code why} says what stood in the way. */
    public record NotChecked(String why) implements AuthCheck {
    }

    /** A Predict call without a key, and one with the given key when a key was given. */
    public record Checked(Call withoutKey, Optional<Call> withKey) implements AuthCheck {
    }

    /** One Predict call: whether it succeeded, else the code and message it failed with. */
    public sealed interface Call permits Succeeded, Failed, NotTried {
    }

    /** The service answered with scores; {@code labelsSource} what it says it runs ("" if it does not say). */
    public record Succeeded(double latencyMillis, String labelsSource) implements Call {
        /** "answered in 12 ms (what it runs)": the words both faces put after who made the call. */
        public String answered() {
            return String.format(Locale.ROOT, "answered in %.0f ms%s", latencyMillis,
                    labelsSource.isEmpty() ? "" : " (" + labelsSource + ")");
        }
    }

    /** A key was given but not sent: {@code why} says what stood in the way (the call without a key failed so). */
    public record NotTried(String why) implements Call {
    }

    /** The call failed; {@code code} a finding code or a gRPC status name. */
    public record Failed(String code, String message) implements Call {
    }
}

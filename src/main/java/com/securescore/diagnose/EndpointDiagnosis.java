package com.securescore.diagnose;

import com.securescore.cert.ClientSupport;
import com.securescore.cert.Certificates;
import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.findings.Severity;
import com.securescore.revocation.RevocationCheck;
import com.securescore.revocation.RevocationReport;
import com.securescore.scoring.ScoringChannel;
import com.securescore.scoring.ScoringClient;
import com.securescore.scoring.ScoringException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Diagnoses a live scoring endpoint for support staff: connects as a client would (by name, or to an
 * address with the domain as SNI, before DNS is set up), judges the chain the server presents with
 * the same findings as {@code check}, checks HTTP/2, then makes real Predict calls without and with
 * the key. One call, {@link #run}, returns everything ({@link Diagnosis}); nothing here prints.
 */
public final class EndpointDiagnosis {
    /** A key to send, kept out of every text form. */
    public record Key(String value, boolean bearer, String route) {
        public Key {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Key[****]";
        }
    }

    /**
     * What to diagnose.
     *
     * @param host            where to connect (a name, or an address)
     * @param port            the TLS port
     * @param domain          the name clients check and send as SNI; usually {@code host}
     * @param connectTo       an address to connect to instead of resolving {@code host}, if any
     * @param trust           PEM files with the roots clients use; empty: the system's roots
     * @param key             the service key for the authenticated call, if one is given
     * @param expectedSha256  SHA-256 fingerprints of the certificate(s) that should be served, if known
     */
    public record Request(String host, int port, String domain, Optional<InetAddress> connectTo, List<Path> trust,
                          Optional<Key> key, List<String> expectedSha256) {
        public Request {
            trust = List.copyOf(trust);
            expectedSha256 = expectedSha256.stream().map(EndpointDiagnosis::normalise).toList();
        }
    }

    private final Clock clock;
    private final Duration timeout;

    public EndpointDiagnosis(Clock clock, Duration timeout) {
        this.clock = clock;
        this.timeout = timeout;
    }

    public EndpointDiagnosis() {
        this(Clock.systemUTC(), Duration.ofSeconds(10));
    }

    /** Everything about the endpoint; never throws for what the endpoint does. */
    public Diagnosis run(Request r) {
        var at = clock.instant();
        String target = r.host() + ":" + r.port() + (r.domain().equalsIgnoreCase(r.host()) ? ""
                : " (checked as " + r.domain() + ")");
        EndpointProbe probe = new EndpointProbe(timeout);
        EndpointProbe.Outcome outcome;
        InetAddress address = r.connectTo().orElse(null);
        if (address == null && !r.domain().equalsIgnoreCase(r.host())) {
            try {
                address = InetAddress.getByName(r.host());
            } catch (UnknownHostException e) {
                address = null;
            }
        }
        if (address == null && !r.domain().equalsIgnoreCase(r.host())) {
            outcome = probe.probe(r.host(), r.port(), null, r.trust());
        } else {
            outcome = probe.probe(r.domain(), r.port(), address, r.trust());
        }
        List<Finding> findings = new ArrayList<>(outcome.findings());
        List<ClientSupport.Verdict> clients = List.of();
        Diagnosis.AuthCheck auth;
        if (outcome instanceof EndpointProbe.Presented p) {
            clients = ClientSupport.table(p.report());
            servedCertificate(r, p).ifPresent(findings::add);
            if (p.offersHttp2()) {
                auth = checkKeys(r, p, probe, findings);
            } else {
                auth = new Diagnosis.NotChecked("the server does not speak HTTP/2, so no gRPC call can be made");
            }
        } else if (outcome instanceof EndpointProbe.ClientCertRequired) {
            auth = new Diagnosis.NotChecked("the server requires a client certificate, so no gRPC call can be made");
        } else {
            auth = new Diagnosis.NotChecked("no TLS connection");
        }
        RevocationReport revocation = RevocationReport.notChecked("no certificate was presented");
        if (outcome instanceof EndpointProbe.Presented p) {
            revocation = revocation(r, p);
            findings.addAll(revocation.findings());
            clients = ClientSupport.table(revocation.addTo(p.report()));
        }
        findings.sort(Comparator.comparing(Finding::severity));
        return new Diagnosis(target, outcome, auth, clients, findings, at, localHostName(), revocation);
    }

    /** Is the presented chain revoked: the stapled OCSP response, the responders, the CRLs (see RevocationCheck). */
    private static RevocationReport revocation(Request r, EndpointProbe.Presented p) {
        return new RevocationCheck().checkEndpoint(p.report(), p.address(), r.domain(), RevocationCheck.DEFAULT_LIMIT);
    }

    private static Optional<Finding> servedCertificate(Request r, EndpointProbe.Presented p) {
        if (r.expectedSha256().isEmpty() || p.chain().isEmpty()) {
            return Optional.empty();
        }
        String served = normalise(Certificates.sha256(p.chain().get(0)));
        if (r.expectedSha256().contains(served)) {
            return Optional.empty();
        }
        return Optional.of(Finding.of(FindingCode.SERVED_CERT_DIFFERS, "The server presents \""
                + Certificates.name(p.chain().get(0)) + "\" (SHA-256 " + Certificates.sha256(p.chain().get(0))
                + "), not the certificate that was checked (SHA-256 " + String.join(" or ", r.expectedSha256())
                + ").", "Deploy the checked certificate where TLS ends (the service, or the ingress or load "
                + "balancer in front of it), or check that the name points at the right service."));
    }

    private Diagnosis.AuthCheck checkKeys(Request r, EndpointProbe.Presented p, EndpointProbe probe,
                                          List<Finding> findings) {
        InetAddress address = p.address().getAddress();
        var roots = probe.anchors(r.trust()).certificates();
        String described = r.trust().isEmpty() ? "the system's trusted roots"
                : String.join(", ", r.trust().stream().map(Path::toString).toList());
        try (ScoringChannel channel = r.trust().isEmpty() ? ScoringChannel.tls(r.domain(), r.port(), (Path) null,
                address) : ScoringChannel.tls(r.domain(), r.port(), roots, address, described)) {
            Diagnosis.Call without = call(channel, ScoringClient.Auth.none());
            if (without instanceof Diagnosis.Succeeded) {
                findings.add(Finding.of(FindingCode.AUTH_NOT_ENFORCED, "A Predict call to " + r.domain() + ":"
                        + r.port() + " without a key succeeded: anyone who can reach the service can use it.",
                        "Turn key authentication on (SecureScore's service always requires a key; Azure: "
                        + "auth_enabled=True) and give clients a key."));
            } else if (without instanceof Diagnosis.Failed f && !f.code().equals(FindingCode.AUTH_REJECTED.name())) {
                addCallFailure(findings, f, "without a key", p.report().ok());
                return new Diagnosis.Checked(without, r.key().map(k -> new Diagnosis.NotTried("the call without "
                        + "a key already failed with " + f.code() + ", and a call with the key would fail the same "
                        + "way")));
            }
            if (r.key().isEmpty()) {
                return new Diagnosis.Checked(without, Optional.empty());
            }
            Key k = r.key().get();
            Diagnosis.Call with = call(channel, new ScoringClient.Auth(k.value(), k.bearer(), k.route()));
            if (with instanceof Diagnosis.Failed f) {
                if (f.code().equals(FindingCode.AUTH_REJECTED.name())) {
                    findings.add(Finding.of(FindingCode.AUTH_REJECTED, "The service refused the key given ("
                            + f.message() + ")", "Use the service's current primary or secondary key (securescore "
                            + "keys show --keys-file FILE; Azure: service.get_keys()); if it expects \"Bearer\" "
                            + "(AKS), add --bearer."));
                } else {
                    addCallFailure(findings, f, "with the key", p.report().ok());
                }
            }
            return new Diagnosis.Checked(without, Optional.of(with));
        } catch (IOException e) {
            return new Diagnosis.NotChecked("could not open a gRPC channel: " + e.getMessage());
        }
    }

    /** Failures the certificate findings already explain when they hold an error. */
    private static final Set<FindingCode> CERTIFICATE_CAUSED = EnumSet.of(
            FindingCode.CERT_UNTRUSTED, FindingCode.HOSTNAME_MISMATCH, FindingCode.EXPIRED, FindingCode.NOT_YET_VALID);

    private static final String NOT_SCORING_FIX = "This port serves gRPC but not the scoring protocol "
            + "(tensorflow.serving.PredictionService/Predict): check the port and the service.";

    private static void addCallFailure(List<Finding> findings, Diagnosis.Failed f, String how, boolean chainOk) {
        FindingCode code = FindingCode.CALL_FAILED;
        for (FindingCode c : FindingCode.values()) {
            if (c.name().equals(f.code())) {
                code = c;
            }
        }
        final FindingCode chosen = code;
        if (findings.stream().anyMatch(x -> x.code() == chosen) || !chainOk && CERTIFICATE_CAUSED.contains(chosen)) {
            return;
        }
        String message = "A Predict call " + how + " failed: " + f.code() + ": " + f.message();
        boolean notScoring = f.code().equals("UNIMPLEMENTED");
        String fix = notScoring ? NOT_SCORING_FIX
                : "Check the service's log; securescore explain can say more about the message.";
        // In the Diagnose window, the message is explained in its own tab.
        String screenFix = chosen != FindingCode.CALL_FAILED ? null : notScoring ? NOT_SCORING_FIX
                : "Check the service's log; the \"Explain an error message\" tab can say more about the message.";
        findings.add(new Finding(chosen, chosen == FindingCode.CALL_FAILED ? Severity.ERROR : chosen.defaultSeverity(),
                message, fix, screenFix));
    }

    private Diagnosis.Call call(ScoringChannel channel, ScoringClient.Auth auth) {
        ScoringClient client = new ScoringClient(channel, auth, List.of(), millis -> { }, 1);
        try {
            var scores = client.score(List.of(TinyPng.BYTES), timeout, 1);
            String source = scores.get(0).labelsSource();
            return new Diagnosis.Succeeded(scores.get(0).latencyMillis(), source == null ? "" : source);
        } catch (ScoringException e) {
            return new Diagnosis.Failed(e.code(), e.getMessage());
        }
    }

    /**
     * A 32×32 PNG: a valid image every model can score, a few hundred bytes on the wire. Made on the
     * first scoring call, not when the wizard opens (drawing it loads AWT and ImageIO).
     */
    private static final class TinyPng {
        static final byte[] BYTES = tinyPng();
    }

    private static byte[] tinyPng() {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(40, 120, 200));
        g.fillRect(0, 0, 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String normalise(String fingerprint) {
        return fingerprint.replace(":", "").replace(" ", "").toUpperCase(Locale.ROOT);
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "this machine" : env;
        }
    }
}

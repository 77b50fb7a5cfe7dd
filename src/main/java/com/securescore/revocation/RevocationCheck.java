package com.securescore.revocation;

import com.securescore.cert.CheckReport;
import com.securescore.cert.Certificates;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Asks whether the certificates of a chain are revoked, as browsers and {@code openssl verify
 * -crl_check} do: a stapled OCSP response first (when the server sent one), then the OCSP responders
 * the certificate names (Authority Information Access), then its CRLs (CRL Distribution Points). The
 * first source whose signature and dates check out decides. Each source gets at most
 * {@link #PER_SOURCE} (connect and answer together), the whole check at most the time limit given,
 * and the certificates of a chain are asked at the same time; a source that cannot be reached, stays
 * silent or answers garbage is reported ({@code REVOCATION_UNCHECKED}), never passed over in silence.
 */
public final class RevocationCheck {
    /** What one responder or CRL gets, connect and answer together. */
    public static final Duration PER_SOURCE = Duration.ofSeconds(3);
    /** The whole check's default limit: two sources in a row for the leaf, intermediates beside it. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(7);

    private final Clock clock;
    private final Duration perSource;

    public RevocationCheck(Clock clock, Duration perSource) {
        this.clock = clock;
        this.perSource = perSource;
    }

    public RevocationCheck() {
        this(Clock.systemUTC(), PER_SOURCE);
    }

    /**
     * The entry point for a chain in hand (e.g. the wizard's, in the background): {@code chain} leaf
     * first, each certificate followed by its issuer; a self-signed root ends the check.
     */
    public static RevocationReport check(List<X509Certificate> chain, Duration limit) {
        return new RevocationCheck().run(chain, null, Optional.empty(), limit);
    }

    /** The path a checked report found, up to its trusted anchor (which is not itself asked about). */
    public RevocationReport check(CheckReport report, Duration limit) {
        if (report.leaf() == null) {
            return RevocationReport.notChecked("no server certificate");
        }
        return run(withAnchor(report), report.anchor(), Optional.empty(), limit);
    }

    /**
     * A live endpoint's chain: the OCSP response it staples (one handshake of its own to {@code address}
     * with {@code serverName} as SNI) comes first, then the responders and CRLs.
     */
    public RevocationReport checkEndpoint(CheckReport report, InetSocketAddress address, String serverName,
                                          Duration limit) {
        if (report.leaf() == null) {
            return RevocationReport.notChecked("no server certificate");
        }
        long start = System.nanoTime();
        Optional<byte[]> stapled = StapledOcsp.fetch(address, serverName, min(perSource, limit));
        Duration left = limit.minusNanos(System.nanoTime() - start);
        return run(withAnchor(report), report.anchor(), stapled, left.isNegative() ? Duration.ZERO : left);
    }

    /** True when the leaf names an OCSP responder or a CRL: a check could say something about it. */
    public static boolean hasPointers(X509Certificate leaf) {
        return leaf != null && RevocationPointers.present(leaf);
    }

    /**
     * The addresses a check of {@code leaf} would ask, OCSP responders first, then CRLs: what the wizard
     * names before the user lets it go online.
     */
    public static List<String> addresses(X509Certificate leaf) {
        if (leaf == null) {
            return List.of();
        }
        RevocationPointers p = RevocationPointers.of(leaf);
        List<String> out = new ArrayList<>(p.ocsp());
        out.addAll(p.crl());
        return List.copyOf(out);
    }

    private static List<X509Certificate> withAnchor(CheckReport report) {
        List<X509Certificate> chain = new ArrayList<>(report.path());
        if (report.anchor() != null && !chain.contains(report.anchor())) {
            chain.add(report.anchor());
        }
        return chain;
    }

    RevocationReport run(List<X509Certificate> chain, X509Certificate anchor, Optional<byte[]> stapled,
                         Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        RevocationHttp http = new RevocationHttp(perSource);
        List<Callable<RevocationReport.CertificateRevocation>> tasks = new ArrayList<>();
        List<X509Certificate> asked = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            if (Certificates.isSelfSigned(c) || c.equals(anchor)) {
                break;
            }
            X509Certificate issuer = i + 1 < chain.size() && Certificates.isIssuedBy(c, chain.get(i + 1))
                    ? chain.get(i + 1) : null;
            Optional<byte[]> staple = i == 0 ? stapled : Optional.empty();
            asked.add(c);
            tasks.add(() -> one(http, c, issuer, staple, deadline));
        }
        if (tasks.isEmpty()) {
            return new RevocationReport(List.of(), "");
        }
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size(), r -> {
            Thread t = new Thread(r, "revocation-check");
            t.setDaemon(true);
            return t;
        });
        List<RevocationReport.CertificateRevocation> out = new ArrayList<>();
        try {
            // A little grace past the limit: each task keeps to the deadline itself.
            List<Future<RevocationReport.CertificateRevocation>> done = pool.invokeAll(tasks,
                    limit.toMillis() + 500, TimeUnit.MILLISECONDS);
            for (int i = 0; i < done.size(); i++) {
                try {
                    out.add(done.get(i).get());
                } catch (CancellationException | ExecutionException e) {
                    out.add(new RevocationReport.CertificateRevocation(asked.get(i), new RevocationReport.Unchecked(
                            "the time limit of " + RevocationHttp.seconds(limit) + " ran out", List.of()), List.of()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RevocationReport.notChecked("interrupted");
        } finally {
            pool.shutdownNow();
        }
        return new RevocationReport(out, "");
    }

    private RevocationReport.CertificateRevocation one(RevocationHttp http, X509Certificate cert,
                                                       X509Certificate issuer, Optional<byte[]> stapled,
                                                       long deadline) {
        List<RevocationReport.Attempt> attempts = new ArrayList<>();
        RevocationPointers pointers = RevocationPointers.of(cert);
        if (issuer == null) {
            return new RevocationReport.CertificateRevocation(cert, pointers.none() && stapled.isEmpty()
                    ? new RevocationReport.NoPointers() : new RevocationReport.NoIssuer(), attempts);
        }
        if (stapled.isPresent()) {
            RevocationReport.Source source = new RevocationReport.Source(RevocationReport.Kind.STAPLED, "");
            Answer a = OcspQuery.judge(stapled.get(), cert, issuer, now(), source);
            attempts.add(new RevocationReport.Attempt(source, a.outcome()));
            if (a.decided()) {
                return new RevocationReport.CertificateRevocation(cert, a.status(), attempts);
            }
        }
        if (pointers.none() && attempts.isEmpty()) {
            return new RevocationReport.CertificateRevocation(cert, new RevocationReport.NoPointers(), attempts);
        }
        List<RevocationReport.Source> sources = new ArrayList<>();
        pointers.ocsp().forEach(u -> sources.add(new RevocationReport.Source(RevocationReport.Kind.OCSP, u)));
        pointers.crl().forEach(u -> sources.add(new RevocationReport.Source(RevocationReport.Kind.CRL, u)));
        List<String> urls = new ArrayList<>();
        for (RevocationReport.Source source : sources) {
            urls.add(source.url());
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.toMillis() < 50) {
                attempts.add(new RevocationReport.Attempt(source, "was not asked: the time limit ran out"));
                continue;
            }
            Duration limit = min(perSource, left);
            Answer a = source.kind() == RevocationReport.Kind.OCSP
                    ? OcspQuery.ask(http, source.url(), cert, issuer, now(), limit)
                    : CrlQuery.ask(http, source.url(), cert, issuer, now(), limit);
            attempts.add(new RevocationReport.Attempt(source, a.outcome()));
            if (a.decided()) {
                return new RevocationReport.CertificateRevocation(cert, a.status(), attempts);
            }
        }
        String why = String.join("; ", attempts.stream().map(a -> a.source().describe() + " " + a.outcome())
                .toList());
        return new RevocationReport.CertificateRevocation(cert, new RevocationReport.Unchecked(why, urls), attempts);
    }

    private Instant now() {
        return clock.instant();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}

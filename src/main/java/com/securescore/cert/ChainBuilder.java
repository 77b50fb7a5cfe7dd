package com.securescore.cert;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the leaf's path the way TLS clients do (PKIX in Java, OpenSSL's trusted-first search, Go):
 * from the leaf, at each step a trusted anchor that issued the current certificate ends the path
 * before any certificate from the files is looked at; otherwise every certificate in the files that
 * issued it (by name and signature, the currently valid ones first) is tried in turn. A certificate
 * with the subject and key of a trusted root is that root, whoever signed it. What the files hold
 * beyond the anchor the path stops at is kept apart: it is sent, but no client that trusts the
 * anchor needs it.
 */
final class ChainBuilder {
    /** Enough for any real bundle; a hostile one cannot make the search run away. */
    private static final int MAX_STEPS = 2_000;
    private static final int MAX_PATHS = 16;

    /**
     * @param certificates leaf first, each issuer after its subject, as found in the files; the path
     *                     clients take when there is one, else the longest partial path
     * @param anchor       the trusted certificate the path ends at (the last certificate itself when
     *                     it is a trusted root in the files); null when none
     * @param pastAnchor   given certificates beyond the anchor: other versions of the anchor (cross-
     *                     signed by another CA) and what issued them
     * @param extras       given certificates on no path from the leaf
     * @param alternatives other complete paths, to other anchors or through other certificates
     */
    record Path(List<X509Certificate> certificates, X509Certificate anchor, List<X509Certificate> pastAnchor,
                List<X509Certificate> extras, List<TrustPath> alternatives) {
        X509Certificate last() {
            return certificates.get(certificates.size() - 1);
        }

        boolean endsSelfSigned() {
            return Certificates.isSelfSigned(last());
        }

        /** True when {@code c} is the anchor for path purposes (same subject and key). */
        boolean isAnchor(X509Certificate c) {
            return anchor != null && Certificates.sameSubjectAndKey(c, anchor);
        }
    }

    private ChainBuilder() {
    }

    static Path build(X509Certificate leaf, List<X509Certificate> given, TrustAnchors trust, Instant now) {
        Search search = new Search(given, trust, now);
        List<X509Certificate> start = new ArrayList<>(List.of(leaf));
        search.walk(start);
        if (search.complete.isEmpty()) {
            List<X509Certificate> path = search.longest;
            List<X509Certificate> extras = new ArrayList<>(given);
            extras.removeAll(path);
            return new Path(path, null, List.of(), extras, List.of());
        }
        // Clients reject a path with an expired certificate and keep looking (PKIX backtracks, OpenSSL
        // prefers valid issuers), so the first usable path is theirs; with none, the first one found.
        TrustPath chosen = search.complete.stream().filter(TrustPath::usable).findFirst()
                .orElse(search.complete.get(0));
        X509Certificate anchor = chosen.anchor();
        List<X509Certificate> path = new ArrayList<>(chosen.certificates());
        // The anchor itself in the files (a self-signed root, or the very certificate trusted) ends the
        // path as it always did: ROOT_INCLUDED for a root, nothing for a trusted intermediate.
        for (X509Certificate c : given) {
            if (!path.contains(c) && Certificates.sameSubjectAndKey(c, anchor)
                    && (Certificates.isSelfSigned(c) || c.equals(anchor))) {
                path.add(c);
                anchor = c;
                break;
            }
        }
        List<X509Certificate> past = new ArrayList<>();
        for (X509Certificate c : given) {
            if (!path.contains(c) && Certificates.sameSubjectAndKey(c, anchor)) {
                past.add(c);
            }
        }
        // Then whatever issued those, or the anchor itself (the root above a trusted intermediate).
        List<X509Certificate> beyond = new ArrayList<>(past);
        beyond.add(anchor);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (X509Certificate c : given) {
                if (!path.contains(c) && !past.contains(c) && !Certificates.sameSubjectAndKey(c, anchor)
                        && beyond.stream().anyMatch(p -> Certificates.isIssuedBy(p, c))) {
                    beyond.add(c);
                    past.add(c);
                    grew = true;
                }
            }
        }
        List<X509Certificate> extras = new ArrayList<>(given);
        extras.removeAll(path);
        extras.removeAll(past);
        List<TrustPath> alternatives = new ArrayList<>(search.complete);
        alternatives.remove(chosen);
        return new Path(path, anchor, past, extras, alternatives);
    }

    /** Depth-first over the candidate issuers, trusted anchors first at every step. */
    private static final class Search {
        private final List<X509Certificate> given;
        private final TrustAnchors trust;
        private final Instant now;
        final List<TrustPath> complete = new ArrayList<>();
        List<X509Certificate> longest = List.of();
        private int steps;

        Search(List<X509Certificate> given, TrustAnchors trust, Instant now) {
            this.given = given;
            this.trust = trust;
            this.now = now;
        }

        void walk(List<X509Certificate> path) {
            if (++steps > MAX_STEPS || complete.size() >= MAX_PATHS) {
                return;
            }
            if (path.size() > longest.size()) {
                longest = List.copyOf(path);
            }
            X509Certificate current = path.get(path.size() - 1);
            X509Certificate anchor = trust.issuerOf(current);
            if (anchor != null) {
                complete.add(new TrustPath(path, anchor, expired(path)));
            }
            if (Certificates.isSelfSigned(current)) {
                return;
            }
            List<X509Certificate> candidates = new ArrayList<>();
            for (X509Certificate c : given) {
                boolean repeats = path.stream().anyMatch(p -> Certificates.sameSubjectAndKey(p, c));
                // The anchor itself in the files adds nothing to a path that already ends at it; a
                // cross-signed version of it leads on to another anchor, which is an alternative.
                boolean isThatAnchor = anchor != null && Certificates.sameSubjectAndKey(c, anchor)
                        && (Certificates.isSelfSigned(c) || c.equals(anchor));
                if (!repeats && !isThatAnchor && Certificates.isIssuedBy(current, c)) {
                    candidates.add(c);
                }
            }
            candidates.sort(Comparator.comparing(c -> !CertificateChecker.within(now, c)));
            for (X509Certificate c : candidates) {
                path.add(c);
                walk(path);
                path.remove(path.size() - 1);
            }
        }

        private List<X509Certificate> expired(List<X509Certificate> path) {
            return path.stream().skip(1).filter(c -> !CertificateChecker.within(now, c)).toList();
        }
    }
}

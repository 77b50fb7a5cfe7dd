package com.securescore.cert;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one entry point the wizard and the CLI use to read and check what the user gave: certificate
 * sources, an optional separate key source, a password when needed, and extra trust anchors.
 */
public final class CertificateService {
    private final MaterialReader reader = new MaterialReader();
    private final CertificateChecker checker;

    public CertificateService(Clock clock) {
        this.checker = new CertificateChecker(clock);
    }

    /** A service whose checks judge client-dependent findings for {@code clients} (see {@link ClientSupport}). */
    public CertificateService(Clock clock, Set<ClientSupport.Client> clients) {
        this.checker = new CertificateChecker(clock, clients);
    }

    public CertificateService() {
        this(Clock.systemUTC());
    }

    /**
     * What to check. The passwords are used, never kept.
     *
     * @param keyPassword a keystore key entry's own password when it differs from {@code password}; may be null
     * @param alias       the keystore key entry to use when there are several; may be null
     */
    public record Request(String domain, List<Source> certificates, Source key, char[] password, List<Source> trust,
            char[] keyPassword, String alias) {
        public Request {
            certificates = List.copyOf(certificates);
            trust = trust == null ? List.of() : List.copyOf(trust);
        }

        public Request(String domain, List<Source> certificates, Source key, char[] password, List<Source> trust) {
            this(domain, certificates, key, password, trust, null, null);
        }

        /** A request that opens keystores with {@code unlock}'s passwords and alias. */
        public static Request unlocking(String domain, List<Source> certificates, Source key, ReadOptions unlock,
                List<Source> trust) {
            return new Request(domain, certificates, key, unlock.password(), trust, unlock.keyPassword(),
                    unlock.alias());
        }

        ReadOptions unlock() {
            return new ReadOptions(password, keyPassword, alias);
        }
    }

    public CheckReport check(Request request) {
        Material all = readWith(request.certificates(), request.key(), request.unlock());
        return checker.check(request.domain(), all, trust(request.trust(), all));
    }

    /** Reads every source into one set of material, in the order given. */
    public Material read(List<Source> certificates, Source key, char[] password) {
        return readWith(certificates, key, ReadOptions.password(password));
    }

    /** Reads every source into one set of material, with a store password, key password and alias where they apply. */
    public Material readWith(List<Source> certificates, Source key, ReadOptions unlock) {
        Material all = new Material();
        for (Source s : certificates) {
            all.addAll(reader.readWith(s, unlock));
        }
        if (key != null) {
            all.addAll(reader.readWith(key, unlock));
        }
        return all;
    }

    /** Checks material that is already read (after a repair such as reordering or dropping the root). */
    public CheckReport check(String domain, Material material, List<Source> trust) {
        return checker.check(domain, material, trust(trust, material));
    }

    /** Checks material against exactly these trust anchors (what a client uses, for live probes). */
    public CheckReport check(String domain, Material material, TrustAnchors trust) {
        return checker.check(domain, material, trust);
    }

    /** Reads the certificates in {@code sources} as trust anchors; nothing else is trusted. */
    public TrustAnchors anchorsOnly(List<Source> sources) {
        List<X509Certificate> roots = new ArrayList<>();
        for (Source s : sources) {
            roots.addAll(reader.read(s, null).certificates());
        }
        return TrustAnchors.only(roots);
    }

    private TrustAnchors trust(List<Source> trust, Material findingsSink) {
        List<X509Certificate> extra = new ArrayList<>();
        for (Source s : trust) {
            Material m = reader.read(s, null);
            extra.addAll(m.certificates());
            m.findings().stream().filter(f -> f.isError()).forEach(findingsSink::add);
        }
        return TrustAnchors.withDefaults(extra);
    }
}

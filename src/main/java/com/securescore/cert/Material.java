package com.securescore.cert;

import com.securescore.findings.Finding;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What was read from the user's sources: certificates in the order given, private keys, and what
 * reading found (conversions, cleaning, unreadable parts). Reading never throws for bad content.
 */
public final class Material {
    private final List<X509Certificate> certificates = new ArrayList<>();
    private final List<String> certificateOrigins = new ArrayList<>();
    private final List<PrivateKey> keys = new ArrayList<>();
    private final List<String> keyOrigins = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private boolean keyLocked;
    private final List<String> aliasChoices = new ArrayList<>();
    private String keyPasswordAlias;

    /** Certificates received rather than read from files, e.g. the chain a server presented. */
    public static Material of(List<X509Certificate> certificates, String origin) {
        Material m = new Material();
        certificates.forEach(c -> m.addCertificate(c, origin));
        return m;
    }

    /** Adds a certificate unless the same one was already read (people often paste a chain twice). */
    void addCertificate(X509Certificate c, String origin) {
        if (!certificates.contains(c)) {
            certificates.add(c);
            certificateOrigins.add(origin);
        }
    }

    void addKey(PrivateKey k, String origin) {
        for (PrivateKey existing : keys) {
            if (Arrays.equals(existing.getEncoded(), k.getEncoded())) {
                return;
            }
        }
        keys.add(k);
        keyOrigins.add(origin);
    }

    void add(Finding f) {
        if (!findings.contains(f)) {
            findings.add(f);
        }
    }

    /** Marks that a key was present but could not be opened (encrypted, wrong password). */
    void keyLocked() {
        keyLocked = true;
    }

    /** Records the key entries of a keystore when it is not clear which one to use. */
    void aliasChoices(List<String> aliases) {
        aliases.stream().filter(a -> !aliasChoices.contains(a)).forEach(aliasChoices::add);
    }

    /** Records that the store opened but the key entry {@code alias} has a password of its own. */
    void keyPasswordNeeded(String alias) {
        keyPasswordAlias = alias;
    }

    void addAll(Material other) {
        for (int i = 0; i < other.certificates.size(); i++) {
            addCertificate(other.certificates.get(i), other.certificateOrigins.get(i));
        }
        for (int i = 0; i < other.keys.size(); i++) {
            addKey(other.keys.get(i), other.keyOrigins.get(i));
        }
        other.findings.forEach(this::add);
        keyLocked |= other.keyLocked;
        aliasChoices(other.aliasChoices);
        if (other.keyPasswordAlias != null) {
            keyPasswordAlias = other.keyPasswordAlias;
        }
    }

    /**
     * A copy holding only {@code certificates} (in that order) with the same keys and the reading
     * notes, for repairs such as reordering or dropping the root.
     */
    public Material withCertificates(List<X509Certificate> certificates) {
        Material m = new Material();
        for (X509Certificate c : certificates) {
            m.addCertificate(c, originOf(c).isEmpty() ? "the repaired chain" : originOf(c));
        }
        for (PrivateKey k : keys) {
            m.addKey(k, originOf(k));
        }
        findings.forEach(m::add);
        m.keyLocked = keyLocked;
        m.aliasChoices(aliasChoices);
        m.keyPasswordAlias = keyPasswordAlias;
        return m;
    }

    /** A copy with {@code more} read in after what this holds. */
    public Material plus(Material more) {
        Material m = withCertificates(certificates);
        m.addAll(more);
        return m;
    }

    public List<X509Certificate> certificates() {
        return List.copyOf(certificates);
    }

    /** The file each certificate came from, parallel to {@link #certificates()}. */
    public String originOf(X509Certificate c) {
        int i = certificates.indexOf(c);
        return i >= 0 ? certificateOrigins.get(i) : "";
    }

    public List<PrivateKey> keys() {
        return List.copyOf(keys);
    }

    public String originOf(PrivateKey k) {
        int i = keys.indexOf(k);
        return i >= 0 ? keyOrigins.get(i) : "";
    }

    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** True when a key was found but stayed locked; then a missing key is not reported again. */
    public boolean isKeyLocked() {
        return keyLocked;
    }

    /** The private key entries of a keystore to choose from; empty unless the choice is open. */
    public List<String> aliasChoices() {
        return List.copyOf(aliasChoices);
    }

    /**
     * The alias of a keystore key entry that has a password of its own, different from the store
     * password that opened the store; null when none is waiting for one.
     */
    public String keyPasswordAlias() {
        return keyPasswordAlias;
    }
}

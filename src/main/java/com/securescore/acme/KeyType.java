package com.securescore.acme;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;

/** The certificate's key: EC P-256 by default (small, fast, accepted everywhere), or RSA for older clients. */
public enum KeyType {
    EC("ec", "EC P-256"),
    RSA2048("rsa2048", "RSA 2048"),
    RSA3072("rsa3072", "RSA 3072");

    private final String word;
    private final String label;

    KeyType(String word, String label) {
        this.word = word;
        this.label = label;
    }

    /** How the CLI and the renewal settings write it. */
    public String word() {
        return word;
    }

    /** How a person reads it. */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException listing the choices */
    public static KeyType parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("rsa")) {
            return RSA2048;
        }
        return Arrays.stream(values()).filter(k -> k.word.equals(t)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("\"" + text + "\" is not a key type: use ec, "
                        + "rsa2048 or rsa3072."));
    }

    /** A new key pair of this type, from the JDK's own providers. */
    public KeyPair generate() {
        try {
            if (this == EC) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(this == RSA2048 ? 2048 : 3072);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java has no " + label + " key generator", e);
        }
    }

    @Override
    public String toString() {
        return label;
    }
}

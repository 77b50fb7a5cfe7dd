package com.securescore.cert;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Reads the JDK's own keystores, JKS and JCEKS, as Tomcat, Spring Boot and Kafka users have them,
 * recognised by their magic number rather than their extension. Names keystores of other kinds
 * (Bouncy Castle's BKS, a Windows serialized store) with how to get PEM out of them.
 */
final class KeystoreReader {
    /** A keystore type the JDK reads, by the magic number its files start with. */
    enum Kind {
        JKS("JKS", 0xFEEDFEED, "Java keystore (JKS)"),
        JCEKS("JCEKS", 0xCECECECE, "Java keystore (JCEKS)");

        final String type;
        final int magic;
        final String description;

        Kind(String type, int magic, String description) {
            this.type = type;
            this.magic = magic;
            this.description = description;
        }
    }

    static Kind detect(byte[] b) {
        if (b.length < 4) {
            return null;
        }
        int magic = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        for (Kind k : Kind.values()) {
            if (k.magic == magic) {
                return k;
            }
        }
        return null;
    }

    /** A finding naming a keystore of a kind SecureScore does not read, or null when it is none of them. */
    static Finding otherKind(String name, byte[] b) {
        if (b.length >= 12 && b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0
                && b[4] == 'C' && b[5] == 'E' && b[6] == 'R' && b[7] == 'T') {
            return Finding.of(FindingCode.PEM_UNREADABLE, name + " is a Windows serialized certificate store (.sst), "
                    + "which SecureScore does not read.", "On Windows, open it (double-click), select the "
                    + "certificate, All Tasks > Export, \"Base-64 encoded X.509 (.CER)\"; or export the certificate "
                    + "with its key as a .pfx from the Certificates console (certlm.msc) and give that.");
        }
        // BKS/UBER (Bouncy Castle, common on Android): version 1 or 2, then a 20-byte salt with its length.
        if (b.length >= 32 && b[0] == 0 && b[1] == 0 && b[2] == 0 && (b[3] == 1 || b[3] == 2)
                && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 20) {
            return Finding.of(FindingCode.PEM_UNREADABLE, name + " looks like a Bouncy Castle keystore (BKS, common "
                    + "on Android), which SecureScore does not read.", "Convert it to PKCS#12 with keytool and the "
                    + "Bouncy Castle jar: keytool -importkeystore -srckeystore " + name + " -srcstoretype BKS "
                    + "-providerpath bcprov.jar -provider org.bouncycastle.jce.provider.BouncyCastleProvider "
                    + "-destkeystore server.p12 -deststoretype PKCS12, then give server.p12.");
        }
        return null;
    }

    void read(String name, byte[] bytes, Kind kind, ReadOptions options, Material m) {
        String what = name + " (" + kind.description + ")";
        KeyStore ks;
        try {
            // Without a password the JDK reads the entries and skips the integrity check: enough to list them.
            ks = load(kind, bytes, null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            m.add(Finding.of(FindingCode.PEM_UNREADABLE, name + " is a " + kind.description + " but cannot be read: "
                    + "it is cut short or damaged.", "Copy the keystore again (as a binary file: FTP in text mode "
                    + "and e-mail gateways damage it), or export it again with keytool."));
            return;
        }
        Optional<Aliases> aliases = aliases(ks, what, m);
        if (aliases.isEmpty()) {
            return;
        }
        List<String> keyAliases = aliases.get().keys();
        List<String> certAliases = aliases.get().certificates();
        char[] storePassword = options.password();
        if (storePassword == null || storePassword.length == 0) {
            readWithoutPassword(ks, keyAliases, certAliases, what, name, m);
            return;
        }
        if (!passwordOpens(kind, bytes, storePassword, what, name, m)) {
            return;
        }
        addTrusted(ks, certAliases, name, m);
        String alias = chooseAlias(what, keyAliases, certAliases, options.alias(), m);
        if (alias == null) {
            return;
        }
        readKey(ks, alias, what, name, options, m);
    }

    /** The aliases of the private key entries and of the trusted certificates, each sorted. */
    private record Aliases(List<String> keys, List<String> certificates) {
    }

    /** The store's aliases by kind of entry, or empty after a finding when its entries cannot be read. */
    private static Optional<Aliases> aliases(KeyStore ks, String what, Material m) {
        List<String> keyAliases = new ArrayList<>();
        List<String> certAliases = new ArrayList<>();
        try {
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.entryInstanceOf(alias, KeyStore.PrivateKeyEntry.class)) {
                    keyAliases.add(alias);
                } else if (ks.isCertificateEntry(alias)) {
                    certAliases.add(alias);
                }
            }
        } catch (GeneralSecurityException e) {
            m.add(Finding.of(FindingCode.PEM_UNREADABLE, what + " has entries that cannot be read.",
                    "Export the keystore again with keytool."));
            return Optional.empty();
        }
        Collections.sort(keyAliases);
        Collections.sort(certAliases);
        return Optional.of(new Aliases(keyAliases, certAliases));
    }

    /** Without the store password: a store that holds a key asks for it; a trust store is read without it. */
    private static void readWithoutPassword(KeyStore ks, List<String> keyAliases, List<String> certAliases,
            String what, String name, Material m) {
        if (!keyAliases.isEmpty()) {
            m.keyLocked();
            m.add(Finding.of(FindingCode.KEY_ENCRYPTED, what + " holds a private key and is protected by a "
                    + "store password, which was not given.", "Give the keystore's password (the wizard asks; "
                    + "the CLI takes --key-password-file FILE or SECURESCORE_KEY_PASSWORD, and "
                    + "--store-password-file FILE when the key has a password of its own)."));
            return;
        }
        // A trust store: certificates only, readable without its password (as keytool -list does).
        addTrusted(ks, certAliases, name, m);
        m.add(converted(what, certAliases.size() + " trusted certificate" + (certAliases.size() == 1 ? "" : "s")));
    }

    /** True when the store password passes the store's integrity check; else false after a finding. */
    private static boolean passwordOpens(Kind kind, byte[] bytes, char[] storePassword, String what, String name,
            Material m) {
        try {
            load(kind, bytes, storePassword);
            return true;
        } catch (IOException e) {
            m.keyLocked();
            if (e.getCause() instanceof UnrecoverableKeyException) {
                m.add(Finding.of(FindingCode.KEY_PASSWORD_WRONG, "The store password does not open " + what + ".",
                        "Check the store password (the CLI reads it from --store-password-file FILE, or from "
                        + "--key-password-file FILE when no store password file is given; a final newline is "
                        + "ignored)."));
            } else {
                m.add(Finding.of(FindingCode.PEM_UNREADABLE, name + " is a " + kind.description + " but cannot be "
                        + "read: it is cut short or damaged.", "Copy the keystore again, or export it again with "
                        + "keytool."));
            }
            return false;
        } catch (GeneralSecurityException | RuntimeException e) {
            m.add(Finding.of(FindingCode.PEM_UNREADABLE, what + " cannot be read.",
                    "Export the keystore again with keytool."));
            return false;
        }
    }

    private static KeyStore load(Kind kind, byte[] bytes, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(kind.type);
        ks.load(new ByteArrayInputStream(bytes), password);
        return ks;
    }

    private static void addTrusted(KeyStore ks, List<String> certAliases, String name, Material m) {
        for (String alias : certAliases) {
            try {
                if (ks.getCertificate(alias) instanceof X509Certificate c) {
                    m.addCertificate(c, name);
                }
            } catch (GeneralSecurityException e) {
                // An entry the JDK cannot read: the others are still of use.
            }
        }
    }

    /** The key entry to use, or null after a finding that says why none could be chosen. */
    private static String chooseAlias(String what, List<String> keyAliases, List<String> certAliases, String wanted,
            Material m) {
        if (keyAliases.isEmpty()) {
            m.add(converted(what, certAliases.size() + " trusted certificate" + (certAliases.size() == 1 ? "" : "s")
                    + " and no private key"));
            return null;
        }
        if (wanted != null) {
            for (String a : keyAliases) {
                // keytool stores aliases in lower case; people type them as they remember them.
                if (a.equalsIgnoreCase(wanted)) {
                    return a;
                }
            }
            m.keyLocked();
            m.aliasChoices(keyAliases);
            boolean trusted = certAliases.stream().anyMatch(a -> a.equalsIgnoreCase(wanted));
            m.add(Finding.of(FindingCode.KEYSTORE_ALIAS, what + (trusted ? " holds \"" + wanted + "\" as a trusted "
                    + "certificate, not as a private key entry" : " has no entry named \"" + wanted + "\"")
                    + "; its private key entries: " + quoted(keyAliases) + ".", "Choose one of those aliases "
                    + "(the CLI's --alias NAME; the wizard asks)."));
            return null;
        }
        if (keyAliases.size() > 1) {
            m.keyLocked();
            m.aliasChoices(keyAliases);
            m.add(Finding.of(FindingCode.KEYSTORE_ALIAS, what + " holds " + keyAliases.size() + " private keys, under "
                    + "the aliases " + quoted(keyAliases) + "; SecureScore needs to know which one the service uses.",
                    "Choose the alias (the CLI's --alias NAME; the wizard asks). keytool -list -v -keystore "
                    + "FILE shows each alias with its certificate."));
            return null;
        }
        return keyAliases.get(0);
    }

    private static void readKey(KeyStore ks, String alias, String what, String name, ReadOptions options,
            Material m) {
        try {
            Certificate[] chain = ks.getCertificateChain(alias);
            if (chain != null) {
                for (Certificate c : chain) {
                    if (c instanceof X509Certificate x) {
                        m.addCertificate(x, name);
                    }
                }
            }
            if (ks.getKey(alias, options.forKey()) instanceof PrivateKey k) {
                m.addKey(k, name);
                m.add(converted(what, "key entry \"" + alias + "\""));
            }
        } catch (UnrecoverableKeyException e) {
            m.keyLocked();
            if (options.keyPassword() != null) {
                m.add(Finding.of(FindingCode.KEY_PASSWORD_WRONG, "The store password opens " + what + ", but the key "
                        + "password does not open its key entry \"" + alias + "\".", "Check the key password "
                        + "(--key-password-file FILE in the CLI; a final newline is ignored). The store password "
                        + "is right."));
            } else {
                m.keyPasswordNeeded(alias);
                m.add(Finding.of(FindingCode.KEY_ENCRYPTED, "The store password opens " + what + ", but its key "
                        + "entry \"" + alias + "\" has a password of its own.", "Give the key password too: the "
                        + "wizard asks for it; the CLI takes --store-password-file FILE for the store and "
                        + "--key-password-file FILE for the key."));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            m.add(Finding.of(FindingCode.PEM_UNREADABLE, "The key entry \"" + alias + "\" in " + what + " cannot be "
                    + "read.", "Export the keystore again with keytool."));
        }
    }

    private static String quoted(List<String> aliases) {
        return String.join(", ", aliases.stream().map(a -> "\"" + a + "\"").toList());
    }

    private static Finding converted(String what, String entries) {
        return Finding.of(FindingCode.FORMAT_CONVERTED, what + ", " + entries + ", was read; SecureScore converted it "
                + "to PEM.", "Nothing to do. Export writes the PEM files each target needs (convert --jks writes a "
                + "keystore for Java servers).");
    }
}

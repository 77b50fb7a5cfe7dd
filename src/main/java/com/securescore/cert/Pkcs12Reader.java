package com.securescore.cert;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads a PKCS#12 (.pfx/.p12) bundle for {@link MaterialReader}: opens it with its password, picks
 * the key entry an alias names (or reads them all, for the check to pick the matching key), and
 * says in a finding why a bundle could not be opened.
 */
final class Pkcs12Reader {
    private Pkcs12Reader() {
    }

    static void read(String name, byte[] der, ReadOptions options, Material m) {
        char[] pw = options.password() == null ? new char[0] : options.password();
        char[] keyPw = options.keyPassword() == null ? pw : options.keyPassword();
        Optional<KeyStore> opened = open(name, der, pw, m);
        if (opened.isEmpty()) {
            return;
        }
        KeyStore ks = opened.get();
        try {
            List<String> keyAliases = Collections.list(ks.aliases()).stream()
                    .filter(a -> isKeyEntry(ks, a)).sorted().toList();
            String wanted = options.alias() == null ? null : keyAliases.stream()
                    .filter(a -> a.equalsIgnoreCase(options.alias())).findFirst().orElse(null);
            if (options.alias() != null && wanted == null && !keyAliases.isEmpty()) {
                // Several keys without --alias are all read and the check picks the matching one, as before.
                m.keyLocked();
                m.aliasChoices(keyAliases);
                m.add(Finding.of(FindingCode.KEYSTORE_ALIAS, name + " (PKCS#12) has no key entry named \""
                        + options.alias() + "\"; its key entries: " + String.join(", ", keyAliases.stream()
                        .map(a -> "\"" + a + "\"").toList()) + ".", "Choose one of those aliases with --alias NAME, "
                        + "or leave --alias out: SecureScore then uses the key that matches the certificate."));
                return;
            }
            readEntries(ks, wanted, keyPw, name, m);
            m.add(MaterialReader.converted(name, "PKCS#12 (.pfx/.p12)"));
        } catch (GeneralSecurityException e) {
            m.add(MaterialReader.unreadable(name + " is a PKCS#12 bundle whose entries cannot be read.",
                    "Export the bundle again from where it was made."));
        }
    }

    /** The bundle opened with its password, or empty after a finding that says why it could not be. */
    private static Optional<KeyStore> open(String name, byte[] der, char[] pw, Material m) {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(new ByteArrayInputStream(der), pw);
            return Optional.of(ks);
        } catch (IOException e) {
            m.keyLocked();
            boolean wrong = e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("password");
            if (pw.length == 0) {
                m.add(Finding.of(FindingCode.KEY_ENCRYPTED, name + " is a PKCS#12 (.pfx) bundle protected by a "
                        + "password.", "Give the bundle's password (in the CLI: --key-password-file FILE or the "
                        + "SECURESCORE_KEY_PASSWORD environment variable)."));
            } else if (wrong) {
                m.add(MaterialReader.wrongPassword(name));
            } else {
                m.add(MaterialReader.unreadable(name + " looks like a PKCS#12 (.pfx) bundle but cannot be read: "
                        + e.getMessage() + ".", "Export the bundle again from where it was made."));
            }
            return Optional.empty();
        } catch (GeneralSecurityException | RuntimeException e) {
            m.add(MaterialReader.unreadable(name + " looks like a PKCS#12 (.pfx) bundle but cannot be read.",
                    "Export the bundle again from where it was made."));
            return Optional.empty();
        }
    }

    /**
     * Every entry's certificates, and the keys of the key entries: only {@code wanted}'s when an alias
     * was chosen, else all of them.
     */
    private static void readEntries(KeyStore ks, String wanted, char[] keyPw, String name, Material m)
            throws GeneralSecurityException {
        Enumeration<String> aliases = ks.aliases();
        while (aliases.hasMoreElements()) {
            String alias = aliases.nextElement();
            if (wanted != null && !alias.equals(wanted) && ks.isKeyEntry(alias)) {
                continue;
            }
            if (ks.isKeyEntry(alias)) {
                try {
                    if (ks.getKey(alias, keyPw) instanceof PrivateKey k) {
                        m.addKey(k, name);
                    }
                } catch (UnrecoverableKeyException e) {
                    m.keyLocked();
                    m.add(MaterialReader.wrongPassword(name));
                }
                Certificate[] chain = ks.getCertificateChain(alias);
                if (chain != null) {
                    for (Certificate c : chain) {
                        m.addCertificate((X509Certificate) c, name);
                    }
                }
            } else if (ks.getCertificate(alias) instanceof X509Certificate c) {
                m.addCertificate(c, name);
            }
        }
    }

    private static boolean isKeyEntry(KeyStore ks, String alias) {
        try {
            return ks.isKeyEntry(alias);
        } catch (KeyStoreException e) {
            return false;
        }
    }
}

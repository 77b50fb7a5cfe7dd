package com.securescore.cert;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads certificates and private keys from any of the forms people have — PEM, DER, PKCS#7,
 * PKCS#12, PKCS#8 (plain or encrypted), PKCS#1, SEC1, legacy OpenSSL-encrypted PEM — deciding by
 * content, never by file name. Bad content becomes a finding that says what the file looks like;
 * nothing here throws for it.
 */
public final class MaterialReader {
    /** The JDK's own providers, so keys work with the JDK's TLS and signatures (BC's EC keys do not always). */
    private final JcaPEMKeyConverter keyConverter = new JcaPEMKeyConverter();

    /**
     * @param password opens encrypted keys, PKCS#12 bundles and Java keystores; may be null
     */
    public Material read(Source source, char[] password) {
        return readWith(source, ReadOptions.password(password));
    }

    /** Reads with a store password, a separate key password and a keystore alias where they apply. */
    public Material readWith(Source source, ReadOptions options) {
        Material m = new Material();
        String name = source.shortName();
        byte[] bytes = source.bytes();
        if (source.truncated()) {
            m.add(unreadable(name + " is " + (source.size() / (1024 * 1024)) + " MB, far larger than any certificate "
                    + "or key file.", "Check that you chose the right file."));
            return m;
        }
        if (bytes.length == 0 || new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
            m.add(unreadable(name + " is empty.", "Choose the file that holds the certificate or key; if it was "
                    + "just downloaded, download it again."));
            return m;
        }
        KeystoreReader.Kind keystore = KeystoreReader.detect(bytes);
        if (keystore != null) {
            new KeystoreReader().read(name, bytes, keystore, options, m);
            return m;
        }
        char[] password = options.forKey();
        Optional<String> text = PemText.asText(stripBom(bytes));
        if (text.isPresent() && text.get().contains("-----BEGIN ")) {
            readPem(name, new String(bytes, StandardCharsets.UTF_8), password, m);
        } else if (text.isPresent()) {
            readPlainText(name, text.get(), password, m);
        } else {
            readBinary(name, bytes, options, m, true);
        }
        return m;
    }

    private static byte[] stripBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return Arrays.copyOfRange(b, 3, b.length);
        }
        return b;
    }

    private void readPem(String name, String text, char[] password, Material m) {
        PemText.Parsed parsed = PemText.parse(text);
        if (!parsed.cleaned().isEmpty()) {
            m.add(Finding.of(FindingCode.PEM_CLEANED, name + " has " + String.join(", ", parsed.cleaned())
                    + "; SecureScore read it all the same.", "Nothing to do: files SecureScore writes are clean PEM."));
        }
        int index = 0;
        for (PemText.Block block : parsed.blocks()) {
            index++;
            String where = parsed.blocks().size() > 1 ? name + " (block " + index + ", " + block.label() + ")" : name;
            if (block.damaged()) {
                m.add(unreadable("The " + block.label() + " block in " + name + " cannot be read: " + block.damage()
                        + ".", "Copy the block again from its source, complete from -----BEGIN to -----END, "
                        + "without editing it."));
                continue;
            }
            readBlock(where, name, block, password, m);
        }
    }

    private void readBlock(String where, String file, PemText.Block block, char[] password, Material m) {
        String label = block.label();
        switch (label) {
            case "CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE" -> {
                X509Certificate c = certificate(block.der());
                if (c == null) {
                    m.add(unreadable(where + " is labelled as a certificate but its content is not one.",
                            "Copy the certificate again from its source."));
                } else {
                    m.addCertificate(c, file);
                }
            }
            case "PKCS7", "CMS" -> readPkcs7(where, file, block.der(), m, true);
            case "PRIVATE KEY" -> readPkcs8(where, file, block.der(), m, false);
            case "ENCRYPTED PRIVATE KEY" -> readEncryptedPkcs8(where, file, block.der(), password, m);
            case "RSA PRIVATE KEY", "EC PRIVATE KEY", "DSA PRIVATE KEY" -> readLegacyKey(where, file, block, password, m);
            case "EC PARAMETERS" -> {
                // Written by "openssl ecparam -genkey" before the key itself; carries no key.
            }
            case "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST" -> m.add(unreadable(where
                    + " is a certificate signing request (CSR), not a certificate.",
                    "Send the CSR to your certificate authority and use the certificate it sends back."));
            case "PUBLIC KEY", "RSA PUBLIC KEY" -> m.add(unreadable(where + " is a public key, not the private key.",
                    "Use the private key file that was created together with the certificate request."));
            case "OPENSSH PRIVATE KEY" -> m.add(unreadable(where + " is an SSH key, not a TLS private key.",
                    "Use the key that was created together with the certificate request."));
            default -> m.add(unreadable(where + " holds a \"" + label + "\" block, which is neither a certificate "
                    + "nor a private key.", "Choose the certificate (CERTIFICATE) or key (PRIVATE KEY) file."));
        }
    }

    /** Text without PEM markers: an HTML or JSON page, or bare base64 of a DER file. */
    private void readPlainText(String name, String text, char[] password, Material m) {
        String t = text.strip();
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.startsWith("<!doctype html") || lower.startsWith("<html") || lower.contains("<body")) {
            m.add(unreadable(name + " is an HTML web page, not a certificate or key (often a login or error page "
                    + "saved instead of the file).", "Download the certificate again, e.g. with your CA's "
                    + "\"download PEM\" or \"download certificate\" link, and check the file starts with -----BEGIN."));
            return;
        }
        if (t.startsWith("PuTTY-User-Key-File-")) {
            m.add(unreadable(name + " is a PuTTY private key (.ppk): an SSH key, not a TLS private key.",
                    "Use the key that was created together with the certificate request. (If this really is that "
                    + "key, puttygen " + name + " -O private-openssh -o key.pem writes it as PEM.)"));
            return;
        }
        if (lower.startsWith("{") || lower.startsWith("[")) {
            m.add(unreadable(name + " is JSON text, not a certificate or key.",
                    "If it came from an API, take the PEM value out of it (the text from -----BEGIN to -----END)."));
            return;
        }
        String compact = t.replaceAll("\\s+", "");
        if (compact.length() >= 64 && compact.matches("[A-Za-z0-9+/=]+")) {
            try {
                byte[] der = Base64.getDecoder().decode(compact);
                Material inner = new Material();
                readBinary(name, der, ReadOptions.password(password), inner, false);
                if (!inner.certificates().isEmpty() || !inner.keys().isEmpty() || inner.isKeyLocked()) {
                    m.add(Finding.of(FindingCode.PEM_CLEANED, name + " held base64 text without its -----BEGIN/END "
                            + "lines; SecureScore read it anyway.", "Nothing to do: files SecureScore writes are "
                            + "complete PEM."));
                    m.addAll(inner);
                    return;
                }
            } catch (IllegalArgumentException e) {
                // Not base64 after all: described below.
            }
        }
        String first = t.lines().findFirst().orElse("");
        m.add(unreadable(name + " is text without any -----BEGIN ... ----- block; it starts with \""
                + (first.length() > 40 ? first.substring(0, 40) + "..." : first) + "\".",
                "Choose the certificate or key file itself (PEM text starts with -----BEGIN)."));
    }

    /** DER forms, tried from the most specific: PKCS#12, certificate, PKCS#7, keys. */
    private void readBinary(String name, byte[] der, ReadOptions options, Material m, boolean describeFailure) {
        char[] password = options.forKey();
        ASN1Sequence seq = sequence(der);
        if (seq != null && isPkcs12(seq)) {
            Pkcs12Reader.read(name, der, options, m);
            return;
        }
        X509Certificate c = seq == null ? null : certificate(der);
        if (c != null) {
            m.addCertificate(c, name);
            m.add(converted(name, "DER (binary)"));
            return;
        }
        if (seq != null && readPkcs7(name, name, der, m, false)) {
            return;
        }
        if (seq != null && seq.size() == 2 && readEncryptedPkcs8Quietly(name, der, password, m)) {
            return;
        }
        if (seq != null && readPkcs8(name, name, der, m, true)) {
            return;
        }
        if (seq != null) {
            PrivateKey k = legacyDer(der);
            if (k != null) {
                m.addKey(k, name);
                m.add(converted(name, k.getAlgorithm().equals("RSA") ? "a DER PKCS#1 RSA key" : "a DER SEC1 EC key"));
                return;
            }
        }
        Finding otherStore = seq == null ? KeystoreReader.otherKind(name, der) : null;
        if (describeFailure && otherStore != null) {
            m.add(otherStore);
        } else if (describeFailure) {
            m.add(unreadable(name + " is binary data that is not a certificate, key, PKCS#7, PKCS#12 or Java "
                    + "keystore file"
                    + (seq == null ? "" : " (it is DER, but of something else)") + ".",
                    "Choose the certificate or key file; if it came from a CA, download it again as PEM."));
        }
    }

    private static ASN1Sequence sequence(byte[] der) {
        try {
            ASN1Primitive p = ASN1Primitive.fromByteArray(der);
            return p instanceof ASN1Sequence s ? s : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean isPkcs12(ASN1Sequence seq) {
        try {
            return seq.size() >= 2 && seq.getObjectAt(0).toASN1Primitive() instanceof ASN1Integer v
                    && v.intValueExact() == 3 && seq.getObjectAt(1) instanceof ASN1Sequence ci
                    && ci.getObjectAt(0).equals(PKCSObjectIdentifiers.data);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | RuntimeException e) {
            return null;
        }
    }

    private boolean readPkcs7(String where, String file, byte[] der, Material m, boolean labelled) {
        try {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(der));
            if (certs.isEmpty()) {
                if (labelled) {
                    m.add(unreadable(where + " is a PKCS#7 bundle with no certificates in it.",
                            "Export the bundle again including the certificates."));
                }
                return labelled;
            }
            certs.forEach(c -> m.addCertificate((X509Certificate) c, file));
            m.add(converted(where, "PKCS#7 (.p7b)"));
            return true;
        } catch (CertificateException | RuntimeException e) {
            if (labelled) {
                m.add(unreadable(where + " is labelled PKCS#7 but cannot be read as one.",
                        "Export the bundle again, or export the certificates as PEM."));
            }
            return labelled;
        }
    }

    private boolean readPkcs8(String where, String file, byte[] der, Material m, boolean binary) {
        try {
            PrivateKey k = keyConverter.getPrivateKey(PrivateKeyInfo.getInstance(der));
            m.addKey(k, file);
            if (binary) {
                m.add(converted(where, "a DER PKCS#8 key"));
            }
            return true;
        } catch (IOException | RuntimeException e) {
            if (!binary) {
                m.add(unreadable(where + " is labelled as a private key but its content is not one.",
                        "Copy the key again from its source."));
            }
            return !binary;
        }
    }

    private void readEncryptedPkcs8(String where, String file, byte[] der, char[] password, Material m) {
        if (!readEncryptedPkcs8Quietly(where, der, password, m)) {
            m.add(unreadable(where + " is labelled as an encrypted private key but cannot be read as one.",
                    "Copy the key again from its source."));
        } else if (m.keys().isEmpty() && !m.isKeyLocked()) {
            m.add(unreadable(where + " could not be opened.", "Copy the key again from its source."));
        }
    }

    /** Returns false when the bytes are not an encrypted PKCS#8 structure at all. */
    private boolean readEncryptedPkcs8Quietly(String where, byte[] der, char[] password, Material m) {
        PKCS8EncryptedPrivateKeyInfo info;
        try {
            info = new PKCS8EncryptedPrivateKeyInfo(EncryptedPrivateKeyInfo.getInstance(der));
        } catch (RuntimeException e) {
            return false;
        }
        if (password == null || password.length == 0) {
            m.keyLocked();
            m.add(encrypted(where));
            return true;
        }
        try {
            PrivateKeyInfo pki = info.decryptPrivateKeyInfo(new JceOpenSSLPKCS8DecryptorProviderBuilder()
                    .setProvider(BouncyCastle.PROVIDER).build(password));
            m.addKey(keyConverter.getPrivateKey(pki), where);
            m.add(converted(where, "an encrypted PKCS#8 key"));
        } catch (Exception e) {
            m.keyLocked();
            m.add(wrongPassword(where));
        }
        return true;
    }

    private void readLegacyKey(String where, String file, PemText.Block block, char[] password, Material m) {
        String kind = block.label().startsWith("RSA") ? "a PKCS#1 RSA key" : block.label().startsWith("EC")
                ? "a SEC1 EC key" : "a DSA key";
        String pem = "-----BEGIN " + block.label() + "-----\n" + String.join("\n", block.headers())
                + (block.headers().isEmpty() ? "" : "\n\n") + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(block.der()) + "\n-----END " + block.label() + "-----\n";
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            PEMKeyPair pair;
            if (o instanceof PEMEncryptedKeyPair enc) {
                if (password == null || password.length == 0) {
                    m.keyLocked();
                    m.add(encrypted(where));
                    return;
                }
                try {
                    pair = enc.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                            .build(password));
                } catch (Exception e) {
                    m.keyLocked();
                    m.add(wrongPassword(where));
                    return;
                }
                kind = "a legacy OpenSSL-encrypted " + kind.substring(2);
            } else if (o instanceof PEMKeyPair p) {
                pair = p;
            } else {
                m.add(unreadable(where + " is labelled " + block.label() + " but its content is not a key.",
                        "Copy the key again from its source."));
                return;
            }
            m.addKey(keyConverter.getPrivateKey(pair.getPrivateKeyInfo()), file);
            m.add(converted(where, kind));
        } catch (IOException | RuntimeException e) {
            m.add(unreadable(where + " is labelled " + block.label() + " but cannot be read as a key.",
                    "Copy the key again from its source."));
        }
    }

    private PrivateKey legacyDer(byte[] der) {
        try {
            RSAPrivateKey rsa = RSAPrivateKey.getInstance(der);
            return keyConverter.getPrivateKey(new PrivateKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    rsa));
        } catch (Exception e) {
            // Not PKCS#1; try SEC1.
        }
        try {
            ECPrivateKey ec = ECPrivateKey.getInstance(der);
            if (ec.getParametersObject() == null) {
                return null;
            }
            return keyConverter.getPrivateKey(new PrivateKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec));
        } catch (Exception e) {
            return null;
        }
    }

    static Finding converted(String where, String form) {
        return Finding.of(FindingCode.FORMAT_CONVERTED, where + " is " + form + "; SecureScore converted it to PEM.",
                "Nothing to do. Export writes the PEM files each target needs.");
    }

    private static Finding encrypted(String where) {
        return Finding.of(FindingCode.KEY_ENCRYPTED, "The private key in " + where + " is encrypted and no password "
                + "was given.", "Give the key's password (in the CLI: --key-password-file FILE or the "
                + "SECURESCORE_KEY_PASSWORD environment variable). SecureScore writes the key unencrypted with "
                + "owner-only permissions, since services cannot type a password at start-up.");
    }

    static Finding wrongPassword(String where) {
        return Finding.of(FindingCode.KEY_PASSWORD_WRONG, "The password does not open " + where + ".",
                "Check the password (a password file must hold only the password; a final newline is ignored).");
    }

    static Finding unreadable(String message, String fix) {
        return Finding.of(FindingCode.PEM_UNREADABLE, message, fix);
    }
}

package com.securescore.acme;

import com.securescore.cert.CertificateExporter;
import com.securescore.cert.SecureFiles;
import com.securescore.findings.FindingCode;
import com.securescore.resume.ProgressStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.jcajce.provider.asymmetric.util.EC5Util;
import org.bouncycastle.jce.ECPointUtil;
import org.bouncycastle.jce.spec.ECParameterSpec;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The ACME account key: the CA knows the account by it, so it is made once and kept, owner-only, in
 * the user's config folder ({@code acme/account-key.pem}), or imported from a file the user already
 * has (another client's account). Its content is never logged or shown.
 */
public final class AccountKeys {
    static final String FILE_NAME = "account-key.pem";

    private AccountKeys() {
    }

    /** Where the account key lives unless the user names another. */
    public static Path defaultFile() {
        return ProgressStore.configDir().resolve("acme").resolve(FILE_NAME);
    }

    /** The key in {@code file}, created there (owner-only, EC P-256) when there is none yet. */
    public static KeyPair loadOrCreate(Path file) throws AcmeFailure {
        if (Files.exists(file)) {
            return read(file);
        }
        KeyPair created = KeyType.EC.generate();
        try {
            // PKCS#8, the form every ACME client and OpenSSL read; the public half is derived when read.
            SecureFiles.write(file, CertificateExporter.privateKeyPem(created.getPrivate())
                    .getBytes(StandardCharsets.US_ASCII), true, false);
        } catch (IOException e) {
            throw new AcmeFailure(FindingCode.ACME_ACCOUNT_KEY_UNREADABLE, "The account key could not be saved to "
                    + file + ": " + e.getMessage() + ".", "Make the folder writable, or name another account key file.");
        }
        return created;
    }

    /** An existing account key: a PEM key pair, or a PKCS#8 / PKCS#1 / SEC1 private key (RSA or EC). */
    public static KeyPair read(Path file) throws AcmeFailure {
        if (!Files.isRegularFile(file)) {
            throw unreadable(file, "there is no such file");
        }
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            JcaPEMKeyConverter convert = new JcaPEMKeyConverter();
            for (Object o = p.readObject(); o != null; o = p.readObject()) {
                if (o instanceof PEMKeyPair pair && pair.getPublicKeyInfo() != null) {
                    return convert.getKeyPair(pair);
                }
                if (o instanceof PEMKeyPair pair) {
                    o = pair.getPrivateKeyInfo();
                }
                if (o instanceof PrivateKeyInfo info) {
                    PrivateKey key = convert.getPrivateKey(info);
                    return new KeyPair(publicOf(key), key);
                }
            }
            throw unreadable(file, "it holds no unencrypted private key");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw unreadable(file, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey rsa) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(rsa.getModulus(),
                    rsa.getPublicExponent()));
        }
        if (key instanceof ECPrivateKey ec) {
            ECParameterSpec bcSpec =
                    EC5Util.convertSpec(ec.getParams());
            org.bouncycastle.math.ec.ECPoint q = bcSpec.getG().multiply(ec.getS()).normalize();
            ECPoint w = ECPointUtil.decodePoint(ec.getParams().getCurve(), q.getEncoded(false));
            return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, ec.getParams()));
        }
        throw new GeneralSecurityException("a " + key.getAlgorithm() + " key cannot be an ACME account key; use RSA "
                + "or EC");
    }

    private static AcmeFailure unreadable(Path file, String why) {
        return new AcmeFailure(FindingCode.ACME_ACCOUNT_KEY_UNREADABLE, "The account key " + file
                + " could not be read: " + why + ".",
                "Give the unencrypted PEM private key (RSA or EC) of your ACME account, or leave it out to use "
                        + "SecureScore's own account key.");
    }
}

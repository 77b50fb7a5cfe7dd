package com.securescore.service;

import com.securescore.cert.CheckReport;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The service's certificate and key, replaceable while it runs: each new TLS handshake asks this key
 * manager, so a renewed certificate is served from the next connection on, without a restart;
 * connections already open keep the one they started with.
 */
final class ReloadableKeyManager extends X509ExtendedKeyManager {
    private static final char[] NO_PASSWORD = new char[0];
    private final AtomicReference<X509ExtendedKeyManager> current = new AtomicReference<>();

    ReloadableKeyManager(CheckReport certificate) {
        replace(certificate);
    }

    /** Serves {@code certificate} (chain as clients need it, and its key) from the next handshake on. */
    void replace(CheckReport certificate) {
        if (!certificate.ok() || certificate.key() == null) {
            throw new IllegalArgumentException("The certificate has error findings; it is not served.");
        }
        current.set(managerFor(certificate.key(), certificate.serverChain().toArray(new X509Certificate[0])));
    }

    private static X509ExtendedKeyManager managerFor(PrivateKey key, Certificate[] chain) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("service", key, NO_PASSWORD, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, NO_PASSWORD);
            for (KeyManager km : kmf.getKeyManagers()) {
                if (km instanceof X509ExtendedKeyManager x) {
                    return x;
                }
            }
            throw new IllegalStateException("This Java has no X.509 key manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not load the certificate for TLS: " + e.getMessage(), e);
        }
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return current.get().getClientAliases(keyType, issuers);
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return current.get().chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.get().getServerAliases(keyType, issuers);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return current.get().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return current.get().chooseEngineServerAlias(keyType, issuers, engine);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return current.get().getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return current.get().getPrivateKey(alias);
    }
}

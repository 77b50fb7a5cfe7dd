package com.securescore.acme;

import com.securescore.cert.TrustAnchors;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

/**
 * Any ACME directory, reached over HTTPS that trusts the JDK's roots plus the user's own (a company
 * CA, a test CA): nothing is ever trusted blindly.
 */
final class TrustingProvider extends GenericAcmeProvider {
    private final List<X509Certificate> extra;

    TrustingProvider(List<X509Certificate> extra) {
        this.extra = List.copyOf(extra);
    }

    @Override
    public HttpClient createHttpClient(NetworkSettings settings) {
        if (extra.isEmpty()) {
            return super.createHttpClient(settings);
        }
        HttpClient.Builder b = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(settings.getTimeout())
                .proxy(settings.getProxySelector())
                .sslContext(sslContext());
        if (settings.getAuthenticator() != null) {
            b.authenticator(settings.getAuthenticator());
        }
        return b.build();
    }

    private SSLContext sslContext() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : TrustAnchors.withDefaults(extra).certificates()) {
                store.setCertificateEntry("root-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Could not set up the trusted roots: " + e.getMessage(), e);
        }
    }
}

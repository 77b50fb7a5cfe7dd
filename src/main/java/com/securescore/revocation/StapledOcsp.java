package com.securescore.revocation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The OCSP response a server staples to its certificate (TLS status_request), taken from one TLS
 * handshake of its own. The JDK's client asks for it unless {@code jdk.tls.client.enableStatusRequestExtension}
 * is set to false (read when each SSLContext is made); trust is not judged here, only the response is taken.
 */
final class StapledOcsp {
    private StapledOcsp() {
    }

    /** The leaf's stapled response, or empty when the server sends none or the handshake fails. */
    static Optional<byte[]> fetch(InetSocketAddress address, String serverName, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket raw = new Socket()) {
            raw.connect(address, millis);
            raw.setSoTimeout(millis);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new TakeAny()}, new SecureRandom());
            try (SSLSocket tls = (SSLSocket) ctx.getSocketFactory().createSocket(raw, serverName,
                    address.getPort(), false)) {
                SSLParameters params = tls.getSSLParameters();
                try {
                    params.setServerNames(List.of(new SNIHostName(serverName)));
                } catch (IllegalArgumentException e) {
                    // An address, not a name: no SNI, as clients do.
                }
                tls.setSSLParameters(params);
                tls.startHandshake();
                SSLSession session = tls.getSession();
                if (session instanceof ExtendedSSLSession extended && !extended.getStatusResponses().isEmpty()
                        && extended.getStatusResponses().get(0).length > 0) {
                    return Optional.of(extended.getStatusResponses().get(0));
                }
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Takes any chain: the stapled response is judged afterwards against the issuer. */
    private static final class TakeAny implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("no client certificates here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Accepted: this handshake only collects the stapled response.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

package com.securescore.image;

import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.securescore.cert.Certificates;
import com.securescore.cert.TrustAnchors;
import com.securescore.task.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * How SecureScore talks to registries while an image is built. TLS is always verified: against the
 * JDK's roots plus the CA files the user gave (Jib's HTTP client reads the JDK's trust-store
 * properties, so they are set for the build and restored after). Plain HTTP is allowed only for a
 * registry on this machine's loopback that does not speak TLS at all; an unverifiable certificate
 * is never accepted, on loopback or elsewhere.
 */
final class RegistryConnection {
    private static final Object PROPERTIES = new Object();
    private static final int PROBE_MILLIS = 3_000;

    private final Path trustStore;
    private final boolean plainHttp;

    private RegistryConnection(Path trustStore, boolean plainHttp) {
        this.trustStore = trustStore;
        this.plainHttp = plainHttp;
    }

    /**
     * @param pullFrom registries read from (the base image's)
     * @param pushTo   registries written to
     */
    static RegistryConnection open(List<X509Certificate> trust, Progress progress, List<String> pullFrom,
            List<String> pushTo) throws ImageBuildException {
        boolean plain = false;
        List<String> all = new ArrayList<>(pullFrom);
        all.addAll(pushTo);
        for (String registry : all) {
            if (isLoopback(registry) && speaksOnlyPlainHttp(registry)) {
                progress.line("The registry " + registry + " is on this machine and speaks plain HTTP: used without "
                        + "TLS (only a registry on loopback is).");
                plain = true;
            }
        }
        Path store = null;
        if (!trust.isEmpty()) {
            try {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                int i = 0;
                for (X509Certificate c : TrustAnchors.withDefaults(trust).certificates()) {
                    ks.setCertificateEntry("ca-" + i++, c);
                }
                store = Files.createTempFile("securescore-registry-trust", ".p12");
                store.toFile().deleteOnExit();
                try (OutputStream out = Files.newOutputStream(store)) {
                    ks.store(out, "changeit".toCharArray());
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new ImageBuildException("The registry CA could not be prepared for use: " + e.getMessage(), e);
            }
            for (X509Certificate c : trust) {
                progress.line("Trusting the registry CA " + Certificates.name(c) + ".");
            }
        }
        return new RegistryConnection(store, plain);
    }

    boolean plainHttp() {
        return plainHttp;
    }

    /** Runs the build with the trust store and the plain-HTTP permission in force, then restores them. */
    <T> T during(ImageBuilder.Work<T> work) throws Exception {
        synchronized (PROPERTIES) {
            Map<String, String> saved = new LinkedHashMap<>();
            Map<String, String> set = new LinkedHashMap<>();
            if (trustStore != null) {
                set.put("javax.net.ssl.trustStore", trustStore.toString());
                set.put("javax.net.ssl.trustStoreType", "PKCS12");
                set.put("javax.net.ssl.trustStorePassword", "changeit");
            }
            if (plainHttp) {
                set.put(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP, "true");
            }
            set.forEach((k, v) -> saved.put(k, System.setProperty(k, v)));
            try {
                return work.run();
            } finally {
                saved.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
                if (trustStore != null) {
                    Files.deleteIfExists(trustStore);
                }
            }
        }
    }

    /** A registry name on this machine's loopback: localhost, 127.x.x.x or [::1], with or without a port. */
    static boolean isLoopback(String registry) {
        String host = host(registry).toLowerCase(Locale.ROOT);
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    static String host(String registry) {
        if (registry.startsWith("[")) {
            int end = registry.indexOf(']');
            return end > 0 ? registry.substring(1, end) : registry;
        }
        int colon = registry.lastIndexOf(':');
        return colon > 0 ? registry.substring(0, colon) : registry;
    }

    static int port(String registry) {
        int bracket = registry.lastIndexOf(']');
        int colon = registry.lastIndexOf(':');
        if (colon > bracket && colon > 0) {
            try {
                return Integer.parseInt(registry.substring(colon + 1));
            } catch (NumberFormatException e) {
                return 443;
            }
        }
        return 443;
    }

    /** Accepts connections but completes no TLS handshake (the certificate is not checked: only the protocol is asked). */
    private static boolean speaksOnlyPlainHttp(String registry) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(registry), port(registry)), PROBE_MILLIS);
        } catch (IOException e) {
            return false;
        }
        return presented(registry) == null;
    }

    /**
     * The certificates the registry presents, read without checking them, or null when it does not
     * speak TLS or cannot be reached; for saying which CA to trust.
     */
    static List<X509Certificate> presented(String registry) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAll()}, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host(registry), port(registry)), PROBE_MILLIS);
                socket.setSoTimeout(PROBE_MILLIS);
                socket.startHandshake();
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate c : socket.getSession().getPeerCertificates()) {
                    chain.add((X509Certificate) c);
                }
                return chain;
            }
        } catch (SSLException e) {
            return null;
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    /** Reads a server's certificates to name them; never used to trust a connection that carries data. */
    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

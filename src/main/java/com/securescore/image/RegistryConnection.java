package com.securescore.image;

import com.google.cloud.tools.jib.global.JibSystemProperties;
import com.securescore.cert.Certificates;
import com.securescore.cert.TrustAnchors;
import com.securescore.task.Progress;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * How SecureScore talks to registries while an image is built. TLS is always verified: against the
 * JDK's roots plus the CA files the user gave. Plain HTTP is allowed only for a
 * registry on this machine's loopback that does not speak TLS at all; an unverifiable certificate
 * is never accepted, on loopback or elsewhere.
 */
final class RegistryConnection {
    private static final Object JVM_DEFAULTS = new Object();
    private static final int PROBE_MILLIS = 3_000;

    private final SSLContext trust;
    private final boolean plainHttp;

    private RegistryConnection(SSLContext trust, boolean plainHttp) {
        this.trust = trust;
        this.plainHttp = plainHttp;
    }

    /**
     * Checks every registry before the build, so what would fail does so at once with its reason
     * (Jib retries a failed connection for about 40 s): the name resolves, the port accepts, and the
     * TLS certificate is trusted; a loopback registry without TLS is allowed plain HTTP. Behind a
     * proxy (https.proxyHost) the registries are left to the build.
     *
     * @param pullFrom registries read from (the base image's)
     * @param pushTo   registries written to
     */
    static RegistryConnection open(List<X509Certificate> trust, Progress progress, List<String> pullFrom,
            List<String> pushTo, boolean givenTrust) throws ImageBuildException {
        SSLContext context = context(trust);
        for (X509Certificate c : trust) {
            progress.line("Trusting the registry CA " + Certificates.name(c) + ".");
        }
        boolean plain = false;
        List<String> all = new ArrayList<>(pullFrom);
        all.addAll(pushTo);
        boolean proxied = System.getProperty("https.proxyHost") != null;
        for (String registry : proxied ? List.<String>of() : all.stream().distinct().toList()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host(registry), port(registry)), PROBE_MILLIS);
            } catch (UnknownHostException e) {
                throw new ImageBuildException("The registry host " + host(registry) + " is unknown (DNS found no "
                        + "such name, or this machine is offline). Check the image name"
                        + (pullFrom.contains(registry) && !pushTo.contains(registry) ? " of the base image (an "
                        + "air-gapped machine: push a Java 17 base image to your registry and build from it, or from "
                        + "a saved docker archive, tar://FILE)" : "") + ".", e);
            } catch (IOException e) {
                throw new ImageBuildException("The registry " + registry + " cannot be reached (" + e.getMessage()
                        + "). Is it running, and are the host and port right?", e);
            }
            if (isLoopback(registry) && presented(registry) == null) {
                progress.line("The registry " + registry + " is on this machine and speaks plain HTTP: used without "
                        + "TLS (only a registry on loopback is).");
                plain = true;
                continue;
            }
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host(registry), port(registry)), PROBE_MILLIS);
                socket.setSoTimeout(PROBE_MILLIS);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.startHandshake();
            } catch (SSLException e) {
                throw untrusted(registry, givenTrust, e);
            } catch (IOException e) {
                throw new ImageBuildException("The registry " + registry + " accepted a connection but did not "
                        + "complete a TLS handshake (" + e.getMessage() + ").", e);
            }
        }
        return new RegistryConnection(context, plain);
    }

    private static SSLContext context(List<X509Certificate> trust) throws ImageBuildException {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            int i = 0;
            for (X509Certificate c : TrustAnchors.withDefaults(trust).certificates()) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new ImageBuildException("The registry CA could not be prepared for use: " + e.getMessage(), e);
        }
    }

    /** The registry's certificate was refused: which CA it chains to, and how to trust it. */
    static ImageBuildException untrusted(String registry, boolean givenTrust, Throwable cause) {
        List<X509Certificate> chain = presented(registry);
        if (chain == null || chain.isEmpty()) {
            return new ImageBuildException("The registry " + registry + " does not speak TLS, or the TLS handshake "
                    + "failed (" + cause.getMessage() + "). SecureScore speaks plain HTTP only to a registry on this "
                    + "machine (localhost); put TLS in front of this one.", cause);
        }
        X509Certificate top = chain.get(chain.size() - 1);
        String issuer = Certificates.isSelfSigned(top) ? Certificates.name(top) : Certificates.issuerName(top);
        String why = String.valueOf(cause.getMessage());
        if (why.contains("No subject alternative") || why.contains("No name matching")) {
            return new ImageBuildException("The registry " + registry + " presents a certificate for another name ("
                    + why + "). Use the name its certificate holds in the image reference.", cause);
        }
        return new ImageBuildException(ImageBuildException.Kind.UNTRUSTED_REGISTRY, "The registry " + registry
                + " presents a certificate this machine does not "
                + "trust: it chains to " + issuer + ". Give that CA's certificate as the registry CA (the registry's "
                + "CA file), or install it in the system's trust store." + (givenTrust ? " The CA files given do not "
                + "include it." : ""), cause);
    }

    boolean plainHttp() {
        return plainHttp;
    }

    /**
     * Runs the build with this trust and the plain-HTTP permission in force, then restores what was
     * there. Jib's HTTP client takes the JVM's default SSL context ({@code SSLContext.getDefault()},
     * which the JDK makes once per process), so the build's own is made the default while it runs:
     * each build trusts exactly the JDK's roots and its own CA files, however many ran before it.
     */
    <T> T during(ImageBuilder.Work<T> work) throws Exception {
        synchronized (JVM_DEFAULTS) {
            SSLContext before = SSLContext.getDefault();
            String sendOverHttp = System.getProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP);
            SSLContext.setDefault(trust);
            if (plainHttp) {
                System.setProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP, "true");
            }
            try {
                return work.run();
            } finally {
                SSLContext.setDefault(before);
                if (sendOverHttp == null) {
                    System.clearProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP);
                } else {
                    System.setProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP, sendOverHttp);
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

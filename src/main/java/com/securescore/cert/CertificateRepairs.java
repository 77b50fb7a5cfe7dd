package com.securescore.cert;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One-click repairs for the findings that have a mechanical fix. Each returns new material that
 * is checked again, so a repair can never hide a problem: the report after it is the judge.
 */
public final class CertificateRepairs {
    /** An AIA download larger than this is not a certificate. */
    static final int MAX_DOWNLOAD = 64 * 1024;

    /** Made on the first download: building one loads the JDK's HTTP and TLS stacks (wizard start-up). */
    private HttpClient http;

    public CertificateRepairs() {
        this(null);
    }

    CertificateRepairs(HttpClient http) {
        this.http = http;
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
        }
        return http;
    }

    /**
     * Leaf first, then each issuer; then what is past the trust anchor, then certificates on no path,
     * each in the order given.
     */
    public Material putInOrder(Material material, CheckReport report) {
        List<X509Certificate> ordered = new ArrayList<>(report.path());
        ordered.addAll(report.pastAnchor());
        ordered.addAll(report.extras());
        return material.withCertificates(ordered);
    }

    /** Removes the self-signed root from the files (clients already have it). */
    public Material dropRoot(Material material, CheckReport report) {
        List<X509Certificate> kept = new ArrayList<>(material.certificates());
        if (report.path().size() > 1) {
            kept.removeIf(c -> c.equals(report.path().get(report.path().size() - 1)) && Certificates.isSelfSigned(c));
        }
        return material.withCertificates(kept);
    }

    /** Removes certificates that are not on the leaf's path. */
    public Material dropStrangers(Material material, CheckReport report) {
        List<X509Certificate> kept = new ArrayList<>(material.certificates());
        kept.removeAll(report.extras());
        return material.withCertificates(kept);
    }

    /**
     * Removes what is sent past the trust anchor (a cross-signed copy of the trusted root and the
     * older root that signed it): clients that trust the anchor stop before it.
     */
    public Material dropPastAnchor(Material material, CheckReport report) {
        List<X509Certificate> kept = new ArrayList<>(material.certificates());
        kept.removeAll(report.pastAnchor());
        return material.withCertificates(kept);
    }

    /** The address from which the missing issuer can be fetched, or null when the certificate names none. */
    public String missingIssuerUrl(CheckReport report) {
        if (report.path().isEmpty() || report.anchor() != null) {
            return null;
        }
        X509Certificate last = report.path().get(report.path().size() - 1);
        return Certificates.isSelfSigned(last) ? null : Certificates.caIssuersUrl(last);
    }

    /**
     * Downloads the issuer named by the chain's AIA address (plain HTTP, as CAs publish them; the
     * certificate's own signature is what proves it). Only call after the user agreed.
     *
     * @throws IOException with a message fit for the user when the download fails or is not a certificate
     */
    public Source fetchIssuer(String url) throws IOException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IOException("The address " + url + " is not valid.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("SecureScore only downloads over http or https, not " + url + ".");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("The download from " + url + " was interrupted.");
        } catch (IOException e) {
            throw new IOException("Could not download " + url + ": " + e.getMessage()
                    + ". Check the network, or get the certificate from your CA's website.");
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(url + " answered HTTP " + response.statusCode() + " instead of the certificate.");
            }
            byte[] body = in.readNBytes(MAX_DOWNLOAD + 1);
            if (body.length > MAX_DOWNLOAD) {
                throw new IOException(url + " sent more than " + MAX_DOWNLOAD / 1024 + " KB, which is not a "
                        + "certificate.");
            }
            Source source = Source.bytes(url, body);
            if (new MaterialReader().read(source, null).certificates().isEmpty()) {
                throw new IOException(url + " did not send a certificate.");
            }
            return source;
        }
    }
}

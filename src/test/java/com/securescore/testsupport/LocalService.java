package com.securescore.testsupport;

import com.securescore.cert.CertificateService;
import com.securescore.cert.CheckReport;
import com.securescore.cert.DevelopmentCertificates;
import com.securescore.cert.Source;
import com.securescore.service.AuthKeys;
import com.securescore.service.DemoClassifier;
import com.securescore.service.ScoringServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A real scoring service for tests: a development certificate for {@link #HOST} made in a temporary
 * folder, a keys file, the demo model, TLS on a free loopback port. Clients connect to 127.0.0.1 and
 * check the certificate against {@link #HOST}.
 */
public final class LocalService implements AutoCloseable {
    public static final String HOST = "scoring.contoso.test";

    private final ScoringServer server;
    private final Path ca;
    private final Path keysFile;
    private final AuthKeys keys;

    private LocalService(ScoringServer server, Path ca, Path keysFile, AuthKeys keys) {
        this.server = server;
        this.ca = ca;
        this.keysFile = keysFile;
        this.keys = keys;
    }

    /** A checked development certificate for {@link #HOST} (files in {@code dir}/tls) and its CA file. */
    public record DevCertificate(CheckReport report, Path ca) {
    }

    /** Files caught mid-write: {@code tls/fullchain.pem} cut short. */
    public static void cutShort(Path tls) throws IOException {
        Files.writeString(tls.resolve("fullchain.pem"), "-----BEGIN CERTIFICATE-----\ncut short\n");
    }

    /**
     * A renewal as a certificate authority's client leaves it: a new development certificate for
     * {@link #HOST} (and its CA) made in {@code scratch}, then copied over the files in {@code tls}.
     *
     * @return the new fullchain.pem in {@code scratch}
     */
    public static Path renewInto(Path tls, Path scratch) throws IOException {
        new DevelopmentCertificates().create(HOST, 30, DevelopmentCertificates.KeyType.EC, scratch, false);
        for (String f : List.of("ca.pem", "privkey.pem", "fullchain.pem")) {
            Files.copy(scratch.resolve(f), tls.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return scratch.resolve("fullchain.pem");
    }

    public static DevCertificate devCertificate(Path dir) throws IOException {
        var dev = new DevelopmentCertificates().create(HOST, 30, DevelopmentCertificates.KeyType.EC,
                dir.resolve("tls"), false);
        Path ca = dev.files().get(0);
        var report = new CertificateService().check(new CertificateService.Request(HOST,
                List.of(Source.file(dev.files().get(1)), Source.file(dev.files().get(2))), null, null,
                List.of(Source.file(ca))));
        return new DevCertificate(report, ca);
    }

    public static LocalService start(Path dir, int maxRequestBytes) throws IOException {
        DevCertificate dev = devCertificate(dir);
        Path keysFile = dir.resolve("keys.json");
        AuthKeys keys = AuthKeys.open(keysFile).keys();
        return new LocalService(ScoringServer.start(dev.report(), "127.0.0.1", 0, keys, new DemoClassifier(),
                maxRequestBytes), dev.ca(), keysFile, keys);
    }

    public static LocalService start(Path dir) throws IOException {
        return start(dir, ScoringServer.DEFAULT_MAX_REQUEST_BYTES);
    }

    public int port() {
        return server.port();
    }

    /** The development CA clients must trust. */
    public Path ca() {
        return ca;
    }

    public Path keysFile() {
        return keysFile;
    }

    public AuthKeys keys() {
        return keys;
    }

    @Override
    public void close() {
        server.close();
    }

    /** A PNG of one colour, as a client would send it. */
    public static byte[] png(Color color, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, size, size);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

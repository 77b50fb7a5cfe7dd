package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.testsupport.LocalService;
import java.awt.Color;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code score --trust} with the root in the forms an IT department hands it out (DER .cer, PKCS#7
 * .p7b, PEM with a BOM and CRLF, all made by openssl or written at test time from the development CA),
 * against a real TLS service; and a trust file with no certificate in it as plain input to fix.
 */
class ScoreTrustFormsTest {
    private static final String HOST = LocalService.HOST;

    @TempDir
    static Path dir;

    static LocalService server;
    static Path image;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws Exception {
        server = LocalService.start(dir);
        image = Files.write(dir.resolve("red.png"), LocalService.png(Color.RED, 32));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private int score(Path trust) {
        String[] args = {"score", "--host", HOST, "--connect-to", "127.0.0.1", "--port",
            String.valueOf(server.port()), "--key-file", server.keysFile().toString(), "--trust", trust.toString(),
            image.toString()};
        return Cli.newCommandLine(args, new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    private static Path openssl(String out, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + said);
        return dir.resolve(out);
    }

    @Test
    void aDerRootScores() throws Exception {
        Path der = openssl("WalkRootCA.cer", "openssl", "x509", "-in", server.ca().toString(), "-outform", "DER",
                "-out", "WalkRootCA.cer");
        assertEquals(0, score(der), out + "\n" + err);
        assertTrue(out.toString().contains("1 scored, 0 failed"), out.toString());
    }

    @Test
    void aPkcs7RootScores() throws Exception {
        Path p7b = openssl("root.p7b", "openssl", "crl2pkcs7", "-nocrl", "-certfile", server.ca().toString(),
                "-outform", "DER", "-out", "root.p7b");
        assertEquals(0, score(p7b), out + "\n" + err);
        assertTrue(out.toString().contains("1 scored, 0 failed"), out.toString());
    }

    @Test
    void aPemRootWithBomAndCrlfScores() throws Exception {
        String pem = Files.readString(server.ca()).replace("\r\n", "\n").replace("\n", "\r\n");
        Path crlf = Files.writeString(dir.resolve("root-windows.crt"), "\uFEFF" + pem);
        assertEquals(0, score(crlf), out + "\n" + err);
        assertTrue(out.toString().contains("1 scored, 0 failed"), out.toString());
    }

    @Test
    void aTrustFileWithNoCertificateIsPlainInputToFixExitTwo() throws Exception {
        Path keyOnly = server.ca().resolveSibling("privkey.pem");
        assertTrue(Files.exists(keyOnly), "the development certificate's key is there: " + keyOnly);
        assertEquals(2, score(keyOnly), out + "\n" + err);
        String said = err.toString();
        assertTrue(said.contains(keyOnly.toString()) && said.contains("holds no certificate"), said);
        assertTrue(said.contains("root CA certificate") && said.contains("PEM, DER or PKCS#7"), said);
        assertFalse(said.contains("Unexpected error") || said.contains("Exception"), said);
        assertFalse(out.toString().contains("scored"), "nothing was sent: " + out);
    }

    @Test
    void aMissingTrustFileIsNamedExitTwo() {
        Path missing = dir.resolve("fromIT").resolve("WalkRootCA.cer");
        assertEquals(2, score(missing), out + "\n" + err);
        assertTrue(err.toString().contains(missing + " does not exist"), err.toString());
        assertFalse(err.toString().contains("Unexpected error"), err.toString());
    }

    @Test
    void helpSaysWhichFormsTrustTakes() {
        String[] args = {"score", "--help"};
        assertEquals(0, Cli.newCommandLine(args, new PrintWriter(out, true), new PrintWriter(err, true))
                .execute(args));
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("PEM, DER (.cer) or PKCS#7 (.p7b)"), help);
        assertFalse(help.contains("Trusted roots (PEM)"), "no longer says PEM only: " + help);
    }
}

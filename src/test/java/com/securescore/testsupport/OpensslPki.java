package com.securescore.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A private CA made with the openssl command line, as a person makes one: a root, an intermediate and
 * a server leaf, the leaf's key in the forms people end up with (PKCS#8, encrypted PKCS#8, PKCS#1), and
 * chain files in the wrong order with and without the root.
 */
public final class OpensslPki {
    public static final String ROOT_NAME = "Contoso Lab Root CA";
    public static final String KEY_PASSWORD = "lab-pass-1";

    private final Path dir;

    private OpensslPki(Path dir) {
        this.dir = dir;
    }

    /**
     * Makes in {@code dir}: root.pem (the root alone), server.key (PKCS#8), leaf-enc.key (encrypted
     * PKCS#8, {@link #KEY_PASSWORD}), leaf-pkcs1.key (PKCS#1), chain-with-root.pem (leaf, root,
     * intermediate) and chain.pem (intermediate, leaf).
     */
    public static OpensslPki make(Path dir, String domain) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        OpensslPki pki = new OpensslPki(dir);
        Path work = Files.createDirectories(dir.resolve(".ca"));
        pki.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", work.resolve("root.key").toString(),
                "-out", dir.resolve("root.pem").toString(), "-subj", "/O=Contoso Lab/CN=" + ROOT_NAME, "-days", "365",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        pki.run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", work.resolve("inter.key").toString(), "-out",
                work.resolve("inter.csr").toString(), "-subj", "/O=Contoso Lab/CN=Contoso Lab Issuing CA");
        Files.writeString(work.resolve("inter.ext"), "basicConstraints=critical,CA:TRUE,pathlen:0\n"
                + "keyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        pki.run("x509", "-req", "-in", work.resolve("inter.csr").toString(), "-CA", dir.resolve("root.pem").toString(),
                "-CAkey", work.resolve("root.key").toString(), "-CAcreateserial", "-days", "365", "-out",
                work.resolve("inter.pem").toString(), "-extfile", work.resolve("inter.ext").toString());
        pki.run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out",
                dir.resolve("server.key").toString());
        pki.run("req", "-new", "-key", dir.resolve("server.key").toString(), "-out", work.resolve("leaf.csr").toString(),
                "-subj", "/CN=" + domain);
        Files.writeString(work.resolve("leaf.ext"), "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,"
                + "keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:" + domain
                + "\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n");
        pki.run("x509", "-req", "-in", work.resolve("leaf.csr").toString(), "-CA", work.resolve("inter.pem").toString(),
                "-CAkey", work.resolve("inter.key").toString(), "-CAcreateserial", "-days", "365", "-out",
                work.resolve("leaf.pem").toString(), "-extfile", work.resolve("leaf.ext").toString());
        pki.run("pkcs8", "-topk8", "-v2", "aes-256-cbc", "-in", dir.resolve("server.key").toString(), "-out",
                dir.resolve("leaf-enc.key").toString(), "-passout", "pass:" + KEY_PASSWORD);
        pki.run("rsa", "-in", dir.resolve("server.key").toString(), "-traditional", "-out",
                dir.resolve("leaf-pkcs1.key").toString());
        String leaf = Files.readString(work.resolve("leaf.pem"));
        String inter = Files.readString(work.resolve("inter.pem"));
        String root = Files.readString(dir.resolve("root.pem"));
        Files.writeString(dir.resolve("chain-with-root.pem"), leaf + root + inter);
        Files.writeString(dir.resolve("chain.pem"), inter + leaf);
        return pki;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    private void run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }
}

package com.securescore.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * What clients no one on the team wrote say about a chain: {@code openssl verify} (with and without
 * {@code -partial_chain}) and the JDK's PKIX {@link CertPathBuilder}, given the same trusted
 * certificates and the same bundle. Tests take their expected verdict from here.
 */
public final class PathOracles {
    private PathOracles() {
    }

    /**
     * @param jdk                  the JDK's CertPathBuilder found a path (revocation off)
     * @param openssl              {@code openssl verify -CAfile trusted.pem -untrusted chain.pem leaf.pem} passed
     * @param opensslPartialChain  the same with {@code -partial_chain}
     * @param detail               what each said, for assertion messages
     */
    public record Verdicts(boolean jdk, boolean openssl, boolean opensslPartialChain, String detail) {
        /** All three accept or all three refuse: the chain's verdict does not depend on the client. */
        public boolean unanimous() {
            return jdk == openssl && openssl == opensslPartialChain;
        }
    }

    /**
     * Writes leaf.pem, chain.pem (the bundle as a server would send it) and trusted.pem into
     * {@code dir} and asks both oracles.
     */
    public static Verdicts judge(Path dir, X509Certificate leaf, List<X509Certificate> bundle,
                                 List<X509Certificate> trusted) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        TestPki.writePem(dir.resolve("leaf.pem"), leaf);
        TestPki.writePem(dir.resolve("chain.pem"), bundle.toArray());
        TestPki.writePem(dir.resolve("trusted.pem"), trusted.toArray());
        String plain = openssl(dir, "verify", "-CAfile", "trusted.pem", "-untrusted", "chain.pem", "leaf.pem");
        String partial = openssl(dir, "verify", "-partial_chain", "-CAfile", "trusted.pem", "-untrusted", "chain.pem",
                "leaf.pem");
        String jdk = jdk(leaf, bundle, trusted);
        return new Verdicts(jdk == null, plain == null, partial == null, "JDK: " + (jdk == null ? "OK" : jdk)
                + "; openssl: " + (plain == null ? "OK" : plain) + "; openssl -partial_chain: "
                + (partial == null ? "OK" : partial));
    }

    /** Null when openssl verify succeeds, else what it printed. */
    private static String openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("openssl " + String.join(" ", args) + " did not finish");
        }
        return p.exitValue() == 0 ? null : out.replace('\n', ' ');
    }

    /** Null when the JDK builds a path from the leaf to one of the trusted certificates, else why not. */
    private static String jdk(X509Certificate leaf, List<X509Certificate> bundle, List<X509Certificate> trusted) {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            trusted.forEach(t -> anchors.add(new TrustAnchor(t, null)));
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(bundle)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return null;
        } catch (CertPathBuilderException e) {
            return e.getMessage();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

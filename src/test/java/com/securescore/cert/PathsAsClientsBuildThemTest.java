package com.securescore.cert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.Finding;
import com.securescore.findings.FindingCode;
import com.securescore.findings.Severity;
import com.securescore.testsupport.PathOracles;
import com.securescore.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Chains judged by the paths clients really build, on bundles shaped like the ones CAs hand out
 * (Let's Encrypt's long chain, Sectigo's cross-signed USERTrust), made at test time. The expected
 * verdict of every case comes from the oracles ({@code openssl verify} with and without
 * {@code -partial_chain}, and the JDK's PKIX CertPathBuilder), never from the checker itself.
 */
class PathsAsClientsBuildThemTest {
    private static final String DOMAIN = "scoring.contoso.test";
    private static final Instant NOW = Instant.now();

    /** Always trusted, so that the trusted file is never empty (openssl and PKIX refuse an empty one). */
    private static final TestPki.Issued UNRELATED = TestPki.rootCa("Unrelated Test Root");

    @TempDir
    Path dir;

    private final CertificateService service = new CertificateService();
    private final CertificateRepairs repairs = new CertificateRepairs();

    private static TestPki.Issued root(String dn) {
        return TestPki.builder(null).subject(dn).ca(true).validity(NOW.minus(Duration.ofDays(3000)),
                NOW.plus(Duration.ofDays(3000))).issue();
    }

    private static TestPki.Issued intermediate(TestPki.Issued issuer, String dn) {
        return TestPki.builder(issuer).subject(dn).ca(true).issue();
    }

    /** Let's Encrypt's long chain in miniature: leaf, R3, ISRG Root X1 cross-signed by DST Root CA X3. */
    static final class LongChain {
        final TestPki.Issued dst = root("O=Digital Signature Trust Co.,CN=DST Root CA X3");
        final TestPki.Issued isrg = root("C=US,O=Internet Security Research Group,CN=ISRG Root X1");
        final TestPki.Issued cross;
        final TestPki.Issued r3 = intermediate(isrg, "C=US,O=Let's Encrypt,CN=R3");
        final TestPki.Issued leaf = TestPki.leaf(r3).dns(DOMAIN).issue();

        LongChain(boolean crossSignatureExpired) {
            cross = TestPki.crossSign(isrg, dst).validity(NOW.minus(Duration.ofDays(1200)), crossSignatureExpired
                    ? NOW.minus(Duration.ofDays(60)) : NOW.plus(Duration.ofDays(300))).issue();
        }

        List<X509Certificate> bundle() {
            return List.of(leaf.certificate(), r3.certificate(), cross.certificate());
        }
    }

    /** Our verdict and the oracles' on the same files. */
    private record Judged(CheckReport report, PathOracles.Verdicts oracles, Material material, Path files) {
    }

    private Judged judge(String name, TestPki.Issued leaf, List<X509Certificate> bundle,
                         List<X509Certificate> trusted) throws Exception {
        List<X509Certificate> trust = new ArrayList<>(trusted);
        trust.add(UNRELATED.certificate());
        Path files = dir.resolve(name);
        PathOracles.Verdicts v = PathOracles.judge(files, leaf.certificate(), bundle, trust);
        TestPki.writePem(files.resolve("key.pem"), leaf.privateKey());
        Material material = service.read(List.of(Source.file(files.resolve("chain.pem"))),
                Source.file(files.resolve("key.pem")), null);
        CheckReport r = service.check(DOMAIN, material, service.anchorsOnly(List.of(
                Source.file(files.resolve("trusted.pem")))));
        Judged j = new Judged(r, v, material, files);
        agreesWithTheOracles(j);
        return j;
    }

    /**
     * Accepted exactly when the JDK and openssl with -partial_chain accept; where plain openssl
     * refuses what they accept, the report says so (ANCHOR_NOT_SELF_SIGNED).
     */
    private static void agreesWithTheOracles(Judged j) {
        PathOracles.Verdicts v = j.oracles();
        String why = v.detail() + " / ours: " + j.report().findings();
        assertEquals(v.jdk(), j.report().ok(), why);
        assertEquals(v.opensslPartialChain(), j.report().ok(), why);
        assertEquals(v.jdk() && !v.openssl(), j.report().has(FindingCode.ANCHOR_NOT_SELF_SIGNED), why);
    }

    private static Finding only(CheckReport r, FindingCode code) {
        List<Finding> found = r.findings().stream().filter(f -> f.code() == code).toList();
        assertEquals(1, found.size(), () -> "expected one " + code + " in " + r.findings());
        return found.get(0);
    }

    private static String bytes(X509Certificate c) throws Exception {
        return String.format(Locale.ENGLISH, "%,d bytes", c.getEncoded().length);
    }

    @Test
    void longChainWithTheModernRootTrustedPassesAndNamesTheCrossSignatureAsExtra() throws Exception {
        LongChain le = new LongChain(false);
        Judged j = judge("le-modern", le.leaf, le.bundle(), List.of(le.isrg.certificate()));
        assertTrue(j.oracles().jdk() && j.oracles().unanimous(), j.oracles().detail());
        CheckReport r = j.report();
        assertEquals(List.of(le.leaf.certificate(), le.r3.certificate()), r.path(), "clients stop at ISRG Root X1");
        assertEquals(List.of(le.cross.certificate()), r.pastAnchor());
        assertFalse(r.has(FindingCode.CHAIN_INCOMPLETE));
        assertFalse(r.has(FindingCode.CHAIN_EXTRA_CERT));
        Finding past = only(r, FindingCode.CHAIN_PAST_ANCHOR);
        assertEquals(Severity.WARNING, past.severity());
        for (String part : List.of("\"ISRG Root X1\"", "cross-signed by \"DST Root CA X3\"", "sent but not needed",
                "Android before 7.1.1", bytes(le.cross.certificate()) + " to every TLS handshake")) {
            assertTrue(past.message().contains(part), part + " in: " + past.message());
        }
        assertTrue(past.fix().startsWith("Drop it"), past.fix());
        assertTrue(r.alternatives().isEmpty(), "DST Root CA X3 is not trusted: no second path");
    }

    @Test
    void droppingWhatIsPastTheAnchorRemovesExactlyTheCrossSignatureAndLeavesACleanChain() throws Exception {
        LongChain le = new LongChain(false);
        Judged j = judge("le-repair", le.leaf, le.bundle(), List.of(le.isrg.certificate()));
        Material fixed = repairs.dropPastAnchor(j.material(), j.report());
        assertEquals(List.of(le.leaf.certificate(), le.r3.certificate()), fixed.certificates());
        CheckReport again = service.check(DOMAIN, fixed, service.anchorsOnly(List.of(
                Source.file(j.files().resolve("trusted.pem")))));
        assertTrue(again.findings().isEmpty(), again.findings().toString());
    }

    @Test
    void fullchainWrittenForALongChainStopsAtTheAnchorAndOpensslAndTheJdkAcceptIt() throws Exception {
        LongChain le = new LongChain(false);
        Judged j = judge("le-export", le.leaf, le.bundle(), List.of(le.isrg.certificate()));
        Path out = j.files().resolve("export");
        new CertificateExporter().export(j.report(), out, new CertificateExporter.Options(null, null, false));
        List<X509Certificate> written = new MaterialReader().read(Source.file(out.resolve("fullchain.pem")), null)
                .certificates();
        assertEquals(List.of(le.leaf.certificate(), le.r3.certificate()), written);
        PathOracles.Verdicts v = PathOracles.judge(j.files().resolve("export-judged"), le.leaf.certificate(), written,
                List.of(le.isrg.certificate()));
        assertTrue(v.jdk() && v.unanimous(), v.detail());

        Path kept = j.files().resolve("export-kept");
        new CertificateExporter().export(j.report(), kept, new CertificateExporter.Options(null, null, false, true));
        assertEquals(le.bundle(), new MaterialReader().read(Source.file(kept.resolve("fullchain.pem")), null)
                .certificates(), "asked to, it keeps the cross-signature after the intermediates");
    }

    @Test
    void expiredCrossSignaturePastTheAnchorIsNotAnExpiredChainCertificate() throws Exception {
        LongChain le = new LongChain(true);
        Judged j = judge("le-expired-cross", le.leaf, le.bundle(), List.of(le.isrg.certificate()));
        assertTrue(j.oracles().jdk() && j.oracles().unanimous(), j.oracles().detail());
        CheckReport r = j.report();
        assertFalse(r.has(FindingCode.CHAIN_CERT_EXPIRED), r.findings().toString());
        Finding past = only(r, FindingCode.CHAIN_PAST_ANCHOR);
        assertTrue(past.message().contains("expired on") && past.message().contains("no client can use it"),
                past.message());
        assertFalse(past.fix().contains("unless"), "an expired cross-signature helps no one: " + past.fix());
    }

    @Test
    void sectigoBundleWithTheOldRootPassesAndBothCertificatesPastTheAnchorAreNamedAndDropped() throws Exception {
        TestPki.Issued aaa = root("C=GB,ST=Greater Manchester,L=Salford,O=Comodo CA Limited,"
                + "CN=AAA Certificate Services");
        TestPki.Issued userTrust = root("C=US,ST=New Jersey,L=Jersey City,O=The USERTRUST Network,"
                + "CN=USERTrust RSA Certification Authority");
        TestPki.Issued cross = TestPki.crossSign(userTrust, aaa).issue();
        TestPki.Issued dv = intermediate(userTrust, "C=GB,ST=Greater Manchester,L=Salford,O=Sectigo Limited,"
                + "CN=Sectigo RSA Domain Validation Secure Server CA");
        TestPki.Issued leaf = TestPki.leaf(dv).dns(DOMAIN).key(TestPki.rsaKey(2048)).issue();
        List<X509Certificate> bundle = List.of(leaf.certificate(), dv.certificate(), cross.certificate(),
                aaa.certificate());
        Judged j = judge("sectigo", leaf, bundle, List.of(userTrust.certificate()));
        assertTrue(j.oracles().jdk() && j.oracles().unanimous(), j.oracles().detail());
        CheckReport r = j.report();
        assertEquals(List.of(leaf.certificate(), dv.certificate()), r.path());
        assertEquals(List.of(cross.certificate(), aaa.certificate()), r.pastAnchor());
        List<Finding> past = r.findings().stream().filter(f -> f.code() == FindingCode.CHAIN_PAST_ANCHOR).toList();
        assertEquals(2, past.size(), r.findings().toString());
        assertTrue(past.stream().anyMatch(f -> f.message().contains("\"USERTrust RSA Certification Authority\"")
                && f.message().contains("cross-signed by \"AAA Certificate Services\"")
                && f.message().contains("Sectigo's bundle")), past.toString());
        assertTrue(past.stream().anyMatch(f -> f.message().startsWith("The certificate \"AAA Certificate Services\"")),
                past.toString());
        assertFalse(r.has(FindingCode.ROOT_INCLUDED), "AAA Certificate Services is not on the path");
        Material fixed = repairs.dropPastAnchor(j.material(), r);
        assertEquals(List.of(leaf.certificate(), dv.certificate()), fixed.certificates());
    }

    @Test
    void withOnlyTheOldRootTrustedTheLongChainIsThePathAndPasses() throws Exception {
        LongChain le = new LongChain(false);
        Judged j = judge("le-old-only", le.leaf, le.bundle(), List.of(le.dst.certificate()));
        assertTrue(j.oracles().jdk() && j.oracles().unanimous(), j.oracles().detail());
        CheckReport r = j.report();
        assertEquals(le.bundle(), r.path());
        assertEquals(le.bundle(), r.serverChain(), "the cross-signature is needed here and stays");
        assertFalse(r.has(FindingCode.CHAIN_PAST_ANCHOR));
        assertTrue(r.pastAnchor().isEmpty() && r.alternatives().isEmpty());
    }

    @Test
    void withOnlyTheOldRootTrustedAnExpiredCrossSignatureBreaksTheChain() throws Exception {
        LongChain le = new LongChain(true);
        Judged j = judge("le-old-only-expired", le.leaf, le.bundle(), List.of(le.dst.certificate()));
        assertTrue(!j.oracles().jdk() && j.oracles().unanimous(), j.oracles().detail());
        assertTrue(only(j.report(), FindingCode.CHAIN_CERT_EXPIRED).message().contains("\"ISRG Root X1\""));
    }

    @Test
    void withNeitherRootTrustedTheRealErrorNamesTheMissingIssuer() throws Exception {
        LongChain le = new LongChain(false);
        Judged j = judge("le-neither", le.leaf, le.bundle(), List.of());
        assertTrue(!j.oracles().jdk() && j.oracles().unanimous(), j.oracles().detail());
        assertTrue(only(j.report(), FindingCode.CHAIN_INCOMPLETE).message().contains("\"DST Root CA X3\""));
    }

    @Test
    void withBothRootsTrustedClientsTakeTheShortPathAndTheLongOneIsReportedAsTheAlternative() throws Exception {
        LongChain le = new LongChain(false);
        Judged j = judge("le-both", le.leaf, le.bundle(), List.of(le.isrg.certificate(), le.dst.certificate()));
        assertTrue(j.oracles().jdk() && j.oracles().unanimous(), j.oracles().detail());
        CheckReport r = j.report();
        assertEquals(List.of(le.leaf.certificate(), le.r3.certificate()), r.path());
        assertEquals(le.isrg.certificate(), r.anchor());
        assertEquals(1, r.alternatives().size(), r.alternatives().toString());
        TrustPath other = r.alternatives().get(0);
        assertEquals(le.bundle(), other.certificates());
        assertEquals(le.dst.certificate(), other.anchor());
        assertTrue(other.usable());
        only(r, FindingCode.CHAIN_PAST_ANCHOR);

        LongChain expired = new LongChain(true);
        CheckReport r2 = judge("le-both-expired", expired.leaf, expired.bundle(), List.of(expired.isrg.certificate(),
                expired.dst.certificate())).report();
        assertEquals(List.of(expired.cross.certificate()), r2.alternatives().get(0).expired(),
                "the long path is reported, and why it cannot be used");
    }

    @Test
    void privateIntermediateTrustedAsTheAnchorIsAcceptedWithTheWordsOfTheClientsThatDiffer() throws Exception {
        TestPki.Issued privateRoot = TestPki.rootCa("Contoso Private Root");
        TestPki.Issued issuing = TestPki.intermediate(privateRoot, "Contoso Private Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(issuing).dns(DOMAIN).issue();
        Judged j = judge("partial", leaf, List.of(leaf.certificate(), issuing.certificate()),
                List.of(issuing.certificate()));
        assertTrue(j.oracles().jdk() && !j.oracles().openssl() && j.oracles().opensslPartialChain(),
                j.oracles().detail());
        Finding f = only(j.report(), FindingCode.ANCHOR_NOT_SELF_SIGNED);
        assertEquals(ClientSupport.partialChainAnchor("Contoso Private Issuing CA", "Contoso Private Root"),
                f.message());
        assertTrue(f.message().contains("Java, Go and gRPC's C core accept") && f.message().contains("-partial_chain"), f.message());
        assertEquals(List.of(leaf.certificate(), issuing.certificate()), j.report().serverChain());

        Judged leafOnly = judge("partial-leaf-only", leaf, List.of(leaf.certificate()),
                List.of(issuing.certificate()));
        assertTrue(leafOnly.oracles().jdk() && !leafOnly.oracles().openssl(), leafOnly.oracles().detail());
        assertEquals(issuing.certificate(), leafOnly.report().anchor());
    }

    @Test
    void untrustedRootSentAboveATrustedIntermediateIsPastTheAnchorNotAnUntrustedRoot() throws Exception {
        TestPki.Issued privateRoot = TestPki.rootCa("Contoso Private Root");
        TestPki.Issued issuing = TestPki.intermediate(privateRoot, "Contoso Private Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(issuing).dns(DOMAIN).issue();
        Judged j = judge("root-above-trusted-intermediate", leaf, List.of(leaf.certificate(),
                issuing.certificate(), privateRoot.certificate()), List.of(issuing.certificate()));
        assertTrue(j.oracles().jdk() && !j.oracles().openssl() && j.oracles().opensslPartialChain(),
                j.oracles().detail());
        assertFalse(j.report().has(FindingCode.UNTRUSTED_ROOT));
        assertEquals(List.of(privateRoot.certificate()), j.report().pastAnchor());
        assertTrue(only(j.report(), FindingCode.CHAIN_PAST_ANCHOR).message().contains("it issued \"Contoso Private "
                + "Issuing CA\" and lies beyond the trusted certificate"), j.report().findings().toString());
    }

    @Test
    void privateIntermediateTrustedTogetherWithItsRootNeedsNoPartialChain() throws Exception {
        TestPki.Issued privateRoot = TestPki.rootCa("Contoso Private Root");
        TestPki.Issued issuing = TestPki.intermediate(privateRoot, "Contoso Private Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(issuing).dns(DOMAIN).issue();
        Judged j = judge("intermediate-and-root", leaf, List.of(leaf.certificate(), issuing.certificate()),
                List.of(issuing.certificate(), privateRoot.certificate()));
        assertTrue(j.oracles().jdk() && j.oracles().unanimous(), j.oracles().detail());
        assertTrue(j.report().findings().isEmpty(), j.report().findings().toString());
    }

    /** One of the shapes the checker judged before path building changed, with what a person sees. */
    record Shape(String name, TestPki.Issued leaf, List<X509Certificate> bundle, List<X509Certificate> trusted,
                 FindingCode shown) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shape> existingShapes() {
        TestPki.Issued root = TestPki.rootCa("Contoso Test Root");
        TestPki.Issued inter = TestPki.intermediate(root, "Contoso Issuing CA");
        TestPki.Issued leaf = TestPki.leaf(inter).dns(DOMAIN).issue();
        TestPki.Issued second = TestPki.intermediate(inter, "Contoso Second CA");
        TestPki.Issued deep = TestPki.leaf(second).dns(DOMAIN).issue();
        TestPki.Issued oldCa = TestPki.builder(root).subject("CN=Old CA").ca(true)
                .validity(NOW.minus(Duration.ofDays(900)), NOW.minus(Duration.ofDays(1))).issue();
        TestPki.Issued underOld = TestPki.leaf(oldCa).dns(DOMAIN).issue();
        TestPki.Issued stranger = TestPki.leaf(TestPki.rootCa("Other Root")).dns("other.test").issue();
        X509Certificate r = root.certificate();
        X509Certificate i = inter.certificate();
        X509Certificate l = leaf.certificate();
        return Stream.of(
                new Shape("complete chain, root trusted", leaf, List.of(l, i), List.of(r), null),
                new Shape("intermediate missing", leaf, List.of(l), List.of(r), FindingCode.CHAIN_INCOMPLETE),
                new Shape("private root included, not trusted", leaf, List.of(l, i, r), List.of(),
                        FindingCode.UNTRUSTED_ROOT),
                new Shape("root included and trusted", leaf, List.of(l, i, r), List.of(r), FindingCode.ROOT_INCLUDED),
                new Shape("another site's certificate in the bundle", leaf, List.of(l, i, stranger.certificate()),
                        List.of(r), FindingCode.CHAIN_EXTRA_CERT),
                new Shape("expired intermediate", underOld, List.of(underOld.certificate(), oldCa.certificate()),
                        List.of(r), FindingCode.CHAIN_CERT_EXPIRED),
                new Shape("four levels out of order", deep, List.of(i, deep.certificate(), second.certificate()),
                        List.of(r), FindingCode.CHAIN_ORDER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("existingShapes")
    void existingShapesStillAgreeWithTheOracles(Shape shape) throws Exception {
        Judged j = judge(shape.name().replaceAll("[^a-z]+", "-"), shape.leaf(), shape.bundle(), shape.trusted());
        assertTrue(j.oracles().unanimous(), j.oracles().detail());
        if (shape.shown() == null) {
            assertTrue(j.report().findings().isEmpty(), j.report().findings().toString());
        } else {
            only(j.report(), shape.shown());
        }
        assertFalse(j.report().has(FindingCode.CHAIN_PAST_ANCHOR));
        assertTrue(Files.exists(j.files().resolve("chain.pem")));
    }
}

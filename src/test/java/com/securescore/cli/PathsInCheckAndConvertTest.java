package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.securescore.testsupport.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Let's-Encrypt-style long chain through check and convert, as a support engineer runs them. */
class PathsInCheckAndConvertTest extends CliRunner {
    private static final String DOMAIN = "scoring.contoso.test";

    @TempDir
    Path dir;

    private TestPki.Issued r3;
    private TestPki.Issued leaf;
    private Path chain;
    private Path key;
    private Path modernRoot;
    private Path bothRoots;

    @BeforeEach
    void files() {
        Instant now = Instant.now();
        TestPki.Issued dst = TestPki.builder(null).subject("O=Digital Signature Trust Co.,CN=DST Root CA X3").ca(true)
                .validity(now.minus(Duration.ofDays(3000)), now.plus(Duration.ofDays(3000))).issue();
        TestPki.Issued isrg = TestPki.builder(null).subject("C=US,O=Internet Security Research Group,CN=ISRG Root X1")
                .ca(true).issue();
        TestPki.Issued cross = TestPki.crossSign(isrg, dst).issue();
        r3 = TestPki.builder(isrg).subject("C=US,O=Let's Encrypt,CN=R3").ca(true).issue();
        leaf = TestPki.leaf(r3).dns(DOMAIN).issue();
        chain = TestPki.writePem(dir.resolve("fullchain-long.pem"), leaf.certificate(), r3.certificate(),
                cross.certificate());
        key = TestPki.writePem(dir.resolve("key.pem"), leaf.privateKey());
        modernRoot = TestPki.writePem(dir.resolve("isrg.pem"), isrg.certificate());
        bothRoots = TestPki.writePem(dir.resolve("both.pem"), isrg.certificate(), dst.certificate());
    }

    @Test
    void checkPassesTheLongChainWithAWarningThatNamesTheCrossSignature() {
        assertEquals(0, run("check", "--domain", DOMAIN, "--cert", chain.toString(), "--key", key.toString(),
                "--trust", modernRoot.toString()), out + err.toString());
        String text = out.toString();
        assertTrue(text.startsWith("OK:"), text);
        assertTrue(text.contains("WARNING CHAIN_PAST_ANCHOR: The certificate \"ISRG Root X1\""), text);
        assertTrue(text.contains("sent but not needed: CN=ISRG Root X1,O=Internet Security Research Group,C=US"), text);
        assertFalse(text.contains("CHAIN_INCOMPLETE"), text);
    }

    @Test
    void checkListsTheAlternativePathInTextAndJson() throws Exception {
        assertEquals(0, run("check", "--domain", DOMAIN, "--cert", chain.toString(), "--key", key.toString(),
                "--trust", bothRoots.toString()));
        assertTrue(out.toString().contains("other paths to a trusted certificate:\n  scoring.contoso.test → R3 → "
                + "ISRG Root X1 → trusted \"DST Root CA X3\""), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("check", "--domain", DOMAIN, "--cert", chain.toString(), "--key", key.toString(),
                "--trust", bothRoots.toString(), "--json"));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        JsonNode alternative = doc.get("alternativePaths").get(0);
        assertEquals("CN=DST Root CA X3,O=Digital Signature Trust Co.", alternative.get("anchor").asText());
        assertEquals(3, alternative.get("path").size());
        assertTrue(alternative.get("usable").asBoolean());
        assertTrue(StreamSupport.stream(doc.get("chain").spliterator(), false)
                .anyMatch(c -> c.get("role").asText().equals("sent but not needed")), doc.toString());
    }

    @Test
    void convertWritesTheChainUpToTheTrustedRootAndKeepsTheCrossSignatureOnlyWhenAsked() throws Exception {
        Path target = dir.resolve("out");
        assertEquals(0, run("convert", "--cert", chain.toString(), "--key", key.toString(), "--trust",
                modernRoot.toString(), "--out", target.toString()), out + err.toString());
        assertEquals(TestPki.pem(leaf.certificate(), r3.certificate()),
                Files.readString(target.resolve("fullchain.pem")));
        Path kept = dir.resolve("kept");
        assertEquals(0, run("convert", "--cert", chain.toString(), "--key", key.toString(), "--trust",
                modernRoot.toString(), "--keep-cross-signed", "--out", kept.toString()));
        assertEquals(Files.readString(chain), Files.readString(kept.resolve("fullchain.pem")));
    }
}

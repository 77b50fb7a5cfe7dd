package com.securescore;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path dir;

    @Test
    void aSingleExistingCertificateFileOpensTheWizardAndEverythingElseIsTheCli() throws Exception {
        Path pem = Files.writeString(dir.resolve("chain.PEM"), "x");
        Path pfx = Files.writeString(dir.resolve("bundle.pfx"), "x");
        assertTrue(Main.opensCertificateFile(new String[] {pem.toString()}));
        assertTrue(Main.opensCertificateFile(new String[] {pfx.toString()}));
        assertFalse(Main.opensCertificateFile(new String[] {dir.resolve("missing.pem").toString()}));
        assertFalse(Main.opensCertificateFile(new String[] {"check"}));
        assertFalse(Main.opensCertificateFile(new String[] {"--help"}));
        assertFalse(Main.opensCertificateFile(new String[] {"check", pem.toString()}));
        assertFalse(Main.opensCertificateFile(new String[] {Files.writeString(dir.resolve("notes.txt"), "x")
                .toString()}));
    }
}

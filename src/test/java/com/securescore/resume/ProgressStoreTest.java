package com.securescore.resume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressStoreTest {
    @TempDir
    Path dir;

    @Test
    void savedProgressComesBackAfterARestart() throws Exception {
        SavedProgress p = new SavedProgress("scoring.contoso.com", "/home/u/chain.pem", "/home/u/key.pem", null, "LOCAL",
                "scoring.contoso.com", 50051, "CERTIFICATE", "2026-11-28T12:00:00Z");
        new ProgressStore(dir).save(p);
        assertEquals(p, new ProgressStore(dir).load().orElseThrow());
    }

    @Test
    void damagedFileMeansNothingToResumeRatherThanAFailedStart() throws Exception {
        Files.writeString(dir.resolve("progress.json"), "{ not json");
        assertTrue(new ProgressStore(dir).load().isEmpty());
    }

    @Test
    void fileHoldsNoSecretFieldsAndUnknownFieldsAreIgnored() throws Exception {
        ProgressStore store = new ProgressStore(dir);
        store.save(new SavedProgress("a.contoso.com", null, null, null, "LOCAL", null, null, "DOMAIN", "t"));
        String json = Files.readString(store.file());
        assertFalse(json.toLowerCase(Locale.ROOT).contains("password"));
        assertFalse(json.contains("PRIVATE KEY"));
        Files.writeString(store.file(), json.replace("{", "{\"futureField\": 1,"));
        assertEquals("a.contoso.com", store.load().orElseThrow().domain());
    }

    @Test
    void everyFileOfTheCertificateStepComesBackWithItsRoleAndLooks() throws Exception {
        Path chain = Files.writeString(dir.resolve("chain.crt"), "chain");
        Path key = Files.writeString(dir.resolve("leaf.key"), "key");
        SavedProgress p = new SavedProgress("a.contoso.com", chain.toString(), null, null, "LOCAL", null, null,
                "TARGET", "t", "TARGET", List.of("PUT_IN_ORDER"), null, null,
                List.of(SavedFile.of(chain, SavedFile.Role.GIVEN), SavedFile.of(key, SavedFile.Role.KEY)));
        ProgressStore store = new ProgressStore(dir.resolve("config"));
        store.save(p);
        SavedProgress back = store.load().orElseThrow();
        assertEquals(p, back);
        assertEquals(SavedFile.Now.SAME, back.certificateFiles().get(0).now());
        Files.writeString(chain, "another chain");
        assertEquals(SavedFile.Now.CHANGED, back.certificateFiles().get(0).now());
        Files.delete(key);
        assertEquals(SavedFile.Now.GONE, back.certificateFiles().get(1).now());
    }

    @Test
    void aFileWrittenBeforeTheFilesWereKeptLoadsWithNone() throws Exception {
        Files.writeString(dir.resolve("progress.json"), """
                { "domain" : "a.contoso.com", "certificatePath" : "/u/chain.pem", "keyPath" : "/u/key.pem",
                  "step" : "DEPLOY", "repairs" : [ "PUT_IN_ORDER" ], "empty" : false }
                """);
        SavedProgress p = new ProgressStore(dir).load().orElseThrow();
        assertEquals("/u/chain.pem", p.certificatePath());
        assertEquals(List.of("PUT_IN_ORDER"), p.repairs());
        assertEquals(List.of(), p.certificateFiles());
    }

    @Test
    void clearForgetsTheRun() throws Exception {
        ProgressStore store = new ProgressStore(dir);
        store.save(new SavedProgress("a.contoso.com", null, null, null, null, null, null, null, null));
        store.clear();
        assertTrue(store.load().isEmpty());
    }
}

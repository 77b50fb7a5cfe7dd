package com.securescore.ui.wizard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.resume.ProgressStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files a run uses survive a restart: the saved run names them as text, as every version wrote them. */
class WizardStateTest {
    @TempDir
    Path dir;

    @Test
    void theSavedRunNamesItsFilesAsTheirPathsText() throws Exception {
        WizardState state = new WizardState();
        state.domainProperty().set("scoring.contoso.test");
        state.certificatePathProperty().set(dir.resolve("my files").resolve("chain.pem"));
        state.keyPathProperty().set(dir.resolve("key.pem"));
        state.trustPathProperty().set(dir.resolve("root.pem"));
        ProgressStore store = new ProgressStore(dir.resolve("config"));
        store.save(state.toProgress(StepId.CERTIFICATE));

        String json = Files.readString(store.file());
        assertTrue(json.contains(quoted(dir.resolve("my files").resolve("chain.pem"))), json);
        assertTrue(json.contains(quoted(dir.resolve("key.pem"))), json);
        assertTrue(json.contains(quoted(dir.resolve("root.pem"))), json);
    }

    @Test
    void aRunSavedByAnEarlierVersionComesBackWithTheSameFiles() throws Exception {
        Path config = Files.createDirectories(dir.resolve("config"));
        ProgressStore store = new ProgressStore(config);
        // As an earlier version wrote it: paths as text, no key file, a step name.
        Files.writeString(store.file(), "{\"domain\":\"scoring.contoso.test\","
                + "\"certificatePath\":\"/home/u/chain.pem\",\"keyPath\":null,\"trustPath\":\"/home/u/ca.pem\","
                + "\"target\":\"LOCAL\",\"step\":\"CERTIFICATE\",\"savedAt\":\"2026-11-28T12:00:00Z\"}");

        WizardState state = new WizardState();
        state.restore(store.load().orElseThrow());

        assertEquals(Path.of("/home/u/chain.pem"), state.certificatePathProperty().get());
        assertNull(state.keyPathProperty().get());
        assertEquals(Path.of("/home/u/ca.pem"), state.trustPathProperty().get());
        assertEquals("/home/u/chain.pem", state.toProgress(StepId.CERTIFICATE).certificatePath(),
                "saved again, the file is named as before");
    }

    private static String quoted(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\") + "\"";
    }
}

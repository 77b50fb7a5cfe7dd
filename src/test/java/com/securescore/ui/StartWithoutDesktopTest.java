package com.securescore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting the wizard where it cannot open: one line naming what is missing and the commands, no trace. */
class StartWithoutDesktopTest {
    @TempDir
    Path dir;

    /** The real program, in its own JVM, with no DISPLAY: what a user on a server sees. */
    @Test
    void noDisplayGivesOneLineAndExitOne() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "com.securescore.Main").redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertEquals(1, out.strip().lines().count(), out);
        assertTrue(out.contains("no display here") && out.contains("securescore --help"), out);
        assertFalse(out.contains("Exception"), out);
    }

    @Test
    void missingGtkIsNamedWithThePackage() throws IOException {
        var env = Map.of("DISPLAY", ":0");
        assertTrue(DesktopCheck.missing("Linux", env, List.of(dir)).orElseThrow().contains("sudo apt install libgtk-3-0"));
        Files.createFile(dir.resolve("libgtk-3.so.0"));
        assertTrue(DesktopCheck.missing("Linux", env, List.of(dir)).isEmpty());
        assertTrue(DesktopCheck.missing("Mac OS X", Map.of(), List.of()).isEmpty());
    }

    @Test
    void aToolkitThatFailsAnywayIsOneSentenceFromItsRootCause() {
        String line = DesktopCheck.failed(new RuntimeException("Application launch failed",
                new UnsupportedOperationException("Unable to open DISPLAY")));
        assertEquals("The wizard could not open a window: Unable to open DISPLAY.", line);
    }
}

package com.securescore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The first window's classes, loaded and linked by name (the warm-up thread, the installed archive). */
class StartupClassesTest {
    /** Set by its static initialiser, which the warm-up must never run (the warm-up runs off the JavaFX thread; the archive is made without a display). */
    static boolean initialised;

    static final class WithInitialiser {
        static {
            initialised = true;
        }
    }

    @Test
    void linksAClassWithoutRunningItsStaticInitialiser() {
        assertTrue(StartupClasses.link(WithInitialiser.class.getName(), getClass().getClassLoader()));
        assertFalse(initialised);
    }

    @Test
    void aNameThatNoLongerExistsIsSkipped() {
        assertFalse(StartupClasses.link("com.securescore.ui.RenamedLongAgo", getClass().getClassLoader()));
        assertFalse(StartupClasses.link("# a comment", getClass().getClassLoader()));
    }

    /**
     * The list still names the window's classes: a class renamed or moved since tools/startup-classes.sh
     * last ran would silently lose its head start (run that script again).
     */
    @Test
    void everyListedClassStillExists() throws IOException {
        List<String> names;
        try (InputStream in = StartupClasses.class.getResourceAsStream(StartupClasses.LIST)) {
            names = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertTrue(names.contains("com.securescore.ui.WizardWindow"), "the list starts with the window");
        List<String> gone = names.stream().filter(n -> {
            try {
                Class.forName(n, false, getClass().getClassLoader());
                return false;
            } catch (ClassNotFoundException e) {
                return true;
            }
        }).toList();
        assertEquals(List.of(), gone, "run tools/startup-classes.sh again");
        // And each links (verifies) by name alone, as the installer's archive run does without a display.
        assertEquals(names.size(), StartupClasses.link());
    }
}

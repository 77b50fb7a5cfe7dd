package com.securescore.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warm-up that loads the first window's classes on a second core while JavaFX starts. */
class StartupWarmUpTest {
    /** Set by its static initialiser, which the warm-up must never run (it runs off the JavaFX thread). */
    static boolean initialised;

    static final class WithInitialiser {
        static {
            initialised = true;
        }
    }

    @Test
    void linksAClassWithoutRunningItsStaticInitialiser() {
        assertTrue(StartupWarmUp.link(WithInitialiser.class.getName(), getClass().getClassLoader()));
        assertFalse(initialised);
    }

    @Test
    void aNameThatNoLongerExistsIsSkipped() {
        assertFalse(StartupWarmUp.link("com.securescore.ui.RenamedLongAgo", getClass().getClassLoader()));
        assertFalse(StartupWarmUp.link("# a comment", getClass().getClassLoader()));
    }

    /**
     * The list still names the window's classes: a class renamed or moved since tools/startup-classes.sh
     * last ran would silently lose its head start (run that script again).
     */
    @Test
    void everyListedClassStillExists() throws IOException {
        List<String> names;
        try (InputStream in = StartupWarmUp.class.getResourceAsStream(StartupWarmUp.CLASS_LIST)) {
            names = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
        assertTrue(names.contains(WizardWindow.class.getName()), "the list starts with the window");
        List<String> gone = names.stream().filter(n -> {
            try {
                Class.forName(n, false, getClass().getClassLoader());
                return false;
            } catch (ClassNotFoundException e) {
                return true;
            }
        }).toList();
        assertEquals(List.of(), gone, "run tools/startup-classes.sh again");
    }
}

package com.securescore.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.securescore.service.AuthKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The keys file as `serve` writes it, read without Jackson; anything else still read (or refused) by Jackson. */
class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void readsBothKeysOfAKeysFileTheServiceWrote() throws Exception {
        Path file = dir.resolve("keys.json");
        AuthKeys keys = AuthKeys.open(file).keys();
        assertEquals(keys.primary(), KeyFiles.read(file, false));
        assertEquals(keys.secondary(), KeyFiles.read(file, true));
    }

    @Test
    void undoesEscapesAndAgreesWithJacksonOnOtherShapes() throws Exception {
        assertEquals(Map.of("primary", "a\"b\\c/é", "x", ""), KeyFiles.flatStrings(
                "{\"primary\":\"a\\\"b\\\\c\\/\\u00e9\", \"x\" : \"\"}"));
        assertNull(KeyFiles.flatStrings("{\"primary\": 5}"), "not only strings: left to Jackson");
        assertNull(KeyFiles.flatStrings("{\"primary\": \"k\"} trailing"));
        Path nested = Files.writeString(dir.resolve("n.json"), "{\"other\": {\"a\": 1}, \"primary\": \"k1\"}");
        assertEquals("k1", KeyFiles.read(nested, false));
        Path noKey = Files.writeString(dir.resolve("e.json"), "{ }");
        assertEquals("", KeyFiles.read(noKey, false));
        Path plain = Files.writeString(dir.resolve("plain.txt"), "  just-the-key\n");
        assertEquals("just-the-key", KeyFiles.read(plain, false));
        Path broken = Files.writeString(dir.resolve("b.json"), "{\"primary\": ");
        assertThrows(IOException.class, () -> KeyFiles.read(broken, false), "Jackson says what is wrong");
    }

    @Test
    void aKeyFileWithoutTheKeyNeededIsRefusedNamingTheFileAndTheKey() throws Exception {
        Path onlyPrimary = Files.writeString(dir.resolve("primary.json"), "{\"primary\": \"k1-secret\"}");
        assertEquals("k1-secret", KeyFiles.require(onlyPrimary, false));
        KeyFiles.NoKeyException e = assertThrows(KeyFiles.NoKeyException.class,
                () -> KeyFiles.require(onlyPrimary, true));
        assertEquals(onlyPrimary + " holds no key (a keys file needs a \"secondary\" key).", e.getMessage());
        Path blank = Files.writeString(dir.resolve("blank.txt"), "\n");
        assertEquals(blank + " holds no key (a keys file needs a \"primary\" key).",
                assertThrows(KeyFiles.NoKeyException.class, () -> KeyFiles.require(blank, false)).getMessage());
    }
}

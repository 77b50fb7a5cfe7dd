package com.securescore.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one way durations are read, by the CLI's options and the wizard alike. */
class DurationTextTest {
    @Test
    void readsWhatEitherOldParserTook() {
        assertEquals(Duration.ofMillis(500), DurationText.parse("500ms"));
        assertEquals(Duration.ofSeconds(30), DurationText.parse("30s"));
        assertEquals(Duration.ofMinutes(5), DurationText.parse("5m"));
        assertEquals(Duration.ofHours(1), DurationText.parse("1h"));
        assertEquals(Duration.ofDays(1), DurationText.parse("1d"));
        assertEquals(Duration.ofSeconds(45), DurationText.parse("45"), "a plain number is seconds");
        assertEquals(Duration.ofSeconds(10), DurationText.parse(" 10S "), "any case, spaces around");
    }

    @Test
    void takesFractionsAndNoTimeAtAll() {
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1.5s"));
        assertEquals(Duration.ofMillis(500), DurationText.parse(".5s"));
        assertEquals(Duration.ofSeconds(90), DurationText.parse("1.5m"));
        assertEquals(Duration.ofNanos(2_500_000), DurationText.parse("2.5ms"));
        assertEquals(Duration.ZERO, DurationText.parse("0ms"));
        assertEquals(Duration.ZERO, DurationText.parse("0"));
    }

    @Test
    void refusesWhatIsNotADurationSayingHowToWriteOne() {
        for (String bad : new String[] {"soon", "-1s", "1.5.2s", "10 s", "", "1w"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse(bad),
                    bad);
            assertEquals("\"" + bad + "\" is not a duration: write it like 30s, 5m or 1h.", e.getMessage());
        }
    }

    @Test
    void positiveRefusesNoTimeAtAllButTakesTheRest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DurationText.parsePositive("0ms"));
        assertTrue(e.getMessage().contains("no time at all"), e.getMessage());
        assertEquals(Duration.ofMillis(1500), DurationText.parsePositive("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parsePositive("soon"));
    }
}

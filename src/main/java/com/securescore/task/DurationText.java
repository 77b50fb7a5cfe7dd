package com.securescore.task;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write and read them: {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms}. */
public final class DurationText {
    private DurationText() {
    }

    /**
     * Reads {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d} or a plain number of seconds.
     *
     * @throws IllegalArgumentException when it is none of these, or not above zero
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        var m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?").matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration: write it like 30s, 5m or 1h.");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.isZero()) {
            throw new IllegalArgumentException("\"" + text + "\" is no time at all: give a duration above zero.");
        }
        return d;
    }

    /** A number of seconds for reading: {@code 45 s}, {@code 5 min}, {@code 1 h 30 min}, {@code 2 days}. */
    public static String human(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            long s = seconds % 60;
            return seconds / 60 + " min" + (s == 0 ? "" : " " + s + " s");
        }
        if (seconds < 86400) {
            long m = seconds % 3600 / 60;
            return seconds / 3600 + " h" + (m == 0 ? "" : " " + m + " min");
        }
        long h = seconds % 86400 / 3600;
        long days = seconds / 86400;
        return days + (days == 1 ? " day" : " days") + (h == 0 ? "" : " " + h + " h");
    }

    public static String human(Duration d) {
        if (d.toMillis() < 1000 && !d.isZero()) {
            return d.toMillis() + " ms";
        }
        return human((d.toMillis() + 500) / 1000);
    }
}

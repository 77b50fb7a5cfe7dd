package com.securescore.task;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write and read them: {@code 30s}, {@code 1.5s}, {@code 5m}, {@code 1h}, {@code 500ms}. */
public final class DurationText {
    private DurationText() {
    }

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9}(?:\\.\\d{0,9})?|\\.\\d{1,9})(ms|s|m|h|d)?");

    /**
     * Reads {@code 500ms}, {@code 30s}, {@code 1.5s}, {@code 5m}, {@code 1h}, {@code 1d} or a plain
     * number of seconds, in any case; {@code 0ms} (no time at all) too, for the settings where it
     * means "do not wait". Fractions are kept to the nanosecond.
     *
     * @throws IllegalArgumentException when it is none of these
     */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration: write it like 30s, 5m or 1h.");
        }
        BigDecimal n = new BigDecimal(m.group(1).endsWith(".") ? m.group(1) + "0" : m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        BigDecimal seconds = switch (unit) {
            case "ms" -> n.movePointLeft(3);
            case "m" -> n.multiply(BigDecimal.valueOf(60));
            case "h" -> n.multiply(BigDecimal.valueOf(3600));
            case "d" -> n.multiply(BigDecimal.valueOf(86400));
            default -> n;
        };
        BigDecimal whole = seconds.setScale(0, RoundingMode.DOWN);
        long nanos = seconds.subtract(whole).movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return Duration.ofSeconds(whole.longValueExact(), nanos);
    }

    /**
     * As {@link #parse}, for settings where no time at all makes no sense (a time-out, an interval).
     *
     * @throws IllegalArgumentException when it is not a duration, or not above zero
     */
    public static Duration parsePositive(String text) {
        Duration d = parse(text);
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

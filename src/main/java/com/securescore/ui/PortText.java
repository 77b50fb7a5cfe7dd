package com.securescore.ui;

import java.util.OptionalInt;

/** A TCP port as typed into a field: 1 to 65535, spaces around it ignored. */
public final class PortText {
    /** What a step says when the typed port is not one. */
    public static final String PROBLEM = "The port must be a number from 1 to 65535, e.g. 50051.";

    private PortText() {
    }

    public static OptionalInt parse(String text) {
        try {
            int p = Integer.parseInt(text == null ? "" : text.strip());
            return p >= 1 && p <= 65535 ? OptionalInt.of(p) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }
}

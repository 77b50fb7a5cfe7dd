package com.securescore.revocation;

/** RFC 5280's names for CRL reason codes, as CAs and {@code openssl} write them. */
final class Reasons {
    private static final String[] NAMES = {"unspecified", "keyCompromise", "cACompromise", "affiliationChanged",
        "superseded", "cessationOfOperation", "certificateHold", "", "removeFromCRL", "privilegeWithdrawn",
        "aACompromise"};

    private Reasons() {
    }

    static String name(int code) {
        return code >= 0 && code < NAMES.length && !NAMES[code].isEmpty() ? NAMES[code] : "reason " + code;
    }
}

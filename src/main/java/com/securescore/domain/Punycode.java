package com.securescore.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 3492 Punycode encoding of one label. {@link java.net.IDN} is not used for encoding because it
 * applies IDNA2003 nameprep (which, for example, rewrites "ß" to "ss"); registries and browsers
 * today follow IDNA2008, which keeps such characters and encodes them.
 */
final class Punycode {
    private static final int BASE = 36;
    private static final int TMIN = 1;
    private static final int TMAX = 26;
    private static final int SKEW = 38;
    private static final int DAMP = 700;
    private static final int INITIAL_BIAS = 72;
    private static final int INITIAL_N = 128;

    private Punycode() {
    }

    /** Encodes a label's code points; returns the part after "xn--". */
    static String encode(String label) {
        int[] cps = label.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        for (int cp : cps) {
            if (cp < 0x80) {
                out.append((char) cp);
            }
        }
        int basic = out.length();
        int handled = basic;
        if (basic > 0) {
            out.append('-');
        }
        int n = INITIAL_N;
        int delta = 0;
        int bias = INITIAL_BIAS;
        while (handled < cps.length) {
            int m = Integer.MAX_VALUE;
            for (int cp : cps) {
                if (cp >= n && cp < m) {
                    m = cp;
                }
            }
            delta = Math.addExact(delta, Math.multiplyExact(m - n, handled + 1));
            n = m;
            for (int cp : cps) {
                if (cp < n) {
                    delta = Math.addExact(delta, 1);
                }
                if (cp == n) {
                    int q = delta;
                    for (int k = BASE; ; k += BASE) {
                        int t = k <= bias ? TMIN : Math.min(k - bias, TMAX);
                        if (q < t) {
                            break;
                        }
                        out.append(digit(t + (q - t) % (BASE - t)));
                        q = (q - t) / (BASE - t);
                    }
                    out.append(digit(q));
                    bias = adapt(delta, handled + 1, handled == basic);
                    delta = 0;
                    handled++;
                }
            }
            delta++;
            n++;
        }
        return out.toString();
    }

    private static int adapt(int delta, int numPoints, boolean first) {
        delta = first ? delta / DAMP : delta / 2;
        delta += delta / numPoints;
        int k = 0;
        while (delta > ((BASE - TMIN) * TMAX) / 2) {
            delta /= BASE - TMIN;
            k += BASE;
        }
        return k + (BASE - TMIN + 1) * delta / (delta + SKEW);
    }

    private static char digit(int d) {
        return (char) (d < 26 ? 'a' + d : '0' + d - 26);
    }

    /**
     * Decodes the part after "xn--" back to Unicode.
     *
     * @throws IllegalArgumentException when the text is not valid Punycode
     */
    static String decode(String encoded) {
        int basicEnd = encoded.lastIndexOf('-');
        StringBuilder out = new StringBuilder();
        if (basicEnd > 0) {
            out.append(encoded, 0, basicEnd);
        }
        int[] cps = out.codePoints().toArray();
        List<Integer> output = new ArrayList<>();
        for (int cp : cps) {
            output.add(cp);
        }
        int n = INITIAL_N;
        int i = 0;
        int bias = INITIAL_BIAS;
        int pos = basicEnd > 0 ? basicEnd + 1 : 0;
        while (pos < encoded.length()) {
            int oldi = i;
            int w = 1;
            for (int k = BASE; ; k += BASE) {
                if (pos >= encoded.length()) {
                    throw new IllegalArgumentException("truncated");
                }
                int d = digitValue(encoded.charAt(pos++));
                i = Math.addExact(i, Math.multiplyExact(d, w));
                int t = k <= bias ? TMIN : Math.min(k - bias, TMAX);
                if (d < t) {
                    break;
                }
                w = Math.multiplyExact(w, BASE - t);
            }
            bias = adapt(i - oldi, output.size() + 1, oldi == 0);
            n = Math.addExact(n, i / (output.size() + 1));
            i %= output.size() + 1;
            if (n > Character.MAX_CODE_POINT || (n >= 0xD800 && n <= 0xDFFF)) {
                throw new IllegalArgumentException("bad code point");
            }
            output.add(i, n);
            i++;
        }
        StringBuilder result = new StringBuilder();
        output.forEach(result::appendCodePoint);
        return result.toString();
    }

    private static int digitValue(char c) {
        if (c >= 'a' && c <= 'z') {
            return c - 'a';
        }
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 26;
        }
        throw new IllegalArgumentException("bad digit");
    }
}

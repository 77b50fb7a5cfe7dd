package com.securescore.domain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks the fully qualified name a scoring service will answer to.
 *
 * <p>The rules are those that matter for TLS: the certificate must name the host by DNS name and
 * gRPC clients check exactly that name, so IP addresses, single labels and wildcards cannot be a
 * service's name even where DNS itself would allow them. Used by the Domain step as the user types
 * and by {@code securescore domain}.
 */
public final class DomainNames {
    /** Longest name in its ASCII form, without the trailing dot (RFC 1035: 255 octets on the wire). */
    public static final int MAX_NAME_LENGTH = 253;
    /** Longest label in its ASCII form (RFC 1035). */
    public static final int MAX_LABEL_LENGTH = 63;

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern LDH = Pattern.compile("[a-z0-9-]+");
    private static final Pattern ALL_DIGITS = Pattern.compile("[0-9]+");
    private static final List<String> DEVELOPMENT_SUFFIXES = List.of("test", "example", "invalid", "localhost",
            "local", "internal", "lan", "home.arpa");

    private DomainNames() {
    }

    public static DomainCheck check(String input) {
        String raw = input == null ? "" : input;
        String text = raw.strip();
        Optional<DomainCheck> notAName = notAHostName(raw, text);
        if (notAName.isPresent()) {
            return notAName.get();
        }
        List<String> notes = new ArrayList<>();
        if (!text.equals(raw)) {
            notes.add("Spaces around the name were removed.");
        }
        text = withoutTrailingDot(text, notes);
        if (text.isEmpty() || text.startsWith(".") || text.contains("..")) {
            return invalid(raw, "The name has an empty label (two dots in a row, or a leading dot).",
                    "Remove the extra dot.");
        }
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        String[] labels = normalised.split("\\.", -1);
        Optional<DomainCheck> notConcrete = notOneConcreteName(raw, text, normalised, labels);
        if (notConcrete.isPresent()) {
            return notConcrete.get();
        }
        AsciiName ascii = toAscii(labels, text);
        if (ascii.failure() != null) {
            return invalid(raw, ascii.failure().error(), ascii.failure().fix());
        }
        return checkWhole(raw, ascii, notes);
    }

    /** Input that is empty, or an address, an IP address or a name with a port rather than a host name. */
    private static Optional<DomainCheck> notAHostName(String raw, String text) {
        if (text.isEmpty()) {
            return Optional.of(invalid(raw, "Enter the fully qualified name the service will answer to.",
                    "Type a name such as scoring.contoso.com."));
        }
        if (text.contains("://") || text.contains("/")) {
            return Optional.of(invalid(raw, "This looks like an address, not a name: enter only the host name.",
                    "Remove the scheme and path, e.g. scoring.contoso.com instead of https://scoring.contoso.com/."));
        }
        if (isIpAddress(text)) {
            return Optional.of(invalid(raw, "An IP address cannot be the service's name: certificates and gRPC "
                            + "clients check a DNS name, so connecting by IP fails the name check.",
                    "Choose a DNS name (e.g. scoring.contoso.com) and point it at this address in the DNS step."));
        }
        if (text.matches(".*:\\d+")) {
            return Optional.of(invalid(raw, "Enter the name without a port.",
                    "Remove \":" + text.substring(text.lastIndexOf(':') + 1) + "\"; the port is chosen later."));
        }
        return Optional.empty();
    }

    /** The name with IDNA's full stops as dots and without a trailing dot (noted, as it is not needed). */
    private static String withoutTrailingDot(String name, List<String> notes) {
        // Full stops that IDNA treats as dots (ideographic and fullwidth forms).
        String text = name.replace('\u3002', '.').replace('\uFF0E', '.').replace('\uFF61', '.');
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
            notes.add("The trailing dot is not needed: \"" + text + ".\" and \"" + text + "\" are the same name, "
                    + "and the certificate and deployment use \"" + text + "\".");
        }
        return text;
    }

    /** A wildcard, a "*" elsewhere, or a single label: names a client cannot connect to as the service's. */
    private static Optional<DomainCheck> notOneConcreteName(String raw, String text, String normalised,
                                                            String[] labels) {
        if (labels[0].equals("*")) {
            if (labels.length < 2) {
                return Optional.of(invalid(raw, "\"*\" alone is not a name.",
                        "Enter the concrete name, e.g. scoring.contoso.com."));
            }
            String rest = normalised.substring(2);
            return Optional.of(invalid(raw, "A wildcard cannot be a service's name: clients connect to one concrete "
                            + "name. A wildcard certificate for " + normalised + " does cover one name directly under "
                            + rest + ".",
                    "Enter the concrete name, e.g. scoring." + rest + "; a *." + rest + " certificate will match it."));
        }
        if (normalised.contains("*")) {
            return Optional.of(invalid(raw, "\"*\" is not allowed in a name (a wildcard is only valid as the whole "
                    + "first label of a certificate name).", "Enter the concrete name the service answers to."));
        }
        if (labels.length < 2) {
            return Optional.of(invalid(raw, "\"" + text + "\" is a single label, not a fully qualified name: public "
                            + "CAs do not issue certificates for it and clients elsewhere cannot resolve it.",
                    "Add the domain, e.g. " + text + ".contoso.com."));
        }
        return Optional.empty();
    }

    /**
     * The labels in their ASCII form, and whether any was international; or the first label's problem.
     */
    private record AsciiName(List<String> labels, boolean international, LabelResult failure) {
    }

    private static AsciiName toAscii(String[] labels, String text) {
        List<String> ascii = new ArrayList<>();
        boolean international = false;
        for (String label : labels) {
            LabelResult r = toAscii(label, text);
            if (r.error != null) {
                return new AsciiName(List.of(), false, r);
            }
            international |= !r.ascii.equals(label) || r.ascii.startsWith("xn--");
            ascii.add(r.ascii);
        }
        return new AsciiName(ascii, international, null);
    }

    /** The whole name's length and top-level label checked; a valid name with its notes. */
    private static DomainCheck checkWhole(String raw, AsciiName asciiName, List<String> notes) {
        List<String> ascii = asciiName.labels();
        boolean international = asciiName.international();
        String name = String.join(".", ascii);
        if (name.length() > MAX_NAME_LENGTH) {
            return invalid(raw, "The name is " + name.length() + " characters long" + (international
                            ? " in its punycode form" : "") + "; the limit is " + MAX_NAME_LENGTH + ".",
                    "Use a shorter name.");
        }
        String tld = ascii.get(ascii.size() - 1);
        if (ALL_DIGITS.matcher(tld).matches()) {
            return invalid(raw, "The last label \"" + tld + "\" is all digits, which no top-level domain is "
                    + "(it looks like part of an IP address).", "End the name with a real domain, e.g. .com.");
        }
        String unicode = international ? toUnicode(ascii) : name;
        developmentSuffix(name).ifPresent(suffix -> notes.add("." + suffix + " names do not resolve on the public "
                + "internet: fine for development and local tests, but public CAs will not issue a certificate for "
                + "them."));
        return new DomainCheck(raw, true, name, unicode, "", "", notes);
    }

    /**
     * The reserved or private-use suffix (test, example, local, home.arpa, …) {@code name} ends with: no
     * public DNS provider hosts such names.
     */
    public static Optional<String> developmentSuffix(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        for (String suffix : DEVELOPMENT_SUFFIXES) {
            if (n.equals(suffix) || n.endsWith("." + suffix)) {
                return Optional.of(suffix);
            }
        }
        return Optional.empty();
    }

    private record LabelResult(String ascii, String error, String fix) {
    }

    private static LabelResult toAscii(String label, String whole) {
        String ascii;
        if (label.chars().allMatch(c -> c < 0x80)) {
            ascii = label;
            if (ascii.startsWith("xn--")) {
                String decoded = decodeOrNull(ascii);
                if (decoded == null || decoded.isEmpty() || decoded.chars().allMatch(c -> c < 0x80)
                        || !("xn--" + Punycode.encode(decoded)).equals(ascii)) {
                    return new LabelResult(null, "\"" + label + "\" starts with xn-- but is not valid punycode.",
                            "Check the name was copied completely, or type it in its readable form.");
                }
            }
        } else {
            for (int i = 0; i < label.length(); ) {
                int cp = label.codePointAt(i);
                if (!Character.isLetterOrDigit(cp) && Character.getType(cp) != Character.NON_SPACING_MARK
                        && Character.getType(cp) != Character.COMBINING_SPACING_MARK && cp != '-') {
                    return new LabelResult(null, "\"" + new String(Character.toChars(cp)) + "\" (U+"
                            + String.format("%04X", cp) + ") is not allowed in a name.",
                            "Use letters, digits and hyphens only.");
                }
                i += Character.charCount(cp);
            }
            ascii = "xn--" + Punycode.encode(label);
        }
        if (!LDH.matcher(ascii).matches()) {
            char bad = ascii.chars().filter(c -> !(Character.isLetterOrDigit(c) || c == '-')).mapToObj(c -> (char) c)
                    .findFirst().orElse('?');
            String shown = bad == ' ' ? "a space" : bad == '_' ? "\"_\" (underscore)" : "\"" + bad + "\"";
            return new LabelResult(null, shown + " is not allowed in a host name: only letters, digits and "
                    + "hyphens are.", bad == '_' ? "Use a hyphen instead of the underscore." : "Remove " + shown + ".");
        }
        if (ascii.length() > MAX_LABEL_LENGTH) {
            return new LabelResult(null, "The label \"" + shorten(label) + "\" is " + ascii.length()
                    + " characters long" + (ascii.equals(label) ? "" : " in punycode") + "; each label (the part "
                    + "between dots) may have at most " + MAX_LABEL_LENGTH + ".", "Shorten that label.");
        }
        if (ascii.startsWith("-") || ascii.endsWith("-")) {
            return new LabelResult(null, "The label \"" + label + "\" starts or ends with a hyphen, which is not "
                    + "allowed.", "Move or remove the hyphen.");
        }
        if (ascii.length() >= 4 && ascii.charAt(2) == '-' && ascii.charAt(3) == '-' && !ascii.startsWith("xn--")) {
            return new LabelResult(null, "The label \"" + label + "\" has \"--\" in the third and fourth "
                    + "positions, which is reserved for encoded names (xn--).", "Change the label.");
        }
        return new LabelResult(ascii, null, null);
    }

    private static String toUnicode(List<String> ascii) {
        List<String> out = new ArrayList<>();
        for (String l : ascii) {
            out.add(l.startsWith("xn--") ? decodeOrNull(l) : l);
        }
        return String.join(".", out);
    }

    private static String decodeOrNull(String acePrefixed) {
        try {
            return Punycode.decode(acePrefixed.substring(4));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }

    private static boolean isIpAddress(String text) {
        String t = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (IPV4.matcher(t).matches()) {
            return true;
        }
        String v6 = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
        return v6.contains(":") && v6.matches("[0-9A-Fa-f:.%a-zA-Z0-9]+") && v6.indexOf(':') != v6.lastIndexOf(':');
    }

    private static String shorten(String label) {
        return label.length() <= 20 ? label : label.substring(0, 17) + "...";
    }

    private static DomainCheck invalid(String input, String reason, String fix) {
        return new DomainCheck(input, false, "", "", reason, fix, List.of());
    }
}

package com.securescore.cert;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds PEM blocks in text the way people actually have it: with a byte-order mark, Windows line
 * ends, indentation, text around the blocks, or a missing final newline. Records what it had to
 * clean so the user can be told.
 */
final class PemText {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 #]+)-----(.*?)-----END ([A-Z0-9 #]+)-----", Pattern.DOTALL);
    private static final Pattern HEADER = Pattern.compile("^[A-Za-z-]+:.*$");

    /** One PEM block: its label, its headers (legacy encryption) and its decoded body, or why it is broken. */
    record Block(String label, List<String> headers, byte[] der, String damage, String text) {
        boolean damaged() {
            return damage != null;
        }
    }

    record Parsed(List<Block> blocks, List<String> cleaned) {
    }

    private PemText() {
    }

    /** Decodes bytes as UTF-8 text, or empty when they are not text. */
    static Optional<String> asText(byte[] bytes) {
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            long control = s.chars().filter(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t').count();
            return control > 0 ? Optional.empty() : Optional.of(s);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    static Parsed parse(String raw) {
        List<String> cleaned = new ArrayList<>();
        String text = raw;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
            cleaned.add("a byte-order mark (BOM) at the start");
        }
        if (text.contains("\r")) {
            text = text.replace("\r\n", "\n").replace('\r', '\n');
            cleaned.add("Windows line endings (CRLF)");
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        int last = 0;
        boolean stray = false;
        boolean indented = false;
        while (m.find()) {
            stray |= !text.substring(last, m.start()).isBlank();
            last = m.end();
            String label = m.group(1).trim();
            String body = m.group(2);
            indented |= body.lines().anyMatch(l -> !l.isEmpty() && Character.isWhitespace(l.charAt(0)));
            if (!label.equals(m.group(3).trim())) {
                blocks.add(new Block(label, List.of(), null, "its BEGIN line says " + label + " but its END line says "
                        + m.group(3).trim(), m.group()));
                continue;
            }
            blocks.add(decode(label, body, m.group()));
        }
        String rest = text.substring(last);
        int cut = rest.indexOf("-----BEGIN ");
        if (cut >= 0) {
            String label = rest.substring(cut + 11).split("-----", 2)[0].trim();
            blocks.add(new Block(label.isEmpty() ? "PEM" : label, List.of(), null, "it starts with -----BEGIN but "
                    + "has no matching -----END line (the text was cut short)", rest.substring(cut)));
            rest = rest.substring(0, cut);
        }
        stray |= !rest.isBlank();
        if (stray && !blocks.isEmpty()) {
            cleaned.add("text outside the -----BEGIN/END----- blocks");
        }
        if (indented) {
            cleaned.add("indentation inside a block");
        }
        return new Parsed(blocks, cleaned);
    }

    private static Block decode(String label, String body, String whole) {
        List<String> headers = new ArrayList<>();
        StringBuilder b64 = new StringBuilder();
        int lineNo = 0;
        for (String line : body.split("\n")) {
            String l = line.strip();
            if (l.isEmpty()) {
                continue;
            }
            lineNo++;
            if (HEADER.matcher(l).matches()) {
                headers.add(l);
                continue;
            }
            for (int i = 0; i < l.length(); i++) {
                char c = l.charAt(i);
                boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                        || c == '+' || c == '/' || c == '=';
                if (!ok && !Character.isWhitespace(c)) {
                    return new Block(label, headers, null, "its base64 text is damaged on line " + lineNo
                            + " of the block (unexpected character '" + c + "')", whole);
                }
                if (ok) {
                    b64.append(c);
                }
            }
        }
        try {
            byte[] der = Base64.getDecoder().decode(b64.toString());
            if (der.length == 0) {
                return new Block(label, headers, null, "the block is empty", whole);
            }
            return new Block(label, headers, der, null, whole);
        } catch (IllegalArgumentException e) {
            return new Block(label, headers, null, "its base64 text is damaged or cut short (" + b64.length()
                    + " characters, which is not a whole number of base64 groups)", whole);
        }
    }
}

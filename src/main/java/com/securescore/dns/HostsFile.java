package com.securescore.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * This machine's hosts file, read the way resolvers read it: {@code ADDRESS NAME [ALIAS...]} per line,
 * {@code #} to the end of a line is a comment, IPv4 and IPv6 addresses. Read by SecureScore itself so a
 * local check can say where an answer came from, and see a line the moment it is saved (the JVM's own
 * lookups may keep an earlier answer for up to 30 seconds).
 *
 * @param path where the file is; it need not exist (then it names nothing)
 */
public record HostsFile(Path path) {
    /** This machine's hosts file: under %SystemRoot% on Windows, else /etc/hosts. */
    public static HostsFile forThisMachine() {
        return new HostsFile(Path.of(location(System.getProperty("os.name", ""), System.getenv("SystemRoot"))));
    }

    /** Where the hosts file is on an OS, by its {@code os.name} and (Windows) its SystemRoot folder. */
    public static String location(String osName, String systemRoot) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            String root = systemRoot == null || systemRoot.isBlank() ? "C:\\Windows" : systemRoot;
            return root + "\\System32\\drivers\\etc\\hosts";
        }
        return "/etc/hosts";
    }

    /**
     * The addresses the file gives {@code name} (case-insensitive, a final dot ignored), in the file's
     * order, canonical text; empty when the file does not name it or does not exist.
     *
     * @throws IOException when the file exists but cannot be read
     */
    public List<String> addressesOf(String name) throws IOException {
        if (!Files.isRegularFile(path)) {
            return List.of();
        }
        String wanted = normal(name);
        List<String> found = new ArrayList<>();
        for (String line : Files.readAllLines(path, StandardCharsets.ISO_8859_1)) {
            int hash = line.indexOf('#');
            String[] fields = (hash < 0 ? line : line.substring(0, hash)).trim().split("\\s+");
            if (fields.length < 2) {
                continue;
            }
            String address = DnsExpectation.literalAddress(fields[0]);
            if (address == null) {
                continue;
            }
            for (int i = 1; i < fields.length; i++) {
                if (normal(fields[i]).equals(wanted) && !found.contains(address)) {
                    found.add(address);
                }
            }
        }
        return List.copyOf(found);
    }

    private static String normal(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    @Override
    public String toString() {
        return path.toString();
    }
}

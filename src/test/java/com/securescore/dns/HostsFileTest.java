package com.securescore.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hosts file read as resolvers read it, from a real file written here. */
class HostsFileTest {
    @TempDir
    Path dir;

    private HostsFile hosts(String... lines) throws Exception {
        Path file = dir.resolve("hosts");
        Files.write(file, List.of(lines));
        return new HostsFile(file);
    }

    @Test
    void findsANameAmongSeveralOnALineAndSkipsComments() throws Exception {
        HostsFile h = hosts(
                "# 10.9.9.9 scoring.contoso.test   (a commented-out line)",
                "127.0.0.1\tlocalhost",
                "127.0.0.1   api.contoso.test  Scoring.Contoso.Test. www.contoso.test   # added for SecureScore",
                "   ",
                "192.0.2.7 other.contoso.test#no space before the comment");

        assertEquals(List.of("127.0.0.1"), h.addressesOf("scoring.contoso.test"));
        assertEquals(List.of("127.0.0.1"), h.addressesOf("WWW.contoso.test."));
        assertEquals(List.of("192.0.2.7"), h.addressesOf("other.contoso.test"));
        assertEquals(List.of(), h.addressesOf("contoso.test"), "no partial matches");
        assertEquals(List.of(), h.addressesOf("no"), "a word inside a comment is not a name");
    }

    @Test
    void givesIpv4AndIpv6AddressesInTheFilesOrderCanonical() throws Exception {
        HostsFile h = hosts(
                "::1 scoring.contoso.test ip6-localhost",
                "127.0.0.1 scoring.contoso.test",
                "2001:0db8:0000:0000:0000:0000:0000:0010 scoring.contoso.test",
                "not-an-address scoring.contoso.test",
                "127.0.0.1 scoring.contoso.test");

        assertEquals(List.of("::1", "127.0.0.1", "2001:db8::10"), h.addressesOf("scoring.contoso.test"));
    }

    @Test
    void aMissingFileNamesNothing() throws Exception {
        assertEquals(List.of(), new HostsFile(dir.resolve("absent")).addressesOf("localhost"));
    }

    @Test
    void theFileIsWhereEachOsKeepsIt() {
        assertEquals("/etc/hosts", HostsFile.location("Linux", null));
        assertEquals("/etc/hosts", HostsFile.location("Mac OS X", null));
        assertEquals("D:\\WINDOWS\\System32\\drivers\\etc\\hosts", HostsFile.location("Windows 11", "D:\\WINDOWS"));
        assertEquals("C:\\Windows\\System32\\drivers\\etc\\hosts", HostsFile.location("Windows Server 2022", null));
    }
}

package com.securescore.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.findings.FindingCode;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DomainNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"scoring.contoso.com", "a.b", "x1-y2.eastus.cloudapp.azure.com", "SCORING.Contoso.COM"})
    void acceptsOrdinaryNamesInLowerCase(String name) {
        DomainCheck c = DomainNames.check(name);
        assertTrue(c.valid(), c.reason());
        assertEquals(name.toLowerCase(Locale.ROOT), c.name());
        assertTrue(c.findings().isEmpty());
    }

    @Test
    void acceptsTrailingDotAndNormalisesItAway() {
        DomainCheck c = DomainNames.check("scoring.contoso.com.");
        assertTrue(c.valid());
        assertEquals("scoring.contoso.com", c.name());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("trailing dot")));
    }

    @ParameterizedTest
    @CsvSource({
        "bücher.example.com, xn--bcher-kva.example.com",
        "münchen.de, xn--mnchen-3ya.de",
        "straße.de, xn--strae-oqa.de",
        "例え.テスト.jp, xn--r8jz45g.xn--zckzah.jp",
        "xn--bcher-kva.example.com, xn--bcher-kva.example.com"})
    void showsInternationalNamesWithTheirPunycodeForm(String input, String punycode) {
        DomainCheck c = DomainNames.check(input);
        assertTrue(c.valid(), c.reason());
        assertEquals(punycode, c.name());
        assertTrue(c.isInternationalised());
        assertTrue(c.summary().contains(punycode));
    }

    @Test
    void refusesIpAddressesWithTheReason() {
        for (String ip : new String[] {"10.0.0.1", "2001:db8::1", "[::1]"}) {
            DomainCheck c = DomainNames.check(ip);
            assertFalse(c.valid(), ip);
            assertTrue(c.reason().contains("IP address"), c.reason());
            assertTrue(c.reason().contains("name check"), c.reason());
        }
    }

    @Test
    void refusesSingleLabelAndSuggestsAFullName() {
        DomainCheck c = DomainNames.check("scoring");
        assertFalse(c.valid());
        assertTrue(c.reason().contains("single label"));
        assertTrue(c.fix().contains("scoring.contoso.com"));
    }

    @Test
    void refusesWildcardButExplainsWhatItCovers() {
        DomainCheck c = DomainNames.check("*.contoso.com");
        assertFalse(c.valid());
        assertTrue(c.reason().contains("wildcard"));
        assertTrue(c.fix().contains("scoring.contoso.com"), c.fix());
    }

    @Test
    void enforcesLabelAndTotalLengthLimits() {
        String label63 = "a".repeat(63);
        assertTrue(DomainNames.check(label63 + ".com").valid());
        DomainCheck tooLongLabel = DomainNames.check("a".repeat(64) + ".com");
        assertFalse(tooLongLabel.valid());
        assertTrue(tooLongLabel.reason().contains("64 characters"), tooLongLabel.reason());

        String name253 = String.join(".", label63, label63, label63, "a".repeat(59) + ".com").substring(0, 253);
        String fits = name253.endsWith(".") ? name253.substring(0, 252) + "a" : name253;
        assertEquals(253, fits.length());
        assertTrue(DomainNames.check(fits).valid(), DomainNames.check(fits).reason());
        DomainCheck tooLong = DomainNames.check(fits + "a");
        assertFalse(tooLong.valid());
        assertTrue(tooLong.reason().contains("254 characters"), tooLong.reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "scoring_api.contoso.com | underscore",
        "scoring api.contoso.com | space",
        "-scoring.contoso.com | hyphen",
        "scoring-.contoso.com | hyphen",
        "ab--cd.contoso.com | reserved",
        "scoring..contoso.com | empty label",
        "https://scoring.contoso.com/ | address",
        "scoring.contoso.com:443 | port",
        "scoring.contoso.123 | digits",
        "xn--zz.contoso.com | punycode",
        "scor!ng.contoso.com | \"!\""})
    void refusesBadCharactersAndShapesWithTheirReason(String input, String reasonPart) {
        DomainCheck c = DomainNames.check(input);
        assertFalse(c.valid(), input);
        assertTrue(c.reason().contains(reasonPart), c.reason());
        assertFalse(c.fix().isBlank());
        assertEquals(FindingCode.DOMAIN_INVALID, c.findings().get(0).code());
    }

    @Test
    void emptyInputAsksForAName() {
        DomainCheck c = DomainNames.check("   ");
        assertFalse(c.valid());
        assertTrue(c.reason().startsWith("Enter"));
    }

    @Test
    void notesDevelopmentOnlySuffixesWithoutRefusingThem() {
        DomainCheck c = DomainNames.check("scoring.contoso.test");
        assertTrue(c.valid());
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("public CAs")));
    }

    /** The Domain step checks on every keystroke, so every prefix of what people type must be judged. */
    @ParameterizedTest
    @ValueSource(strings = {"*.contoso.com", "xn--bcher-kva.example.com.", "[2001:db8::1]", "https://a.b:443/x",
        "例え.テスト.", "a..b", "-.-", "*.", ".", "..", "ab--cd.x", "scoring.contoso.com:"})
    void everyPrefixOfTypingGetsAVerdictNotAnException(String typed) {
        for (int i = 0; i <= typed.length(); i++) {
            DomainCheck c = DomainNames.check(typed.substring(0, i));
            assertTrue(c.valid() || !c.reason().isBlank(), "no reason for " + typed.substring(0, i));
        }
    }

    @Test
    void randomInputFromTrickyCharactersNeverThrows() {
        String alphabet = "ab9-._*:/[]ü例ß xn\u3002\uFF0E\u0301";
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder b = new StringBuilder();
            int len = random.nextInt(20);
            for (int i = 0; i < len; i++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            DomainCheck c = DomainNames.check(b.toString());
            assertTrue(c.valid() == c.reason().isEmpty(), "inconsistent verdict for " + b);
        }
    }
}

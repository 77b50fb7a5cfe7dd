package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class DomainCommandTest extends CliRunner {
    @Test
    void validNameExitsZeroAndPrintsTheNormalisedName() {
        assertEquals(0, run("domain", "Scoring.Contoso.com."));
        assertTrue(out.toString().contains("valid: scoring.contoso.com"));
    }

    @Test
    void invalidNameExitsOneWithReasonFixAndCode() {
        assertEquals(1, run("domain", "*.contoso.com"));
        String text = out.toString();
        assertTrue(text.contains("wildcard"));
        assertTrue(text.contains("fix:"));
        assertTrue(text.contains("DOMAIN_INVALID"));
    }

    @Test
    void jsonOutputIsOneDocumentWithTheFindings() throws Exception {
        assertEquals(1, run("domain", "--json", "10.1.2.3"));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertFalse(doc.get("valid").asBoolean());
        assertEquals("DOMAIN_INVALID", doc.get("findings").get(0).get("code").asText());
        assertEquals("error", doc.get("findings").get(0).get("severity").asText());
    }

    @Test
    void jsonForInternationalNameGivesBothForms() throws Exception {
        assertEquals(0, run("domain", "--json", "bücher.example.com"));
        JsonNode doc = Json.MAPPER.readTree(out.toString());
        assertEquals("xn--bcher-kva.example.com", doc.get("name").asText());
        assertEquals("bücher.example.com", doc.get("unicode").asText());
    }

    @Test
    void missingArgumentIsAUsageErrorWithExitTwo() {
        assertEquals(2, run("domain"));
        assertTrue(err.toString().contains("NAME"));
    }

    @Test
    void unknownCommandSuggestsHelpAndExitsTwo() {
        assertEquals(2, run("domian", "x"));
        assertTrue(err.toString().contains("--help"));
    }

    @Test
    void versionNamesTheProduct() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("SecureScore "));
    }
}

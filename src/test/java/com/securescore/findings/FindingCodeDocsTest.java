package com.securescore.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/findings.md is the public list of codes: every code in the enum must be explained there. */
class FindingCodeDocsTest {
    @Test
    void everyFindingCodeIsDocumented() throws Exception {
        String doc = Files.readString(Path.of("docs", "findings.md"));
        List<String> missing = Arrays.stream(FindingCode.values()).map(Enum::name)
                .filter(code -> !doc.contains("`" + code + "`")).toList();
        assertEquals(List.of(), missing, "codes without a row in docs/findings.md");
    }
}

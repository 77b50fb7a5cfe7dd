package com.securescore.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sizes and the imports the conventions ask for (docs/conventions.md), so they stay so: no file
 * over 500 lines and no method over 60 in the main sources, except the few below with their reason;
 * types imported rather than named inline, except where two share a simple name.
 */
class SourceShapeTest {
    private static final int MAX_FILE_LINES = 500;
    private static final int MAX_METHOD_LINES = 60;

    /** Methods allowed past the limit ({@code Class.method}), each with why it stays whole. */
    private static final Map<String, String> LONG_METHODS = Map.of();

    /** Files allowed past the limit (the file name), each with why it stays whole. */
    private static final Map<String, String> LONG_FILES = Map.of();

    private static SourceShape main;
    private static SourceShape test;

    @BeforeAll
    static void read() {
        main = SourceShape.of(Path.of("src/main/java"));
        test = SourceShape.of(Path.of("src/test/java"));
    }

    @Test
    void noMethodInMainIsOverSixtyLines() {
        List<String> tooLong = main.methods().stream()
                .filter(m -> m.lines() > MAX_METHOD_LINES && !LONG_METHODS.containsKey(m.method()))
                .map(m -> m.method() + " (" + m.file().getFileName() + ":" + m.line() + "): " + m.lines() + " lines")
                .toList();
        assertEquals(List.of(), tooLong, "split these into named steps, or give a reason in LONG_METHODS");
    }

    @Test
    void noFileInMainIsOverFiveHundredLines() {
        List<String> tooLong = main.files().stream()
                .filter(f -> f.lines() > MAX_FILE_LINES && !LONG_FILES.containsKey(f.file().getFileName().toString()))
                .map(f -> f.file().getFileName() + ": " + f.lines() + " lines")
                .toList();
        assertEquals(List.of(), tooLong, "split these by what they do, or give a reason in LONG_FILES");
    }

    @Test
    void theExceptionsStillNeedToBeExceptions() {
        List<String> stale = LONG_METHODS.keySet().stream()
                .filter(name -> main.methods().stream().noneMatch(m -> m.method().equals(name) && m.lines() > MAX_METHOD_LINES))
                .toList();
        assertEquals(List.of(), stale, "these are short now (or gone): take them out of LONG_METHODS");
        List<String> staleFiles = LONG_FILES.keySet().stream()
                .filter(name -> main.files().stream().noneMatch(
                        f -> f.file().getFileName().toString().equals(name) && f.lines() > MAX_FILE_LINES))
                .toList();
        assertEquals(List.of(), staleFiles, "these are short now (or gone): take them out of LONG_FILES");
    }

    @Test
    void typesAreImportedNotNamedInlineExceptForAClash() {
        for (SourceShape sources : List.of(main, test)) {
            List<String> inline = sources.inlineNames().stream().filter(n -> !n.clash())
                    .map(n -> n.file().getFileName() + ":" + n.line() + " " + n.name())
                    .toList();
            assertEquals(List.of(), inline, "import these (tools/source-shape.sh --import src/main/java src/test/java)");
        }
    }

    @Test
    void theGuardSeesInlineNamesClashesAndLongMethods(@TempDir Path root) throws IOException {
        Path pkg = Files.createDirectories(root.resolve("p"));
        Files.writeString(pkg.resolve("Status.java"), "package p;\nclass Status {}\n");
        Files.writeString(pkg.resolve("Uses.java"), """
                package p;

                import java.util.List;

                class Uses {
                    java.util.List<String> names = java.util.List.of();
                    io.grpc.Status status;
                    java.util.Map.Entry<String, String> entry;

                    void counting() {
                """ + "        int x = 0;\n".repeat(70) + """
                    }
                }
                """);
        SourceShape shape = SourceShape.of(root);
        assertEquals(List.of("java.util.List:false", "java.util.List:false", "io.grpc.Status:true", "java.util.Map:false"),
                shape.inlineNames().stream().map(n -> n.name() + ":" + n.clash()).toList());
        assertEquals(List.of("Uses.counting:72"), shape.methods().stream().map(m -> m.method() + ":" + m.lines()).toList());
        assertEquals(true, main.files().size() > 200, "SourceShape read " + main.files().size() + " main files");
    }
}

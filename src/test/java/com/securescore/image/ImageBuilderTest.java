package com.securescore.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securescore.task.Cancellation;
import com.securescore.testsupport.RecordedProgress;
import com.securescore.testsupport.TinyBaseImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image as a cluster would run it, read back from the docker archive the builder writes (no
 * registry needed here; the pushes to a real registry are in the *IT tests): the jar at the path
 * the entrypoint runs, user 10001, the cache folder, a baked model and the variables that make
 * {@code serve} use it. The base is a docker archive made here, as one a user saved from docker.
 */
class ImageBuilderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void writesAnArchiveWhoseContainerRunsTheJarAsTheUnprivilegedUser() throws Exception {
        Path jar = Files.writeString(dir.resolve("securescore.jar"), "not really a jar, but its bytes must arrive");
        Path out = dir.resolve("image.tar");
        RecordedProgress progress = new RecordedProgress();

        ImageBuilder.Result result = builder().build(new ImageBuilder.Request("registry.example.com/team/securescore:1",
                "tar://" + baseArchive(), jar, null, out, List.of()), progress, Cancellation.none());

        assertFalse(result.pushed());
        assertEquals(Files.size(out), result.bytes());
        assertTrue(result.digest().startsWith("sha256:"), result.digest());
        Image image = Image.read(out);
        assertEquals(List.of("registry.example.com/team/securescore:1"), image.tags);
        JsonNode config = image.config.get("config");
        assertEquals("[\"java\",\"-jar\",\"/app/securescore.jar\"]", config.get("Entrypoint").toString());
        assertEquals("[\"serve\",\"--help\"]", config.get("Cmd").toString());
        assertEquals("10001:10001", config.get("User").asText());
        assertTrue(config.get("Env").toString().contains("SECURESCORE_CACHE_DIR=/cache"), config.toString());
        assertTrue(config.get("Env").toString().contains("PATH=/opt/java/bin"), "the base's PATH is kept: " + config);
        assertTrue(config.get("ExposedPorts").has("50051/tcp"));
        assertEquals("a stand-in for a Java runtime", image.files.get("opt/java/bin/README"), "the base's layer comes along");
        assertEquals("not really a jar, but its bytes must arrive", image.files.get("app/securescore.jar"));
        assertTrue(progress.lines.stream().anyMatch(l -> l.contains("SecureScore") && l.contains(jar.toString())),
                progress.lines.toString());
    }

    @Test
    void bakesAnOnnxModelAndItsLabelsAndTellsServeWhereTheyAre() throws Exception {
        Path jar = Files.writeString(dir.resolve("securescore.jar"), "jar");
        Path model = Files.write(dir.resolve("flowers.onnx"), new byte[] {1, 2, 3});
        Path labels = Files.writeString(dir.resolve("flowers.txt"), "rose\ntulip\n");
        Path out = dir.resolve("image.tar");

        builder().build(new ImageBuilder.Request("local/securescore:flowers", "tar://" + baseArchive(), jar,
                new ImageBuilder.Model.Onnx(model, labels), out, List.of()), new RecordedProgress(),
                Cancellation.none());

        Image image = Image.read(out);
        String env = image.config.get("config").get("Env").toString();
        assertTrue(env.contains("SECURESCORE_MODEL=/opt/securescore/model/model.onnx"), env);
        assertTrue(env.contains("SECURESCORE_LABELS=/opt/securescore/model/labels.txt"), env);
        assertEquals("rose\ntulip\n", image.files.get("opt/securescore/model/labels.txt"));
        assertEquals(new String(new byte[] {1, 2, 3}, StandardCharsets.ISO_8859_1),
                image.files.get("opt/securescore/model/model.onnx"));
    }

    @Test
    void refusesToPackageAFolderOfClassesWithTheWayToAJar() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("target/classes"));
        ImageBuildException e = assertThrows(ImageBuildException.class, () -> builder().build(
                new ImageBuilder.Request("local/securescore:1", "tar://" + baseArchive(), classes, null,
                        dir.resolve("x.tar"), List.of()), new RecordedProgress(), Cancellation.none()));
        assertTrue(e.getMessage().contains("not from a jar") && e.getMessage().contains("mvn package"),
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("x.tar")));
    }

    @Test
    void namesABadImageReferenceAndAMissingBaseArchive() throws Exception {
        Path jar = Files.writeString(dir.resolve("securescore.jar"), "jar");
        ImageBuildException bad = assertThrows(ImageBuildException.class, () -> builder().build(
                new ImageBuilder.Request("Registry.Example.com/UPPER CASE:1", "tar://" + baseArchive(), jar, null,
                        dir.resolve("x.tar"), List.of()), new RecordedProgress(), Cancellation.none()));
        assertTrue(bad.getMessage().contains("not a valid image reference"), bad.getMessage());
        ImageBuildException missing = assertThrows(ImageBuildException.class, () -> builder().build(
                new ImageBuilder.Request("local/securescore:1", "tar://" + dir.resolve("nope.tar"), jar, null,
                        dir.resolve("x.tar"), List.of()), new RecordedProgress(), Cancellation.none()));
        assertTrue(missing.getMessage().contains("nope.tar") && missing.getMessage().contains("does not exist"),
                missing.getMessage());
    }

    private ImageBuilder builder() {
        return new ImageBuilder(new RegistryCredentials(dir.resolve("no-docker-config.json"), null),
                dir.resolve("layers"));
    }

    /** A docker archive as `docker save` writes it (one small layer), made once per test. */
    private Path baseArchive() throws Exception {
        Path file = dir.resolve("base.tar");
        return Files.exists(file) ? file : TinyBaseImage.write(file);
    }

    /** A docker archive read back: its tags, its config, and the files of all its layers. */
    private record Image(List<String> tags, JsonNode config, Map<String, String> files) {
        static Image read(Path archive) throws IOException {
            Map<String, byte[]> entries = entries(Files.newInputStream(archive));
            JsonNode manifest = JSON.readTree(entries.get("manifest.json")).get(0);
            List<String> tags = JSON.convertValue(manifest.get("RepoTags"), JSON.getTypeFactory()
                    .constructCollectionType(List.class, String.class));
            JsonNode config = JSON.readTree(entries.get(manifest.get("Config").asText()));
            Map<String, String> files = new HashMap<>();
            for (JsonNode layer : manifest.get("Layers")) {
                byte[] data = entries.get(layer.asText());
                InputStream in = new ByteArrayInputStream(data);
                if (data.length > 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
                    in = new GZIPInputStream(in);
                }
                entries(in).forEach((k, v) -> files.put(k.replaceFirst("^\\./", "").replaceFirst("^/", ""),
                        new String(v, StandardCharsets.ISO_8859_1)));
            }
            return new Image(tags, config, files);
        }

        private static Map<String, byte[]> entries(InputStream raw) throws IOException {
            Map<String, byte[]> entries = new HashMap<>();
            try (TarArchiveInputStream in = new TarArchiveInputStream(raw)) {
                for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                    if (e.isFile()) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
            }
            return entries;
        }
    }
}

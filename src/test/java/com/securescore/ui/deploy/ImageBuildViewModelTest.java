package com.securescore.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.image.InstalledJar;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelSpec;
import com.securescore.testsupport.TestRegistry;
import com.securescore.testsupport.TinyBaseImage;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes pane's Build and push, without the FX thread: what the panel offers before a build
 * (the image name, whether ResNet-50 can be baked in), what it says when it cannot build (no jar, a
 * half-filled login), and a push to a real registry putting its reference into the Image field.
 */
class ImageBuildViewModelTest {
    @TempDir
    Path dir;

    private KubernetesDeployViewModel pane(ImageBuildViewModel.Parts parts) {
        return new KubernetesDeployViewModel(new WizardState(), BackgroundRunner.DIRECT, dir.resolve("no-kubeconfig"),
                dir, parts);
    }

    private ImageBuildViewModel.Parts parts(ImageBuildViewModel.JarLocator jar) {
        return new ImageBuildViewModel.Parts(jar, new ModelCache(dir.resolve("models")), ModelSpec.resnet50(null),
                dir.resolve("layers"), dir.resolve("no-docker-config.json"));
    }

    @Test
    void suggestsTheImageFieldsNameWithoutItsDigestWhenItNamesARegistry() {
        assertEquals("registry.example.com/team/securescore:1", ImageBuildViewModel.suggestedTarget(
                "registry.example.com/team/securescore:1@sha256:" + "a".repeat(64)));
        assertEquals("localhost:5000/securescore:1", ImageBuildViewModel.suggestedTarget("localhost:5000/securescore:1"));
        assertEquals("", ImageBuildViewModel.suggestedTarget("securescore:0.1.0"), "the default names no registry");
        assertEquals("", ImageBuildViewModel.suggestedTarget("team/securescore:1"), "Docker Hub's, by accident");

        KubernetesDeployViewModel pane = pane(parts(() -> dir.resolve("x.jar")));
        pane.openImageBuild();
        assertEquals("", pane.imageBuild().targetProperty().get(), "the default image: the prompt shows instead");
        assertTrue(ImageBuildViewModel.targetPrompt().startsWith("REGISTRY/securescore:"));
        assertTrue(pane.imageBuild().openProperty().get());
        pane.imageProperty().set("registry.example.com/team/securescore:2");
        pane.openImageBuild();
        assertEquals("registry.example.com/team/securescore:2", pane.imageBuild().targetProperty().get());
        pane.imageBuild().targetProperty().set("registry.example.com/mine:3");
        pane.imageProperty().set("registry.example.com/other:4");
        pane.openImageBuild();
        assertEquals("registry.example.com/mine:3", pane.imageBuild().targetProperty().get(), "what was typed stays");
    }

    @Test
    void offersToBakeResNetOnlyWhenTheModelCacheHasItAndSaysWhyNot() throws Exception {
        byte[] bytes = "a stand-in for ResNet-50".getBytes(StandardCharsets.UTF_8);
        ModelSpec spec = new ModelSpec("ResNet-50 v1 (test copy)", "resnet50-v1-7.onnx",
                List.of(URI.create("https://models.invalid/resnet50-v1-7.onnx")),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), bytes.length);
        ModelCache cache = new ModelCache(dir.resolve("models"));
        ImageBuildViewModel build = new ImageBuildViewModel(BackgroundRunner.DIRECT, new ImageBuildViewModel.Parts(
                () -> dir.resolve("x.jar"), cache, spec, dir.resolve("layers"), dir.resolve("none.json")), () -> null);

        build.open("");
        assertFalse(build.resnetAvailableProperty().get());
        assertFalse(build.bakeResnetProperty().get());
        String why = build.resnetNoteProperty().get();
        assertTrue(why.contains("not in this machine's model cache") && why.contains("not downloaded yet")
                && why.contains("Local target"), why);

        Files.createDirectories(cache.pathOf(spec).getParent());
        Files.write(cache.pathOf(spec), bytes);
        build.open("");
        assertTrue(build.resnetAvailableProperty().get());
        assertTrue(build.resnetNoteProperty().get().contains("start without downloading"),
                build.resnetNoteProperty().get());
    }

    @Test
    void runningFromClassesShowsTheInstalledJarsRefusalInThePanel() {
        KubernetesDeployViewModel pane = pane(parts(InstalledJar::locate));
        pane.openImageBuild();
        pane.imageBuild().targetProperty().set("registry.example.com/team/securescore:1");

        pane.imageBuild().build();

        String status = pane.imageBuild().statusProperty().get();
        assertTrue(status.contains("not from a jar") && status.contains("mvn package"), status);
        assertTrue(pane.imageBuild().failedProperty().get());
        assertFalse(pane.imageBuild().busyProperty().get());
        assertNull(pane.imageBuild().resultProperty().get());
    }

    @Test
    void aHalfFilledLoginIsNamedBeforeAnythingIsSent() throws Exception {
        Path jar = Files.writeString(dir.resolve("securescore.jar"), "jar");
        KubernetesDeployViewModel pane = pane(parts(() -> jar));
        pane.imageBuild().targetProperty().set("registry.example.com/team/securescore:1");
        pane.registryUserProperty().set("alice");

        pane.imageBuild().build();

        String status = pane.imageBuild().statusProperty().get();
        assertTrue(status.contains("Give the registry password") && status.contains("alice"), status);
        assertTrue(pane.imageBuild().log().isEmpty(), "nothing started");

        pane.registryUserProperty().set("");
        pane.registryPasswordProperty().set("secret");
        pane.imageBuild().build();
        assertTrue(pane.imageBuild().statusProperty().get().contains("needs its user name"),
                pane.imageBuild().statusProperty().get());
    }

    @Test
    void aPushWithThePanesLoginPutsTheDigestReferenceIntoTheImageField() throws Exception {
        TestRegistry registry = TestRegistry.get();
        Path jar = Files.writeString(dir.resolve("securescore.jar"), "the application, for the image");
        Path base = TinyBaseImage.write(dir.resolve("base.tar"));
        KubernetesDeployViewModel pane = pane(parts(() -> jar));
        pane.registryUserProperty().set(registry.user());
        pane.registryPasswordProperty().set(registry.password());
        pane.openImageBuild();
        ImageBuildViewModel build = pane.imageBuild();
        String repository = "vm-test/securescore";
        build.targetProperty().set(registry.address() + "/" + repository + ":1");
        build.baseProperty().set(TinyBaseImage.reference(base));
        build.caFileProperty().set(registry.caFile().toString());

        build.build();

        assertFalse(build.failedProperty().get(), build.statusProperty().get());
        String reference = pane.imageProperty().get();
        assertTrue(reference.matches("127\\.0\\.0\\.1:\\d+/" + repository + ":1@sha256:[0-9a-f]{64}"), reference);
        assertEquals(build.resultProperty().get().reference(), reference);
        assertTrue(build.statusProperty().get().contains("The Image field now names it"), build.statusProperty().get());
        String log = String.join("\n", build.log());
        assertTrue(log.contains("Pushed " + reference), log);
        assertFalse(log.contains(registry.password()), "the password is never logged");
        assertEquals(200, tags(registry, repository).statusCode());
        assertTrue(tags(registry, repository).body().contains("\"1\""));
    }

    static HttpResponse<String> tags(TestRegistry registry, String repository) throws Exception {
        String basic = Base64.getEncoder().encodeToString((registry.user() + ":" + registry.password())
                .getBytes(StandardCharsets.UTF_8));
        return registry.client().send(HttpRequest.newBuilder(URI.create("https://" + registry.address() + "/v2/"
                + repository + "/tags/list")).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

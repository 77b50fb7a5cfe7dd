package com.securescore.ui.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.deploy.kubernetes.KubernetesManifests;
import com.securescore.deploy.kubernetes.KubernetesSettings;
import com.securescore.model.ModelCache;
import com.securescore.model.ModelSpec;
import com.securescore.service.AuthKeys;
import com.securescore.testsupport.LocalService;
import com.securescore.ui.BackgroundRunner;
import com.securescore.ui.wizard.WizardState;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pods pull the image with the credentials the pane has for its registry: the registry login
 * fields, else the Docker config's entry (as the CLI does), or an existing Secret named in the pane.
 * The Secret travels in the deployment; the preview shows it with its data hidden.
 */
class KubernetesPullSecretTest {
    private static final String REGISTRY = "registry.example.com:5443";
    private static final String IMAGE = REGISTRY + "/team/securescore:1@sha256:" + "b".repeat(64);
    private static final String PASSWORD = "s3cret-registry-pw";

    @TempDir
    Path dir;

    private WizardState state;

    @BeforeEach
    void certificate() throws Exception {
        state = new WizardState();
        state.domainProperty().set(LocalService.HOST);
        state.certificateProperty().set(LocalService.devCertificate(dir).report());
    }

    private KubernetesDeployViewModel pane(Path dockerConfig) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                - name: c
                  cluster: {server: "https://127.0.0.1:6443"}
                users:
                - name: u
                  user: {token: t}
                contexts:
                - name: test
                  context: {cluster: c, user: u}
                current-context: test
                """);
        KubernetesDeployViewModel pane = new KubernetesDeployViewModel(state, BackgroundRunner.DIRECT, kubeconfig, dir,
                new ImageBuildViewModel.Parts(() -> dir.resolve("x.jar"), new ModelCache(dir.resolve("models")),
                        ModelSpec.resnet50(null), dir.resolve("layers"), dockerConfig));
        pane.loadContexts();
        pane.imageProperty().set(IMAGE);
        return pane;
    }

    private KubernetesManifests manifests(KubernetesDeployViewModel pane) throws Exception {
        return new KubernetesManifests(pane.settings(), LocalService.HOST, state.certificateProperty().get(), List.of(),
                AuthKeys.Pair.fresh().json());
    }

    private static String dockerConfigJson(Secret secret) {
        return new String(Base64.getDecoder().decode(secret.getData().get(".dockerconfigjson")),
                StandardCharsets.UTF_8);
    }

    @Test
    void theRegistryFieldsBecomeThePodsPullSecretAndThePreviewHidesIt() throws Exception {
        KubernetesDeployViewModel pane = pane(dir.resolve("no-docker-config.json"));
        pane.registryUserProperty().set("alice");
        pane.registryPasswordProperty().set(PASSWORD);

        KubernetesSettings settings = pane.settings();
        assertEquals(REGISTRY, settings.pullCredential().registry());
        assertEquals("the wizard's registry fields", settings.pullCredential().source());
        KubernetesManifests manifests = manifests(pane);
        Secret pull = manifests.pullSecret();
        assertEquals("securescore-registry", pull.getMetadata().getName());
        assertEquals("kubernetes.io/dockerconfigjson", pull.getType());
        String json = dockerConfigJson(pull);
        assertTrue(json.contains("\"" + REGISTRY + "\"") && json.contains("\"alice\"") && json.contains(PASSWORD), json);
        assertEquals(List.of(new LocalObjectReference("securescore-registry")),
                manifests.deployment().getSpec().getTemplate().getSpec().getImagePullSecrets());

        pane.showPreview();
        String preview = pane.previewProperty().get();
        assertTrue(preview.contains("name: \"securescore-registry\"") || preview.contains("name: securescore-registry"),
                preview);
        assertTrue(preview.contains("kubernetes.io/dockerconfigjson"), preview);
        assertTrue(preview.contains("(hidden: .dockerconfigjson)"), preview);
        assertFalse(preview.contains(PASSWORD), "the password is not in the preview");
        assertFalse(preview.contains(pull.getData().get(".dockerconfigjson")), "nor its encoding");
        assertFalse(String.join("\n", pane.log()).contains(PASSWORD));
    }

    @Test
    void withoutFieldsTheDockerConfigsEntryForTheImagesRegistryIsUsed() throws Exception {
        Path config = Files.writeString(dir.resolve("config.json"), "{\"auths\": {\"" + REGISTRY + "\": {\"auth\": \""
                + Base64.getEncoder().encodeToString(("bob:" + PASSWORD).getBytes(StandardCharsets.UTF_8))
                + "\"}}}");
        KubernetesDeployViewModel pane = pane(config);

        KubernetesSettings settings = pane.settings();

        assertEquals("bob", settings.pullCredential().user());
        assertTrue(settings.pullCredential().source().contains(config.toString()), settings.pullCredential().source());
        assertTrue(dockerConfigJson(manifests(pane).pullSecret()).contains("\"bob\""));

        pane.imageProperty().set("other.example.com/securescore:1");
        assertNull(pane.settings().pullCredential(), "no entry for that registry: no Secret");
        assertNull(manifests(pane).pullSecret());
    }

    @Test
    void anExistingSecretNamedInThePaneIsUsedAndNoneIsMade() throws Exception {
        KubernetesDeployViewModel pane = pane(dir.resolve("no-docker-config.json"));
        pane.registryUserProperty().set("alice");
        pane.registryPasswordProperty().set(PASSWORD);
        pane.pullSecretProperty().set(" team-pull ");

        KubernetesManifests manifests = manifests(pane);

        assertNull(manifests.pullSecret(), "the named Secret is the cluster's already");
        assertEquals(List.of(new LocalObjectReference("team-pull")),
                manifests.deployment().getSpec().getTemplate().getSpec().getImagePullSecrets());
        pane.pullSecretProperty().set("Team_Pull");
        pane.showPreview();
        assertTrue(pane.statusProperty().get().contains("not a valid Kubernetes name"), pane.statusProperty().get());
    }

    @Test
    void aHalfFilledLoginStopsPreviewAndDeployWithWhatIsMissing() throws Exception {
        KubernetesDeployViewModel pane = pane(dir.resolve("no-docker-config.json"));
        pane.registryUserProperty().set("alice");

        pane.deploy();

        assertTrue(pane.statusProperty().get().contains("Give the registry password (or access token) for alice"),
                pane.statusProperty().get());
        assertFalse(pane.busyProperty().get());
    }
}

package com.securescore.deploy.kubernetes;

import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's kubeconfig: where it is ({@code KUBECONFIG}, else {@code ~/.kube/config}), which
 * contexts it has, and a client for one of them with short timeouts, so an unreachable cluster is
 * reported in seconds rather than after minutes of retries.
 */
public final class KubeContexts {
    private final Path file;
    private final List<String> names;
    private final String current;

    private KubeContexts(Path file, List<String> names, String current) {
        this.file = file;
        this.names = List.copyOf(names);
        this.current = current;
    }

    /** The kubeconfig a kubectl user has: the first file of {@code KUBECONFIG}, else ~/.kube/config. */
    public static Path standardFile() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) {
            return Path.of(env.split(File.pathSeparator)[0]);
        }
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    /** Reads the contexts of {@code file}; the message says what to do when there is none. */
    public static KubeContexts read(Path file) throws KubernetesDeployException {
        if (!Files.isRegularFile(file)) {
            throw new KubernetesDeployException("No kubeconfig at " + file + ". Point KUBECONFIG at your cluster's "
                    + "kubeconfig, or fetch one (e.g. az aks get-credentials --resource-group RG --name CLUSTER).");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(null, Files.readString(file), file.toString());
        } catch (IOException | RuntimeException e) {
            throw new KubernetesDeployException(file + " cannot be read as a kubeconfig: " + e.getMessage());
        }
        List<String> names = new ArrayList<>();
        if (config.getContexts() != null) {
            for (NamedContext c : config.getContexts()) {
                names.add(c.getName());
            }
        }
        if (names.isEmpty()) {
            throw new KubernetesDeployException(file + " has no contexts: add your cluster to it (kubectl config "
                    + "set-context, or your cloud's get-credentials command).");
        }
        String current = config.getCurrentContext() == null ? names.get(0) : config.getCurrentContext().getName();
        return new KubeContexts(file, names, current);
    }

    public Path file() {
        return file;
    }

    public List<String> names() {
        return names;
    }

    public String current() {
        return current;
    }

    /** A client for {@code context} (null: the current one). */
    public KubernetesClient client(String context) throws KubernetesDeployException {
        String name = context == null ? current : context;
        if (!names.contains(name)) {
            throw new KubernetesDeployException("The kubeconfig " + file + " has no context \"" + name + "\"; it has: "
                    + String.join(", ", names) + ".");
        }
        Config config;
        try {
            config = Config.fromKubeconfig(name, Files.readString(file), file.toString());
        } catch (IOException | RuntimeException e) {
            throw new KubernetesDeployException(file + " cannot be read as a kubeconfig: " + e.getMessage());
        }
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout(20_000);
        config.setRequestRetryBackoffLimit(0);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}

package com.securescore.deploy.kubernetes;

import com.securescore.service.AuthKeys;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;

/**
 * The auth keys of a deployment on a cluster, kept in its keys Secret. The pods mount that Secret
 * as a directory, so a key rotated here reaches every replica on the kubelet's sync period (within
 * two minutes; about one as a rule) and the service accepts it from its next call, with no restart.
 */
public final class KubernetesKeys {
    private final KubernetesClient client;
    private final String context;

    public KubernetesKeys(KubernetesClient client, String context) {
        this.client = client;
        this.context = context;
    }

    /** The keys now in the Secret {@code NAME-keys}. */
    public AuthKeys.Pair read(String namespace, String name) throws KubernetesDeployException {
        Secret secret = secret(namespace, name);
        try {
            return AuthKeys.Pair.parse(Base64.getDecoder().decode(secret.getData().get(KubernetesManifests.KEYS_FILE)),
                    "The Secret " + namespace + "/" + name + "-keys");
        } catch (IOException | IllegalArgumentException e) {
            throw new KubernetesDeployException(e.getMessage());
        }
    }

    /** Replaces one key with a new random one in the Secret; the other keeps working. */
    public AuthKeys.Pair regenerate(String namespace, String name, AuthKeys.Which which)
            throws KubernetesDeployException {
        AuthKeys.Pair fresh = read(namespace, name).regenerate(which);
        String secretName = name + "-keys";
        try {
            client.secrets().inNamespace(namespace).withName(secretName).edit(s -> {
                s.setData(Map.of(KubernetesManifests.KEYS_FILE, Base64.getEncoder().encodeToString(fresh.json())));
                return s;
            });
        } catch (KubernetesClientException e) {
            throw KubernetesProblems.explain(e, "update the Secret " + secretName, String.valueOf(client.getMasterUrl()),
                    context);
        }
        return fresh;
    }

    private Secret secret(String namespace, String name) throws KubernetesDeployException {
        String secretName = name + "-keys";
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(secretName).get();
        } catch (KubernetesClientException e) {
            throw KubernetesProblems.explain(e, "read the Secret " + secretName, String.valueOf(client.getMasterUrl()),
                    context);
        } catch (RuntimeException e) {
            throw KubernetesProblems.explain(e, "read the Secret " + secretName, String.valueOf(client.getMasterUrl()),
                    context);
        }
        if (secret == null || secret.getData() == null || !secret.getData().containsKey(KubernetesManifests.KEYS_FILE)) {
            throw new KubernetesDeployException("No keys Secret " + namespace + "/" + secretName + " on the cluster"
                    + (context == null ? "" : " of context " + context) + ": deploy there first (securescore deploy "
                    + "--target kubernetes), or check --namespace and --name.");
        }
        return secret;
    }
}

package com.securescore.deploy.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@code kubernetes.io/dockerconfigjson} Secret holds so the kubelet can pull from a private
 * registry. The password never appears in {@link #toString()}, logs or previews.
 *
 * @param registry the registry as the image names it (host or host:port; Docker Hub's is written as
 *                 docker's config writes it)
 * @param source   where the credentials came from, for the log ("--registry-user", a Docker config)
 */
public record PullCredential(String registry, String user, String password, String source) {
    /** Docker Hub's key in a Docker config, as docker login writes it and the kubelet reads it. */
    static final String DOCKER_HUB = "https://index.docker.io/v1/";

    /** The Secret's {@code .dockerconfigjson}: an {@code auths} entry for the registry. */
    public String dockerConfigJson() {
        String key = registry.equals("registry-1.docker.io") || registry.equals("docker.io") ? DOCKER_HUB : registry;
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("username", user);
        entry.put("password", password);
        entry.put("auth", Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        try {
            return new ObjectMapper().writeValueAsString(Map.of("auths",
                    Map.of(key, entry)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "PullCredential[registry=" + registry + ", user=" + user + ", password=(hidden), source=" + source + "]";
    }
}

package com.securescore.resume;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The wizard's non-secret progress, saved so a restart can pick up where the user left off.
 *
 * <p>It holds names and paths only. Private keys, passwords and auth keys have no field here on
 * purpose, so they cannot end up in the file by accident.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SavedProgress(
        String domain,
        String certificatePath,
        String keyPath,
        String trustPath,
        String target,
        String endpointHost,
        Integer endpointPort,
        String step,
        String savedAt) {

    /** True when nothing worth offering to resume has been entered. */
    public boolean isEmpty() {
        return blank(domain) && blank(certificatePath) && blank(keyPath) && blank(endpointHost);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

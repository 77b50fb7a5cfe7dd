package com.securescore.resume;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The wizard's non-secret progress, saved so a restart can pick up where the user left off.
 *
 * <p>It holds names, paths and choices only. Private keys, passwords and auth keys have no field here
 * on purpose, so they cannot end up in the file by accident.
 *
 * @param step     the step the wizard was on
 * @param reached  the furthest step the run had reached (null in files written before it was saved)
 * @param repairs  the certificate repairs accepted, in order (names of the Certificate step's repairs)
 * @param localModel the Local target's model choice (RESNET or DEMO)
 * @param localPort  the Local target's port
 * @param certificateFiles every file the Certificate step was reading, with its role (empty in files written
 *                   before they were kept: then {@code certificatePath} and {@code keyPath} are all there is)
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
        String savedAt,
        String reached,
        List<String> repairs,
        String localModel,
        Integer localPort,
        List<SavedFile> certificateFiles) {

    public SavedProgress {
        repairs = repairs == null ? List.of() : List.copyOf(repairs);
        certificateFiles = certificateFiles == null ? List.of() : List.copyOf(certificateFiles);
    }

    /** Progress as saved before every file of the Certificate step was kept. */
    public SavedProgress(String domain, String certificatePath, String keyPath, String trustPath, String target,
            String endpointHost, Integer endpointPort, String step, String savedAt, String reached,
            List<String> repairs, String localModel, Integer localPort) {
        this(domain, certificatePath, keyPath, trustPath, target, endpointHost, endpointPort, step, savedAt, reached,
                repairs, localModel, localPort, null);
    }

    /** Progress as saved before the run's reach, repairs and Local settings were kept. */
    public SavedProgress(String domain, String certificatePath, String keyPath, String trustPath, String target,
            String endpointHost, Integer endpointPort, String step, String savedAt) {
        this(domain, certificatePath, keyPath, trustPath, target, endpointHost, endpointPort, step, savedAt, null,
                null, null, null, null);
    }

    /** True when nothing worth offering to resume has been entered. */
    public boolean isEmpty() {
        return blank(domain) && blank(certificatePath) && blank(keyPath) && blank(endpointHost);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

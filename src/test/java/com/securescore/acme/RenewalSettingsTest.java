package com.securescore.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** renewal.json remembers where the certificate was deployed, once per target, and older files still read. */
class RenewalSettingsTest {
    @TempDir
    Path dir;

    private static final String WRITTEN_BEFORE_DEPLOYMENTS = """
            {
              "domain" : "scoring.contoso.test",
              "directory" : "https://acme.contoso.test/dir",
              "challenge" : "http",
              "httpPort" : 8080,
              "dnsResolvers" : [ ],
              "dnsWaitSeconds" : 0,
              "accountKey" : null,
              "email" : null,
              "keyType" : "ec",
              "trust" : [ ],
              "termsAgreed" : null
            }
            """;

    @Test
    void aFileWrittenBeforeDeploymentsWereRecordedStillReadsWithNone() throws Exception {
        Files.writeString(dir.resolve(RenewalSettings.FILE_NAME), WRITTEN_BEFORE_DEPLOYMENTS);
        RenewalSettings s = RenewalSettings.read(dir);
        assertEquals("scoring.contoso.test", s.domain());
        assertEquals(List.of(), s.kubernetes());
        assertEquals(8080, ((ChallengeChoice.Http) s.toRequest(dir).challenge()).port());
    }

    @Test
    void aDeploymentFromTheFolderIsRecordedOnceAndKeepsNoSecret() throws Exception {
        Files.writeString(dir.resolve(RenewalSettings.FILE_NAME), WRITTEN_BEFORE_DEPLOYMENTS);
        Path fullchain = dir.resolve("fullchain.pem");
        var target = new RenewalSettings.KubernetesTarget("/home/ds/.kube/config", "prod", "scoring", "securescore");
        assertEquals(Optional.of(dir.toAbsolutePath()), RenewalSettings.recordDeployment(List.of(fullchain), target));
        assertEquals(Optional.of(dir.toAbsolutePath()), RenewalSettings.recordDeployment(List.of(fullchain), target));
        var other = new RenewalSettings.KubernetesTarget(null, "staging", "scoring", "securescore");
        RenewalSettings.recordDeployment(List.of(fullchain), other);
        assertEquals(List.of(target, other), RenewalSettings.read(dir).kubernetes());
        String json = Files.readString(dir.resolve(RenewalSettings.FILE_NAME));
        assertTrue(json.contains("\"namespace\" : \"scoring\""), json);
        assertFalse(json.toLowerCase(Locale.ROOT).contains("token"), json);
    }

    @Test
    void filesFromElsewhereAreNotRecorded() throws Exception {
        var target = new RenewalSettings.KubernetesTarget(null, "prod", "scoring", "securescore");
        assertEquals(Optional.empty(), RenewalSettings.recordDeployment(List.of(dir.resolve("fullchain.pem")), target));
        assertFalse(Files.exists(dir.resolve(RenewalSettings.FILE_NAME)));
    }
}

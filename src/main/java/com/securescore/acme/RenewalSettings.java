package com.securescore.acme;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.securescore.cert.SecureFiles;
import com.securescore.dns.DnsServer;
import com.securescore.findings.FindingCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The options a certificate was issued with, kept beside it as {@code renewal.json} so that a renewal
 * orders the same thing the same way (as certbot's renewal files do). No secret is in it: the account
 * key is referred to by its path only.
 *
 * @param challenge   "http" or "dns"
 * @param accountKey  the account key file's path, or null for SecureScore's own
 * @param termsAgreed the terms-of-service URL the user agreed to, or null when the CA has none
 * @param kubernetes  the Kubernetes deployments serving this certificate, which {@code acme renew} updates;
 *                    empty in files written before deployments were recorded
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RenewalSettings(String domain, String directory, String challenge, int httpPort,
        List<String> dnsResolvers, long dnsWaitSeconds, String accountKey, String email, String keyType,
        List<String> trust, String termsAgreed, List<KubernetesTarget> kubernetes) {
    public static final String FILE_NAME = "renewal.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public RenewalSettings {
        kubernetes = kubernetes == null ? List.of() : List.copyOf(kubernetes);
    }

    /**
     * Where a certificate from this folder was deployed on Kubernetes: enough to find it again, no secret.
     *
     * @param kubeconfig the kubeconfig's path as given, or null for the default (KUBECONFIG, else ~/.kube/config)
     * @param context    the kubeconfig context it was deployed with
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KubernetesTarget(String kubeconfig, String context, String namespace, String name) {
        /** "namespace/name (context C)", as messages name it. */
        public String label() {
            return namespace + "/" + name + " (context " + context + ")";
        }
    }

    static RenewalSettings of(AcmeRequest r, String termsUrl) {
        List<String> resolvers = new ArrayList<>();
        int port = 0;
        long wait = 0;
        if (r.challenge() instanceof ChallengeChoice.Http h) {
            port = h.port();
        } else if (r.challenge() instanceof ChallengeChoice.DnsManual d) {
            d.resolvers().forEach(s -> resolvers.add(s.label()));
            wait = d.waitFor().toSeconds();
        }
        return new RenewalSettings(r.domain(), r.directory(), r.challenge() instanceof ChallengeChoice.Http ? "http"
                : "dns", port, resolvers, wait, r.accountKey() == null ? null : r.accountKey().toAbsolutePath()
                        .toString(), r.email(), r.keyType().word(),
                r.trust().stream().map(p -> p.toAbsolutePath().toString()).toList(), termsUrl, List.of());
    }

    /** These settings with {@code targets} as the recorded deployments. */
    RenewalSettings withKubernetes(List<KubernetesTarget> targets) {
        return new RenewalSettings(domain, directory, challenge, httpPort, dnsResolvers, dnsWaitSeconds, accountKey,
                email, keyType, trust, termsAgreed, targets);
    }

    /** The deployments recorded in {@code outDir}'s settings; none when there is no readable file. */
    static List<KubernetesTarget> kubernetesIn(Path outDir) {
        if (!Files.isRegularFile(outDir.resolve(FILE_NAME))) {
            return List.of();
        }
        try {
            return read(outDir).kubernetes();
        } catch (AcmeFailure e) {
            return List.of();
        }
    }

    /** What the user is told once a deployment is recorded in {@code dir}'s settings. */
    public static String willRedeploy(Path dir) {
        return "`securescore acme renew --out " + dir + "` will also update this deployment's certificate.";
    }

    /**
     * Records that the certificate read from {@code certificateFiles} was deployed to {@code target},
     * when those files live in a folder with renewal settings: {@code acme renew} then updates that
     * deployment too. Deploying to the same target again records nothing new.
     *
     * @return the folder whose settings hold the deployment, or empty when the files are not ACME-issued
     */
    public static Optional<Path> recordDeployment(List<Path> certificateFiles, KubernetesTarget target)
            throws IOException {
        for (Path file : certificateFiles) {
            Path dir = file.toAbsolutePath().getParent();
            if (dir == null || !Files.isRegularFile(dir.resolve(FILE_NAME))) {
                continue;
            }
            RenewalSettings settings;
            try {
                settings = read(dir);
            } catch (AcmeFailure e) {
                throw new IOException(e.getMessage() + " " + e.fix());
            }
            if (!settings.kubernetes().contains(target)) {
                List<KubernetesTarget> all = new ArrayList<>(settings.kubernetes());
                all.add(target);
                settings.withKubernetes(all).write(dir);
            }
            return Optional.of(dir);
        }
        return Optional.empty();
    }

    /** The request that renews into {@code outDir}. */
    public AcmeRequest toRequest(Path outDir) {
        ChallengeChoice c;
        if ("dns".equals(challenge)) {
            List<DnsServer> servers = new ArrayList<>();
            for (String s : dnsResolvers == null ? List.<String>of() : dnsResolvers) {
                servers.add(DnsServer.parse(s));
            }
            c = new ChallengeChoice.DnsManual(servers, Duration.ofSeconds(dnsWaitSeconds), Duration.ofSeconds(10));
        } else {
            c = new ChallengeChoice.Http(httpPort == 0 ? 80 : httpPort);
        }
        return new AcmeRequest(domain, directory, c, accountKey == null ? null : Path.of(accountKey), email,
                KeyType.parse(keyType == null ? "ec" : keyType),
                trust == null ? List.of() : trust.stream().map(Path::of).toList(), outDir, true);
    }

    void write(Path outDir) throws IOException {
        SecureFiles.write(outDir.resolve(FILE_NAME), MAPPER.writeValueAsBytes(this), false, true);
    }

    /** The settings in {@code outDir}. */
    public static RenewalSettings read(Path outDir) throws AcmeFailure {
        Path file = outDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new AcmeFailure(FindingCode.ACME_RENEWAL_SETTINGS_MISSING, "There is no " + FILE_NAME + " in "
                    + outDir + ": this folder's certificate was not issued by SecureScore over ACME.",
                    "Choose the folder the certificate was written to, or get a certificate there first.");
        }
        try {
            RenewalSettings s = MAPPER.readValue(file.toFile(), RenewalSettings.class);
            if (s.domain() == null || s.directory() == null) {
                throw new IOException("the domain or directory is missing");
            }
            return s;
        } catch (IOException | IllegalArgumentException e) {
            throw new AcmeFailure(FindingCode.ACME_RENEWAL_SETTINGS_MISSING, file + " could not be read: "
                    + AcmeErrors.oneLine(e.getMessage()) + ".", "Get the certificate again into this folder; that "
                            + "writes the file anew.");
        }
    }
}

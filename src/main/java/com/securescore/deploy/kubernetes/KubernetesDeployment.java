package com.securescore.deploy.kubernetes;

import com.securescore.acme.RenewalSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What follows a Kubernetes deployment, the same from {@code securescore deploy} and the wizard: the
 * sentence that tells how to remove what a cancelled deployment left on the cluster, and the renewal
 * record that lets an ACME renewal reach the deployment. Neither prints: the faces show the words.
 */
public final class KubernetesDeployment {
    private KubernetesDeployment() {
    }

    /** What the renewal record came to; {@link #line()} is what to tell the person, "" for nothing. */
    public sealed interface Renewal permits Recorded, NotAcmeIssued, NotRecorded {
        String line();
    }

    /** The deployment is recorded in {@code folder}'s renewal settings: a renewal there updates it. */
    public record Recorded(Path folder) implements Renewal {
        @Override
        public String line() {
            return RenewalSettings.willRedeploy(folder);
        }
    }

    /** The certificate files have no renewal settings beside them: nothing to record. */
    public record NotAcmeIssued() implements Renewal {
        @Override
        public String line() {
            return "";
        }
    }

    /** The renewal settings could not be read or written; the deployment itself stands. */
    public record NotRecorded(String why) implements Renewal {
        @Override
        public String line() {
            return "This deployment could not be recorded for certificate renewal: " + why;
        }
    }

    /**
     * The sentence after a cancelled deployment: what was applied stays, and the one command that
     * removes all of it (everything the deployment makes carries its instance label).
     */
    public static String cancelled(KubernetesSettings settings) {
        return "Cancelled. What was already applied stays on the cluster; deploy again to finish, or remove it with: "
                + "kubectl -n " + settings.namespace() + " delete deployment,service,secret,ingress -l "
                + "app.kubernetes.io/instance=" + settings.name();
    }

    /**
     * When the certificate files came from an ACME certificate authority (renewal settings beside them),
     * records this deployment there so a renewal redeploys it.
     *
     * @param kubeconfig the kubeconfig file used, or null for the standard one (found again at renewal)
     */
    public static Renewal recordForRenewal(List<Path> certificateFiles, Path kubeconfig, String context,
            KubernetesDeployer.Result deployed) {
        try {
            return RenewalSettings.recordDeployment(certificateFiles, new RenewalSettings.KubernetesTarget(
                    kubeconfig == null ? null : kubeconfig.toAbsolutePath().toString(), context, deployed.namespace(),
                    deployed.name())).<Renewal>map(Recorded::new).orElseGet(NotAcmeIssued::new);
        } catch (IOException e) {
            return new NotRecorded(e.getMessage());
        }
    }
}

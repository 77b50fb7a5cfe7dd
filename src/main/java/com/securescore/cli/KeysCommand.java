package com.securescore.cli;

import com.securescore.deploy.kubernetes.KubeContexts;
import com.securescore.deploy.kubernetes.KubernetesDeployException;
import com.securescore.deploy.kubernetes.KubernetesKeys;
import com.securescore.service.AuthKeys;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code securescore keys}: show (masked) or rotate the service's auth keys; a running service picks them up. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Show or rotate the scoring service's keys.",
        subcommands = {KeysCommand.Show.class, KeysCommand.Regenerate.class})
final class KeysCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static AuthKeys existing(Path file) throws Exception {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString());
        }
        return AuthKeys.open(file).keys();
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show the keys, masked unless --reveal.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--keys-file", required = true, paramLabel = "FILE")
        Path file;

        @Option(names = "--reveal", description = "Print the keys in full (they will be on your screen).")
        boolean reveal;

        @Override
        public Integer call() throws Exception {
            AuthKeys k = existing(file);
            var out = spec.commandLine().getOut();
            out.println("primary:   " + (reveal ? k.primary() : AuthKeys.mask(k.primary())));
            out.println("secondary: " + (reveal ? k.secondary() : AuthKeys.mask(k.secondary())));
            return ExitCodes.OK;
        }
    }

    @Command(name = "regenerate", mixinStandardHelpOptions = true,
            description = "Replace one key with a new random one; the other keeps working, so clients move over "
                + "without downtime.")
    static final class Regenerate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "primary|secondary")
        AuthKeys.Which which;

        @Option(names = "--keys-file", paramLabel = "FILE", description = "The keys file. With --namespace: where "
                + "the cluster's new keys are saved too (owner-only).")
        Path file;

        @Option(names = "--namespace", paramLabel = "NAME", description = "Rotate the key of a Kubernetes deployment "
                + "instead (its Secret NAME-keys): every replica accepts it within two minutes, no restart.")
        String namespace;

        @Option(names = "--name", defaultValue = "securescore", paramLabel = "NAME",
                description = "With --namespace: the deployment's name (default securescore).")
        String name;

        @Option(names = "--kubeconfig", paramLabel = "FILE", description = "With --namespace: the kubeconfig "
                + "(default KUBECONFIG, else ~/.kube/config).")
        Path kubeconfig;

        @Option(names = "--context", paramLabel = "NAME", description = "With --namespace: the kubeconfig context.")
        String context;

        @Override
        public Integer call() throws Exception {
            var out = spec.commandLine().getOut();
            if (namespace != null) {
                return onCluster(out);
            }
            if (file == null) {
                throw new UserInputException("Give --keys-file FILE (a local service) or --namespace NAME (a "
                        + "Kubernetes deployment).");
            }
            String fresh = existing(file).regenerate(which);
            out.println("New " + which.field() + " key (shown once): " + fresh);
            out.println("A running service accepts it from its next call; the " + (which == AuthKeys.Which.PRIMARY
                    ? "secondary" : "primary") + " key is unchanged.");
            return ExitCodes.OK;
        }

        private int onCluster(PrintWriter out) throws Exception {
            var err = spec.commandLine().getErr();
            AuthKeys.Pair fresh;
            try (var client = KubeContexts.read(kubeconfig != null ? kubeconfig
                    : KubeContexts.standardFile()).client(context)) {
                fresh = new KubernetesKeys(client, context)
                        .regenerate(namespace, name, which);
            } catch (KubernetesDeployException e) {
                err.println("Not changed: " + e.getMessage());
                return ExitCodes.FINDINGS;
            }
            if (file != null) {
                fresh.save(file, true);
                out.println("New " + which.field() + " key in the Secret " + namespace + "/" + name + "-keys, saved "
                        + "owner-only to " + file + " (" + AuthKeys.mask(fresh.get(which)) + ").");
            } else {
                out.println("New " + which.field() + " key in the Secret " + namespace + "/" + name + "-keys (shown "
                        + "once): " + fresh.get(which));
            }
            out.println("Every replica accepts it within two minutes (the kubelet refreshes the mounted Secret on its "
                    + "sync period, a minute by default), with no restart; the " + (which == AuthKeys.Which.PRIMARY ? "secondary" : "primary")
                    + " key is unchanged.");
            return ExitCodes.OK;
        }
    }
}

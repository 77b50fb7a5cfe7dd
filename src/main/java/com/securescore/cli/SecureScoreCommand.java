package com.securescore.cli;

import com.securescore.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root of the command tree. Each verb is its own small class over the core services. */
@Command(name = "securescore",
        mixinStandardHelpOptions = true,
        versionProvider = SecureScoreCommand.VersionProvider.class,
        resourceBundle = "com.securescore.cli.HelpTexts",
        description = {
            "Secure a machine-learning scoring service with TLS and key authentication, then prove it.",
            "Run without arguments to open the wizard."},
        subcommands = {DomainCommand.class, CheckCommand.class, ConvertCommand.class,
            SelfSignedCommand.class, ServeCommand.class, ScoreCommand.class, KeysCommand.class,
            BenchCommand.class, ModelCommand.class, DeployCommand.class, DnsCommand.class, DiagnoseCommand.class,
            ExplainCommand.class, AcmeCommand.class, ImageCommand.class, StartupTrainingCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 findings with errors, 2 usage problem or unreadable input."})
public final class SecureScoreCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"SecureScore " + Version.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}

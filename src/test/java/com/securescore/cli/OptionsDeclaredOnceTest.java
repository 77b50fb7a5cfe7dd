package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.deploy.TargetKind;
import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The options declared once (mixins, converters, help sections) read as each command said them
 * before: the same words in help, the same values taken, refusals that name the option once.
 */
class OptionsDeclaredOnceTest extends CliRunner {
    /** Where {@code name} is declared in {@code command}: the class holding its field. */
    private static Class<?> declaredIn(CommandLine command, String name) {
        OptionSpec option = command.getCommandSpec().findOption(name);
        return option == null ? null : ((Field) option.userObject()).getDeclaringClass();
    }

    @Test
    void sharedOptionsAreDeclaredOnlyInTheirMixinsSoTheCopiesCannotComeBack() {
        CommandLine root = Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(err, true));
        List<CommandLine> all = new ArrayList<>(List.of(root));
        for (int i = 0; i < all.size(); i++) {
            all.addAll(all.get(i).getSubcommands().values());
        }
        int withJson = 0;
        for (CommandLine c : all) {
            Class<?> json = declaredIn(c, "--json");
            if (json != null) {
                withJson++;
                assertEquals(JsonOption.class, json, c.getCommandSpec().qualifiedName());
            }
        }
        assertEquals(14, withJson, "every command with --json");
        for (String command : List.of("check", "convert", "deploy", "serve")) {
            for (String name : List.of("--cert", "--key", "--key-password-file", "--trust")) {
                assertEquals(CertificateInputs.class, declaredIn(root.getSubcommands().get(command), name),
                        command + " " + name);
            }
        }
        for (String command : List.of("score", "diagnose")) {
            for (String name : List.of("--key-file", "--bearer", "--route", "--connect-to")) {
                assertEquals(ConnectionOptions.class, declaredIn(root.getSubcommands().get(command), name),
                        command + " " + name);
            }
        }
    }

    @Test
    void deployHelpPutsEachTargetsOptionsUnderItsOwnHeading() {
        assertEquals(0, run("deploy", "--help"));
        String help = out.toString();
        int local = help.indexOf("Local (--target local)");
        int kubernetes = help.indexOf("Kubernetes (--target kubernetes)");
        int azure = help.indexOf("Azure ML (--target aci, aks or fpga)");
        int aks = help.indexOf("AKS (--target aks)");
        assertTrue(local > 0 && kubernetes > local && azure > kubernetes && aks > azure, help);
        // The last mention of an option is its line in the option list (the synopsis names them all first).
        int bind = help.lastIndexOf("--bind=ADDRESS");
        int namespace = help.lastIndexOf("--namespace=NAME ");
        assertTrue(bind > local && bind < kubernetes, help);
        assertTrue(namespace > kubernetes && namespace < azure, help);
        assertTrue(help.lastIndexOf("--aks-successor  ") > aks, help);
        assertTrue(help.lastIndexOf("--domain=NAME ") < local, "options every target takes come first: " + help);
        assertFalse(help.contains("kubernetes: created when missing") || help.contains("local: the port"), help);
    }

    @Test
    void aCommandKeepsItsOwnWordsForAnOptionItSharesThroughAMixin() {
        assertEquals(0, run("check", "--help"));
        assertTrue(out.toString().contains("Extra trusted root(s), e.g. a private CA. Repeatable."), out.toString());
        assertFalse(out.toString().contains("clients get it too"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("diagnose", "--help"));
        assertTrue(out.toString().contains("a call with it must succeed"), out.toString());
        out.getBuffer().setLength(0);
        assertEquals(0, run("score", "--help"));
        assertTrue(out.toString().contains("its primary key is used"), out.toString());
    }

    @Test
    void aWrongTargetIsRefusedWithThePlainListOfTargets() {
        assertEquals(2, run("deploy", "--target", "mars", "--domain", "a.test", "--cert", "none.pem"));
        assertTrue(err.toString().startsWith("--target must be local, kubernetes, aci, aks or fpga, not \"mars\"."),
                err.toString());
        assertFalse(err.toString().contains("Invalid value"), err.toString());
    }

    @Test
    void targetsAreTakenInAnyCaseWithTheK8sAlias() {
        CommandLine cl = Cli.newCommandLine(new String[0], new PrintWriter(out, true), new PrintWriter(err, true));
        cl.parseArgs("deploy", "--target", "K8s", "--domain", "a.test", "--cert", "none.pem");
        DeployCommand deploy = cl.getSubcommands().get("deploy").getCommand();
        assertEquals(TargetKind.KUBERNETES, deploy.target);
    }

    @Test
    void scoreTakesAFractionalDeadlineAsBefore() {
        CommandLine cl = Cli.newCommandLine(new String[] {"score"}, new PrintWriter(out, true), new PrintWriter(err, true));
        cl.parseArgs("score", "--host", "a.test", "--deadline", "1.5s", "images");
        ScoreCommand score = cl.getSubcommands().get("score").getCommand();
        assertEquals(Duration.ofMillis(1500), score.deadline);
    }

    @Test
    void aDurationThatCannotBeIsRefusedNamingTheOptionOnce() {
        assertEquals(2, run("dns", "--domain", "a.test", "--expect", "192.0.2.1", "--every", "0ms"));
        assertTrue(err.toString().startsWith("--every: \"0ms\" is no time at all: give a duration above zero."),
                err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, run("score", "--host", "a.test", "--deadline", "soon", "images"));
        assertTrue(err.toString().startsWith("--deadline: \"soon\" is not a duration: write it like 30s"),
                err.toString());
    }
}

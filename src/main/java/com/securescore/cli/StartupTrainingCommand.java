package com.securescore.cli;

import com.securescore.StartupClasses;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code securescore startup-training} (hidden): runs the commands people run most, once, on
 * loopback and in a temporary folder, so that a JVM started with {@code -XX:ArchiveClassesAtExit}
 * records the classes they load. The Linux package runs it when it is installed and ships the
 * launcher pointed at the archive (decision 0014): {@code score} of one image then starts in about
 * half the time. selfsigned, check (text and JSON), serve with the demo model, and score of one
 * image over TLS with a key, through the same command trees a user's command line gets; then the
 * classes of the wizard's first window are loaded and linked by name ({@link StartupClasses}: no
 * display needed, nothing initialised), so the installed wizard reads them from the archive too.
 */
@Command(name = "startup-training", hidden = true,
        description = "Run selfsigned, check, serve and score once on loopback (for the installer's class archive).")
final class StartupTrainingCommand implements Callable<Integer> {
    private static final String DOMAIN = "training.securescore.test";
    private static final Pattern LISTENING = Pattern.compile("listening on [^\\s]+:(\\d+)");

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("securescore-training");
        try {
            return train(work);
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int train(Path work) throws Exception {
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        Path tls = work.resolve("tls");
        String cert = tls.resolve("fullchain.pem").toString();
        String key = tls.resolve("privkey.pem").toString();
        String ca = tls.resolve("ca.pem").toString();
        int failed = Cli.newCommandLine(quiet, quiet).execute("selfsigned", "--domain", DOMAIN, "--out",
                tls.toString());
        failed += Cli.newCommandLine(quiet, quiet).execute("check", "--domain", DOMAIN, "--cert", cert, "--key", key,
                "--trust", ca);
        failed += Cli.newCommandLine(quiet, quiet).execute("check", "--domain", DOMAIN, "--cert", cert, "--key", key,
                "--trust", ca, "--json");

        StringWriter served = new StringWriter();
        CommandLine serveLine = Cli.newCommandLine(new PrintWriter(served, true), quiet);
        ServeCommand serve = (ServeCommand) serveLine.getSubcommands().get("serve").getCommand();
        Path keys = work.resolve("keys.json");
        int[] serveExit = {-1};
        Thread service = new Thread(() -> serveExit[0] = serveLine.execute("serve", "--cert", cert, "--key", key,
                "--trust", ca, "--demo-model", "--port", "0", "--keys-file", keys.toString()), "training-serve");
        service.setDaemon(true);
        service.start();
        try {
            if (!serve.started.await(60, TimeUnit.SECONDS)) {
                return ExitCodes.FINDINGS;
            }
            Matcher port = LISTENING.matcher(served.toString());
            if (!port.find()) {
                return ExitCodes.FINDINGS;
            }
            Path image = work.resolve("training.png");
            writeImage(image);
            String[] score = {"score", "--host", DOMAIN, "--connect-to", "127.0.0.1", "--port", port.group(1),
                "--trust", ca, "--key-file", keys.toString(), image.toString()};
            failed += Cli.newCommandLine(score, quiet, quiet).execute(score);
        } finally {
            serve.stop.countDown();
            service.join(TimeUnit.SECONDS.toMillis(30));
        }
        StartupClasses.link();
        return failed == 0 && serveExit[0] == 0 ? ExitCodes.OK : ExitCodes.FINDINGS;
    }

    private static void writeImage(Path image) throws IOException {
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, (x * 8) << 16 | (y * 8) << 8 | 0x40);
            }
        }
        ImageIO.write(img, "png", image.toFile());
    }
}

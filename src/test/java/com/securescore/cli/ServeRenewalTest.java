package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.cert.DevelopmentCertificates;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.ServedCertificate;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code serve} serves a renewed certificate (its files replaced) from the next connection on, no restart. */
class ServeRenewalTest {
    @TempDir
    Path dir;

    @Test
    void aReplacedCertificateIsServedWithoutARestartAndABrokenOneIsNot() throws Exception {
        Path tls = dir.resolve("tls");
        new DevelopmentCertificates().create(LocalService.HOST, 30, DevelopmentCertificates.KeyType.EC, tls, false);
        DeployLocalRenewalTest.Log log = new DeployLocalRenewalTest.Log();
        CommandLine cl = Cli.newCommandLine(new PrintWriter(log, true), new PrintWriter(log, true));
        ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
        serve.watchEvery = Duration.ofMillis(100);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("serve", "--port", "0",
                    "--demo-model", "--keys-file", dir.resolve("keys.json").toString(),
                    "--cert", tls.resolve("fullchain.pem").toString(), "--key", tls.resolve("privkey.pem").toString(),
                    "--trust", tls.resolve("ca.pem").toString()), pool);
            CompletableFuture.anyOf(exit, log.await("Stop with Ctrl-C")).get(60, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)").matcher(log.toString());
            assertTrue(m.find(), log.toString());
            int port = Integer.parseInt(m.group(1));
            BigInteger before = ServedCertificate.serial(port, tls.resolve("ca.pem"));
            assertEquals(ServedCertificate.serialIn(tls.resolve("fullchain.pem")), before);

            // Half-written files are not served: the previous certificate stays and the log says why.
            LocalService.cutShort(tls);
            log.await("The certificate files changed but have errors \\([A-Z_, ]+\\): still serving the previous "
                    + "certificate\\.").get(30, TimeUnit.SECONDS);
            assertEquals(before, ServedCertificate.serial(port, tls.resolve("ca.pem")));

            // A renewal: new files in place of the old ones.
            Path renewed = LocalService.renewInto(tls, dir.resolve("next"));
            log.await("serving the new certificate \\(valid until [^)]+\\) from the next connection on")
                    .get(30, TimeUnit.SECONDS);
            BigInteger after = ServedCertificate.serial(port, tls.resolve("ca.pem"));
            assertNotEquals(before, after);
            assertEquals(ServedCertificate.serialIn(renewed), after);
            serve.stop.countDown();
            assertEquals(0, exit.get(30, TimeUnit.SECONDS), log.toString());
        } finally {
            serve.stop.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void helpSaysARenewalIsServedWithoutARestart() {
        StringWriter out = new StringWriter();
        Cli.newCommandLine(new PrintWriter(out, true), new PrintWriter(out, true)).execute("serve", "--help");
        String help = out.toString().replaceAll("\\s+", " ");
        assertTrue(help.contains("When the certificate files are replaced (securescore acme renew into the same "
                + "folder, certbot), the new certificate is checked and served from the next connection on, without "
                + "a restart"), help);
    }
}

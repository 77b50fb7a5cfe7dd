package com.securescore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.securescore.cert.DevelopmentCertificates;
import com.securescore.testsupport.LocalService;
import com.securescore.testsupport.ServedCertificate;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A local deployment serves a renewed certificate (its files replaced) from the next connection on, no restart. */
class DeployLocalRenewalTest {
    @TempDir
    Path dir;

    /** What the deployment logs; each awaited line completes when it appears. */
    static final class Log extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final List<CompletableFuture<Void>> waits = new CopyOnWriteArrayList<>();
        private final List<Pattern> patterns = new CopyOnWriteArrayList<>();

        synchronized CompletableFuture<Void> await(String regex) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            waits.add(f);
            patterns.add(Pattern.compile(regex));
            check();
            return f;
        }

        @Override
        public synchronized void write(char[] cbuf, int off, int len) {
            text.append(cbuf, off, len);
            check();
        }

        private void check() {
            for (int i = 0; i < waits.size(); i++) {
                Matcher m = patterns.get(i).matcher(text);
                if (m.find()) {
                    waits.get(i).complete(null);
                }
            }
        }

        @Override
        public synchronized String toString() {
            return text.toString();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void aReplacedCertificateIsServedWithoutARestartAndABrokenOneIsNot() throws Exception {
        Path tls = dir.resolve("tls");
        var first = new DevelopmentCertificates().create(LocalService.HOST, 30, DevelopmentCertificates.KeyType.EC,
                tls, false);
        Log log = new Log();
        CommandLine cl = Cli.newCommandLine(new PrintWriter(log, true), new PrintWriter(log, true));
        DeployCommand deploy = cl.getSubcommands().get("deploy").getCommand();
        deploy.watchEvery = Duration.ofMillis(100);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("deploy", "--target",
                    "local", "--port", "0", "--demo-model", "--keys-file", dir.resolve("keys.json").toString(),
                    "--domain", LocalService.HOST, "--cert", tls.resolve("fullchain.pem").toString(),
                    "--key", tls.resolve("privkey.pem").toString(), "--trust", tls.resolve("ca.pem").toString()),
                    pool);
            CompletableFuture.anyOf(exit, log.await("Stop with Ctrl-C")).get(60, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)").matcher(log.toString());
            m.find();
            int port = Integer.parseInt(m.group(1));
            BigInteger before = ServedCertificate.serial(port, tls.resolve("ca.pem"));
            assertEquals(ServedCertificate.serialIn(first.files().get(1)), before);

            // Half-written or broken files are not served.
            LocalService.cutShort(tls);
            log.await("still serving the previous certificate").get(30, TimeUnit.SECONDS);
            assertEquals(before, ServedCertificate.serial(port, tls.resolve("ca.pem")));

            // A renewal: new files in place of the old ones.
            LocalService.renewInto(tls, dir.resolve("next"));
            log.await("serving the new certificate \\(valid until [^)]+\\) from the next connection on")
                    .get(30, TimeUnit.SECONDS);
            BigInteger after = ServedCertificate.serial(port, tls.resolve("ca.pem"));
            assertNotEquals(before, after);
            deploy.stop.countDown();
            assertEquals(0, exit.get(30, TimeUnit.SECONDS), log.toString());
        } finally {
            deploy.stop.countDown();
            pool.shutdownNow();
        }
    }
}

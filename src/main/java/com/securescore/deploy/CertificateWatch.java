package com.securescore.deploy;

import com.securescore.cert.CheckReport;
import com.securescore.findings.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Watches the certificate files a running service was started from (as {@code securescore acme renew}
 * or certbot replace them) and, when they change, checks them again and hands a clean result to the
 * service, which serves it from the next connection on. Files with errors (or half written) are never
 * served: the previous certificate stays and the reason is logged.
 */
public final class CertificateWatch implements AutoCloseable {
    private final Thread thread;
    private volatile boolean closed;

    private CertificateWatch(List<Path> files, Callable<CheckReport> recheck, Consumer<CheckReport> use,
            Consumer<String> log, Duration every) {
        this.thread = new Thread(() -> run(files, recheck, use, log, every), "certificate-watch");
        thread.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param files   the certificate and key files the service was started from
     * @param recheck reads and checks those files again (as at start)
     * @param use     gives a clean result to the service
     * @param log     one line per change seen
     * @param every   how often the files are looked at
     */
    public static CertificateWatch start(List<Path> files, Callable<CheckReport> recheck, Consumer<CheckReport> use,
            Consumer<String> log, Duration every) {
        CertificateWatch w = new CertificateWatch(List.copyOf(files), recheck, use, log, every);
        w.thread.start();
        return w;
    }

    private void run(List<Path> files, Callable<CheckReport> recheck, Consumer<CheckReport> use, Consumer<String> log,
            Duration every) {
        List<String> seen = stamps(files);
        while (!closed) {
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            List<String> now = stamps(files);
            if (Objects.equals(now, seen)) {
                continue;
            }
            seen = now;
            try {
                CheckReport report = recheck.call();
                if (report.ok() && report.key() != null) {
                    use.accept(report);
                    log.accept("The certificate files changed: serving the new certificate (valid until "
                            + report.leaf().getNotAfter().toInstant() + ") from the next connection on.");
                } else {
                    log.accept("The certificate files changed but have errors ("
                            + report.findings().stream().filter(Finding::isError).map(f -> f.code().name())
                                    .collect(Collectors.joining(", "))
                            + "): still serving the previous certificate.");
                }
            } catch (Exception e) {
                log.accept("The certificate files changed but could not be read (" + e.getMessage()
                        + "): still serving the previous certificate.");
            }
        }
    }

    /** What identifies each file's current content cheaply: modification time and size, or absence. */
    private static List<String> stamps(List<Path> files) {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(Files.getLastModifiedTime(f).toMillis() + "/" + Files.size(f));
            } catch (IOException e) {
                out.add("missing");
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}

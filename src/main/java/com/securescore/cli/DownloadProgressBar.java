package com.securescore.cli;

import com.securescore.model.ModelDownloader;
import com.securescore.model.ModelSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A download's progress on standard error: a bar redrawn in place on a terminal; a line every 10%
 * when the output goes to a file or a log, so logs stay readable.
 */
final class DownloadProgressBar implements ModelDownloader.Progress {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    /** Printed once the server has answered, so an offline start does not claim a download. */
    private final String header;
    private boolean headerShown;
    private long started;
    private long lastDrawn = -1;
    private int lastTenth = -1;
    private boolean finished;

    DownloadProgressBar(PrintWriter err, boolean terminal, ModelSpec spec, Path into) {
        this.err = err;
        this.terminal = terminal;
        this.header = "Downloading " + spec.title() + " (" + ModelSpec.mebibytes(spec.size()) + ", once) into "
                + into.getParent() + " ...";
    }

    @Override
    public synchronized void update(long done, long total) {
        if (finished) {
            return;
        }
        if (!headerShown) {
            headerShown = true;
            started = System.nanoTime();
            err.println(header);
        }
        long now = System.nanoTime();
        boolean complete = done >= total;
        if (terminal) {
            if (!complete && lastDrawn >= 0 && now - lastDrawn < 100_000_000L) {
                return;
            }
            lastDrawn = now;
            err.print("\r" + line(done, total, now));
            if (complete) {
                err.println();
            }
            err.flush();
        } else {
            int tenth = (int) (done * 10 / Math.max(1, total));
            if (tenth != lastTenth) {
                lastTenth = tenth;
                err.println(line(done, total, now));
                err.flush();
            }
        }
        finished = complete;
    }

    String line(long done, long total, long now) {
        double fraction = Math.min(1, done / (double) Math.max(1, total));
        int filled = (int) Math.round(fraction * WIDTH);
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = done / seconds;
        String eta = done >= total || rate <= 0 ? "" : String.format(Locale.ROOT, ", %s left",
                duration((total - done) / rate));
        return String.format(Locale.ROOT, "[%s%s] %3d%%  %s of %s  %s/s%s", "#".repeat(filled),
                " ".repeat(WIDTH - filled), Math.round(fraction * 100), ModelSpec.mebibytes(done),
                ModelSpec.mebibytes(total), ModelSpec.mebibytes((long) rate), eta);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }

    /** Standard error is a terminal (not redirected): draw in place. */
    static boolean terminal() {
        return System.console() != null;
    }
}

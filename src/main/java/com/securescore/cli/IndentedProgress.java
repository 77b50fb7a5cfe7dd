package com.securescore.cli;

import com.securescore.task.Progress;
import java.io.PrintWriter;

/** Progress on a terminal: each line indented under the heading the command printed; stages say nothing more. */
final class IndentedProgress implements Progress {
    private final PrintWriter log;

    IndentedProgress(PrintWriter log) {
        this.log = log;
    }

    @Override
    public void stage(String name, double fraction) {
        // The lines say what happens; a terminal needs no second account of it.
    }

    @Override
    public void line(String text) {
        log.println("  " + text);
        log.flush();
    }
}

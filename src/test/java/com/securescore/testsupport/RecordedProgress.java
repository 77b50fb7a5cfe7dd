package com.securescore.testsupport;

import com.securescore.task.Progress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link Progress} that keeps every stage name and log line, for tests to read what a user saw. */
public final class RecordedProgress implements Progress {
    /** Stage names in the order reported. */
    public final List<String> stages = new CopyOnWriteArrayList<>();
    /** Log lines in the order reported. */
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void stage(String name, double fraction) {
        stages.add(name);
    }

    @Override
    public void line(String text) {
        lines.add(text);
    }
}

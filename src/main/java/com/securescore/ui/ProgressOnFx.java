package com.securescore.ui;

import com.securescore.task.Progress;
import java.util.function.Consumer;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.StringProperty;

/**
 * Long work's progress, reported from its own thread, shown on the FX thread: the stage's name and
 * fraction go to two properties, log lines to a consumer (the view model's timestamped log).
 */
public final class ProgressOnFx implements Progress {
    private final BackgroundRunner runner;
    private final StringProperty stage;
    private final DoubleProperty fraction;
    private final Consumer<String> lines;

    public ProgressOnFx(BackgroundRunner runner, StringProperty stage, DoubleProperty fraction,
            Consumer<String> lines) {
        this.runner = runner;
        this.stage = stage;
        this.fraction = fraction;
        this.lines = lines;
    }

    @Override
    public void stage(String name, double value) {
        runner.post(() -> {
            stage.set(name);
            fraction.set(value);
        });
    }

    @Override
    public void line(String text) {
        runner.post(() -> lines.accept(text));
    }
}

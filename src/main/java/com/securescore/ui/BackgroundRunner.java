package com.securescore.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * Runs work off the FX thread and hands the result back on it. ViewModels take one, so tests can
 * pass {@link #DIRECT} and stay free of threads and toolkit.
 */
public interface BackgroundRunner {
    /** Runs on the calling thread; for ViewModel tests. */
    BackgroundRunner DIRECT = new BackgroundRunner() {
        @Override
        public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
            T result;
            try {
                result = work.call();
            } catch (Exception e) {
                failed.accept(e);
                return;
            }
            done.accept(result);
        }

        @Override
        public void post(Runnable update) {
            update.run();
        }
    };

    /** Runs on the application's task executor, reporting back on the FX thread. */
    BackgroundRunner FX = new BackgroundRunner() {
        @Override
        public <T> void run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed) {
            Task<T> task = new Task<>() {
                @Override
                protected T call() throws Exception {
                    return work.call();
                }
            };
            task.setOnSucceeded(e -> done.accept(task.getValue()));
            task.setOnFailed(e -> failed.accept(task.getException()));
            if (!Platform.isFxApplicationThread()) {
                throw new IllegalStateException("Start background work from the FX thread");
            }
            FxBackgroundTasks.start(task);
        }

        @Override
        public void post(Runnable update) {
            Platform.runLater(update);
        }
    };

    <T> void run(Callable<T> work, Consumer<T> done, Consumer<Throwable> failed);

    /** Runs a progress update from the background work where the UI can take it (the FX thread). */
    void post(Runnable update);
}

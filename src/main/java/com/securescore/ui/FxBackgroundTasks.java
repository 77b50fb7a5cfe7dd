package com.securescore.ui;

import com.securescore.task.BackgroundTask;
import com.securescore.task.Cancellation;
import com.securescore.task.ProgressListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;

/**
 * Runs core {@link BackgroundTask}s on the application's own executor as JavaFX {@link Task}s, so
 * steps can bind progress, messages and busy state, and Cancel really stops the work.
 */
public final class FxBackgroundTasks {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "securescore-task-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private FxBackgroundTasks() {
    }

    /** Wraps the work; start it with {@link #start(Task)} after binding to it. */
    public static <T> Task<T> wrap(BackgroundTask<T> work) {
        Cancellation cancellation = new Cancellation();
        return new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.run(new ProgressListener() {
                    @Override
                    public void progress(double done, double total) {
                        updateProgress(done, total);
                    }

                    @Override
                    public void message(String text) {
                        updateMessage(text);
                    }
                }, cancellation);
            }

            @Override
            protected void cancelled() {
                cancellation.cancel();
            }
        };
    }

    public static <T> Task<T> start(Task<T> task) {
        EXECUTOR.execute(task);
        return task;
    }
}

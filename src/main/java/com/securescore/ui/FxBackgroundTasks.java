package com.securescore.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;

/**
 * The application's own executor for background work (reading and checking certificates, scoring),
 * with daemon threads so an open wizard never keeps the JVM alive after its window closes.
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

    public static <T> Task<T> start(Task<T> task) {
        EXECUTOR.execute(task);
        return task;
    }
}

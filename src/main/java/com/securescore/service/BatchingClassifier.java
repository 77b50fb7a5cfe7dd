package com.securescore.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-side batching, as TensorFlow Serving does it: single-image calls that arrive together go
 * through the model in one run. Each call decodes and prepares its own images on its own thread
 * (so decoding stays parallel and a bad image fails only its own call); one batching thread takes
 * what is waiting, up to {@code maxImages}, waiting at most {@code maxWait} for more once it has
 * one, runs the model once and hands each call its own rows. With a wait of zero nothing is ever
 * held back: calls that queued while the model was busy form the next batch, and a lone call runs
 * at once. Models that are not {@link TensorModel}s, and {@code maxImages} of 1, are not batched.
 */
public final class BatchingClassifier implements ImageClassifier, AutoCloseable {
    /** One call's prepared images, and where its rows go. */
    private record Pending(float[][] slices, CompletableFuture<float[][]> result) {
    }

    private static final Pending STOP = new Pending(new float[0][], null);

    private final ImageClassifier model;
    private final TensorModel tensors;
    private final int maxImages;
    private final long maxWaitNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread batcher;
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong images = new AtomicLong();

    public BatchingClassifier(ImageClassifier model, int maxImages, Duration maxWait) {
        if (maxImages < 1) {
            throw new IllegalArgumentException("a batch holds at least one image, not " + maxImages);
        }
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the batch wait cannot be negative: " + maxWait);
        }
        this.model = model;
        this.tensors = maxImages > 1 ? model.tensorModel() : null;
        this.maxImages = maxImages;
        this.maxWaitNanos = maxWait.toNanos();
        if (tensors == null) {
            batcher = null;
            return;
        }
        batcher = new Thread(this::batchLoop, "model-batcher");
        batcher.setDaemon(true);
        batcher.start();
    }

    /** Whether calls are really gathered (the model has per-image tensors and batches hold more than one). */
    public boolean batches() {
        return batcher != null;
    }

    public int maxImages() {
        return maxImages;
    }

    public Duration maxWait() {
        return Duration.ofNanos(maxWaitNanos);
    }

    /** Model runs and images scored so far: their ratio is the mean batch size. */
    public long runs() {
        return runs.get();
    }

    public long images() {
        return images.get();
    }

    @Override
    public List<String> labels() {
        return model.labels();
    }

    @Override
    public String source() {
        return model.source();
    }

    @Override
    public TensorModel tensorModel() {
        return tensors;
    }

    @Override
    public float[][] classify(List<byte[]> encodedImages) throws UndecodableImageException {
        try {
            return submit(encodedImages).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UndecodableImageException u) {
                throw u;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Scores one call's images; the future completes when its batch has run, with this call's rows
     * only, or fails with {@link UndecodableImageException} (this call's index) or the model's error.
     * Decoding happens here, on the caller's thread.
     */
    public CompletableFuture<float[][]> submit(List<byte[]> encodedImages) {
        if (batcher == null) {
            try {
                float[][] rows = model.classify(encodedImages);
                runs.incrementAndGet();
                images.addAndGet(encodedImages.size());
                return CompletableFuture.completedFuture(rows);
            } catch (UndecodableImageException | RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        }
        float[][] slices = new float[encodedImages.size()][];
        try {
            for (int i = 0; i < slices.length; i++) {
                slices[i] = tensors.prepare(i, encodedImages.get(i));
            }
        } catch (UndecodableImageException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<float[][]> result = new CompletableFuture<>();
        queue.add(new Pending(slices, result));
        return result;
    }

    private void batchLoop() {
        Pending carried = null;
        try {
            while (true) {
                Pending first = carried != null ? carried : queue.take();
                carried = null;
                if (first == STOP) {
                    return;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                int count = first.slices().length;
                long deadline = System.nanoTime() + maxWaitNanos;
                while (count < maxImages) {
                    long left = deadline - System.nanoTime();
                    Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (next == STOP || count + next.slices().length > maxImages) {
                        carried = next;
                        break;
                    }
                    batch.add(next);
                    count += next.slices().length;
                }
                run(batch, count);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failAll(carried);
        }
    }

    private void run(List<Pending> batch, int count) {
        int size = batch.get(0).slices().length == 0 ? 0 : batch.get(0).slices()[0].length;
        float[] inputs = new float[count * size];
        int at = 0;
        for (Pending p : batch) {
            for (float[] slice : p.slices()) {
                System.arraycopy(slice, 0, inputs, at, size);
                at += size;
            }
        }
        float[][] rows;
        try {
            rows = tensors.run(inputs, count);
            if (rows.length != count) {
                throw new IllegalStateException("the model answered " + rows.length + " rows for " + count + " images");
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        }
        runs.incrementAndGet();
        images.addAndGet(count);
        int row = 0;
        for (Pending p : batch) {
            float[][] own = new float[p.slices().length][];
            for (int i = 0; i < own.length; i++) {
                own[i] = rows[row++];
            }
            p.result().complete(own);
        }
    }

    private void failAll(Pending carried) {
        IllegalStateException stopped = new IllegalStateException("the service is stopping");
        if (carried != null && carried != STOP) {
            carried.result().completeExceptionally(stopped);
        }
        for (Pending p; (p = queue.poll()) != null; ) {
            if (p != STOP) {
                p.result().completeExceptionally(stopped);
            }
        }
    }

    /** Stops the batching thread once the calls already queued have run; the model stays its owner's to close. */
    @Override
    public void close() throws InterruptedException {
        if (batcher != null) {
            queue.add(STOP);
            batcher.join(TimeUnit.SECONDS.toMillis(10));
        }
    }
}

package com.securescore.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-side batching, as TensorFlow Serving does it: single-image calls that arrive together go
 * through the model in one run. Each call decodes and prepares its own images on its own thread
 * (so decoding stays parallel and a bad image fails only its own call); one batching thread takes
 * what is waiting, up to {@code maxImages}, waiting at most {@code maxWait} for more once it has
 * one, runs the model once and hands each call its own rows. With a wait of zero nothing is ever
 * held back: calls that queued while the model was busy form the next batch, and a lone call runs
 * at once. Models that are not {@link TensorModel}s, and {@code maxImages} of 1, are not batched.
 *
 * <p>Up to {@code runners} batches run at once, each on its own batching thread ({@link
 * #defaultRunners()}: one per core). With a single runner, every model run waited for the one
 * before it: on two cores a ResNet-50-sized model served 16 callers at 23 images/s batched against
 * 40 unbatched, since ONNX Runtime's one run does not use both cores as well as two runs side by
 * side do (decision 0014).
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
    private final List<Thread> batchers = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong images = new AtomicLong();

    /** {@link #defaultRunners()} batches at once: what {@code serve} and {@code bench} use. */
    public BatchingClassifier(ImageClassifier model, int maxImages, Duration maxWait) {
        this(model, maxImages, maxWait, defaultRunners());
    }

    /** One batch at a time for each core. */
    public static int defaultRunners() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param runners how many batches may run through the model at once (each on its own thread)
     */
    public BatchingClassifier(ImageClassifier model, int maxImages, Duration maxWait, int runners) {
        if (runners < 1) {
            throw new IllegalArgumentException("at least one batch runs at a time, not " + runners);
        }
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
            return;
        }
        running.set(runners);
        for (int i = 0; i < runners; i++) {
            Thread batcher = new Thread(this::batchLoop, "model-batcher-" + (i + 1));
            batcher.setDaemon(true);
            batcher.start();
            batchers.add(batcher);
        }
    }

    /** Whether calls are really gathered (the model has per-image tensors and batches hold more than one). */
    public boolean batches() {
        return !batchers.isEmpty();
    }

    /** How many batches may run through the model at once. */
    public int runners() {
        return batchers.size();
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
        if (batchers.isEmpty()) {
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
        if (running.get() == 0) {
            failQueued(); // Closed: no runner is left to take it.
        }
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

    /** A runner stops: its carried call fails; the last runner to stop fails whatever is still queued. */
    private void failAll(Pending carried) {
        IllegalStateException stopped = new IllegalStateException("the service is stopping");
        if (carried != null && carried != STOP) {
            carried.result().completeExceptionally(stopped);
        }
        if (running.decrementAndGet() > 0) {
            return; // The STOPs still queued are the other runners'.
        }
        failQueued();
    }

    private void failQueued() {
        IllegalStateException stopped = new IllegalStateException("the service is stopping");
        for (Pending p; (p = queue.poll()) != null; ) {
            if (p != STOP) {
                p.result().completeExceptionally(stopped);
            }
        }
    }

    /** Stops the batching threads once the calls already queued have run; the model stays its owner's to close. */
    @Override
    public void close() throws InterruptedException {
        batchers.forEach(b -> queue.add(STOP));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        for (Thread b : batchers) {
            b.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }
}

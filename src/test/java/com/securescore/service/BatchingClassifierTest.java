package com.securescore.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.securescore.scoring.Labels;
import com.securescore.testsupport.LocalService;
import java.awt.Color;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Calls gathered into one model run each get their own rows back, never a neighbour's. */
class BatchingClassifierTest {
    /**
     * Each "image" is one byte, its value; a row of scores is {value, -value}. The first run waits
     * until the test lets it go, so the calls submitted meanwhile are all waiting for the next run.
     */
    static final class GatedModel implements ImageClassifier, TensorModel {
        final CountDownLatch firstRunEntered = new CountDownLatch(1);
        final CountDownLatch releaseFirstRun = new CountDownLatch(1);
        final List<Integer> runSizes = new CopyOnWriteArrayList<>();

        @Override
        public List<String> labels() {
            return List.of("value", "negated");
        }

        @Override
        public String source() {
            return "gated test model";
        }

        @Override
        public float[][] classify(List<byte[]> encodedImages) {
            throw new AssertionError("a batching classifier runs the tensor model, not classify");
        }

        @Override
        public TensorModel tensorModel() {
            return this;
        }

        @Override
        public float[] prepare(int index, byte[] encodedImage) throws UndecodableImageException {
            if (encodedImage.length != 1) {
                throw new UndecodableImageException(index, "not a one-byte test image");
            }
            return new float[] {encodedImage[0], 0};
        }

        @Override
        public float[][] run(float[] inputs, int images) {
            runSizes.add(images);
            if (runSizes.size() == 1) {
                firstRunEntered.countDown();
                try {
                    releaseFirstRun.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            float[][] rows = new float[images][];
            for (int i = 0; i < images; i++) {
                rows[i] = new float[] {inputs[2 * i], -inputs[2 * i]};
            }
            return rows;
        }
    }

    @Test
    void withTwoRunnersACallDoesNotWaitForABatchStillRunningAndAllStopCleanly() throws Exception {
        GatedModel model = new GatedModel();
        BatchingClassifier batching = new BatchingClassifier(model, 64, Duration.ZERO, 2);
        CompletableFuture<float[][]> first = batching.submit(List.of(new byte[] {1}));
        model.firstRunEntered.await();
        // The first run is held; the second runner takes the next call and answers it meanwhile.
        float[][] second = batching.submit(List.of(new byte[] {7})).get(30, TimeUnit.SECONDS);
        assertArrayEquals(new float[] {7, -7}, second[0]);
        assertFalse(first.isDone(), "the first call is still in its held run");
        model.releaseFirstRun.countDown();
        assertArrayEquals(new float[] {1, -1}, first.join()[0]);
        batching.close();
        // Both runners stopped; a call after that fails at once instead of waiting for nobody.
        CompletableFuture<float[][]> late = batching.submit(List.of(new byte[] {3}));
        assertThrows(ExecutionException.class,
                () -> late.get(30, TimeUnit.SECONDS));
    }

    @Test
    void callsWaitingTogetherRunAsOneBatchAndEachGetsItsOwnRows() throws Exception {
        GatedModel model = new GatedModel();
        try (BatchingClassifier batching = new BatchingClassifier(model, 64, Duration.ZERO, 1)) {
            assertTrue(batching.batches());
            CompletableFuture<float[][]> first = batching.submit(List.of(new byte[] {1}));
            model.firstRunEntered.await();
            // While the model is busy: 20 calls of one to three images each, all different values.
            List<CompletableFuture<float[][]>> calls = new ArrayList<>();
            List<byte[][]> sent = new ArrayList<>();
            int value = 10;
            for (int call = 0; call < 20; call++) {
                byte[][] images = new byte[1 + call % 3][];
                for (int i = 0; i < images.length; i++) {
                    images[i] = new byte[] {(byte) value++};
                }
                sent.add(images);
                calls.add(batching.submit(List.of(images)));
            }
            model.releaseFirstRun.countDown();
            assertArrayEquals(new float[] {1, -1}, first.join()[0]);
            for (int call = 0; call < calls.size(); call++) {
                float[][] rows = calls.get(call).join();
                assertEquals(sent.get(call).length, rows.length, "call " + call + " gets one row per image it sent");
                for (int i = 0; i < rows.length; i++) {
                    float v = sent.get(call)[i][0];
                    assertArrayEquals(new float[] {v, -v}, rows[i], "call " + call + ", image " + i);
                }
            }
            int imagesWaiting = sent.stream().mapToInt(s -> s.length).sum();
            assertEquals(List.of(1, imagesWaiting), model.runSizes, "the 20 waiting calls ran as one batch");
            assertEquals(2, batching.runs());
            assertEquals(1 + imagesWaiting, batching.images());
        }
    }

    @Test
    void aBatchNeverHoldsMoreThanItsMaximumAndACallIsNeverSplit() throws Exception {
        GatedModel model = new GatedModel();
        try (BatchingClassifier batching = new BatchingClassifier(model, 4, Duration.ZERO, 1)) {
            CompletableFuture<float[][]> first = batching.submit(List.of(new byte[] {1}));
            model.firstRunEntered.await();
            List<CompletableFuture<float[][]>> calls = new ArrayList<>();
            for (int call = 0; call < 5; call++) {
                calls.add(batching.submit(List.of(new byte[] {(byte) (20 + call)}, new byte[] {(byte) (40 + call)},
                        new byte[] {(byte) (60 + call)})));
            }
            model.releaseFirstRun.countDown();
            first.join();
            for (int call = 0; call < calls.size(); call++) {
                float[][] rows = calls.get(call).join();
                assertEquals(20 + call, rows[0][0]);
                assertEquals(40 + call, rows[1][0]);
                assertEquals(60 + call, rows[2][0]);
            }
            assertEquals(List.of(1, 3, 3, 3, 3, 3), model.runSizes, "three images fit a batch of four once");
        }
    }

    @Test
    void anUndecodableImageFailsOnlyItsOwnCallWithItsOwnIndex() throws Exception {
        GatedModel model = new GatedModel();
        try (BatchingClassifier batching = new BatchingClassifier(model, 64, Duration.ZERO, 1)) {
            CompletableFuture<float[][]> first = batching.submit(List.of(new byte[] {1}));
            model.firstRunEntered.await();
            CompletableFuture<float[][]> good = batching.submit(List.of(new byte[] {7}));
            CompletableFuture<float[][]> bad = batching.submit(List.of(new byte[] {8}, new byte[] {1, 2}));
            model.releaseFirstRun.countDown();
            first.join();
            assertEquals(7, good.join()[0][0]);
            CompletionException e = assertThrows(CompletionException.class, bad::join);
            var undecodable = assertInstanceOf(ImageClassifier.UndecodableImageException.class, e.getCause());
            assertEquals(1, undecodable.index());
        }
    }

    @Test
    void aBatchOfOneOrAModelWithoutTensorsIsNotBatched() throws Exception {
        try (BatchingClassifier off = new BatchingClassifier(new GatedModel(), 1, Duration.ZERO);
             BatchingClassifier noTensors = new BatchingClassifier(new NoOpClassifier(Labels.demo()), 32,
                     Duration.ofMillis(5))) {
            assertFalse(off.batches());
            assertFalse(noTensors.batches());
            assertEquals(2, noTensors.classify(List.of(new byte[1], new byte[1])).length);
        }
    }

    @Test
    void theDemoModelBatchedScoresEachImageAsItDoesAlone() throws Exception {
        DemoClassifier demo = new DemoClassifier();
        try (BatchingClassifier batching = new BatchingClassifier(demo, 32, Duration.ofMillis(1))) {
            Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE, Color.DARK_GRAY};
            List<CompletableFuture<float[][]>> calls = new ArrayList<>();
            List<byte[]> images = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                images.add(LocalService.png(colours[i % colours.length], 8 + i));
            }
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                CompletableFuture<float[][]> f = new CompletableFuture<>();
                calls.add(f);
                byte[] image = images.get(i);
                Thread t = new Thread(() -> batching.submit(List.of(image)).whenComplete((r, e) -> {
                    if (e != null) {
                        f.completeExceptionally(e);
                    } else {
                        f.complete(r);
                    }
                }));
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            for (int i = 0; i < images.size(); i++) {
                float[] alone = demo.classify(List.of(images.get(i)))[0];
                float[] batched = calls.get(i).join()[0];
                for (int c = 0; c < alone.length; c++) {
                    assertEquals(alone[c], batched[c], 1e-5, "image " + i + ", class " + c);
                }
            }
        } finally {
            demo.close();
        }
    }
}

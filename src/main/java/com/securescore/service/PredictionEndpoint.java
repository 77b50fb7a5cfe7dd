package com.securescore.service;

import com.google.protobuf.ByteString;
import com.securescore.scoring.PredictMessages;
import com.securescore.scoring.proto.DataType;
import com.securescore.scoring.proto.PredictRequest;
import com.securescore.scoring.proto.PredictResponse;
import com.securescore.scoring.proto.PredictionServiceGrpc;
import com.securescore.scoring.proto.TensorProto;
import com.securescore.scoring.proto.TensorShapeProto;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code tensorflow.serving.PredictionService/Predict} exactly as the FPGA image service answers it:
 * input {@code images} (DT_STRING, shape [N], encoded files) in, output {@code output_alias}
 * (DT_FLOAT, shape [N, C], in float_val) out.
 */
final class PredictionEndpoint extends PredictionServiceGrpc.PredictionServiceImplBase {
    static final String INPUT = PredictMessages.INPUT;
    static final String OUTPUT = PredictMessages.OUTPUT;
    /**
     * An extra output beside the scores: where they and their class names come from (one string).
     * Clients that read only {@code output_alias} are unaffected.
     */
    static final String LABELS_SOURCE = PredictMessages.LABELS_SOURCE;

    private final ImageClassifier model;
    private final ServiceStats stats;

    private final TensorProto labelsSource;

    PredictionEndpoint(ImageClassifier model, ServiceStats stats) {
        this.model = model;
        this.stats = stats;
        this.labelsSource = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(1)))
                .addStringVal(ByteString.copyFromUtf8(model.source())).build();
    }

    @Override
    public void predict(PredictRequest request, StreamObserver<PredictResponse> response) {
        long start = System.nanoTime();
        TensorProto input = request.getInputsMap().get(INPUT);
        if (input == null) {
            fail(response, start, Status.INVALID_ARGUMENT.withDescription("missing input \"" + INPUT + "\": expected "
                    + "a DT_STRING tensor of shape [N] holding the encoded image files; got inputs "
                    + request.getInputsMap().keySet()));
            return;
        }
        if (input.getDtype() != DataType.DT_STRING || input.getStringValCount() == 0) {
            fail(response, start, Status.INVALID_ARGUMENT.withDescription("input \"" + INPUT + "\" must be DT_STRING "
                    + "with at least one encoded image in string_val; got " + input.getDtype() + " with "
                    + input.getStringValCount() + " values"));
            return;
        }
        List<byte[]> images = new ArrayList<>(input.getStringValCount());
        for (ByteString b : input.getStringValList()) {
            images.add(b.toByteArray());
        }
        CompletableFuture<float[][]> scores;
        if (model instanceof BatchingClassifier batching) {
            // Answered when its batch has run; no gRPC thread waits for the model meanwhile.
            scores = batching.submit(images);
        } else {
            try {
                scores = CompletableFuture.completedFuture(model.classify(images));
            } catch (ImageClassifier.UndecodableImageException | RuntimeException e) {
                scores = CompletableFuture.failedFuture(e);
            }
        }
        scores.whenComplete((rows, e) -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            if (cause instanceof ImageClassifier.UndecodableImageException u) {
                fail(response, start, Status.INVALID_ARGUMENT.withDescription(u.getMessage()));
            } else if (cause != null) {
                fail(response, start, Status.INTERNAL.withDescription("the model failed: " + cause.getMessage()));
            } else {
                answer(response, start, rows, images.size());
            }
        });
    }

    private void answer(StreamObserver<PredictResponse> response, long start, float[][] scores, int images) {
        int classes = model.labels().size();
        TensorProto.Builder out = TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(images))
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(classes)));
        for (float[] row : scores) {
            for (float v : row) {
                out.addFloatVal(v);
            }
        }
        response.onNext(PredictResponse.newBuilder().putOutputs(OUTPUT, out.build())
                .putOutputs(LABELS_SOURCE, labelsSource).build());
        response.onCompleted();
        stats.request(System.nanoTime() - start, true);
    }

    private void fail(StreamObserver<PredictResponse> response, long start, Status status) {
        stats.request(System.nanoTime() - start, false);
        response.onError(status.asRuntimeException());
    }
}

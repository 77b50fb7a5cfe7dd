package com.securescore.scoring;

import com.google.protobuf.ByteString;
import com.securescore.findings.FindingCode;
import com.securescore.scoring.proto.DataType;
import com.securescore.scoring.proto.PredictRequest;
import com.securescore.scoring.proto.PredictResponse;
import com.securescore.scoring.proto.TensorProto;
import com.securescore.scoring.proto.TensorShapeProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/** Builds requests and reads responses exactly as the FPGA service's reference clients do. */
public final class PredictMessages {
    public static final String INPUT = "images";
    public static final String OUTPUT = "output_alias";
    /** SecureScore's extra output: one string saying where the scores and their class names come from. */
    public static final String LABELS_SOURCE = "labels_source";

    private PredictMessages() {
    }

    /** {@code inputs["images"]}: DT_STRING, shape [N], the encoded files unchanged; no model_spec. */
    public static PredictRequest request(List<byte[]> encodedImages) {
        TensorProto.Builder t = TensorProto.newBuilder().setDtype(DataType.DT_STRING)
                .setTensorShape(TensorShapeProto.newBuilder()
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(encodedImages.size())));
        for (byte[] image : encodedImages) {
            t.addStringVal(ByteString.copyFrom(image));
        }
        return PredictRequest.newBuilder().putInputs(INPUT, t.build()).build();
    }

    /**
     * The [N, C] scores of {@code output_alias}, whether the service put them in float_val,
     * in tensor_content (little-endian floats), or as a single float_val broadcast over the shape.
     */
    public static float[][] scores(PredictResponse response, int images) throws ScoringException {
        TensorProto t = response.getOutputsMap().get(OUTPUT);
        if (t == null) {
            throw new ScoringException(FindingCode.BAD_RESPONSE, "The service answered without \"" + OUTPUT + "\" (it sent "
                    + response.getOutputsMap().keySet() + ").", "Check that the endpoint is an FPGA-protocol image "
                    + "service.", null);
        }
        int n = images;
        int c;
        if (t.getTensorShape().getDimCount() == 2) {
            n = (int) t.getTensorShape().getDim(0).getSize();
            c = (int) t.getTensorShape().getDim(1).getSize();
        } else {
            int total = t.getFloatValCount() > 0 ? t.getFloatValCount() : t.getTensorContent().size() / 4;
            c = images == 0 ? 0 : total / images;
        }
        float[][] out = new float[n][c];
        if (t.getFloatValCount() == 1 && n * c > 1) {
            for (float[] row : out) {
                Arrays.fill(row, t.getFloatVal(0));
            }
        } else if (t.getFloatValCount() > 0) {
            check(t.getFloatValCount(), n, c);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    out[i][j] = t.getFloatVal(i * c + j);
                }
            }
        } else {
            ByteBuffer b = t.getTensorContent().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            check(b.remaining() / 4, n, c);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < c; j++) {
                    out[i][j] = b.getFloat();
                }
            }
        }
        return out;
    }

    private static void check(int values, int n, int c) throws ScoringException {
        if (values != n * c) {
            throw new ScoringException(FindingCode.BAD_RESPONSE, "The service sent " + values + " scores for a [" + n + ", " + c
                    + "] result.", "Check the service's model configuration.", null);
        }
    }

    /** The service's {@value #LABELS_SOURCE} output, or null when it sends none (other services). */
    public static String labelsSource(PredictResponse response) {
        TensorProto t = response.getOutputsMap().get(LABELS_SOURCE);
        return t == null || t.getStringValCount() == 0 ? null : t.getStringVal(0).toStringUtf8();
    }
}

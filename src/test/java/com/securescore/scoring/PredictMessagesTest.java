package com.securescore.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import com.securescore.scoring.proto.DataType;
import com.securescore.scoring.proto.PredictResponse;
import com.securescore.scoring.proto.TensorProto;
import com.securescore.scoring.proto.TensorShapeProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictMessagesTest {
    @Test
    void requestMatchesTheProtocolsWireTestVectorByteForByte() {
        byte[] expected = HexFormat.of().parseHex(
                "12170a06696d6167657312 0d08071204120208014203616263".replace(" ", ""));
        assertArrayEquals(expected, PredictMessages.request(List.of("abc".getBytes())).toByteArray());
    }

    private static PredictResponse response(TensorProto.Builder t) {
        return PredictResponse.newBuilder().putOutputs("output_alias", t.setDtype(DataType.DT_FLOAT)
                .setTensorShape(TensorShapeProto.newBuilder().addDim(TensorShapeProto.Dim.newBuilder().setSize(2))
                        .addDim(TensorShapeProto.Dim.newBuilder().setSize(3))).build()).build();
    }

    @Test
    void readsScoresFromFloatValTensorContentOrABroadcastValue() throws Exception {
        float[][] expected = {{0.1f, 0.2f, 0.7f}, {0.6f, 0.3f, 0.1f}};
        TensorProto.Builder fv = TensorProto.newBuilder();
        for (float[] row : expected) {
            for (float v : row) {
                fv.addFloatVal(v);
            }
        }
        assertArrayEquals(expected, PredictMessages.scores(response(fv), 2));
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : expected) {
            for (float v : row) {
                b.putFloat(v);
            }
        }
        assertArrayEquals(expected, PredictMessages.scores(response(TensorProto.newBuilder()
                .setTensorContent(ByteString.copyFrom(b.array()))), 2));
        float[][] broadcast = PredictMessages.scores(response(TensorProto.newBuilder().addFloatVal(0.5f)), 2);
        assertEquals(0.5f, broadcast[1][2]);
    }
}

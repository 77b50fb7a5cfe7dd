package com.securescore.testsupport;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * A tiny real ONNX model written byte by byte from onnx.proto's field numbers: it takes an image
 * batch [N, 3, H, W] and answers each channel's mean, [N, 3] (GlobalAveragePool, then Flatten).
 * With mean 0 and std 1 preprocessing, a red image scores highest on class 0.
 */
public final class TinyOnnx {
    private TinyOnnx() {
    }

    public static byte[] channelMeans(int size) {
        byte[] graph = message(g -> {
            bytes(g, 1, node("data", "pooled", "pool", "GlobalAveragePool"));
            bytes(g, 1, node("pooled", "scores", "flatten", "Flatten"));
            string(g, 2, "channel-means");
            bytes(g, 11, valueInfo("data", new Object[] {"N", 3L, (long) size, (long) size}));
            bytes(g, 12, valueInfo("scores", new Object[] {"N", 3L}));
        });
        return message(m -> {
            int64(m, 1, 7);
            string(m, 2, "securescore-tests");
            bytes(m, 7, graph);
            bytes(m, 8, message(o -> {
                string(o, 1, "");
                int64(o, 2, 13);
            }));
        });
    }

    private static byte[] node(String in, String out, String name, String op) {
        return message(n -> {
            string(n, 1, in);
            string(n, 2, out);
            string(n, 3, name);
            string(n, 4, op);
        });
    }

    private static byte[] valueInfo(String name, Object[] dims) {
        byte[] shape = message(s -> {
            for (Object d : dims) {
                bytes(s, 1, message(dim -> {
                    if (d instanceof Long v) {
                        int64(dim, 1, v);
                    } else {
                        string(dim, 2, (String) d);
                    }
                }));
            }
        });
        byte[] tensor = message(t -> {
            int64(t, 1, 1); // elem_type FLOAT
            bytes(t, 2, shape);
        });
        return message(v -> {
            string(v, 1, name);
            bytes(v, 2, message(type -> bytes(type, 1, tensor)));
        });
    }

    private interface Writer {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Consumer<CodedOutputStream> body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        body.accept(out);
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    private static void run(Writer w, CodedOutputStream out) {
        try {
            w.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void string(CodedOutputStream out, int field, String value) {
        run(o -> o.writeString(field, value), out);
    }

    private static void int64(CodedOutputStream out, int field, long value) {
        run(o -> o.writeInt64(field, value), out);
    }

    private static void bytes(CodedOutputStream out, int field, byte[] value) {
        run(o -> o.writeBytes(field, ByteString.copyFrom(value)), out);
    }
}

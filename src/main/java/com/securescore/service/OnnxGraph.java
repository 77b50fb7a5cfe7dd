package com.securescore.service;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes small ONNX models straight from onnx.proto's field numbers, so SecureScore can make its
 * own models (the demo model, test models) without an ONNX library. Float tensors only.
 */
public final class OnnxGraph {
    /** A node attribute: an integer, a list of integers or a float. */
    public record Attr(String name, Long i, long[] ints, Float f) {
        public static Attr i(String name, long value) {
            return new Attr(name, value, null, null);
        }

        public static Attr ints(String name, long... values) {
            return new Attr(name, null, values, null);
        }

        public static Attr f(String name, float value) {
            return new Attr(name, null, null, value);
        }
    }

    private final String name;
    private final List<byte[]> nodes = new ArrayList<>();
    private final List<byte[]> initializers = new ArrayList<>();
    private final List<byte[]> inputs = new ArrayList<>();
    private final List<byte[]> outputs = new ArrayList<>();

    public OnnxGraph(String name) {
        this.name = name;
    }

    /** A float input; each dimension is a size (Number) or a symbolic name (String, e.g. "N"). */
    public OnnxGraph input(String tensor, Object... dims) {
        inputs.add(valueInfo(tensor, dims));
        return this;
    }

    /** A float output, dimensions as for {@link #input}. */
    public OnnxGraph output(String tensor, Object... dims) {
        outputs.add(valueInfo(tensor, dims));
        return this;
    }

    /** A constant float tensor (weights), row-major. */
    public OnnxGraph constant(String tensor, long[] dims, float[] values) {
        initializers.add(message(t -> {
            for (long d : dims) {
                t.writeInt64(1, d);
            }
            t.writeInt32(2, 1); // FLOAT
            t.writeString(8, tensor);
            byte[] raw = new byte[values.length * 4];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
            t.writeBytes(9, ByteString.copyFrom(raw));
        }));
        return this;
    }

    /** One operator, e.g. {@code node("Conv", List.of("x", "w"), "y")}. */
    public OnnxGraph node(String op, List<String> in, String out, Attr... attrs) {
        int index = nodes.size();
        nodes.add(message(n -> {
            for (String i : in) {
                n.writeString(1, i);
            }
            n.writeString(2, out);
            n.writeString(3, op.toLowerCase(Locale.ROOT) + "_" + index);
            n.writeString(4, op);
            for (Attr a : attrs) {
                n.writeBytes(5, ByteString.copyFrom(attribute(a)));
            }
        }));
        return this;
    }

    /** The mean over height and width of each channel: [N, C, H, W] to [N, C]. */
    public OnnxGraph spatialMean(String in, String out) {
        return node("GlobalAveragePool", List.of(in), out + "_pool").node("Flatten", List.of(out + "_pool"), out);
    }

    /** The model file's bytes (IR version 7, the given default-domain opset). */
    public byte[] toBytes(String producer, long opset) {
        byte[] graph = message(g -> {
            for (byte[] n : nodes) {
                g.writeBytes(1, ByteString.copyFrom(n));
            }
            g.writeString(2, name);
            for (byte[] t : initializers) {
                g.writeBytes(5, ByteString.copyFrom(t));
            }
            for (byte[] v : inputs) {
                g.writeBytes(11, ByteString.copyFrom(v));
            }
            for (byte[] v : outputs) {
                g.writeBytes(12, ByteString.copyFrom(v));
            }
        });
        return message(m -> {
            m.writeInt64(1, 7);
            m.writeString(2, producer);
            m.writeBytes(7, ByteString.copyFrom(graph));
            m.writeBytes(8, ByteString.copyFrom(message(o -> {
                o.writeString(1, "");
                o.writeInt64(2, opset);
            })));
        });
    }

    private static byte[] attribute(Attr a) {
        return message(out -> {
            out.writeString(1, a.name());
            if (a.i() != null) {
                out.writeInt64(3, a.i());
                out.writeInt32(20, 2); // INT
            } else if (a.ints() != null) {
                for (long v : a.ints()) {
                    out.writeInt64(8, v);
                }
                out.writeInt32(20, 7); // INTS
            } else {
                out.writeFloat(2, a.f());
                out.writeInt32(20, 1); // FLOAT
            }
        });
    }

    private static byte[] valueInfo(String tensor, Object[] dims) {
        byte[] shape = message(s -> {
            for (Object d : dims) {
                s.writeBytes(1, ByteString.copyFrom(message(dim -> {
                    if (d instanceof Number n) {
                        dim.writeInt64(1, n.longValue());
                    } else {
                        dim.writeString(2, d.toString());
                    }
                })));
            }
        });
        byte[] type = message(t -> {
            t.writeInt32(1, 1); // elem_type FLOAT
            t.writeBytes(2, ByteString.copyFrom(shape));
        });
        return message(v -> {
            v.writeString(1, tensor);
            v.writeBytes(2, ByteString.copyFrom(message(tp -> tp.writeBytes(1, ByteString.copyFrom(type)))));
        });
    }

    private interface Body {
        void write(CodedOutputStream out) throws IOException;
    }

    private static byte[] message(Body body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(buf);
        try {
            body.write(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }
}

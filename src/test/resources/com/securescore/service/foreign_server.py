# A Predict server on another gRPC stack: Python grpcio (gRPC C core, BoringSSL), answering like a
# TensorFlow Serving ResNet service: output_alias as raw little-endian floats in tensor_content,
# shape [N, 1000], class 207 highest; no labels_source. Wire bytes by hand, from PROTOCOL.md.
# Usage: foreign_server.py CHAIN.pem KEY.pem EXPECTED_KEY   (prints the port, then serves until stdin closes)
import sys, struct, grpc
from concurrent import futures

def varint(n):
    out = b""
    while True:
        b = n & 0x7F; n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n: return out

def field(num, wire, payload):
    return varint((num << 3) | wire) + (varint(len(payload)) + payload if wire == 2 else payload)

def count_images(request):
    # PredictRequest.inputs (2) -> entry value (2) -> TensorProto.string_val (8): count the records.
    def fields(buf):
        i = 0
        while i < len(buf):
            key = 0; shift = 0
            while True:
                b = buf[i]; i += 1; key |= (b & 0x7F) << shift; shift += 7
                if b < 0x80: break
            wire = key & 7
            if wire == 0:
                while buf[i] & 0x80: i += 1
                i += 1; yield key >> 3, None
            else:
                l = 0; shift = 0
                while True:
                    b = buf[i]; i += 1; l |= (b & 0x7F) << shift; shift += 7
                    if b < 0x80: break
                yield key >> 3, buf[i:i + l]; i += l
    n = 0
    for num, entry in fields(request):
        if num == 2:
            for enum, value in fields(entry):
                if enum == 2:
                    n += sum(1 for tnum, _ in fields(value) if tnum == 8)
    return n

def predict(request, context):
    key = dict(context.invocation_metadata()).get("authorization", "")
    if key.removeprefix("Bearer ") != sys.argv[3]:
        context.abort(grpc.StatusCode.UNAUTHENTICATED, "wrong key")
    n = max(1, count_images(request))
    row = [0.0] * 1000
    row[207] = 5.0
    row[208] = 3.0
    content = struct.pack("<%df" % (1000 * n), *(row * n))
    shape = field(2, 2, field(1, 0, varint(n))) + field(2, 2, field(1, 0, varint(1000)))
    tensor = field(1, 0, varint(1)) + field(2, 2, shape) + field(4, 2, content)
    return field(1, 2, field(1, 2, b"output_alias") + field(2, 2, tensor))

handler = grpc.method_handlers_generic_handler("tensorflow.serving.PredictionService", {
    "Predict": grpc.unary_unary_rpc_method_handler(predict, request_deserializer=lambda b: b,
                                                   response_serializer=lambda b: b)})
server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
server.add_generic_rpc_handlers((handler,))
creds = grpc.ssl_server_credentials([(open(sys.argv[2], "rb").read(), open(sys.argv[1], "rb").read())])
port = server.add_secure_port("127.0.0.1:0", creds)
server.start()
print(port, flush=True)
sys.stdin.read()
server.stop(0)

# A client no one on the team wrote the stack of: Python grpcio (gRPC C core, BoringSSL). The request
# bytes are encoded by hand from PROTOCOL.md, not from our .proto; the answer is decoded the same way.
import sys, struct, json, grpc

def varint(n):
    out = b""
    while True:
        b = n & 0x7F; n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n: return out

def field(num, wire, payload):
    key = varint((num << 3) | wire)
    return key + (varint(len(payload)) + payload if wire == 2 else payload)

def request(images):
    dim = field(1, 0, varint(len(images)))
    shape = field(2, 2, dim)
    tensor = field(1, 0, varint(7)) + field(2, 2, shape) + b"".join(field(8, 2, i) for i in images)
    entry = field(1, 2, b"images") + field(2, 2, tensor)
    return field(2, 2, entry)

def parse(buf):
    i, out = 0, []
    while i < len(buf):
        key = 0; shift = 0
        while True:
            b = buf[i]; i += 1; key |= (b & 0x7F) << shift; shift += 7
            if b < 0x80: break
        num, wire = key >> 3, key & 7
        if wire == 0:
            v = 0; shift = 0
            while True:
                b = buf[i]; i += 1; v |= (b & 0x7F) << shift; shift += 7
                if b < 0x80: break
            out.append((num, v))
        elif wire == 2:
            l = 0; shift = 0
            while True:
                b = buf[i]; i += 1; l |= (b & 0x7F) << shift; shift += 7
                if b < 0x80: break
            out.append((num, buf[i:i + l])); i += l
        elif wire == 5:
            out.append((num, buf[i:i + 4])); i += 4
        else:
            raise ValueError(wire)
    return out

host, port, ca, key = sys.argv[1:5]
images = [open(p, "rb").read() for p in sys.argv[5:]]
creds = grpc.ssl_channel_credentials(root_certificates=open(ca, "rb").read())
channel = grpc.secure_channel("127.0.0.1:" + port, creds, options=[("grpc.ssl_target_name_override", host)])
call = channel.unary_unary("/tensorflow.serving.PredictionService/Predict",
                           request_serializer=lambda b: b, response_deserializer=lambda b: b)
try:
    resp = call(request(images), metadata=[("authorization", key)], timeout=10)
except grpc.RpcError as e:
    print("ERROR", e.code().name, e.details()); sys.exit(1)
for num, entry in parse(resp):
    fields = dict((n, v) for n, v in parse(entry) if n == 1)
    name = fields[1].decode()
    tensor = [v for n, v in parse(entry) if n == 2][0]
    tf = parse(tensor)
    floats = [v for n, v in tf if n == 5]
    strings = [v for n, v in tf if n == 8]
    if floats:
        vals = struct.unpack("<%df" % (len(floats[0]) // 4), floats[0])
        print(name, "float_val", len(vals), "max at", max(range(len(vals)), key=lambda j: vals[j]), "%.3f" % max(vals))
    if strings:
        print(name, strings[0].decode())

#!/usr/bin/env python3
"""The reference client's pattern on Python's grpcio (gRPC C core, BoringSSL), for tools/bench-score.sh.

    tools/reference-client.py HOST PORT CA.pem KEY COUNT INFLIGHT IMAGE...

Scores COUNT images (cycling over the IMAGE files), one image per Predict call, as the 2018 Python
client does, with INFLIGHT calls in flight on one channel (1: sequential, like the reference
client). The request is encoded by hand from PROTOCOL.md; each answer's output_alias is decoded and
its best class taken, as a client that shows a label must. Connects to 127.0.0.1:PORT and checks
the certificate against HOST. Prints one line: images, seconds (after the channel is ready), rate,
p50 and p99 in ms, and this process's CPU seconds (user + system, whole process).
"""
import os
import struct
import sys
import threading
import time

import grpc


def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        out += bytes([b | (0x80 if n else 0)])
        if not n:
            return out


def field(num, wire, payload):
    key = varint((num << 3) | wire)
    return key + (varint(len(payload)) + payload if wire == 2 else payload)


def request(image):
    shape = field(2, 2, field(1, 0, varint(1)))
    tensor = field(1, 0, varint(7)) + field(2, 2, shape) + field(8, 2, image)
    return field(2, 2, field(1, 2, b"images") + field(2, 2, tensor))


def fields(buf):
    i = 0
    while i < len(buf):
        key = shift = 0
        while True:
            b = buf[i]; i += 1; key |= (b & 0x7F) << shift; shift += 7
            if b < 0x80:
                break
        num, wire = key >> 3, key & 7
        if wire == 0:
            v = shift = 0
            while True:
                b = buf[i]; i += 1; v |= (b & 0x7F) << shift; shift += 7
                if b < 0x80:
                    break
            yield num, v
        elif wire == 2:
            n = shift = 0
            while True:
                b = buf[i]; i += 1; n |= (b & 0x7F) << shift; shift += 7
                if b < 0x80:
                    break
            yield num, buf[i:i + n]
            i += n
        elif wire == 5:
            yield num, buf[i:i + 4]
            i += 4
        else:
            raise ValueError(wire)


def best_class(response):
    """The index of the highest score in output_alias (packed float_val)."""
    for num, entry in fields(response):
        parts = dict(fields(entry))
        if parts.get(1) == b"output_alias":
            packed = dict(fields(parts[2])).get(5, b"")
            vals = struct.unpack("<%df" % (len(packed) // 4), packed)
            return max(range(len(vals)), key=vals.__getitem__)
    raise ValueError("no output_alias")


def main():
    host, port, ca, key = sys.argv[1:5]
    count, inflight = int(sys.argv[5]), int(sys.argv[6])
    requests = [request(open(p, "rb").read()) for p in sys.argv[7:]]
    creds = grpc.ssl_channel_credentials(root_certificates=open(ca, "rb").read())
    channel = grpc.secure_channel("127.0.0.1:" + port, creds, options=[("grpc.ssl_target_name_override", host)])
    grpc.channel_ready_future(channel).result(timeout=30)
    predict = channel.unary_unary("/tensorflow.serving.PredictionService/Predict",
                                  request_serializer=lambda b: b, response_deserializer=lambda b: b)
    metadata = [("authorization", key)]
    latencies = []
    failures = []
    start = time.monotonic()
    if inflight <= 1:
        for i in range(count):
            t = time.monotonic()
            best_class(predict(requests[i % len(requests)], metadata=metadata, timeout=10))
            latencies.append(time.monotonic() - t)
    else:
        slots = threading.Semaphore(inflight)
        lock = threading.Lock()
        done = threading.Event()
        finished = [0]

        def completed(future, t):
            try:
                best_class(future.result())
            except Exception as e:  # counted and printed, never hidden
                failures.append(repr(e))
            with lock:
                latencies.append(time.monotonic() - t)
                finished[0] += 1
                if finished[0] == count:
                    done.set()
            slots.release()

        for i in range(count):
            slots.acquire()
            t = time.monotonic()
            f = predict.future(requests[i % len(requests)], metadata=metadata, timeout=10)
            f.add_done_callback(lambda fut, t=t: completed(fut, t))
        done.wait()
    seconds = time.monotonic() - start
    channel.close()
    latencies.sort()
    cpu = os.times()
    pct = lambda q: 1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))]
    print(f"images {len(latencies)} failed {len(failures)} seconds {seconds:.3f} rate {len(latencies) / seconds:.1f} "
          f"p50 {pct(0.5):.1f} p99 {pct(0.99):.1f} cpu {cpu.user + cpu.system:.3f}", flush=True)
    if failures:
        print("first failure:", failures[0], file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()

#!/bin/sh
# `securescore score` beside the reference client's pattern (Python grpcio, gRPC's C core), against
# one `serve --demo-model`, both sides from one run, with ratios.
#
#   tools/bench-score.sh [QUICK]        # QUICK=1: fewer images, for a first look
#
# SECURESCORE (default "java -jar target/securescore.jar") is the client command, e.g. the jlink
# runtime with its CDS archive: SECURESCORE="target/installer/runtime/bin/java -XX:SharedArchiveFile=...
# -jar target/installer/input/securescore.jar". SERVE_ARGS go to `serve` (e.g. "--batch-max 1").
# The service is always started with `java -jar target/securescore.jar`.
#
# Prints, for 600 small PNGs through tools/delay-proxy.py (10 ms each way, a 20 ms round trip):
# the sequential reference (whole process), the Python client with 16 in flight (steady rate), and
# `score --concurrency 16` (whole process, and its own steady figures); on loopback: sequential
# rates, client CPU per image (steady state: the CPU of a 6,000-image run less a 600-image run),
# and one image, whole process (median of 5). Also the load average before and after, since the
# figures mean little on a busy machine. Needs python3-grpcio (tools/test.sh installs it).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/securescore.jar"
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
/usr/bin/python3 -c 'import grpc' 2>/dev/null || { echo "needs python3-grpcio (apt-get install python3-grpcio)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
exec /usr/bin/python3 - "$here" "$work" "${QUICK:-0}" "${SECURESCORE:-java -jar $jar}" "${SERVE_ARGS:-}" <<'PY'
import json, os, re, resource, shlex, statistics, struct, subprocess, sys, time, zlib

here, work, quick, client_cmd, serve_args = sys.argv[1], sys.argv[2], sys.argv[3] == "1", sys.argv[4], sys.argv[5]
client = shlex.split(client_cmd)
host = "bench.securescore.test"
ref = [sys.executable, os.path.join(here, "tools", "reference-client.py")]

def png(seed, size=32):
    """A small, distinct PNG (a colour gradient), made with zlib only."""
    raw = b"".join(b"\0" + bytes(v for x in range(size) for v in
                                  ((x * 7 + seed) % 256, (y * 5 + seed * 3) % 256, (x + y + seed * 11) % 256))
                   for y in range(size))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

def folder(name, n):
    d = os.path.join(work, name)
    os.makedirs(d)
    for i in range(n):
        with open(os.path.join(d, f"img{i:05d}.png"), "wb") as f:
            f.write(png(i % 997))
    return d

def loadavg():
    return open("/proc/loadavg").read().split()[:3]

def run(cmd, **kw):
    """Runs cmd to the end; returns (wall seconds, child CPU seconds, stdout)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    wall = time.monotonic() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stdout[-2000:]}\n{p.stderr[-2000:]}")
    return wall, cpu, p.stdout

def py(port, count, inflight, images):
    wall, cpu, out = run(ref + [host, str(port), ca, key, str(count), str(inflight)] + images)
    f = dict(zip(out.split()[0::2], out.split()[1::2]))
    return wall, cpu, {k: float(v) for k, v in f.items()}

def score(port, target, concurrency, extra=()):
    wall, cpu, out = run(client + ["score", "--host", host, "--port", str(port), "--connect-to", "127.0.0.1",
                                   "--trust", ca, "--key-file", keys, "--concurrency", str(concurrency), *extra, target])
    m = re.search(r"(\d+) scored, (\d+) failed in ([\d.]+) s: ([\d.]+) images/s, p50 ([\d.]+) ms, p99 ([\d.]+) ms", out)
    if not m or m.group(2) != "0":
        sys.exit("score did not score everything:\n" + out[-2000:])
    return wall, cpu, {"rate": float(m.group(4)), "p50": float(m.group(5)), "p99": float(m.group(6))}

n_net = 200 if quick else 600
n_big = 1500 if quick else 6000
small = folder("small", n_net)
big = folder("big", n_big)
one = os.path.join(small, "img00000.png")
py_images = [os.path.join(small, f) for f in sorted(os.listdir(small))]

tls = os.path.join(work, "tls")
subprocess.run(["java", "-jar", os.path.join(here, "target", "securescore.jar"), "selfsigned", "--domain", host,
                "--out", tls], check=True, stdout=subprocess.DEVNULL)
ca = os.path.join(tls, "ca.pem")
keys = os.path.join(work, "keys.json")
serve = subprocess.Popen(["java", "-jar", os.path.join(here, "target", "securescore.jar"), "serve", "--cert",
                          os.path.join(tls, "fullchain.pem"), "--key", os.path.join(tls, "privkey.pem"), "--trust", ca,
                          "--demo-model", "--port", "0", "--keys-file", keys] + shlex.split(serve_args),
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
proxy = None
try:
    port = None
    for line in serve.stdout:
        m = re.search(r"listening on [\d.]+:(\d+)", line)
        if m:
            port = int(m.group(1))
        if line.startswith("Stop with Ctrl-C"):
            break
    if port is None:
        sys.exit("serve did not start")
    key = json.load(open(keys))["primary"]
    proxy = subprocess.Popen([sys.executable, os.path.join(here, "tools", "delay-proxy.py"), "0", "127.0.0.1",
                              str(port), "10"], stdout=subprocess.PIPE, text=True)
    far = int(proxy.stdout.readline())
    print(f"load average before: {' '.join(loadavg())} ({os.cpu_count()} cores); client: {client_cmd}"
          + (f"; serve {serve_args}" if serve_args else ""), flush=True)
    # Warm the service (JIT, ONNX Runtime) so neither side pays for it.
    py(port, 300, 16, py_images[:50])

    print(f"\n== {n_net} images, service 20 ms away (delay proxy 10 ms each way) ==", flush=True)
    w_seq, _, f_seq = py(far, n_net, 1, py_images)
    w_p16, _, f_p16 = py(far, n_net, 16, py_images)
    w_s16, _, f_s16 = score(far, small, 16)
    print(f"Python grpcio, sequential (reference):  {w_seq:6.2f} s whole process, {f_seq['rate']:7.1f} images/s, "
          f"p50 {f_seq['p50']:.1f} ms")
    print(f"Python grpcio, 16 in flight:            {w_p16:6.2f} s whole process, {f_p16['rate']:7.1f} images/s "
          f"steady, p50 {f_p16['p50']:.1f} ms")
    print(f"securescore score --concurrency 16:     {w_s16:6.2f} s whole process, {f_s16['rate']:7.1f} images/s "
          f"its own figure, p50 {f_s16['p50']:.1f} ms, p99 {f_s16['p99']:.1f} ms")
    print(f"  whole process vs sequential reference: {w_seq / w_s16:.1f}x faster (goal >= 10x)")
    print(f"  steady rate vs Python with 16 in flight: {f_s16['rate'] / f_p16['rate']:.2f}x (goal >= 1)")

    print(f"\n== loopback, sequential, {n_net} images ==", flush=True)
    _, _, l_py = py(port, n_net, 1, py_images)
    _, _, l_s1 = score(port, small, 1)
    _, _, l_p16 = py(port, n_net, 16, py_images)
    _, _, l_s16 = score(port, small, 16)
    print(f"Python grpcio sequential {l_py['rate']:.0f} images/s; securescore --concurrency 1 {l_s1['rate']:.0f} "
          f"images/s: {l_s1['rate'] / l_py['rate']:.2f}x (goal >= 1)")
    print(f"with 16 in flight: Python {l_p16['rate']:.0f} images/s; securescore {l_s16['rate']:.0f} images/s: "
          f"{l_s16['rate'] / l_p16['rate']:.2f}x")

    print(f"\n== client CPU per image, loopback, 16 in flight: ({n_big} images less {n_net}) ==", flush=True)
    _, c_py_small, _ = py(port, n_net, 16, py_images)
    _, c_py_big, _ = py(port, n_big, 16, py_images)
    _, c_s_small, _ = score(port, small, 16)
    _, c_s_big, _ = score(port, big, 16)
    per_py = 1000 * (c_py_big - c_py_small) / (n_big - n_net)
    per_s = 1000 * (c_s_big - c_s_small) / (n_big - n_net)
    print(f"Python grpcio {per_py:.3f} ms CPU per image; securescore {per_s:.3f} ms: {per_s / per_py:.2f}x (goal <= 2x)")
    print(f"  whole {n_big}-image runs: Python {c_py_big:.2f} s CPU, securescore {c_s_big:.2f} s CPU")

    print("\n== one image, whole process, loopback (median of 5) ==", flush=True)
    t_py, t_s = [], []
    for _ in range(5):
        t_py.append(py(port, 1, 1, [one])[0])
        t_s.append(score(port, one, 1)[0])
    mp, ms = statistics.median(t_py), statistics.median(t_s)
    print(f"Python grpcio {1000 * mp:.0f} ms; securescore score {1000 * ms:.0f} ms: {ms / mp:.1f}x (goal <= 4x)")
    # The same with an AppCDS archive of a score run (valid only for this exact jar), when the client is `java`.
    if client[0].endswith("java"):
        jsa = os.path.join(work, "score.jsa")
        plain = client
        client = [client[0], "-XX:ArchiveClassesAtExit=" + jsa] + client[1:]
        score(port, one, 1)
        client = [plain[0], "-XX:SharedArchiveFile=" + jsa] + plain[1:]
        t_cds, t_py2 = [], []
        for _ in range(5):
            t_py2.append(py(port, 1, 1, [one])[0])
            t_cds.append(score(port, one, 1)[0])
        mp2, mc = statistics.median(t_py2), statistics.median(t_cds)
        print(f"with an AppCDS archive of a score run: Python {1000 * mp2:.0f} ms; securescore {1000 * mc:.0f} ms: "
              f"{mc / mp2:.1f}x ({os.path.getsize(jsa) / 1e6:.0f} MB archive)")
        client = plain
    print(f"\nload average after: {' '.join(loadavg())}")
finally:
    if proxy:
        proxy.terminate()
    serve.terminate()
    try:
        serve.wait(15)
    except subprocess.TimeoutExpired:
        serve.kill()
PY

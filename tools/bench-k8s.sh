#!/bin/sh
# Figures for the Kubernetes path on this machine, printed (a benchmark, not a test): a real control
# plane, a real node and a real registry (TLS, password) on loopback, SecureScore's image built by
# the packaged jar as a user would, then:
#   - image build and push time (the base already in the registry and in the layer cache: a second
#     build), and the image's size (compressed, as pushed; the application layer alone);
#   - deploy to the first Ready pod, and to the rollout's end (2 replicas, demo model, NodePort);
#   - the first scored image through the Service from a fresh `score` process (median of 5);
#   - the steady rate with 16 in flight through the NodePort, against the same service run by
#     `deploy --target local`, and the cost of the cluster path.
#
#   tools/bench-k8s.sh            # needs root and what tools/test.sh builds (control plane, node, base)
#
# Everything it starts listens on 127.0.0.1 and is stopped at the end.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/securescore.jar"
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
K8S_DIR=${K8S_DIR:-${HOME:-/root}/.cache/k8s-control-plane}
[ -f "$K8S_DIR/bin/.node-complete" ] && [ -f "$K8S_DIR/jre-base.tar" ] \
  || { echo "run tools/test.sh once first: it builds the node and the Java base image" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "needs root (the node makes mounts and network namespaces)" >&2; exit 2; }
work=$(mktemp -d)
export K8S_DIR
exec /usr/bin/python3 - "$here" "$work" "$jar" <<'PY'
import json, os, re, shutil, signal, socket, statistics, struct, subprocess, sys, time, zlib

here, work, jar = sys.argv[1:4]
k8s = os.environ["K8S_DIR"]
domain = "bench.securescore.test"
started = []

def port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]

def run(*cmd, env=None, check=True, quiet=True):
    r = subprocess.run(list(cmd), env={**os.environ, **(env or {})}, capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"bench-k8s: {' '.join(cmd[:4])} ... failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return r

def securescore(*args, **kw):
    return run("java", "-jar", jar, *args, **kw)

def png(i):
    w = h = 32
    raw = b"".join(b"\x00" + bytes([(i * 7 + x) % 256, (i * 13) % 256, (x * 5) % 256]) * 1 * w for x in range(h))
    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

cp_env = {"K8S_RUN": f"{work}/cp", "API_PORT": str(port()), "ETCD_PORT": str(port()),
          "ETCD_PEER_PORT": str(port())}
kubeconfig = f"{work}/cp/admin.kubeconfig"
node_env = {**cp_env, "KUBECONFIG": kubeconfig, "NODE_RUN": f"{work}/node", "KUBELET_PORT": str(port()),
            "PROXY_HEALTH_PORT": str(port()), "PROXY_METRICS_PORT": str(port())}
procs = []

def stop():
    for p in procs:
        p.terminate()
    run("bash", f"{here}/tools/k8s-node.sh", "stop", env=node_env, check=False)
    run("bash", f"{here}/tools/k8s-control-plane.sh", "stop", env=cp_env, check=False)
    shutil.rmtree(work, ignore_errors=True)

try:
    t = time.time()
    run("bash", f"{here}/tools/k8s-control-plane.sh", "start", env=cp_env)
    # The registry: TLS with a private CA, a bcrypt password, storage in the work folder.
    reg_port = port()
    registry = f"127.0.0.1:{reg_port}"
    os.makedirs(f"{work}/reg/certs")
    run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
        "-subj", "/CN=bench registry CA", "-keyout", f"{work}/reg/ca.key", "-out", f"{work}/reg/certs/ca.crt")
    run("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=localhost",
        "-keyout", f"{work}/reg/tls.key", "-out", f"{work}/reg/tls.csr")
    with open(f"{work}/reg/ext", "w") as f:
        f.write("subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n")
    run("openssl", "x509", "-req", "-in", f"{work}/reg/tls.csr", "-CA", f"{work}/reg/certs/ca.crt", "-CAkey",
        f"{work}/reg/ca.key", "-CAcreateserial", "-days", "2", "-extfile", f"{work}/reg/ext", "-out",
        f"{work}/reg/tls.crt")
    user, password = "bench", "bench-password-" + str(reg_port)
    with open(f"{work}/reg/htpasswd", "w") as f:
        f.write(run("htpasswd", "-Bbn", user, password).stdout)
    with open(f"{work}/reg/password", "w") as f:
        f.write(password)
    with open(f"{work}/reg/config.yml", "w") as f:
        f.write(f"""version: 0.1
storage: {{filesystem: {{rootdirectory: {work}/reg/data}}, delete: {{enabled: true}}}}
http: {{addr: {registry}, tls: {{certificate: {work}/reg/tls.crt, key: {work}/reg/tls.key}}}}
auth: {{htpasswd: {{realm: bench, path: {work}/reg/htpasswd}}}}
log: {{level: error}}
""")
    procs.append(subprocess.Popen(["docker-registry", "serve", f"{work}/reg/config.yml"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    run("bash", f"{here}/tools/k8s-node.sh", "start",
        env={**node_env, "NODE_REGISTRY": registry, "NODE_REGISTRY_CA": f"{work}/reg/certs/ca.crt"})
    base = f"{registry}/base/jre:17"
    run("skopeo", "--insecure-policy", "copy", "--quiet", "--dest-creds", f"{user}:{password}", "--dest-cert-dir",
        f"{work}/reg/certs", f"docker-archive:{k8s}/jre-base.tar", f"docker://{base}")
    print(f"set-up (control plane, registry, node Ready, base pushed): {time.time() - t:.1f} s")

    creds = ["--trust", f"{work}/reg/certs/ca.crt", "--registry-user", user, "--registry-password-file",
             f"{work}/reg/password"]
    def build(tag):
        t = time.time()
        out = securescore("image", "build", "--to", f"{registry}/team/securescore:{tag}", "--base", base, *creds,
                          "--json").stdout
        return time.time() - t, json.loads(out)["image"]
    first, _ = build("first")
    again, image = build("bench")
    manifest = json.loads(run("skopeo", "inspect", "--raw", "--creds", f"{user}:{password}", "--cert-dir",
                              f"{work}/reg/certs", f"docker://{image.split(':bench@')[0]}@{image.split('@')[1]}").stdout)
    sizes = [l["size"] for l in manifest["layers"]]
    print(f"image build and push: {again:.1f} s (the base in the registry and the layer cache; "
          f"{first:.1f} s the first time)")
    print(f"image size, compressed as pushed: {sum(sizes) / 1e6:.0f} MB in {len(sizes)} layers; "
          f"SecureScore's own layer: {sizes[-1] / 1e6:.0f} MB")

    securescore("selfsigned", "--domain", domain, "--out", f"{work}/tls")
    cert = ["--cert", f"{work}/tls/fullchain.pem", "--key", f"{work}/tls/privkey.pem", "--trust", f"{work}/tls/ca.pem"]
    t0 = time.time()
    out = securescore("deploy", "--target", "kubernetes", "--domain", domain, *cert, "--kubeconfig", kubeconfig,
                      "--namespace", "bench", "--image", image, *creds[2:], "--demo-model", "--service-type",
                      "node-port", "--replicas", "2", "--keys-file", f"{work}/keys.json", "--json").stdout
    deployed = time.time() - t0
    node_port = json.loads(out)["port"]
    pods = json.loads(run(f"{k8s}/bin/kubectl", "--kubeconfig", kubeconfig, "-n", "bench", "get", "pods", "-o",
                          "json").stdout)["items"]
    ready = []
    for p in pods:
        for c in p["status"]["conditions"]:
            if c["type"] == "Ready" and c["status"] == "True":
                ready.append(time.mktime(time.strptime(c["lastTransitionTime"], "%Y-%m-%dT%H:%M:%SZ")) - time.timezone)
    print(f"deploy to the first Ready pod: {min(ready) - t0:.0f} s (1 s resolution); to the end of the rollout "
          f"(2 pods): {deployed:.1f} s")

    os.makedirs(f"{work}/images")
    for i in range(5000):
        with open(f"{work}/images/{i:05d}.png", "wb") as f:
            f.write(png(i))
    os.makedirs(f"{work}/few")
    for i in range(1000):
        shutil.copy(f"{work}/images/{i:05d}.png", f"{work}/few/")
    def score(port, *what):
        t = time.time()
        r = securescore("score", "--host", domain, "--connect-to", "127.0.0.1", "--port", str(port), "--trust",
                        f"{work}/tls/ca.pem", "--key-file", f"{work}/keys.json", "--top", "1", *what)
        if "0 failed" not in r.stdout:
            sys.exit("bench-k8s: score failed:\n" + r.stdout[-2000:] + r.stderr)
        return time.time() - t
    one = statistics.median(score(node_port, f"{work}/images/00000.png") for _ in range(5))
    print(f"first scored image through the Service, fresh score process: {one:.2f} s (median of 5)")

    def steady(port):
        # The rate once warm: 4,000 images more in the long run than in the short one, over the time difference.
        short = score(port, "--concurrency", "16", f"{work}/few")
        long = score(port, "--concurrency", "16", f"{work}/images")
        return 4000 / (long - short)
    cluster = statistics.median(steady(node_port) for _ in range(3))

    local_port = port()
    local = subprocess.Popen(["java", "-jar", jar, "deploy", "--target", "local", "--domain", domain, *cert,
                              "--demo-model", "--port", str(local_port), "--keys-file", f"{work}/keys.json"],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    procs.append(local)
    for line in local.stdout:
        if "Stop with Ctrl-C" in line:
            break
    here_rate = statistics.median(steady(local_port) for _ in range(3))
    print(f"steady rate, 16 in flight: through the NodePort {cluster:.0f} images/s; the same service run by "
          f"deploy --target local {here_rate:.0f} images/s; the cluster path costs {100 * (1 - cluster / here_rate):.0f}%"
          f" (goal: under 15%)")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
finally:
    stop()
PY

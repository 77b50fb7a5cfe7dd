#!/usr/bin/env bash
# A real Kubernetes node for tests, beside the control plane of k8s-control-plane.sh: kubelet and
# kube-proxy v1.20.2 built from the same Debian source, containerd and runc from Debian, the CNI
# bridge plugin. Pods really run (images pulled by containerd), Secrets are really mounted, probes
# really probe, and Services really route (kube-proxy, iptables): NodePorts answer on 127.0.0.1.
# From ../shared/tools, with NODE_RUN defaulting beside a cluster's K8S_RUN (as k8s-control-plane.sh
# keeps a cluster's state there), so a test's node and control plane share one state folder.
#
#   k8s-node.sh build    # once per machine, after `k8s-control-plane.sh build` (about 4 min on 2 cores)
#   k8s-node.sh start    # needs the control plane running (KUBECONFIG); the node is Ready in ~15 s
#   k8s-node.sh stop     # stops what start started (by PID files), removes its containers and mounts
#
# Environment: K8S_DIR (as for the control plane), KUBECONFIG (the control plane's admin kubeconfig),
# NODE_RUN (default $K8S_RUN/node when K8S_RUN is set, else $K8S_DIR/node-run: state, logs, sockets),
# NODE_NAME (default localhost), KUBELET_PORT (10250), PROXY_HEALTH_PORT (10256) and PROXY_METRICS_PORT
# (10249) for kube-proxy, POD_CIDR (10.88.0.0/16, a bridge inside this machine),
# NODE_REGISTRY=host:port and NODE_REGISTRY_CA=FILE: a registry the node pulls from over TLS with
# that CA (without NODE_REGISTRY_CA: plain HTTP). Images can also be loaded without a registry:
#   ctr --address $NODE_RUN/containerd.sock -n k8s.io image import IMAGE.tar  (docker or OCI archive)
#
# Pitfalls this script already handles (each cost an afternoon):
# - containerd's CRI sets the pause container's oom_score_adj to -998, which this sandbox refuses
#   ("can't get final child's PID from pipe: EOF" from runc): restrict_oom_score_adj = true.
# - No pause image can be pulled here: it is compiled from the source's build/pause/linux/pause.c.
# - The API server reaches the kubelet (kubectl logs/exec) by the node's address: --node-ip 127.0.0.1.
# - Nothing leaves this machine: IP forwarding stays as it is (off), so pods reach only this host and
#   each other. Tests must use --demo-model or a local model file: a pod cannot download one.
set -euo pipefail
D=${K8S_DIR:-${HOME:-/root}/.cache/k8s-control-plane}
BIN=$D/bin
if [ -n "${K8S_RUN:-}" ]; then R=${NODE_RUN:-$K8S_RUN/node}; else R=${NODE_RUN:-$D/node-run}; fi
NODE=${NODE_NAME:-localhost}
KUBELET_PORT=${KUBELET_PORT:-10250}
POD_CIDR=${POD_CIDR:-10.88.0.0/16}
GO=/usr/lib/go-1.19/bin

build() {
  if [ -f $BIN/.node-complete ]; then echo "already built in $BIN"; return; fi
  [ -d $D/src/k8s ] || { echo "run k8s-control-plane.sh build first (it fetches the source)" >&2; exit 2; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq --no-install-recommends containerd runc containernetworking-plugins iptables gcc libc6-dev \
    python3 >/dev/null
  local env="PATH=$GO:$PATH GOPATH=$D/gopath GOCACHE=$D/gocache HOME=$D GO111MODULE=off CGO_ENABLED=0"
  cd $D/gopath/src/k8s.io/kubernetes
  local ldf="-s -w" v
  for v in k8s.io/kubernetes/vendor/k8s.io/component-base/version k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version; do
    ldf="$ldf -X $v.gitVersion=v1.20.2 -X $v.gitMajor=1 -X $v.gitMinor=20 -X $v.gitTreeState=clean"
  done
  for c in kubelet kube-proxy; do
    env $env go build -ldflags "$ldf" -o $BIN/$c ./cmd/$c
  done
  rm -rf $D/gocache
  gcc -Os -static -o $BIN/pause $D/src/k8s/build/pause/linux/pause.c
  # The pause image as a docker archive (one layer holding /pause).
  /usr/bin/python3 - "$BIN/pause" "$BIN/pause-image.tar" <<'PY'
import hashlib, io, json, sys, tarfile
buf = io.BytesIO()
with tarfile.open(fileobj=buf, mode="w") as t:
    t.add(sys.argv[1], arcname="pause")
layer = buf.getvalue()
cfg = json.dumps({"architecture": "amd64", "os": "linux", "config": {"Entrypoint": ["/pause"]},
                  "rootfs": {"type": "layers", "diff_ids": ["sha256:" + hashlib.sha256(layer).hexdigest()]}}).encode()
cid = hashlib.sha256(cfg).hexdigest()
with tarfile.open(sys.argv[2], "w") as t:
    for name, data in ((cid + ".json", cfg), ("l/layer.tar", layer), ("manifest.json", json.dumps(
            [{"Config": cid + ".json", "RepoTags": ["local/pause:3.2"], "Layers": ["l/layer.tar"]}]).encode())):
        ti = tarfile.TarInfo(name); ti.size = len(data); t.addfile(ti, io.BytesIO(data))
PY
  touch $BIN/.node-complete
}

start() {
  [ -f $BIN/.node-complete ] || { echo "run '$0 build' first" >&2; exit 2; }
  [ -n "${KUBECONFIG:-}" ] || { echo "set KUBECONFIG to the control plane's admin kubeconfig" >&2; exit 2; }
  mkdir -p $R/logs $R/cni
  clean_network
  cat > $R/containerd.toml <<EOF
version = 2
root = "$R/containerd-root"
state = "$R/containerd-state"
[grpc]
  address = "$R/containerd.sock"
[plugins."io.containerd.grpc.v1.cri"]
  restrict_oom_score_adj = true
  sandbox_image = "docker.io/local/pause:3.2"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$R/cni"
EOF
  if [ -n "${NODE_REGISTRY:-}" ]; then
    if [ -n "${NODE_REGISTRY_CA:-}" ]; then
      # containerd speaks plain HTTP to a registry on loopback unless an https endpoint is named.
      printf '[plugins."io.containerd.grpc.v1.cri".registry.mirrors."%s"]\n  endpoint = ["https://%s"]\n' \
        "$NODE_REGISTRY" "$NODE_REGISTRY" >> $R/containerd.toml
      printf '[plugins."io.containerd.grpc.v1.cri".registry.configs."%s".tls]\n  ca_file = "%s"\n' \
        "$NODE_REGISTRY" "$NODE_REGISTRY_CA" >> $R/containerd.toml
    else
      printf '[plugins."io.containerd.grpc.v1.cri".registry.mirrors."%s"]\n  endpoint = ["http://%s"]\n' \
        "$NODE_REGISTRY" "$NODE_REGISTRY" >> $R/containerd.toml
    fi
  fi
  cat > $R/cni/10-pods.conflist <<EOF
{"cniVersion": "0.4.0", "name": "pods", "plugins": [
  {"type": "bridge", "bridge": "cni0", "isGateway": true, "ipMasq": false, "hairpinMode": true,
   "ipam": {"type": "host-local", "ranges": [[{"subnet": "$POD_CIDR"}]], "dataDir": "$R/cni-ipam"}},
  {"type": "portmap", "capabilities": {"portMappings": true}},
  {"type": "loopback"}]}
EOF
  # Registries only on this machine: a pull of any other (an image name without a local registry,
  # e.g. the default securescore:VERSION, means Docker Hub) fails at once at a dead local proxy.
  HTTPS_PROXY=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 NO_PROXY=127.0.0.1,localhost \
    containerd --config $R/containerd.toml > $R/logs/containerd.log 2>&1 &
  echo $! > $R/containerd.pid
  for i in $(seq 50); do [ -S $R/containerd.sock ] && break; sleep 0.2; done
  ctr --address $R/containerd.sock -n k8s.io image import $BIN/pause-image.tar >/dev/null
  # A node object left from an earlier start would look Ready before this kubelet says anything.
  $BIN/kubectl delete node $NODE --ignore-not-found >/dev/null
  $BIN/kubelet --kubeconfig "$KUBECONFIG" --container-runtime=remote \
    --container-runtime-endpoint=unix://$R/containerd.sock --cgroup-driver=cgroupfs --fail-swap-on=false \
    --hostname-override=$NODE --address=127.0.0.1 --port=$KUBELET_PORT --read-only-port=0 \
    --healthz-port=0 --root-dir=$R/kubelet --cert-dir=$R/kubelet-pki --pod-infra-container-image=docker.io/local/pause:3.2 \
    --cgroups-per-qos=false --enforce-node-allocatable= --eviction-hard= --image-gc-high-threshold=100 \
    --image-gc-low-threshold=99 --volume-plugin-dir=$R/volume-plugins --resolv-conf=/etc/resolv.conf \
    > $R/logs/kubelet.log 2>&1 &
  echo $! > $R/kubelet.pid
  $BIN/kube-proxy --kubeconfig "$KUBECONFIG" --hostname-override=$NODE --proxy-mode=iptables \
    --cluster-cidr=$POD_CIDR --oom-score-adj=0 --conntrack-max-per-core=0 \
    --conntrack-tcp-timeout-established=0 --conntrack-tcp-timeout-close-wait=0 \
    --healthz-bind-address=127.0.0.1:${PROXY_HEALTH_PORT:-10256} --metrics-bind-address=127.0.0.1:${PROXY_METRICS_PORT:-10249} > $R/logs/kube-proxy.log 2>&1 &
  echo $! > $R/kube-proxy.pid
  for i in $(seq 60); do
    [ "$($BIN/kubectl get node $NODE -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ] \
      && { echo "node $NODE Ready"; return; }
    kill -0 "$(cat $R/kubelet.pid)" 2>/dev/null || { tail -20 $R/logs/kubelet.log; exit 1; }
    sleep 1
  done
  echo "node $NODE not Ready after 60 s; see $R/logs" >&2; exit 1
}

# Pod networks that a stopped node leaves behind: their veths stay on the bridge with the same
# addresses the next start hands out again (new pods would then answer with the old ones' RST).
clean_network() {
  local v n
  for v in $(ip -o link show master cni0 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip link delete "$v" 2>/dev/null || true
  done
  ip link delete cni0 2>/dev/null || true
  for n in $(ip netns list 2>/dev/null | awk '/^cni-/{print $1}'); do ip netns delete "$n" 2>/dev/null || true; done
  rm -rf $R/cni-ipam
}

stop() {
  for p in kube-proxy kubelet; do
    [ -f $R/$p.pid ] || continue
    kill "$(cat $R/$p.pid)" 2>/dev/null || true; rm -f $R/$p.pid
  done
  if [ -S $R/containerd.sock ]; then
    local c
    for c in $(ctr --address $R/containerd.sock -n k8s.io tasks ls -q 2>/dev/null); do
      ctr --address $R/containerd.sock -n k8s.io tasks kill -s SIGKILL "$c" >/dev/null 2>&1 || true
    done
    sleep 1
    for c in $(ctr --address $R/containerd.sock -n k8s.io containers ls -q 2>/dev/null); do
      ctr --address $R/containerd.sock -n k8s.io tasks delete -f "$c" >/dev/null 2>&1 || true
      ctr --address $R/containerd.sock -n k8s.io containers delete "$c" >/dev/null 2>&1 || true
    done
  fi
  if [ -f $R/containerd.pid ]; then
    local pid; pid=$(cat $R/containerd.pid); kill "$pid" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    rm -f $R/containerd.pid
  fi
  # Secret volumes are tmpfs mounts under the kubelet's root; sandboxes leave network namespaces.
  { grep -o " $R/[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
  rm -rf $R/kubelet
  clean_network
}

case "${1:-}" in
  build) build ;; start) start ;; stop) stop ;;
  *) echo "usage: $0 build|start|stop" >&2; exit 2 ;;
esac

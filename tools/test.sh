#!/usr/bin/env bash
# The test command: installs the real servers and peers the tests use when they are missing, then
# runs `mvn verify` (extra arguments go to Maven, e.g. tools/test.sh -Dtest=KubernetesDeployerTest).
#   - openssl (files made by a foreign tool; an independent TLS peer)
#   - python3-grpcio (a gRPC client on another stack: C core, BoringSSL)
#   - knot, bind9-dnsutils (a real DNS server for the DNS checks)
#   - pebble (Let's Encrypt's ACME test server, for securescore acme)
#   - nodejs, golang-1.19-go (two more TLS clients the client-compatibility table is held against)
#   - a real Kubernetes control plane (etcd, kube-apiserver, controller-manager, scheduler 1.20),
#     built once from Debian's source package into ~/.cache/k8s-control-plane (about 5 minutes)
#   - a real Kubernetes node beside it for the integration tests (*IT): kubelet and kube-proxy built from
#     the same source (about 4 minutes more), containerd, runc, the CNI plugins and iptables from Debian;
#     a base image with a Java 17 runtime made with debootstrap (about a minute); a real registry the
#     node pulls from (docker-registry, with htpasswd from apache2-utils) and skopeo to push to it
# Installing needs root (or sudo) and Debian's package archive; the tests run unprivileged, except the
# integration tests on the real node (kubelet, containerd, network namespaces), which need root.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
need=()
command -v openssl >/dev/null 2>&1 || need+=(openssl)
/usr/bin/python3 -c 'import grpc' >/dev/null 2>&1 || need+=(python3 python3-grpcio)
command -v knotd >/dev/null 2>&1 || need+=(knot)
command -v dig >/dev/null 2>&1 || need+=(bind9-dnsutils)
command -v pebble >/dev/null 2>&1 || need+=(pebble)
command -v node >/dev/null 2>&1 || need+=(nodejs)
[ -x /usr/lib/go-1.19/bin/go ] || need+=(golang-1.19-go)
# The node, its registry and its base image (some live in /usr/sbin, outside a user's PATH).
has() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
has containerd || need+=(containerd)
has runc || need+=(runc)
[ -x /usr/lib/cni/bridge ] || need+=(containernetworking-plugins)
has iptables || need+=(iptables)
has debootstrap || need+=(debootstrap)
has docker-registry || need+=(docker-registry)
has htpasswd || need+=(apache2-utils)
has skopeo || need+=(skopeo)
if [ ${#need[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "test.sh: please install ${need[*]} (Debian package names) and run again" >&2
    exit 2
  fi
fi
# knotd refuses to start while the system's own instance holds its default rundir; the tests
# give it their own, so the packaged service is not needed.
command -v systemctl >/dev/null 2>&1 && $sudo systemctl disable --now knot >/dev/null 2>&1 || true
# Likewise the registry's packaged instance (port 5000): the tests start their own, with TLS and a password.
command -v systemctl >/dev/null 2>&1 && $sudo systemctl disable --now docker-registry >/dev/null 2>&1 || true

K8S_DIR=${K8S_DIR:-${HOME:-/root}/.cache/k8s-control-plane}
export K8S_DIR
if [ ! -f "$K8S_DIR/bin/.complete" ]; then
  echo "test.sh: building the Kubernetes control plane for the tests (once per machine, about 5 minutes)"
  $sudo env K8S_DIR="$K8S_DIR" bash tools/k8s-control-plane.sh build > "${TMPDIR:-/tmp}/k8s-build.log" 2>&1 \
    || { tail -30 "${TMPDIR:-/tmp}/k8s-build.log"; exit 1; }
fi
if [ ! -f "$K8S_DIR/bin/.node-complete" ]; then
  echo "test.sh: building the Kubernetes node for the tests (once per machine, about 4 minutes)"
  $sudo env K8S_DIR="$K8S_DIR" bash tools/k8s-node.sh build > "${TMPDIR:-/tmp}/k8s-node-build.log" 2>&1 \
    || { tail -30 "${TMPDIR:-/tmp}/k8s-node-build.log"; exit 1; }
fi
if [ ! -f "$K8S_DIR/jre-base.tar" ]; then
  echo "test.sh: building the Java 17 base image for the node's pods (once per machine, about a minute)"
  $sudo env K8S_DIR="$K8S_DIR" bash tools/jre-base-image.sh build > "${TMPDIR:-/tmp}/jre-base-image.log" 2>&1 \
    || { tail -30 "${TMPDIR:-/tmp}/jre-base-image.log"; exit 1; }
fi

mvn -B verify "$@"

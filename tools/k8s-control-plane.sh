#!/usr/bin/env bash
# A real Kubernetes control plane for tests: etcd + kube-apiserver + kube-controller-manager +
# kube-scheduler, v1.20.2, built from Debian 12's own kubernetes source package (it vendors its Go
# dependencies, so no Go module download is needed). No nodes: pods are created and stay Pending
# unless a test plays the kubelet. Loopback only. From ../shared/tools, with K8S_RUN and a second,
# rights-less token (test-limited-token) added for the tests.
#
#   k8s-control-plane.sh build    # once per machine: about 5 min on 2 cores; binaries cached in $K8S_DIR/bin
#   k8s-control-plane.sh start    # about 5 s; prints "export KUBECONFIG=..."
#   k8s-control-plane.sh stop     # stops the processes it started (by their PID files)
#
# K8S_DIR (default ~/.cache/k8s-control-plane) holds everything; API_PORT (default 16443),
# ETCD_PORT (23790), ETCD_PEER_PORT (23800) choose the ports.
set -euo pipefail
D=${K8S_DIR:-${HOME:-/root}/.cache/k8s-control-plane}
# K8S_RUN puts a cluster's state elsewhere (tests start their own on free ports beside a shared build).
BIN=$D/bin RUN=${K8S_RUN:-$D/run} PKI=${K8S_RUN:-$D/run}/pki
ETCD_PORT=${ETCD_PORT:-23790} ETCD_PEER_PORT=${ETCD_PEER_PORT:-23800} API_PORT=${API_PORT:-16443}
VERSION=1.20.5+really1.20.2-1.1+deb12u1
GO=/usr/lib/go-1.19/bin

build() {
  if [ -f $BIN/.complete ]; then
    echo "already built in $BIN"; return
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends golang-1.19-go golang-github-modern-go-reflect2-dev etcd-server dpkg-dev \
    openssl curl rsync make >/dev/null
  mkdir -p $D/apt/lists/partial $D/apt/cache/archives/partial $D/src $BIN
  # The same Debian archive the machine already uses, as deb-src, kept out of /etc/apt.
  local uri
  uri=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list)
  echo "deb-src $uri bookworm main" > $D/apt/sources.list
  local apto="-o Dir::Etc::SourceList=$D/apt/sources.list -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists=$D/apt/lists -o Dir::Cache=$D/apt/cache"
  apt-get $apto update -qq
  if [ ! -d $D/src/k8s ]; then
    (cd $D/src && apt-get $apto source --download-only kubernetes=$VERSION >/dev/null \
       && dpkg-source -x --no-check kubernetes_*.dsc k8s >/dev/null)
  fi
  (cd $D/src && apt-get download kubernetes-client=$VERSION >/dev/null && dpkg -x kubernetes-client_*.deb kc \
     && cp kc/usr/bin/kubectl $BIN/kubectl)
  # The vendored reflect2 1.0.1 crashes under Go 1.18+ (SIGSEGV in mapiterinit when the API server
  # encodes a map); Debian's reflect2 1.0.2 is the upstream fix.
  rm -f $D/src/k8s/vendor/github.com/modern-go/reflect2/*.go
  cp /usr/share/gocode/src/github.com/modern-go/reflect2/*.go $D/src/k8s/vendor/github.com/modern-go/reflect2/
  rm -f $D/src/k8s/vendor/github.com/modern-go/reflect2/*_test.go
  # Kubernetes 1.20 builds in GOPATH mode (vendor/ and staging symlinks), as Debian's own build does.
  mkdir -p $D/gopath/src/k8s.io
  ln -sfn $D/src/k8s $D/gopath/src/k8s.io/kubernetes
  local ldf="-s -w" v
  for v in k8s.io/kubernetes/vendor/k8s.io/component-base/version k8s.io/kubernetes/vendor/k8s.io/client-go/pkg/version; do
    ldf="$ldf -X $v.gitVersion=v1.20.2 -X $v.gitMajor=1 -X $v.gitMinor=20 -X $v.gitTreeState=clean -X $v.gitCommit=faecb196815e248d3ecfb03c680a4507229c2a56"
  done
  local env="PATH=$GO:$PATH GOPATH=$D/gopath GOCACHE=$D/gocache HOME=$D GO111MODULE=off CGO_ENABLED=0"
  # The OpenAPI code is generated, not shipped in the source tarball.
  (cd $D/src/k8s && env $env make generated_files >/dev/null)
  cd $D/gopath/src/k8s.io/kubernetes
  for c in kube-apiserver kube-controller-manager kube-scheduler; do
    env $env go build -ldflags "$ldf" -o $BIN/$c ./cmd/$c
  done
  rm -rf $D/gocache   # 1.3 GB, not needed once built
  touch $BIN/.complete
  ls -la $BIN
}

certs() {
  [ -f $PKI/ca.crt ] && return
  mkdir -p $PKI && cd $PKI
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 3650 -subj /CN=test-cluster-ca 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,IP:10.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc\nextendedKeyUsage=serverAuth\n' > apiserver.ext
  openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj /CN=kube-apiserver 2>/dev/null
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 3650 -extfile apiserver.ext -out apiserver.crt 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
  echo 'test-admin-token,admin,admin,system:masters' > tokens.csv
  # A user the cluster knows but RBAC grants nothing: tests see real 403 Forbidden answers with it.
  echo 'test-limited-token,limited,limited' >> tokens.csv
}

start() {
  [ -x $BIN/kube-apiserver ] || { echo "run '$0 build' first" >&2; exit 2; }
  mkdir -p $RUN/logs
  certs
  cat > $RUN/admin.kubeconfig <<KC
apiVersion: v1
kind: Config
clusters:
- name: test
  cluster: {server: "https://127.0.0.1:$API_PORT", certificate-authority: "$PKI/ca.crt"}
users:
- name: admin
  user: {token: test-admin-token}
contexts:
- name: test
  context: {cluster: test, user: admin}
current-context: test
KC
  etcd --name test --data-dir $RUN/etcd \
    --listen-client-urls http://127.0.0.1:$ETCD_PORT --advertise-client-urls http://127.0.0.1:$ETCD_PORT \
    --listen-peer-urls http://127.0.0.1:$ETCD_PEER_PORT --initial-advertise-peer-urls http://127.0.0.1:$ETCD_PEER_PORT \
    --initial-cluster test=http://127.0.0.1:$ETCD_PEER_PORT > $RUN/logs/etcd.log 2>&1 &
  echo $! > $RUN/etcd.pid
  until curl -sf http://127.0.0.1:$ETCD_PORT/health >/dev/null; do sleep 0.2; done
  $BIN/kube-apiserver --etcd-servers=http://127.0.0.1:$ETCD_PORT \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port=$API_PORT --insecure-port=0 \
    --tls-cert-file=$PKI/apiserver.crt --tls-private-key-file=$PKI/apiserver.key \
    --client-ca-file=$PKI/ca.crt --token-auth-file=$PKI/tokens.csv \
    --service-account-key-file=$PKI/sa.pub --service-account-signing-key-file=$PKI/sa.key \
    --service-account-issuer=https://kubernetes.default.svc \
    --service-cluster-ip-range=10.0.0.0/24 --authorization-mode=RBAC --allow-privileged=true \
    --cert-dir=$RUN/apiserver-certs > $RUN/logs/kube-apiserver.log 2>&1 &
  echo $! > $RUN/kube-apiserver.pid
  until [ "$(curl -s --cacert $PKI/ca.crt -H 'Authorization: Bearer test-admin-token' https://127.0.0.1:$API_PORT/readyz)" = ok ]; do
    kill -0 "$(cat $RUN/kube-apiserver.pid)" 2>/dev/null || { tail -20 $RUN/logs/kube-apiserver.log; exit 1; }
    sleep 0.2
  done
  $BIN/kube-controller-manager --kubeconfig=$RUN/admin.kubeconfig \
    --service-account-private-key-file=$PKI/sa.key --root-ca-file=$PKI/ca.crt \
    --leader-elect=false --port=0 --secure-port=0 --use-service-account-credentials=false \
    > $RUN/logs/kube-controller-manager.log 2>&1 &
  echo $! > $RUN/kube-controller-manager.pid
  $BIN/kube-scheduler --kubeconfig=$RUN/admin.kubeconfig --leader-elect=false --port=0 --secure-port=0 \
    > $RUN/logs/kube-scheduler.log 2>&1 &
  echo $! > $RUN/kube-scheduler.pid
  echo "export KUBECONFIG=$RUN/admin.kubeconfig"
}

stop() {
  for p in kube-scheduler kube-controller-manager kube-apiserver etcd; do
    [ -f $RUN/$p.pid ] || continue
    local pid; pid=$(cat $RUN/$p.pid); kill "$pid" 2>/dev/null || true
    for i in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    rm -f $RUN/$p.pid
  done
  rm -rf $RUN/etcd   # a fresh, empty cluster at each start
}

case "${1:-}" in
  build) build ;; start) start ;; stop) stop ;;
  *) echo "usage: $0 build|start|stop" >&2; exit 2 ;;
esac

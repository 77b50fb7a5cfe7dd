#!/usr/bin/env bash
# Builds the .deb and uses it as a person would: `apt-get install ./securescore_*.deb` (which pulls in
# what it depends on), the installed launcher's --version, --help and a `check` of a keystore made by
# keytool, its class-data archive, the `securescore` command's `serve` and `score` of one image over TLS, the
# image it builds of itself (run on a plain JRE as a pod would), then `apt-get purge`, and
# checks nothing is left in /opt/securescore.
# Needs root (or sudo) and Debian/Ubuntu; installs fakeroot when missing. CI runs it after the tests.
#   tools/deb-smoke.sh            build, then install, try and purge
#   tools/deb-smoke.sh FILE.deb   only install, try and purge FILE.deb
# APT_INSTALL_OPTS=--no-install-recommends leaves out xdg-utils (no menu entry), as on a server.
set -euo pipefail
cd "$(dirname "$0")/.."

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
if [ $# -ge 1 ]; then
  deb=$(realpath "$1")
else
  need=()
  command -v fakeroot >/dev/null 2>&1 || need+=(fakeroot)
  command -v ar >/dev/null 2>&1 || need+=(binutils)
  if [ ${#need[@]} -gt 0 ]; then
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  fi
  unset DISPLAY
  mvn -B -q -Pinstaller package -DskipTests
  deb=$(realpath target/installer/securescore_*.deb)
fi

if dpkg-query -W -f='${Status}' securescore 2>/dev/null | grep -q installed; then
  echo "deb-smoke: securescore is already installed here; not touching it" >&2
  exit 2
fi
echo "deb-smoke: installing $deb"
# shellcheck disable=SC2086
$sudo apt-get install -y -qq ${APT_INSTALL_OPTS:-} "$deb" >/dev/null
trap '$sudo apt-get purge -y -qq securescore >/dev/null 2>&1 || true' EXIT

bin=/opt/securescore/bin/SecureScore
"$bin" --version
"$bin" --help >/dev/null
work=$(mktemp -d)
"$bin" selfsigned --domain scoring.contoso.test --out "$work/tls" >/dev/null
printf 'changeit\n' > "$work/store.pw"
keytool=/opt/securescore/lib/runtime/bin/keytool
[ -x "$keytool" ] || keytool=keytool
openssl pkcs12 -export -in "$work/tls/fullchain.pem" -inkey "$work/tls/privkey.pem" -passout pass:changeit \
  -out "$work/server.p12" 2>/dev/null
"$keytool" -importkeystore -srckeystore "$work/server.p12" -srcstoretype PKCS12 -srcstorepass changeit \
  -destkeystore "$work/server.jks" -deststoretype JKS -deststorepass changeit >/dev/null 2>&1
"$bin" check --domain scoring.contoso.test --cert "$work/server.jks" --key-password-file "$work/store.pw" \
  --trust "$work/tls/ca.pem"

# The class-data archive postinst makes (decision 0014) is there and the launcher really maps it:
# with -Xshare:on the JVM refuses to start rather than run without it.
jsa=/opt/securescore/lib/app/securescore.jsa
[ -s "$jsa" ] || { echo "deb-smoke: postinst made no class-data archive ($jsa)" >&2; exit 1; }
JAVA_TOOL_OPTIONS=-Xshare:on "$bin" --version >/dev/null 2>"$work/share.err" || {
  echo "deb-smoke: the launcher cannot use $jsa:" >&2; cat "$work/share.err" >&2; exit 1; }

# The command line as `securescore` (postinst links it), with the same archive.
cli=/usr/bin/securescore
[ "$(readlink -f "$cli")" = /opt/securescore/lib/app/securescore ] || {
  echo "deb-smoke: $cli is not SecureScore's command line" >&2; exit 1; }
JAVA_TOOL_OPTIONS=-Xshare:on "$cli" --version >/dev/null 2>"$work/share.err" || {
  echo "deb-smoke: $cli cannot use $jsa:" >&2; cat "$work/share.err" >&2; exit 1; }

# The installed command line serves and scores over TLS with a key, as a demo giver runs it.
"$cli" serve --cert "$work/tls/fullchain.pem" --key "$work/tls/privkey.pem" --trust "$work/tls/ca.pem" \
  --demo-model --port 0 --keys-file "$work/keys.json" >"$work/serve.log" 2>&1 &
serve_pid=$!
trap 'kill "$serve_pid" 2>/dev/null; $sudo apt-get purge -y -qq securescore >/dev/null 2>&1 || true' EXIT
for _ in $(seq 1 120); do
  grep -q "Stop with Ctrl-C" "$work/serve.log" && break
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.5
done
port=$(sed -n 's/.*listening on [0-9.]*:\([0-9]*\).*/\1/p' "$work/serve.log" | head -1)
[ -n "$port" ] || { echo "deb-smoke: serve did not start:" >&2; cat "$work/serve.log" >&2; exit 1; }
# A 32x32 red PNG.
echo "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAAKklEQVR42mM4oaFBU8QwasGoBaMWjFowasGoBaMWjFowasGoBaMWDBULABo2YD0ttAhSAAAAAElFTkSuQmCC" | base64 -d >"$work/one.png"
start=$(date +%s%N)
"$cli" score --host scoring.contoso.test --connect-to 127.0.0.1 --port "$port" --trust "$work/tls/ca.pem" \
  --key-file "$work/keys.json" "$work/one.png" | tee "$work/score.out"
end=$(date +%s%N)
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true
grep -q "1 scored, 0 failed" "$work/score.out" || { echo "deb-smoke: score failed" >&2; exit 1; }
echo "deb-smoke: one image scored by the installed securescore in $(( (end - start) / 1000000 )) ms (whole process)"

# The installed application makes the pods' image itself (no Maven, no Docker): here a docker archive
# on the offline Java 17 base tools/test.sh built, whose root file system then runs the image's
# command (java -jar /app/securescore.jar) on that plain JRE, as a pod would.
base=${K8S_DIR:-${HOME:-/root}/.cache/k8s-control-plane}/jre-base.tar
if [ -f "$base" ]; then
  "$cli" image build --to local/securescore:smoke --base "tar://$base" --tar "$work/image.tar" >/dev/null
  mkdir -p "$work/image" "$work/rootfs"
  tar -xf "$work/image.tar" -C "$work/image"
  for layer in $(python3 -c 'import json,sys; print(" ".join(json.load(open(sys.argv[1]))[0]["Layers"]))' \
      "$work/image/manifest.json"); do
    tar --warning=no-unknown-keyword -xf "$work/image/$layer" -C "$work/rootfs"
  done
  cmp "$work/rootfs/app/securescore.jar" /opt/securescore/lib/app/securescore.jar \
    || { echo "deb-smoke: the image does not hold the installed jar" >&2; exit 1; }
  $sudo mount -t proc proc "$work/rootfs/proc"
  $sudo chroot --userspec=10001:10001 "$work/rootfs" java -jar /app/securescore.jar serve --help >"$work/image-serve.txt" \
    2>&1 || { $sudo umount "$work/rootfs/proc"; cat "$work/image-serve.txt" >&2; echo "deb-smoke: the image's jar does not run" >&2; exit 1; }
  $sudo umount "$work/rootfs/proc"
  grep -q -- "--health-port" "$work/image-serve.txt" \
    || { cat "$work/image-serve.txt" >&2; echo "deb-smoke: the image's serve --help said something else" >&2; exit 1; }
  echo "deb-smoke: the installed securescore built its image ($(du -m "$work/image.tar" | cut -f1) MB archive), which runs serve on a plain JRE as user 10001"
else
  echo "deb-smoke: no Java base image at $base (tools/test.sh builds it); the image check was not run" >&2
  exit 1
fi
rm -rf "$work"

$sudo apt-get purge -y -qq securescore >/dev/null
trap - EXIT
if [ -e /opt/securescore ] || [ -L /usr/bin/securescore ]; then
  echo "deb-smoke: /opt/securescore or /usr/bin/securescore is still there after purge" >&2
  exit 1
fi
echo "deb-smoke: installed, ran, checked a keystore, purged"

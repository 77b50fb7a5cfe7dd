#!/usr/bin/env bash
# Builds the .deb and uses it as a person would: `apt-get install ./securescore_*.deb` (which pulls in
# what it depends on), the installed launcher's --version, --help and a `check` of a keystore made by
# keytool, then `apt-get purge`, and checks nothing is left in /opt/securescore.
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
rm -rf "$work"

$sudo apt-get purge -y -qq securescore >/dev/null
trap - EXIT
if [ -e /opt/securescore ]; then
  echo "deb-smoke: /opt/securescore is still there after purge" >&2
  exit 1
fi
echo "deb-smoke: installed, ran, checked a keystore, purged"

#!/bin/sh
# Whole-process speed of `securescore check` on a three-certificate chain, beside the openssl
# commands that check the same things (openssl verify + openssl x509 -checkhost).
#
#   tools/bench-check.sh [JAVA_OPTIONS...]
#
# Makes the chain with openssl in a temporary folder, then times both with hyperfine (installed
# from Debian's packages if missing) and prints the ratio. Run `mvn package` first.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
jar="$here/target/securescore.jar"
[ -f "$jar" ] || { echo "build first: mvn -q package -DskipTests" >&2; exit 2; }
command -v hyperfine >/dev/null || apt-get install -y -qq hyperfine >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n' > int.ext
printf 'subjectAltName=DNS:scoring.contoso.test\nextendedKeyUsage=serverAuth\n' > leaf.ext
openssl req -x509 -newkey rsa:2048 -nodes -keyout root.key -out root.pem -days 3650 -subj "/CN=Bench Root" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout int.key -out int.csr -subj "/CN=Bench CA" 2>/dev/null
openssl x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial -out int.pem -days 1000 -extfile int.ext 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout leaf.key -out leaf.csr -subj "/CN=scoring.contoso.test" 2>/dev/null
openssl x509 -req -in leaf.csr -CA int.pem -CAkey int.key -CAcreateserial -out leaf.pem -days 200 -extfile leaf.ext 2>/dev/null
cat leaf.pem int.pem root.pem > chain.pem
java "$@" -jar "$jar" check --domain scoring.contoso.test --cert chain.pem --key leaf.key --trust root.pem >/dev/null
hyperfine -N --warmup 3 --runs 20 --export-json result.json \
  -n securescore "java $* -jar $jar check --domain scoring.contoso.test --cert chain.pem --key leaf.key --trust root.pem" \
  -n openssl "sh -c 'openssl verify -CAfile root.pem -untrusted int.pem leaf.pem >/dev/null && openssl x509 -in leaf.pem -noout -checkhost scoring.contoso.test >/dev/null'"
python3 - <<'PY'
import json
r = {x["command"]: x for x in json.load(open("result.json"))["results"]}
s, o = r["securescore"]["median"], r["openssl"]["median"]
print(f"median: securescore check {s*1000:.0f} ms, openssl verify+checkhost {o*1000:.0f} ms, ratio {s/o:.1f}x")
PY

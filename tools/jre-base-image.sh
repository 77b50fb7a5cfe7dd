#!/usr/bin/env bash
# A base image with a Java 17 runtime for the tests' real Kubernetes node, made offline (no Docker Hub,
# no Docker daemon): Debian bookworm's minbase plus openjdk-17-jre-headless, installed by debootstrap
# from the Debian archive this machine already uses, packed as a docker archive (`docker save` format:
# manifest.json, a config JSON, one layer tar of the root file system). skopeo pushes it to a registry,
# `ctr image import` loads it into containerd, and Jib can build on it.
#
#   jre-base-image.sh build [OUT.tar]   # needs root; about a minute; skipped when OUT.tar exists
#
# OUT.tar defaults to $K8S_DIR/jre-base.tar (K8S_DIR: ~/.cache/k8s-control-plane, beside the node's
# binaries). JRE_BASE_TAG (default local/jre-base:17) is the name the archive carries. The root file
# system is built in a temporary folder next to OUT.tar and the archive is moved into place only when
# complete, so a run cut short leaves nothing half-made behind and the next run starts again cleanly.
set -euo pipefail
D=${K8S_DIR:-${HOME:-/root}/.cache/k8s-control-plane}
TAG=${JRE_BASE_TAG:-local/jre-base:17}

build() {
  local out=${1:-$D/jre-base.tar}
  if [ -f "$out" ]; then echo "already built: $out ($(du -h "$out" | cut -f1))"; return; fi
  [ "$(id -u)" = 0 ] || { echo "debootstrap needs root: run this as root (tools/test.sh uses sudo)" >&2; exit 2; }
  if ! command -v debootstrap >/dev/null 2>&1 && [ ! -x /usr/sbin/debootstrap ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null
  fi
  local mirror
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -n "$mirror" ] || mirror=$(awk '$1=="deb"{print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$mirror" ] || { echo "no Debian mirror in /etc/apt/sources.list.d/debian.sources or /etc/apt/sources.list" >&2; exit 2; }

  mkdir -p "$(dirname "$out")" "$D/debootstrap-cache"
  # One build at a time; what a build killed outright (no EXIT trap) left behind goes first.
  exec 9>"$out.lock"
  flock 9
  if [ -f "$out" ]; then echo "built meanwhile: $out"; return; fi
  local stale
  for stale in "$(dirname "$out")"/.jre-base.*; do [ -d "$stale" ] && WORK=$stale cleanup; done
  WORK=$(mktemp -d "$(dirname "$out")/.jre-base.XXXXXX")
  trap cleanup EXIT
  local root=$WORK/rootfs img=$WORK/image
  mkdir -p "$root" "$img"
  echo "debootstrap bookworm from $mirror into $root"
  # The .debs are kept between runs (--cache-dir), so a rerun after a failure downloads nothing again.
  /usr/sbin/debootstrap --variant=minbase --include=openjdk-17-jre-headless --cache-dir="$D/debootstrap-cache" \
    bookworm "$root" "$mirror" > "$WORK/debootstrap.log" 2>&1 \
    || { tail -30 "$WORK/debootstrap.log"; [ -f "$root/debootstrap/debootstrap.log" ] && tail -30 "$root/debootstrap/debootstrap.log"; exit 1; }
  unmount_under "$root"   # debootstrap may leave /proc or /sys mounted in the target

  # The runtime must really start inside it (java reads /proc).
  mount -t proc proc "$root/proc"
  local version
  version=$(chroot "$root" java -version 2>&1) || { echo "java -version failed in the new root:"; echo "$version"; exit 1; }
  umount "$root/proc"
  echo "$version" | head -1

  # Smaller: no package caches or lists, manuals, translations or documentation other than the
  # packages' copyright files; /dev comes from the container runtime.
  rm -rf "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/cache/debconf/*-old \
    "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
    "$root"/var/log/* "$root"/tmp/* "$root"/dev/* "$root"/debootstrap
  find "$root/usr/share/doc" ! -type d ! -name copyright -delete
  find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete

  local arch layer_sha config config_sha
  arch=$(dpkg --print-architecture)
  tar -C "$root" --numeric-owner --sort=name -cf "$img/layer.tar" $(ls -A "$root")
  layer_sha=$(sha256sum "$img/layer.tar" | cut -d' ' -f1)
  config=$(printf '{"architecture":"%s","os":"linux","created":"%s","config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=/usr/lib/jvm/java-17-openjdk-%s","LANG=C.UTF-8"]},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"%s","created_by":"tools/jre-base-image.sh: debootstrap --variant=minbase --include=openjdk-17-jre-headless bookworm"}]}' \
    "$arch" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$arch" "$layer_sha" "$(date -u +%Y-%m-%dT%H:%M:%SZ)")
  config_sha=$(printf '%s' "$config" | sha256sum | cut -d' ' -f1)
  printf '%s' "$config" > "$img/$config_sha.json"
  mkdir "$img/$layer_sha" && mv "$img/layer.tar" "$img/$layer_sha/layer.tar"
  printf '[{"Config":"%s.json","RepoTags":["%s"],"Layers":["%s/layer.tar"]}]' "$config_sha" "$TAG" "$layer_sha" \
    > "$img/manifest.json"
  tar -C "$img" -cf "$WORK/image.tar" manifest.json "$config_sha.json" "$layer_sha/layer.tar"
  mv -f "$WORK/image.tar" "$out"
  echo "built $out ($(du -h "$out" | cut -f1)): $TAG, $(du -sh --apparent-size "$root" | cut -f1) root file system"
}

# Mounts inside the target (proc, sys, dev from debootstrap or the check above), deepest first.
unmount_under() {
  { grep -o " $1/[^ ]*" /proc/mounts || true; } | sort -r | while read -r m; do umount -l "$m" 2>/dev/null || true; done
}

cleanup() {
  [ -n "${WORK:-}" ] && [ -d "$WORK" ] || return 0
  unmount_under "$WORK"
  rm -rf "$WORK"
}

case "${1:-}" in
  build) shift; build "$@" ;;
  *) echo "usage: $0 build [OUT.tar]" >&2; exit 2 ;;
esac

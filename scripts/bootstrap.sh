#!/usr/bin/env bash
# Installs what the build needs and is missing; quick when everything is already there.
# Idempotent; runs as root on Debian 12 (the README's two commands call it).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
deps="$root/.deps"
libnode_dir="$deps/libnode"
libnode_so="$libnode_dir/usr/lib/x86_64-linux-gnu/libnode.so.108"

log() { printf 'bootstrap: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root to run: $*"; exit 1; fi
}

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    log "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
}

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }

# Debian packages: the compiler, RocksDB, and the shared libraries libnode.so.108 links against.
# rabbitmq-server: the cluster's broker (scripts/rabbitmq.sh runs private nodes; its system service is not used).
# chromium: the headless browser the dashboard test drives (through Playwright, with its executable path).
packages=(g++ librocksdb-dev libuv1 libc-ares2 libicu72 libnghttp2-14 libbrotli1 libssl3 zlib1g rabbitmq-server chromium)
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  apt_update_once
  log "installing ${missing[*]}"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

if ! command -v dotnet >/dev/null; then
  log "the .NET 10 SDK is missing: install it (dotnet on PATH) and run again"
  exit 1
fi

# V8 comes from Debian's libnode. Installing libnode108 conflicts with the preinstalled Node.js,
# so the packages are downloaded and unpacked into an ignored folder instead.
if [ ! -f "$libnode_so" ] || [ ! -f "$libnode_dir/usr/include/node/v8.h" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  if ! (cd "$tmp" && apt-get download libnode108 libnode-dev >/dev/null 2>&1); then
    apt_update_once
    (cd "$tmp" && apt-get download libnode108 libnode-dev)
  fi
  rm -rf "$libnode_dir"
  mkdir -p "$libnode_dir"
  for deb in "$tmp"/*.deb; do dpkg -x "$deb" "$libnode_dir"; done
  log "libnode unpacked into ${libnode_dir#$root/}"
fi

# The JS toolchain (parser for gas injection, libraries) and IOST's JS SDK for the compatibility tests.
for dir in "$root/src/Contracts/js" "$root/tests/EndToEnd/sdk"; do
  if [ -f "$dir/package-lock.json" ] && { [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; }; then
    log "npm ci in ${dir#$root/}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

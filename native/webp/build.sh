#!/usr/bin/env bash
# Builds src/codecs/webp-scaled.wasm: libwebp's decoder (Debian's libwebp 1.2.4 source, with
# Debian's security patches, CVE-2023-4863 among them) and likeness-webp.c, for WebAssembly, with no
# imports. The .wasm is committed, so neither the app's build nor CI needs this toolchain; run this
# only to change likeness-webp.c or libwebp. Debian 12, as root:
#   bash native/webp/build.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../../src/codecs/webp-scaled.wasm"
version=1.2.4-0.2+deb12u1
if ! command -v clang >/dev/null || [ ! -f /usr/lib/wasm32-wasi/libc.a ]; then
  apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32 dpkg-dev
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
if ! apt-get source "libwebp=$version" >/dev/null 2>&1; then
  echo "apt-get source libwebp=$version failed: add 'deb-src' to the Types of /etc/apt/sources.list.d/debian.sources and run apt-get update" >&2
  exit 1
fi
cd libwebp-1.2.4
cp COPYING "$here/COPYING.libwebp"
cp PATENTS "$here/PATENTS.libwebp"
utils="bit_reader_utils color_cache_utils huffman_utils quant_levels_dec_utils random_utils rescaler_utils thread_utils utils"
clang --target=wasm32-wasi -O3 -DNDEBUG -flto -I. \
  -mexec-model=reactor -nostartfiles \
  -Wl,--no-entry -Wl,--gc-sections -Wl,--strip-all \
  -Wl,-z,stack-size=262144 -Wl,--initial-memory=2097152 -Wl,--max-memory=1073741824 \
  "$here/likeness-webp.c" src/dec/*.c src/dsp/*.c \
  $(for u in $utils; do echo "src/utils/${u}.c"; done) \
  -o "$out" 2> >(grep -v 'warning:' >&2 || true)
echo "wrote $out ($(stat -c %s "$out") bytes, sha256 $(sha256sum "$out" | cut -c1-16))"

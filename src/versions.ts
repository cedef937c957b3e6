// THE one place for pinned versions. hosts/go/go.mod, hosts/python/requirements.txt and hosts/rust/Cargo.toml
// state the same wasmtime major version (__tests__/toolchains-versions.test.ts checks that).

/** The wasmtime CLI (release assets, `cargo install wasmtime-cli`) and the Rust host's wasmtime crates. */
export const WASMTIME_VERSION = '39.0.1'
/**
 * sha256 of the official release assets of the wasmtime CLI (WASMTIME_VERSION): a download is used only when it
 * matches. A platform without an entry (e.g. aarch64-windows) builds the CLI with `cargo install` instead.
 * Source: the checksums pulseengine/rules_wasm_component records for v39.0.1 (checksums/tools/wasmtime.json);
 * not re-derived here, where github.com cannot be reached. To update: `sha256sum` of each downloaded asset.
 */
export const WASMTIME_ASSET_SHA256: Readonly<Record<string, string>> = {
  'wasmtime-v39.0.1-x86_64-linux.tar.xz': 'b90a36125387b75db59a67a1c402f2ed9d120fa43670d218a559571e2423d925',
  'wasmtime-v39.0.1-aarch64-linux.tar.xz': 'bff5ebd3e6781620f40e5586f1aa221f7da98128dacf0142bfb4b25d12242274',
  'wasmtime-v39.0.1-x86_64-macos.tar.xz': 'd9ecdc6b423a59f09a63abe352f470d48fcd03a4d6bc0db5fcf57830f2832be6',
  'wasmtime-v39.0.1-aarch64-macos.tar.xz': '3878fc98ab1fec191476ddec5d195e6d018d7fbe5376e54d2c23aedf38aa1bd2',
  'wasmtime-v39.0.1-x86_64-windows.zip': 'bccf64b4227d178c0d13f2856be68876eae3f2f657f3a85d46f076a5e1976198'
}
/** The `wasmtime` wheel of wasmtime-py (hosts/python/requirements.txt). */
export const WASMTIME_PY = '39.0.0'
/** wasmtime-go's module path and version (hosts/go/go.mod). */
export const WASMTIME_GO_MODULE = 'github.com/bytecodealliance/wasmtime-go/v39'
export const WASMTIME_GO = 'v39.0.1'

/** The Go and Python the action sets up by default (go-version, python-version): the ones its tests build with. */
export const GO_VERSION = '1.26.8'
export const PYTHON_VERSION = '3.13.0'

/** The major version every wasmtime-based host shares. */
export const WASMTIME_MAJOR = Number(WASMTIME_VERSION.split('.')[0])

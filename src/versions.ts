// THE one place for pinned versions. hosts/go/go.mod, hosts/python/requirements.txt and hosts/rust/Cargo.toml
// state the same wasmtime major version (__tests__/toolchains-versions.test.ts checks that).

/** The wasmtime CLI (release assets, `cargo install wasmtime-cli`) and the Rust host's wasmtime crates. */
export const WASMTIME_VERSION = '39.0.1'
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

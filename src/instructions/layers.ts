// The layer a counted function belongs to. cachegrind's out file names a function's symbol and source file, not
// its object file, so the layer is told from the symbol (Go's package paths, Rust's crate paths, CPython's Py
// prefixes, V8's namespaces and builtins, the wasmtime C API's wasm_/wasmtime_ functions) and from the file's path
// (the host's folder, Go's runtime, CPython's and glibc's source trees). What neither tells is "unknown".
import type { CodeLayer } from '../vocabulary.js'
import { NO_SYMBOL } from './profile.js'

/** First match wins: the binding before the engine (the C API is in wasmtime's library), the host first of all. */
const RULES: Array<[CodeLayer, RegExp, 'name' | 'file']> = [
  // the host programs: hosts/<name>/ in a path, Go's main package, the rust host's crate
  ['host', /(^|\/)hosts\/[^/]+\//, 'file'],
  ['host', /^main\.|wasm_ffi_bench_rust_host/, 'name'],
  // cgo and wasmtime-go; ctypes and libffi (wasmtime-py); the wasmtime C API; V8's JS<->wasm wrappers, node:wasi
  ['binding', /_cgo_|\/runtime\/cgo\/|wasmtime-go|\/_ctypes\/|libffi|_cffi/, 'file'],
  [
    'binding',
    /^(runtime\.(cgocall|cgocallback\w*|asmcgocall\w*|cgoCheck\w*|cgoIsGoPointer|cgoUse)|_cgo_|x_cgo_|crosscall\w*|github\.com\/bytecodealliance\/wasmtime-go)/,
    'name'
  ],
  ['binding', /^(ffi_|_ctypes_|PyCFuncPtr|PyCData|PyCSimpleType|PyCPointer|_call_function_pointer|_cffi_|cdata_)/, 'name'],
  ['binding', /^(wasmtime|wasm|wasi)_[A-Za-z0-9_]+$/, 'name'],
  ['binding', /^Builtins_(\w*JSToWasm\w*|\w*WasmToJS\w*|\w*WasmToJs\w*|JSToWasm\w*)$|^node::wasi::|^uvwasi_/i, 'name'],
  // wasmtime (Rust, built into every wasmtime host) and V8
  // C++ symbols may start with their return type: "int v8::internal::Deserializer<...>::ReadData(...)"
  ['engine', /^([\w:<>*&]+ )?(v8::|Builtins_|v8_|cppgc::)/, 'name'],
  ['engine', /\/rustc\/|\/cargo\/registry\/|\/rust\/deps\/|\.cargo\//, 'file'],
  [
    'engine',
    /^<?(wasmtime|cranelift|regalloc2|wasmparser|wiggle|wasi_common|pulley|gimli|object|target_lexicon|cap_\w+|rustix|hashbrown|smallvec|indexmap|alloc|core|std|anyhow|bumpalo|serde|postcard|tokio|rayon|crossbeam\w*|log|tracing\w*|memchr|once_cell|arbitrary|semver|sptr|fxprof\w*|addr2line|bitflags|libm)[:<_]/,
    'name'
  ],
  // Go's runtime and standard library (-trimpath: "./runtime/proc.go"), CPython, node's own C++, OpenSSL, libuv
  ['runtime', /\.(go|s)$/, 'file'],
  ['runtime', /\/(Python|Objects|Modules|Parser|Include)\/[^/]+\.[ch]$|Python-3/, 'file'],
  ['runtime', /^(_?Py|_Py)|^(node::|uv_|icu_|napi_|ossl_|OPENSSL_|CRYPTO_|EVP_|BIO_|ERR_)/, 'name'],
  [
    'runtime',
    /^(runtime|internal|sync|syscall|os|fmt|reflect|strconv|encoding|time|io|errors|unicode|strings|bytes|sort|math|slices|maps|iter|context|path|bufio|flag|type:|go:)[./]/,
    'name'
  ],
  // glibc and the dynamic loader, built with relative paths ("./malloc/./malloc/malloc.c", "./string/../sysdeps/...")
  ['runtime', /^\.\/[a-z-]+\/.*\.[chS]$|sysdeps/, 'file'],
  [
    'runtime',
    /^(_dl_|__libc|_IO_|__GI_|_nl_|__?pthread|pthread_|_?_?int_(malloc|free)|malloc|free|calloc|realloc|__?mem|__?str|mem|str|__vdso|clock_gettime|_start$|\(below main\))/,
    'name'
  ]
]

/** The layer of `name` (its symbol) whose most instructions are in `file` (null without debug info). */
export function layerOf(name: string, file: string | null): CodeLayer {
  if (name === NO_SYMBOL) return 'jit'
  for (const [layer, pattern, on] of RULES) {
    const subject = on === 'name' ? name : file
    if (subject !== null && pattern.test(subject)) return layer
  }
  return 'unknown'
}

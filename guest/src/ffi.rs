//! The ffi guest: a library module for measuring per-call costs.
//!
//! Exports (all `extern "C"`, unmangled):
//! - `noop()`: does nothing.
//! - `add(a: i32, b: i32) -> i32`: wrapping `a + b`.
//! - `call_host(n: i32)`: calls the imported `env.host_noop()` `n` times.
//! - `alloc(len: i32) -> i32`: a pointer to a fresh, zeroed, leaked buffer of
//!   `len` bytes in linear memory (0 if `len` is negative).
//! - `checksum(ptr: i32, len: i32) -> i64`: the sum of the `len` bytes at `ptr`,
//!   each read as an unsigned byte (0..=255), as an i64. A 64 KiB buffer filled
//!   with byte `i % 251` at offset `i` therefore has a known, cheap-to-check sum.
//! - `memory`: the linear memory (exported by default for Rust cdylibs).
//!
//! Self-contained on purpose: it is also compiled directly with `rustc` (1.63+).

#[link(wasm_import_module = "env")]
extern "C" {
    fn host_noop();
}

#[no_mangle]
pub extern "C" fn noop() {}

#[no_mangle]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

#[no_mangle]
pub extern "C" fn call_host(n: i32) {
    let mut i = 0;
    while i < n {
        // An import: the compiler cannot remove or merge these calls.
        unsafe { host_noop() };
        i += 1;
    }
}

#[no_mangle]
pub extern "C" fn alloc(len: i32) -> i32 {
    if len < 0 {
        return 0;
    }
    let buf: Vec<u8> = vec![0u8; len as usize];
    let leaked: &'static mut [u8] = Box::leak(buf.into_boxed_slice());
    leaked.as_mut_ptr() as usize as i32
}

#[no_mangle]
pub extern "C" fn checksum(ptr: i32, len: i32) -> i64 {
    if len <= 0 {
        return 0;
    }
    let bytes = unsafe { std::slice::from_raw_parts(ptr as usize as *const u8, len as usize) };
    let mut sum: i64 = 0;
    for &b in bytes {
        sum += b as i64;
    }
    sum
}

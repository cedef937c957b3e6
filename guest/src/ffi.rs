//! The ffi guest: a library module for measuring per-call costs.
//!
//! Exports (all `extern "C"`, unmangled):
//! - `noop()`: does nothing.
//! - `add(a: i32, b: i32) -> i32`: wrapping `a + b`.
//! - `call_host(n: i32)`: calls the imported `env.host_noop()` `n` times.
//! - `spin(n: i32)`: `call_host`'s loop with the call removed, so that hosts can subtract the guest's own loop
//!   cost from the import figure (a volatile store keeps the compiler from deleting the loop).
//! - `alloc(len: i32) -> i32`: a pointer to a fresh, zeroed, leaked buffer of `len` bytes in linear memory
//!   (0 if `len` is negative).
//! - `touch(ptr: i32, len: i32) -> i32`: the first plus the last of the `len` bytes at `ptr` (each read as an
//!   unsigned byte), 0 if `len` is not positive. It reads the buffer without computing over it, so a host that
//!   writes a buffer and calls `touch` times the bytes crossing the boundary, not the guest's work on them.
//!   It has `add`'s signature, so the export add figure tells the call's share in a memory figure.
//! - `memory`: the linear memory (exported by default for Rust cdylibs).
//!
//! Self-contained on purpose: it is also compiled directly with `rustc` (1.63+).

#[link(wasm_import_module = "env")]
extern "C" {
    fn host_noop();
}

/// Where `spin` stores its counter: a volatile store is the cheapest work the compiler must keep.
static mut SPIN_SINK: i32 = 0;

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
pub extern "C" fn spin(n: i32) {
    let mut i = 0;
    while i < n {
        unsafe { core::ptr::write_volatile(core::ptr::addr_of_mut!(SPIN_SINK), i) };
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
pub extern "C" fn touch(ptr: i32, len: i32) -> i32 {
    if len <= 0 {
        return 0;
    }
    let bytes = unsafe { std::slice::from_raw_parts(ptr as usize as *const u8, len as usize) };
    bytes[0] as i32 + bytes[len as usize - 1] as i32
}

//! The `ffi` command: per-call costs of the ffi guest module, each loop calibrated to take about `target_ms`, or
//! run a fixed `calls` times.
//!
//! Figures (the report file's `ffi` object), in the same way in every host:
//! - `export_noop_ns`, `export_add_ns`: one call from the host into the guest, less `loop_ns`, the cost of the
//!   host's own loop with the call removed (`measure_loop`);
//! - `import_noop_ns`: one call from the guest into the host, less `guest_loop_ns`, the guest's own loop with
//!   the call removed (the guest's `spin`);
//! - `memory_copy_ns_per_kib`: writing 1 MiB into guest memory and calling the guest's `touch` on it (which only
//!   reads two bytes), less `loop_ns`, per KiB: the bytes crossing, with one call spread over 1,024 KiB. Nothing
//!   measured apart is subtracted, so the figure stays stable on a busy machine.
//!
//! A difference below zero (noise around a cost that is all loop) is reported as 0.

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use wasmtime::{Memory, TypedFunc};

use crate::runtime::{read_module, Runtime};
use crate::{append_report, fail, json_f64, json_object, json_str, one_line, usage, Options, RUNTIME, VERSION};

const MEM_CHUNK: usize = 1 << 20;
/// Host loops count in u64; the guest's loops take an i32 count.
const MAX_HOST_N: u64 = 1 << 40;
const MAX_GUEST_N: u64 = i32::MAX as u64;
/// The loops, as the report's `calls` and the `--calls` option name them.
const LOOP_NAMES: [&str; 6] = ["loop", "guest_loop", "export_noop", "export_add", "import_noop", "memory"];

/// `--calls`: LOOP=N for each of the six loops, comma-separated.
pub fn parse_calls(spec: &str) -> HashMap<String, u64> {
    let mut calls = HashMap::new();
    for part in spec.split(',') {
        let (name, count) = part.split_once('=').unwrap_or((part, ""));
        match count.parse::<u64>() {
            Ok(n) if LOOP_NAMES.contains(&name) && (1..=MAX_GUEST_N).contains(&n) && !count.starts_with('+') => {
                calls.insert(name.to_string(), n);
            }
            _ => usage(&format!(
                "--calls takes LOOP=N for each of {} (N from 1 to {}), got {:?}",
                LOOP_NAMES.join(", "),
                MAX_GUEST_N,
                part
            )),
        }
    }
    if calls.len() != LOOP_NAMES.len() {
        usage(&format!("--calls needs a count for each of {}, got {:?}", LOOP_NAMES.join(", "), spec));
    }
    calls
}
/// How often `calibrate` may scale again after a timed run that fell short of the target.
const RESCALES: usize = 4;

struct Bench {
    rt: Runtime,
    wasm: String,
    noop: TypedFunc<(), ()>,
    add: TypedFunc<(i32, i32), i32>,
    call_host: TypedFunc<i32, ()>,
    spin: TypedFunc<i32, ()>,
    touch: TypedFunc<(i32, i32), i32>,
    memory: Memory,
    ptr: i32,
    buf: Vec<u8>,
}

fn ok<T>(result: anyhow::Result<T>, wasm: &str, name: &str) -> T {
    result.unwrap_or_else(|e| fail(format!("module {}: {} failed: {}", wasm, name, one_line(&e))))
}

fn typed<P: wasmtime::WasmParams, R: wasmtime::WasmResults>(rt: &mut Runtime, instance: &wasmtime::Instance, wasm: &str, name: &str) -> TypedFunc<P, R> {
    instance
        .get_typed_func::<P, R>(&mut rt.store, name)
        .unwrap_or_else(|e| fail(format!("module {}: export {}: {}", wasm, name, one_line(&e))))
}

/// Compiles and instantiates the ffi module with `env.host_noop`, allocates the guest buffer and fills the host
/// buffer (bytes 1..=251) that `bench_memory` copies into it.
fn setup(wasm: &str) -> Bench {
    let bytes = read_module(wasm);
    let mut rt = Runtime::new(&["ffi".to_string()]);
    rt.linker
        .func_wrap("env", "host_noop", || {})
        .unwrap_or_else(|e| fail(format!("cannot define env.host_noop: {}", one_line(&e))));
    let module = rt.compile(&bytes, wasm);
    let instance = rt.instantiate(&module, wasm);
    if let Ok(init) = instance.get_typed_func::<(), ()>(&mut rt.store, "_initialize") {
        ok(init.call(&mut rt.store, ()), wasm, "_initialize");
    }
    let noop = typed(&mut rt, &instance, wasm, "noop");
    let add = typed(&mut rt, &instance, wasm, "add");
    let call_host = typed(&mut rt, &instance, wasm, "call_host");
    let spin = typed(&mut rt, &instance, wasm, "spin");
    let touch = typed(&mut rt, &instance, wasm, "touch");
    let alloc: TypedFunc<i32, i32> = typed(&mut rt, &instance, wasm, "alloc");
    let memory = instance
        .get_memory(&mut rt.store, "memory")
        .unwrap_or_else(|| fail(format!("module {} has no memory export", wasm)));
    let ptr = ok(alloc.call(&mut rt.store, MEM_CHUNK as i32), wasm, "alloc");
    if ptr <= 0 {
        fail(format!("module {}: alloc({}) returned {}", wasm, MEM_CHUNK, ptr));
    }
    let buf = (0..MEM_CHUNK).map(|i| (i % 251 + 1) as u8).collect();
    Bench { rt, wasm: wasm.to_string(), noop, add, call_host, spin, touch, memory, ptr, buf }
}

/// Doubles n until run(n) takes at least 10 ms (or n reaches max_n), scales n so that a run takes about
/// target_ms and times that run. A timed run under half the target means the run it was scaled from was slowed
/// down (descheduled on a busy machine): it is scaled again from the timed run, up to RESCALES times. Returns
/// (n, nanoseconds per iteration).
fn calibrate(target_ms: f64, max_n: u64, mut run: impl FnMut(u64) -> Duration) -> (u64, f64) {
    let mut n: u64 = 1;
    let mut d;
    loop {
        d = run(n);
        if d >= Duration::from_millis(10) || n >= max_n {
            break;
        }
        n = (n * 2).min(max_n);
    }
    let target_ns = target_ms * 1e6;
    for _ in 0..=RESCALES {
        n = ((n as f64) * target_ns / (d.as_nanos() as f64 + 1.0)).ceil().clamp(1.0, max_n as f64) as u64;
        d = run(n);
        if d.as_nanos() as f64 >= target_ns / 2.0 || n >= max_n {
            break;
        }
    }
    (n, d.as_nanos() as f64 / n as f64)
}

/// The export benchmarks' loop with the call removed (black_box keeps the compiler from deleting it).
fn measure_loop(n: u64) -> Duration {
    let t = Instant::now();
    for i in 0..n {
        black_box(i);
    }
    t.elapsed()
}

/// The guest's `call_host` loop with the import call removed.
fn measure_guest_loop(b: &mut Bench, n: u64) -> Duration {
    let t = Instant::now();
    ok(b.spin.call(&mut b.rt.store, n as i32), &b.wasm, "spin");
    t.elapsed()
}

fn bench_export_noop(b: &mut Bench, n: u64) -> Duration {
    let t = Instant::now();
    for _ in 0..n {
        ok(b.noop.call(&mut b.rt.store, ()), &b.wasm, "noop");
    }
    t.elapsed()
}

fn bench_export_add(b: &mut Bench, n: u64) -> Duration {
    let mut last = 0;
    let t = Instant::now();
    for i in 0..n {
        last = ok(b.add.call(&mut b.rt.store, (i as i32, 7)), &b.wasm, "add");
    }
    let elapsed = t.elapsed();
    let expected = ((n - 1) as i32).wrapping_add(7);
    if last != expected {
        fail(format!("module {}: add({}, 7) returned {}, expected {}", b.wasm, (n - 1) as i32, last, expected));
    }
    elapsed
}

fn bench_import_noop(b: &mut Bench, n: u64) -> Duration {
    let t = Instant::now();
    ok(b.call_host.call(&mut b.rt.store, n as i32), &b.wasm, "call_host");
    t.elapsed()
}

fn bench_memory(b: &mut Bench, n: u64) -> Duration {
    let (ptr, len) = (b.ptr, MEM_CHUNK as i32);
    let mut last = 0;
    let t = Instant::now();
    for _ in 0..n {
        if let Err(e) = b.memory.write(&mut b.rt.store, ptr as u32 as usize, &b.buf) {
            fail(format!("module {}: cannot write guest memory: {}", b.wasm, e));
        }
        last = ok(b.touch.call(&mut b.rt.store, (ptr, len)), &b.wasm, "touch");
    }
    let elapsed = t.elapsed();
    let expected = b.buf[0] as i32 + b.buf[MEM_CHUNK - 1] as i32;
    if last != expected {
        fail(format!("module {}: touch returned {}, expected {}", b.wasm, last, expected));
    }
    elapsed
}

pub fn cmd_ffi(opts: Options) -> i32 {
    let mut b = setup(&opts.wasm);
    let measure = |name: &str, max_n: u64, run: &mut dyn FnMut(u64) -> Duration| -> (u64, f64) {
        match &opts.calls {
            None => calibrate(opts.target_ms, max_n, run),
            Some(calls) => {
                let n = calls[name];
                (n, run(n).as_nanos() as f64 / n as f64)
            }
        }
    };
    let host_loop = measure("loop", MAX_HOST_N, &mut measure_loop);
    let guest_loop = measure("guest_loop", MAX_GUEST_N, &mut |n| measure_guest_loop(&mut b, n));
    let noop = measure("export_noop", MAX_HOST_N, &mut |n| bench_export_noop(&mut b, n));
    let add = measure("export_add", MAX_HOST_N, &mut |n| bench_export_add(&mut b, n));
    let import = measure("import_noop", MAX_GUEST_N, &mut |n| bench_import_noop(&mut b, n));
    let memory = measure("memory", MAX_HOST_N, &mut |n| bench_memory(&mut b, n));

    let less = |a: f64, b: f64| json_f64((a - b).max(0.0));
    let ffi = json_object(&[
        ("export_noop_ns", less(noop.1, host_loop.1)),
        ("export_add_ns", less(add.1, host_loop.1)),
        ("import_noop_ns", less(import.1, guest_loop.1)),
        ("memory_copy_ns_per_kib", json_f64((memory.1 - host_loop.1).max(0.0) / (MEM_CHUNK / 1024) as f64)),
    ]);
    let calls = json_object(&[
        ("loop", host_loop.0.to_string()),
        ("guest_loop", guest_loop.0.to_string()),
        ("export_noop", noop.0.to_string()),
        ("export_add", add.0.to_string()),
        ("import_noop", import.0.to_string()),
        ("memory", memory.0.to_string()),
    ]);
    let report = json_object(&[
        ("runtime", json_str(RUNTIME)),
        ("version", json_str(VERSION)),
        ("ffi", ffi),
        ("loop_ns", json_f64(host_loop.1)),
        ("guest_loop_ns", json_f64(guest_loop.1)),
        ("calls", calls),
    ]);
    append_report(&opts.report, &report);
    0
}

//! wasm-ffi-bench host built on the wasmtime and wasmtime-wasi crates.
//!
//! Usage:
//!   wasm-ffi-bench-rust-host version
//!   wasm-ffi-bench-rust-host workload <module.wasm> --report <file> [-- <guest args...>]
//!   wasm-ffi-bench-rust-host ffi <module.wasm> --report <file> [--target-ms 100]
//!
//! `version` prints one JSON line: {"runtime":"wasmtime","version":"..."} (the
//! version is the wasmtime crate resolved in Cargo.lock, see build.rs).
//! `workload` runs the WASI command's `_start` (guest argv = ["workload", args...],
//! stdio inherited, empty environment, no preopens) and appends one JSON line of
//! phase times in nanoseconds to the report file. The exit code is the guest's
//! exit status; a trap, a missing `_start` or an unreadable module exits 1 with
//! a one-line message on stderr.
//! `ffi` calibrates and measures per-call costs of the ffi guest module and
//! appends one JSON line to the report file.
//!
//! Test hook: if WASM_FFI_BENCH_SLOWDOWN is set to a number f, the workload
//! command sleeps f × (time since this program started) after `_start`
//! returns, which lets tests simulate a slower host.
//!
//! The compilation cache is off: the `cache` feature of wasmtime is not even
//! compiled in.

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Error;
use wasmtime::{Config, Engine, Instance, Linker, Module, Store, Trap, TypedFunc};
use wasmtime_wasi::p1::{self, WasiP1Ctx};
use wasmtime_wasi::{I32Exit, WasiCtxBuilder};

const RUNTIME: &str = "wasmtime";
const VERSION: &str = env!("WASMTIME_VERSION");
const MEM_CHUNK: usize = 64 * 1024;

fn exit(code: i32) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    std::process::exit(code)
}

fn fail(msg: String) -> ! {
    eprintln!("error: {}", msg);
    exit(1)
}

fn usage(msg: &str) -> ! {
    eprintln!(
        "error: {}\nusage: wasm-ffi-bench-rust-host version | workload <module.wasm> --report <file> [-- <guest args...>] | ffi <module.wasm> --report <file> [--target-ms N]",
        msg
    );
    exit(2)
}

/// One line describing an error: a trap's reason, or the error chain with
/// wasm backtraces and multi-line details dropped.
fn one_line(err: &Error) -> String {
    if let Some(trap) = err.downcast_ref::<Trap>() {
        // Display already reads "wasm trap: ...".
        return trap.to_string();
    }
    let parts: Vec<String> = err
        .chain()
        .map(|e| e.to_string())
        .filter(|s| !s.starts_with("error while executing at wasm backtrace"))
        .map(|s| {
            let mut line = s.lines().next().unwrap_or("").trim().to_string();
            if line.ends_with('[') || line.ends_with('{') {
                if let Some(i) = line.rfind(" - ") {
                    line.truncate(i);
                }
            }
            line
        })
        .collect();
    parts.join(": ")
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A finite f64 as a JSON number.
fn json_f64(x: f64) -> String {
    if x.is_finite() {
        format!("{:?}", x)
    } else {
        "null".to_string()
    }
}

struct Options {
    wasm: String,
    report: String,
    target_ms: f64,
    guest_args: Vec<String>,
}

fn parse_options(args: &[String], allow_guest_args: bool) -> Options {
    let mut wasm: Option<String> = None;
    let mut report: Option<String> = None;
    let mut target_ms = 100.0;
    let mut guest_args = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if a == "--" && allow_guest_args {
            guest_args = args[i + 1..].to_vec();
            break;
        } else if a == "--report" {
            i += 1;
            report = Some(args.get(i).cloned().unwrap_or_else(|| usage("--report needs a file")));
        } else if a == "--target-ms" && !allow_guest_args {
            i += 1;
            let v = args.get(i).unwrap_or_else(|| usage("--target-ms needs a number"));
            target_ms = match v.parse::<f64>() {
                Ok(x) if x > 0.0 && x.is_finite() => x,
                _ => usage(&format!("--target-ms must be a positive number, got {:?}", v)),
            };
        } else if a.starts_with("--") {
            usage(&format!("unknown option {:?}", a));
        } else if wasm.is_none() {
            wasm = Some(a.to_string());
        } else {
            usage(&format!("unexpected argument {:?}", a));
        }
        i += 1;
    }
    Options {
        wasm: wasm.unwrap_or_else(|| usage("missing module path")),
        report: report.unwrap_or_else(|| usage("missing --report <file>")),
        target_ms,
        guest_args,
    }
}

fn append_report(path: &str, line: &str) {
    let result = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut f| f.write_all(format!("{}\n", line).as_bytes()));
    if let Err(e) = result {
        fail(format!("cannot write report {}: {}", path, e));
    }
}

fn read_module(path: &str) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| fail(format!("cannot read module {}: {}", path, e)))
}

fn new_engine() -> Engine {
    // Config::new() leaves the compilation cache off.
    Engine::new(&Config::new()).unwrap_or_else(|e| fail(format!("cannot create engine: {}", one_line(&e))))
}

fn cmd_workload(opts: Options, program_start: Instant) -> i32 {
    let wasm = read_module(&opts.wasm);

    let t0 = Instant::now();
    let engine = new_engine();
    let mut linker: Linker<WasiP1Ctx> = Linker::new(&engine);
    p1::add_to_linker_sync(&mut linker, |cx| cx)
        .unwrap_or_else(|e| fail(format!("cannot define WASI: {}", one_line(&e))));
    let mut argv = vec!["workload".to_string()];
    argv.extend(opts.guest_args.iter().cloned());
    let wasi = WasiCtxBuilder::new().args(&argv).inherit_stdio().build_p1();
    let mut store = Store::new(&engine, wasi);
    let t1 = Instant::now();

    let module = Module::new(&engine, &wasm)
        .unwrap_or_else(|e| fail(format!("cannot compile module {}: {}", opts.wasm, one_line(&e))));
    let t2 = Instant::now();
    if module.get_export("_start").is_none() {
        fail(format!("module {} has no _start export", opts.wasm));
    }

    let t3a = Instant::now();
    let instance = linker
        .instantiate(&mut store, &module)
        .unwrap_or_else(|e| fail(format!("cannot instantiate module {}: {}", opts.wasm, one_line(&e))));
    let t3 = Instant::now();

    let start = instance
        .get_typed_func::<(), ()>(&mut store, "_start")
        .unwrap_or_else(|e| fail(format!("module {}: bad _start export: {}", opts.wasm, one_line(&e))));
    let t4 = Instant::now();
    let result = start.call(&mut store, ());
    let t5 = Instant::now();
    let _ = std::io::stdout().flush();

    let status = match result {
        Ok(()) => 0,
        Err(e) => match e.downcast_ref::<I32Exit>() {
            Some(code) => code.0,
            None => fail(format!("module {} trapped: {}", opts.wasm, one_line(&e))),
        },
    };
    if status != 0 {
        // The guest reported a failure itself (its message is on stderr).
        return status;
    }

    let ns = |d: Duration| d.as_nanos() as u64;
    append_report(
        &opts.report,
        &format!(
            "{{\"runtime\":{},\"version\":{},\"phases_ns\":{{\"setup\":{},\"compile\":{},\"instantiate\":{},\"execute\":{}}}}}",
            json_str(RUNTIME),
            json_str(VERSION),
            ns(t1 - t0),
            ns(t2 - t1),
            ns(t3 - t3a),
            ns(t5 - t4)
        ),
    );

    // Test hook, see the crate documentation.
    if let Ok(s) = std::env::var("WASM_FFI_BENCH_SLOWDOWN") {
        if let Ok(f) = s.trim().parse::<f64>() {
            if f > 0.0 && f.is_finite() {
                std::thread::sleep(program_start.elapsed().mul_f64(f));
            }
        }
    }
    0
}

/// Doubles n until run(n) takes at least 10 ms, scales n so that a run takes
/// about target_ms, and returns the measured (n, nanoseconds per call).
fn calibrate(target_ms: f64, mut run: impl FnMut(u64) -> Duration) -> (u64, f64) {
    let mut n: u64 = 1;
    let mut d;
    loop {
        d = run(n);
        if d >= Duration::from_millis(10) || n >= 1 << 40 {
            break;
        }
        n *= 2;
    }
    let scaled = ((n as f64) * target_ms * 1e6 / (d.as_nanos() as f64 + 1.0)).ceil().max(1.0) as u64;
    let d = run(scaled);
    (scaled, d.as_nanos() as f64 / scaled as f64)
}

fn typed<P: wasmtime::WasmParams, R: wasmtime::WasmResults>(
    instance: &Instance,
    store: &mut Store<WasiP1Ctx>,
    wasm: &str,
    name: &str,
) -> TypedFunc<P, R> {
    instance
        .get_typed_func::<P, R>(&mut *store, name)
        .unwrap_or_else(|e| fail(format!("module {}: export {}: {}", wasm, name, one_line(&e))))
}

fn cmd_ffi(opts: Options) -> i32 {
    let wasm_bytes = read_module(&opts.wasm);
    let wasm = opts.wasm.as_str();

    let engine = new_engine();
    let mut linker: Linker<WasiP1Ctx> = Linker::new(&engine);
    p1::add_to_linker_sync(&mut linker, |cx| cx)
        .unwrap_or_else(|e| fail(format!("cannot define WASI: {}", one_line(&e))));
    linker
        .func_wrap("env", "host_noop", || {})
        .unwrap_or_else(|e| fail(format!("cannot define env.host_noop: {}", one_line(&e))));
    let wasi = WasiCtxBuilder::new().arg("ffi").inherit_stdout().inherit_stderr().build_p1();
    let mut store = Store::new(&engine, wasi);
    let module = Module::new(&engine, &wasm_bytes)
        .unwrap_or_else(|e| fail(format!("cannot compile module {}: {}", wasm, one_line(&e))));
    let instance = linker
        .instantiate(&mut store, &module)
        .unwrap_or_else(|e| fail(format!("cannot instantiate module {}: {}", wasm, one_line(&e))));
    if let Ok(init) = instance.get_typed_func::<(), ()>(&mut store, "_initialize") {
        if let Err(e) = init.call(&mut store, ()) {
            fail(format!("module {}: _initialize failed: {}", wasm, one_line(&e)));
        }
    }
    let noop: TypedFunc<(), ()> = typed(&instance, &mut store, wasm, "noop");
    let add: TypedFunc<(i32, i32), i32> = typed(&instance, &mut store, wasm, "add");
    let call_host: TypedFunc<i32, ()> = typed(&instance, &mut store, wasm, "call_host");
    let alloc: TypedFunc<i32, i32> = typed(&instance, &mut store, wasm, "alloc");
    let checksum: TypedFunc<(i32, i32), i64> = typed(&instance, &mut store, wasm, "checksum");
    let memory = instance
        .get_memory(&mut store, "memory")
        .unwrap_or_else(|| fail(format!("module {} has no memory export", wasm)));

    let check = |r: anyhow::Result<()>, name: &str| {
        if let Err(e) = r {
            fail(format!("module {}: {} failed: {}", wasm, name, one_line(&e)));
        }
    };

    let (noop_calls, noop_ns) = calibrate(opts.target_ms, |n| {
        let t = Instant::now();
        for _ in 0..n {
            check(noop.call(&mut store, ()), "noop");
        }
        t.elapsed()
    });

    let (add_calls, add_ns) = calibrate(opts.target_ms, |n| {
        let t = Instant::now();
        for i in 0..n {
            let a = i as i32;
            match add.call(&mut store, (a, 7)) {
                Ok(v) if v == a.wrapping_add(7) => {}
                Ok(v) => fail(format!("module {}: add({}, 7) returned {}", wasm, a, v)),
                Err(e) => fail(format!("module {}: add failed: {}", wasm, one_line(&e))),
            }
        }
        t.elapsed()
    });

    let (import_calls, import_ns) = calibrate(opts.target_ms, |n| {
        let n = n.min(i32::MAX as u64) as i32;
        let t = Instant::now();
        check(call_host.call(&mut store, n), "call_host");
        t.elapsed()
    });

    let ptr = match alloc.call(&mut store, MEM_CHUNK as i32) {
        Ok(p) if p > 0 => p,
        Ok(p) => fail(format!("module {}: alloc({}) returned {}", wasm, MEM_CHUNK, p)),
        Err(e) => fail(format!("module {}: alloc failed: {}", wasm, one_line(&e))),
    };
    let buf: Vec<u8> = (0..MEM_CHUNK).map(|i| (i % 251) as u8).collect();
    let expected: i64 = buf.iter().map(|&b| b as i64).sum();
    let (mem_calls, mem_ns) = calibrate(opts.target_ms, |n| {
        let t = Instant::now();
        for _ in 0..n {
            if let Err(e) = memory.write(&mut store, ptr as u32 as usize, &buf) {
                fail(format!("module {}: cannot write guest memory: {}", wasm, e));
            }
            match checksum.call(&mut store, (ptr, MEM_CHUNK as i32)) {
                Ok(v) if v == expected => {}
                Ok(v) => fail(format!("module {}: checksum returned {}, expected {}", wasm, v, expected)),
                Err(e) => fail(format!("module {}: checksum failed: {}", wasm, one_line(&e))),
            }
        }
        t.elapsed()
    });

    append_report(
        &opts.report,
        &format!(
            "{{\"runtime\":{},\"version\":{},\"ffi\":{{\"export_noop_ns\":{},\"export_add_ns\":{},\"import_noop_ns\":{},\"memory_ns_per_kib\":{}}},\"calls\":{{\"export_noop\":{},\"export_add\":{},\"import_noop\":{},\"memory\":{}}}}}",
            json_str(RUNTIME),
            json_str(VERSION),
            json_f64(noop_ns),
            json_f64(add_ns),
            json_f64(import_ns),
            json_f64(mem_ns / (MEM_CHUNK / 1024) as f64),
            noop_calls,
            add_calls,
            import_calls,
            mem_calls
        ),
    );
    0
}

fn main() {
    let program_start = Instant::now();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(|s| s.as_str()) {
        Some("version") => {
            println!("{{\"runtime\":{},\"version\":{}}}", json_str(RUNTIME), json_str(VERSION));
            0
        }
        Some("workload") => cmd_workload(parse_options(&args[1..], true), program_start),
        Some("ffi") => cmd_ffi(parse_options(&args[1..], false)),
        Some(other) => usage(&format!("unknown command {:?}", other)),
        None => usage("missing command"),
    };
    exit(code)
}

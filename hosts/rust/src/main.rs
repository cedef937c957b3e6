//! wasm-ffi-bench host built on the wasmtime and wasmtime-wasi crates.
//!
//! Usage:
//!   wasm-ffi-bench-rust-host version
//!   wasm-ffi-bench-rust-host workload <module.wasm> --report <file> [-- <guest args...>]
//!   wasm-ffi-bench-rust-host ffi <module.wasm> --report <file> [--target-ms 100 | --calls LOOP=N,...]
//!
//! `version` prints one JSON line: {"runtime":"wasmtime","version":"..."} (the
//! version is the wasmtime crate resolved in Cargo.lock, see build.rs).
//! `workload` runs the WASI command's `_start` (guest argv = ["workload", args...],
//! stdio inherited, empty environment, no preopens) and appends one JSON line of
//! phase times in nanoseconds to the report file. The exit code is the guest's
//! exit status; a trap, a missing `_start` or an unreadable module exits 1 with
//! a one-line message on stderr.
//! `ffi` calibrates and measures per-call costs of the ffi guest module and
//! appends one JSON line to the report file (see ffi.rs). With --calls each
//! loop runs the given number of times instead (all six loops named, e.g.
//! loop=500,guest_loop=500,...), so that two runs under an instruction counter
//! differ by the iterations of the one loop whose count differs.
//!
//! The compilation cache is off: the `cache` feature of wasmtime is not even
//! compiled in.

mod ffi;
mod runtime;

use std::io::Write;
use std::time::{Duration, Instant};

use anyhow::Error;
use wasmtime::Trap;
use wasmtime_wasi::I32Exit;

const RUNTIME: &str = "wasmtime";
const VERSION: &str = env!("WASMTIME_VERSION");

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
        "error: {}\nusage: wasm-ffi-bench-rust-host version | workload <module.wasm> --report <file> [-- <guest args...>] | ffi <module.wasm> --report <file> [--target-ms N | --calls LOOP=N,...]",
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

/// A JSON object from keys and already-encoded values, in order.
fn json_object(fields: &[(&str, String)]) -> String {
    let body: Vec<String> = fields.iter().map(|(k, v)| format!("{}:{}", json_str(k), v)).collect();
    format!("{{{}}}", body.join(","))
}

struct Options {
    wasm: String,
    report: String,
    target_ms: f64,
    /// a fixed count per ffi loop, or None to calibrate
    calls: Option<std::collections::HashMap<String, u64>>,
    guest_args: Vec<String>,
}

fn parse_options(args: &[String], allow_guest_args: bool) -> Options {
    let mut wasm: Option<String> = None;
    let mut report: Option<String> = None;
    let mut target_ms = 100.0;
    let mut calls = None;
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
        } else if a == "--calls" && !allow_guest_args {
            i += 1;
            calls = Some(ffi::parse_calls(args.get(i).unwrap_or_else(|| usage("--calls needs LOOP=N for every loop"))));
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
        calls,
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

fn cmd_workload(opts: Options) -> i32 {
    let wasm = runtime::read_module(&opts.wasm);

    let t0 = Instant::now();
    let mut argv = vec!["workload".to_string()];
    argv.extend(opts.guest_args.iter().cloned());
    let mut rt = runtime::Runtime::new(&argv);
    let t1 = Instant::now();

    let module = rt.compile(&wasm, &opts.wasm);
    let t2 = Instant::now();
    if module.get_export("_start").is_none() {
        fail(format!("module {} has no _start export", opts.wasm));
    }

    let t3a = Instant::now();
    let instance = rt.instantiate(&module, &opts.wasm);
    let t3 = Instant::now();

    let start = instance
        .get_typed_func::<(), ()>(&mut rt.store, "_start")
        .unwrap_or_else(|e| fail(format!("module {}: bad _start export: {}", opts.wasm, one_line(&e))));
    let t4 = Instant::now();
    let result = start.call(&mut rt.store, ());
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

    let ns = |d: Duration| (d.as_nanos() as u64).to_string();
    let phases = json_object(&[
        ("setup", ns(t1 - t0)),
        ("compile", ns(t2 - t1)),
        ("instantiate", ns(t3 - t3a)),
        ("execute", ns(t5 - t4)),
    ]);
    let report = json_object(&[("runtime", json_str(RUNTIME)), ("version", json_str(VERSION)), ("phases_ns", phases)]);
    append_report(&opts.report, &report);
    0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(|s| s.as_str()) {
        Some("version") => {
            println!("{}", json_object(&[("runtime", json_str(RUNTIME)), ("version", json_str(VERSION))]));
            0
        }
        Some("workload") => cmd_workload(parse_options(&args[1..], true)),
        Some("ffi") => ffi::cmd_ffi(parse_options(&args[1..], false)),
        Some(other) => usage(&format!("unknown command {:?}", other)),
        None => usage("missing command"),
    };
    exit(code)
}

//! wasm-ffi-bench-launcher TIMING_FILE PROGRAM [ARGS...]
//!
//! Starts PROGRAM and times it as hyperfine does: the clock (std's Instant: CLOCK_MONOTONIC on Linux,
//! mach_absolute_time on macOS, QueryPerformanceCounter on Windows) starts right before the spawn
//! (std::process::Command, the call hyperfine makes: posix_spawn on Linux and macOS, CreateProcessW on Windows)
//! and stops right after the wait returns (wait4 on POSIX, WaitForSingleObject on Windows). The harness that starts
//! this launcher stays out of that window.
//!
//! stdin, stdout and stderr are inherited. The exit status is passed on: the same exit code, or on POSIX the same
//! signal. After the child ends, one JSON line goes to TIMING_FILE:
//!   {"wall_ns":N,"user_ns":N,"system_ns":N}     CPU times of the child and what it started and waited for
//!                                              (wait4's rusage), or of its whole tree (Windows: the job)
//!   ...,"instructions":N}                      macOS only: the instructions the child retired (proc_pid_rusage,
//!                                              read before it is reaped); 0 in a virtual machine
//!   {"error":"PROGRAM: why"}                   the program could not be started (exit code 127)

use std::ffi::OsString;
use std::process::{exit, Command};
use std::time::{Duration, Instant};

#[cfg(unix)]
#[path = "unix.rs"]
mod sys;
#[cfg(windows)]
#[path = "windows.rs"]
mod sys;

/// How the measured child ended and what it cost.
pub struct Timed {
    pub status: sys::Status,
    pub wall: Duration,
    pub user_ns: u64,
    pub system_ns: u64,
    /// instructions the child retired, where the OS counts them for a process (macOS: proc_pid_rusage)
    pub instructions: Option<u64>,
}

/// The launcher's own failures, apart from the child's exit codes (as `env` does: 125 own error, 127 not started).
const EXIT_USAGE: i32 = 2;
const EXIT_OWN_ERROR: i32 = 125;
const EXIT_NOT_STARTED: i32 = 127;

fn main() {
    let mut args = std::env::args_os().skip(1);
    let (timing_file, program) = match (args.next(), args.next()) {
        (Some(timing_file), Some(program)) => (timing_file, program),
        _ => {
            eprintln!("usage: wasm-ffi-bench-launcher TIMING_FILE PROGRAM [ARGS...]");
            exit(EXIT_USAGE);
        }
    };
    let mut command = Command::new(&program);
    command.args(args);
    sys::prepare();

    let start = Instant::now();
    let child = match command.spawn() {
        Ok(child) => child,
        Err(error) => {
            let message = format!("{}: {}", program.to_string_lossy(), error);
            write_timing(
                &timing_file,
                &format!("{{\"error\":{}}}", json_string(&message)),
            );
            eprintln!("wasm-ffi-bench-launcher: cannot start {}", message);
            exit(EXIT_NOT_STARTED);
        }
    };
    let timed = match sys::wait(child, start) {
        Ok(timed) => timed,
        Err(error) => {
            eprintln!(
                "wasm-ffi-bench-launcher: waiting for {}: {}",
                program.to_string_lossy(),
                error
            );
            exit(EXIT_OWN_ERROR);
        }
    };

    let instructions = match timed.instructions {
        Some(count) => format!(",\"instructions\":{}", count),
        None => String::new(),
    };
    let line = format!(
        "{{\"wall_ns\":{},\"user_ns\":{},\"system_ns\":{}{}}}",
        timed.wall.as_nanos(),
        timed.user_ns,
        timed.system_ns,
        instructions
    );
    write_timing(&timing_file, &line);
    sys::exit_like(timed.status);
}

fn write_timing(file: &OsString, line: &str) {
    if let Err(error) = std::fs::write(file, format!("{}\n", line)) {
        eprintln!(
            "wasm-ffi-bench-launcher: cannot write {}: {}",
            file.to_string_lossy(),
            error
        );
        exit(EXIT_OWN_ERROR);
    }
}

/// A JSON string literal (the error message may hold quotes, backslashes or, on Windows, any path).
fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
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

//! wasm-ffi-bench-empty: a process that does nothing, so that the harness can time its own cost of starting and
//! reaping one (as hyperfine measures its shell). On Windows there is no `true`; `cmd.exe /c rem` would time
//! cmd.exe's start-up instead.
fn main() {}

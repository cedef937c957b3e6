//! Exports the resolved wasmtime version (read from Cargo.lock) to the program
//! as the WASMTIME_VERSION environment variable at compile time.

use std::path::PathBuf;

fn main() {
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let lock_path = dir.join("Cargo.lock");
    println!("cargo:rerun-if-changed={}", lock_path.display());
    let lock = std::fs::read_to_string(&lock_path).unwrap_or_default();
    let mut version = String::from("unknown");
    let mut in_wasmtime = false;
    for line in lock.lines() {
        let line = line.trim();
        if line == "[[package]]" {
            in_wasmtime = false;
        } else if line == "name = \"wasmtime\"" {
            in_wasmtime = true;
        } else if in_wasmtime && line.starts_with("version = \"") {
            version = line["version = \"".len()..].trim_end_matches('"').to_string();
            break;
        }
    }
    println!("cargo:rustc-env=WASMTIME_VERSION={}", version);
}

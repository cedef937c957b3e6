//! The workload guest: a WASI command.
//!
//! For i in 0..loops it pushes `random(0..999999) * i` (as f64) into a Vec<f64>,
//! then prints the vector length and the sum divided by the number of loops.
//! `loops` is the first argument (default 999999). The random numbers come from a
//! fixed-seed splitmix64 generator, so every host must print the same bytes.
//!
//! Self-contained on purpose: it is also compiled directly with `rustc` (1.63+).

use std::io::Write;

const DEFAULT_LOOPS: u64 = 999_999;
const SEED: u64 = 0x5EED_0F_F1_BE_9C_0DE;

/// splitmix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough here.
struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound` (modulo reduction; the tiny bias does not matter).
    fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }
}

fn parse_loops() -> Result<u64, String> {
    match std::env::args().nth(1) {
        None => Ok(DEFAULT_LOOPS),
        Some(arg) => arg
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("workload: invalid loop count {:?}: expected a non-negative integer", arg)),
    }
}

fn main() {
    let loops = match parse_loops() {
        Ok(n) => n,
        Err(msg) => {
            eprintln!("{}", msg);
            std::process::exit(2);
        }
    };

    let mut rng = SplitMix64::new(SEED);
    let mut values: Vec<f64> = Vec::new();
    for i in 0..loops {
        let r = rng.below(999_999);
        values.push(r as f64 * i as f64);
    }

    let sum: f64 = values.iter().sum();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = writeln!(out, "Vector length: {}", values.len())
        .and_then(|_| writeln!(out, "Vector sum divided by total loops: {}", sum / loops as f64))
        .and_then(|_| out.flush());
    if let Err(e) = result {
        eprintln!("workload: cannot write to stdout: {}", e);
        std::process::exit(1);
    }
}

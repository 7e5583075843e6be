//! Writes a generated bulk-data NDJSON of Condition resources to standard output, for
//! measuring the CLI on large inputs (`/usr/bin/time -v bluebutton parse FILE`):
//!
//! ```sh
//! cargo run --release -p bluebutton-benches --example ndjson -- 190 1000 > /tmp/c190.ndjson
//! ```
//!
//! Arguments: the size in MB (default 20) and the number of patients (default 1000).

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let mb: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let patients: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(1000);
    let bytes = bluebutton_benches::generated_conditions(mb * 1_000_000, patients);
    if let Err(e) = std::io::stdout().lock().write_all(&bytes) {
        eprintln!("cannot write: {e}");
        std::process::exit(1);
    }
}

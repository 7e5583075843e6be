//! Runs one workload over the corpus C-CDA documents, for profilers that count
//! instructions (`valgrind --tool=callgrind`) or sample (`perf record`):
//!
//! ```sh
//! cargo build --release -p bluebutton-benches --example profile
//! valgrind --tool=callgrind target/release/examples/profile bare
//! valgrind --tool=callgrind target/release/examples/profile parse
//! ```
//!
//! Workloads: `bare` (the quick-xml event loop), `detect`, `parse` (C-CDA), `va`, `cms`,
//! `fhir` (`parse` over those corpus folders), and `ndjson` (`parse` of one generated
//! 20 MB NDJSON of Condition resources). An optional second argument repeats the workload
//! that many times (for sampling profilers: `perf record ... profile parse 20`).
//!
//! `ratio` times `bare` and `parse` in turns (ten rounds unless a second argument says) and
//! prints each one's best round and parse/bare: an A/B check of wall time that a noisy host
//! disturbs less than two separate runs. A third argument names another folder to read
//! instead of the corpus one (`profile ratio 10 path/to/sample_ccdas`).

use bluebutton_benches::{bare_event_loop, corpus_dir, generated_conditions, load};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn main() {
    let workload = std::env::args().nth(1).unwrap_or_else(|| "parse".into());
    // Every file of the format, unfiltered, so that setup does no parsing of its own.
    let (folder, extensions): (&str, &[&str]) = match workload.as_str() {
        "va" => ("va-text", &[".txt"]),
        "cms" => ("cms-text", &[".txt"]),
        "fhir" => ("fhir", &[".json", ".ndjson"]),
        _ => ("ccda", &[".xml"]),
    };
    let docs: Vec<Vec<u8>> = if workload == "ndjson" {
        vec![generated_conditions(20_000_000, 1_000)]
    } else {
        let dir = std::env::args()
            .nth(3)
            .map_or_else(|| corpus_dir().join(folder), Into::into);
        load(&dir, extensions)
            .into_iter()
            .map(|(_, bytes)| bytes)
            .collect()
    };
    let total: usize = docs.iter().map(Vec::len).sum();
    let repeat: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    if workload == "ratio" {
        ratio(&docs, total, if repeat > 1 { repeat } else { 10 });
        return;
    }
    let work: usize = (0..repeat).map(|_| run(&workload, &docs)).sum();
    eprintln!(
        "{workload}: {} documents, {total} bytes, {work}",
        docs.len()
    );
}

/// One pass of `workload` over `docs`.
fn run(workload: &str, docs: &[Vec<u8>]) -> usize {
    match workload {
        "bare" => docs.iter().map(|d| bare_event_loop(black_box(d))).sum(),
        "detect" => docs
            .iter()
            .filter(|d| bluebutton_parse::detect(black_box(d)).is_health_record())
            .count(),
        "parse" | "va" | "cms" | "fhir" | "ndjson" => docs
            .iter()
            .filter(|d| bluebutton_parse::parse(black_box(d)).is_ok())
            .count(),
        other => {
            eprintln!(
                "unknown workload {other:?}: bare, detect, parse, ratio, va, cms, fhir or ndjson"
            );
            std::process::exit(2);
        }
    }
}

/// Times `bare` and `parse` in turns for `rounds` rounds and prints each one's best round.
fn ratio(docs: &[Vec<u8>], total: usize, rounds: usize) {
    let time = |workload: &str| {
        let start = Instant::now();
        black_box(run(workload, docs));
        start.elapsed()
    };
    let (mut bare, mut parse) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        bare = bare.min(time("bare"));
        parse = parse.min(time("parse"));
    }
    let mbs = |t: Duration| total as f64 / 1e6 / t.as_secs_f64();
    eprintln!(
        "best of {rounds}: bare {:.0} MB/s, parse {:.0} MB/s, parse/bare = {:.1}%",
        mbs(bare),
        mbs(parse),
        100.0 * bare.as_secs_f64() / parse.as_secs_f64()
    );
}

//! C-CDA throughput: the full reader against the bare quick-xml event loop over the same
//! bytes, in one run. See `benches/README.md` for the figures and how to read them.

mod common;

use bluebutton_benches::{bare_event_loop, ccda_documents, repeated_document};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn corpus(c: &mut Criterion) {
    let (docs, total) = ccda_documents();
    eprintln!("ccda corpus: {} documents, {} bytes", docs.len(), total);
    let mut group = c.benchmark_group("ccda_corpus");
    group.throughput(Throughput::Bytes(total as u64));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("bare_quick_xml_loop", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| bare_event_loop(black_box(d)))
                .sum::<usize>()
        })
    });
    common::parse_functions(&mut group, &docs, true);
    group.finish();
    summary(&docs, total);
}

/// Prints MB/s, documents/s and the parse/bare ratio from one interleaved measurement: ten
/// rounds, each timing the bare loop and then `parse`, and each one's best round, so that a
/// host whose speed drifts during the run slows both alike.
fn summary(docs: &[Vec<u8>], total: usize) {
    let time = |f: &dyn Fn() -> usize| {
        let t = Instant::now();
        black_box(f());
        t.elapsed()
    };
    let (mut bare, mut parse) = (Duration::MAX, Duration::MAX);
    for _ in 0..10 {
        bare = bare.min(time(&|| docs.iter().map(|d| bare_event_loop(d)).sum()));
        parse = parse.min(time(&|| {
            docs.iter()
                .filter(|d| bluebutton_parse::parse(d).is_ok())
                .count()
        }));
    }
    let mbs = |t: Duration| total as f64 / 1e6 / t.as_secs_f64();
    let dps = |t: Duration| docs.len() as f64 / t.as_secs_f64();
    eprintln!(
        "summary: bare {:.0} MB/s ({:.0} docs/s); parse {:.0} MB/s ({:.0} docs/s); parse/bare = {:.1}%",
        mbs(bare),
        dps(bare),
        mbs(parse),
        dps(parse),
        100.0 * bare.as_secs_f64() / parse.as_secs_f64()
    );
}

fn large_document(c: &mut Criterion) {
    let (docs, _) = ccda_documents();
    let Some(seed) = docs.iter().max_by_key(|d| d.len()) else {
        return;
    };
    let times = (10_000_000 / seed.len().max(1)).max(1);
    let big = repeated_document(seed, times);
    eprintln!(
        "large document: {} bytes ({} copies of the largest corpus body)",
        big.len(),
        times
    );
    let mut group = c.benchmark_group("ccda_10mb");
    group.throughput(Throughput::Bytes(big.len() as u64));
    group.sample_size(10);
    group.bench_function("parse", |b| {
        b.iter(|| bluebutton_parse::parse(black_box(&big)).is_ok())
    });
    group.finish();
}

/// Writing records as JSON, measured in output bytes: the records are parsed beforehand.
fn json_output(c: &mut Criterion) {
    let (docs, _) = ccda_documents();
    let records: Vec<_> = docs
        .iter()
        .filter_map(|d| bluebutton_parse::parse(d).ok())
        .collect();
    let written: usize = records
        .iter()
        .map(|r| serde_json::to_vec(r).map_or(0, |v| v.len()))
        .sum();
    eprintln!("json output: {} records, {written} bytes", records.len());
    let mut group = c.benchmark_group("json_output");
    group.throughput(Throughput::Bytes(written as u64));
    group.sample_size(20);
    group.bench_function("to_vec", |b| {
        b.iter(|| {
            records
                .iter()
                .map(|r| serde_json::to_vec(black_box(r)).map_or(0, |v| v.len()))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, corpus, large_document, json_output);
criterion_main!(benches);

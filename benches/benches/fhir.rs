//! FHIR R4 throughput: the full reader against serde_json's own `Value` parse of the same
//! bytes (a reference point, not a ceiling: the reader builds no `Value`). See
//! `benches/README.md`.

mod common;

use bluebutton_benches::{fhir_documents, generated_conditions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::time::Duration;

/// serde_json's `Value` parse of every JSON value in `bytes` (one, or one per NDJSON line).
fn serde_json_values(bytes: &[u8]) -> usize {
    serde_json::Deserializer::from_slice(bytes)
        .into_iter::<serde_json::Value>()
        .take_while(Result::is_ok)
        .count()
}

fn corpus(c: &mut Criterion) {
    let (docs, total) = fhir_documents();
    eprintln!("fhir corpus: {} files, {} bytes", docs.len(), total);
    let mut group = c.benchmark_group("fhir_corpus");
    group.throughput(Throughput::Bytes(total as u64));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("serde_json_value", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| serde_json_values(black_box(d)))
                .sum::<usize>()
        })
    });
    common::parse_functions(&mut group, &docs, true);
    group.finish();
}

fn largest_file(c: &mut Criterion) {
    let (docs, _) = fhir_documents();
    let Some(largest) = docs.iter().max_by_key(|d| d.len()) else {
        return;
    };
    eprintln!("largest fhir file: {} bytes", largest.len());
    let mut group = c.benchmark_group("fhir_largest");
    group.throughput(Throughput::Bytes(largest.len() as u64));
    group.sample_size(20);
    group.bench_function("parse", |b| {
        b.iter(|| bluebutton_parse::parse(black_box(largest)).is_ok())
    });
    group.finish();
}

/// One generated 50 MB NDJSON of Condition resources (1,000 patients): read a line at a
/// time, its time should stay linear and near the corpus throughput.
fn ndjson_large(c: &mut Criterion) {
    let ndjson = generated_conditions(50_000_000, 1_000);
    let mut group = c.benchmark_group("fhir_ndjson_large");
    group.throughput(Throughput::Bytes(ndjson.len() as u64));
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    group.bench_function("parse", |b| {
        b.iter(|| bluebutton_parse::parse(black_box(&ndjson)).is_ok())
    });
    group.finish();
}

criterion_group!(benches, corpus, largest_file, ndjson_large);
criterion_main!(benches);

//! Text formats: VA My HealtheVet and CMS MyMedicare Blue Button reports, read line by line.
//! See `benches/README.md` for the figures.

mod common;

use bluebutton_benches::documents_that_parse;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::time::Duration;

fn text_format(c: &mut Criterion, folder: &str) {
    let (docs, total) = documents_that_parse(folder, &[".txt"]);
    eprintln!("{folder}: {} documents, {} bytes", docs.len(), total);
    let mut group = c.benchmark_group(folder);
    group.throughput(Throughput::Bytes(total as u64));
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(5));
    common::parse_functions(&mut group, &docs, false);
    group.finish();
}

fn va_text(c: &mut Criterion) {
    text_format(c, "va-text");
}

fn cms_text(c: &mut Criterion) {
    text_format(c, "cms-text");
}

criterion_group!(benches, va_text, cms_text);
criterion_main!(benches);

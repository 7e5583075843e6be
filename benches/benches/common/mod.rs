//! Bench functions every format's group shares.

use criterion::measurement::WallTime;
use criterion::BenchmarkGroup;
use std::hint::black_box;

/// Adds `parse` (`bluebutton_parse::parse` of every document) and, when `with_json`,
/// `parse_and_write_json` (the same plus `serde_json::to_vec` of each record) to `group`.
pub fn parse_functions(
    group: &mut BenchmarkGroup<'_, WallTime>,
    docs: &[Vec<u8>],
    with_json: bool,
) {
    group.bench_function("parse", |b| {
        b.iter(|| {
            docs.iter()
                .filter(|d| bluebutton_parse::parse(black_box(d)).is_ok())
                .count()
        })
    });
    if with_json {
        group.bench_function("parse_and_write_json", |b| {
            b.iter(|| {
                docs.iter()
                    .filter_map(|d| bluebutton_parse::parse(black_box(d)).ok())
                    .map(|r| serde_json::to_vec(&r).map_or(0, |v| v.len()))
                    .sum::<usize>()
            })
        });
    }
}

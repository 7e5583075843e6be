//! A large NDJSON input read by `parse`: every line's entry comes out, in input order, with
//! references to resources of later lines resolved, and the JSON trees of all the lines are
//! never held at once (the process's peak memory grows by far less than they would take).
//! Its own test binary, so that no other test moves the process's peak memory meanwhile.

use bluebutton_parse::model::FormatKind;
use bluebutton_parse::parse;
use std::fmt::Write;

/// The process's peak resident memory in KiB (`VmHWM`), where the OS reports it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `conditions` Condition lines naming a patient and a practitioner that come last; each
/// carries `evidence` the reader does not map (small JSON values: a large tree).
fn generated(conditions: usize) -> String {
    let evidence = vec![r#"{"code":[{"text":"e"}]}"#; 220].join(",");
    let mut out = String::new();
    for n in 0..conditions {
        let _ = writeln!(
            out,
            r#"{{"resourceType":"Condition","id":"c{n}","code":{{"text":"condition {n}"}},"subject":{{"reference":"Patient/p"}},"asserter":{{"reference":"Practitioner/dr"}},"evidence":[{evidence}]}}"#
        );
    }
    out.push_str(r#"{"resourceType":"Practitioner","id":"dr","name":[{"family":"Grey"}]}"#);
    out.push('\n');
    out.push_str(r#"{"resourceType":"Patient","id":"p","gender":"female"}"#);
    out.push('\n');
    out
}

#[test]
fn a_large_ndjson_is_read_line_by_line() {
    const LINES: usize = 2_000;
    let input = generated(LINES);
    assert!(input.len() > 10_000_000, "{} bytes", input.len());
    let before = peak_rss_kib();
    let record = parse(input.as_bytes()).unwrap();
    let after = peak_rss_kib();

    assert_eq!(record.format.kind, FormatKind::FhirNdjson);
    assert_eq!(record.problems.len(), LINES);
    for (i, problem) in record.problems.iter().enumerate() {
        assert_eq!(problem.source.line as usize, i + 1);
        let text = problem
            .code
            .as_ref()
            .and_then(|c| c.original_text.as_deref());
        assert_eq!(text, Some(format!("condition {i}").as_str()));
        let author = problem.authors.first().and_then(|a| a.name.as_ref());
        assert_eq!(author.and_then(|n| n.family.as_deref()), Some("Grey"));
    }
    assert_eq!(
        record
            .patient
            .gender
            .as_ref()
            .and_then(|g| g.code.as_deref()),
        Some("female")
    );
    // The Practitioner is read into the problems' authors: not kept whole as well.
    assert!(record.other.is_empty(), "{:?}", record.other);
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);

    // All the lines' trees at once take over ten times the input; one line's, next to
    // nothing. The record itself (a few KiB per problem) stays under the input's size.
    if let (Some(before), Some(after)) = (before, after) {
        let grown = after.saturating_sub(before) * 1024;
        let limit = input.len() as u64 * 2;
        assert!(grown < limit, "peak memory grew by {grown} bytes");
    }
}

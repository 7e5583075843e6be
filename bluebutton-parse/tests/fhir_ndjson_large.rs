//! A large NDJSON input read by `parse`: every line's entry comes out, in input order, with
//! references to resources of later lines resolved (and Provenances and renewal orders
//! applied to earlier lines, as when the input is read whole), and the JSON trees of all
//! the lines are never held at once, not even when Provenances name them all (the
//! process's peak memory grows by far less than they would take).
//! Its own test binary, so that no other test moves the process's peak memory meanwhile.

use bluebutton_parse::model::{FormatKind, HealthRecord};
use bluebutton_parse::parse;
use std::fmt::Write;
use std::sync::Mutex;

/// Held by each test, so that none moves the process's peak memory while another
/// measures it.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The process's peak resident memory in KiB (`VmHWM`), where the OS reports it.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Parses `input`, and says by how many bytes the process's peak memory grew meanwhile
/// (where the OS reports it).
fn parse_measured(input: &str) -> (HealthRecord, Option<u64>) {
    let before = peak_rss_kib();
    let record = parse(input.as_bytes()).unwrap();
    let after = peak_rss_kib();
    let grown = before
        .zip(after)
        .map(|(before, after)| after.saturating_sub(before) * 1024);
    (record, grown)
}

/// The peak memory grew by less than twice the input (when it could be measured).
fn assert_grew_less_than_twice(input: &str, grown: Option<u64>) {
    if let Some(grown) = grown {
        let limit = input.len() as u64 * 2;
        assert!(grown < limit, "peak memory grew by {grown} bytes");
    }
}

/// A Condition's `evidence` the reader does not map: many small JSON values, a large tree.
fn evidence() -> String {
    vec![r#"{"code":[{"text":"e"}]}"#; 220].join(",")
}

/// `conditions` Condition lines naming a patient and a practitioner that come last; each
/// carries `evidence` the reader does not map (small JSON values: a large tree).
fn generated(conditions: usize) -> String {
    let evidence = evidence();
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
    let _one = ONE_AT_A_TIME.lock();
    const LINES: usize = 2_000;
    let input = generated(LINES);
    assert!(input.len() > 10_000_000, "{} bytes", input.len());
    let (record, grown) = parse_measured(&input);

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
    assert_grew_less_than_twice(&input, grown);
}

/// The lines of [`generated`] after `renewed` prescriptions, then one Provenance naming
/// each condition (its author a practitioner that comes last) and one order renewing
/// each prescription: lines that name every other line.
fn generated_with_provenances(conditions: usize, renewed: usize) -> String {
    let mut out = String::new();
    for n in 0..renewed {
        let _ = writeln!(
            out,
            r#"{{"resourceType":"MedicationRequest","id":"rx{n}","status":"active","intent":"order","medicationCodeableConcept":{{"text":"drug {n}"}},"dosageInstruction":[{{"text":"daily"}}]}}"#
        );
    }
    out.push_str(&generated(conditions));
    for n in 0..conditions {
        let _ = writeln!(
            out,
            r#"{{"resourceType":"Provenance","id":"pv{n}","target":[{{"reference":"Condition/c{n}"}}],"recorded":"2020-01-02T03:04:05Z","agent":[{{"type":{{"coding":[{{"system":"http://terminology.hl7.org/CodeSystem/provenance-participant-type","code":"author"}}]}},"who":{{"reference":"Practitioner/au"}}}}]}}"#
        );
    }
    for n in 0..renewed {
        let _ = writeln!(
            out,
            r#"{{"resourceType":"MedicationRequest","id":"renewal{n}","status":"active","intent":"order","medicationCodeableConcept":{{"text":"drug {n}"}},"authoredOn":"2021-05-06","priorPrescription":{{"reference":"MedicationRequest/rx{n}"}}}}"#
        );
    }
    out.push_str(r#"{"resourceType":"Practitioner","id":"au","name":[{"family":"Author"}]}"#);
    out.push('\n');
    out
}

#[test]
fn lines_named_by_provenances_and_renewals_are_not_all_held() {
    let _one = ONE_AT_A_TIME.lock();
    const LINES: usize = 2_000;
    const RENEWED: usize = 50;
    let input = generated_with_provenances(LINES, RENEWED);
    assert!(input.len() > 10_000_000, "{} bytes", input.len());
    let (record, grown) = parse_measured(&input);

    // Every condition has the Provenance's author instead of its asserter, every
    // prescription its renewal; the Provenances and renewals are read into them.
    assert_eq!(record.problems.len(), LINES);
    for (i, problem) in record.problems.iter().enumerate() {
        assert_eq!(problem.source.line as usize, RENEWED + i + 1);
        let author = problem.authors.first().and_then(|a| a.name.as_ref());
        assert_eq!(author.and_then(|n| n.family.as_deref()), Some("Author"));
        assert_eq!(problem.authors.len(), 1);
    }
    assert_eq!(record.medications.len(), RENEWED);
    for (i, medication) in record.medications.iter().enumerate() {
        assert_eq!(medication.source.line as usize, i + 1);
        let renewal = medication.orders.first().and_then(|o| o.time.as_ref());
        assert!(renewal.is_some(), "{i}: {:?}", medication.orders);
        assert_eq!(medication.orders.len(), 1);
    }
    assert!(record.other.is_empty(), "{:?}", record.other);
    assert!(record.warnings.is_empty(), "{:?}", record.warnings);

    // Holding every condition's tree because a Provenance names it would take thirty
    // times the input; the Provenances' and renewals' own trees are small.
    assert_grew_less_than_twice(&input, grown);
}

/// A condition, a prescription and a supply order, `padding` unrelated Condition lines
/// (each marked `padding`), then a Provenance naming the condition, an order renewing the
/// prescription, a statement based on the supply order and the practitioner the
/// Provenance names; with `blank`, the padding lines are left empty (the same line
/// numbers, a small input).
fn linked_late(padding: usize, blank: bool) -> String {
    let evidence = evidence();
    let mut out = String::new();
    out.push_str(r#"{"resourceType":"Condition","id":"target","code":{"text":"asthma"}}"#);
    out.push('\n');
    out.push_str(r#"{"resourceType":"MedicationRequest","id":"rx","status":"active","intent":"order","medicationCodeableConcept":{"text":"albuterol"},"dosageInstruction":[{"text":"as needed"}]}"#);
    out.push('\n');
    out.push_str(r#"{"resourceType":"MedicationRequest","id":"supply","status":"completed","intent":"order","medicationCodeableConcept":{"text":"lisinopril"},"authoredOn":"2019-01-01"}"#);
    out.push('\n');
    for n in 0..padding {
        if !blank {
            let _ = write!(
                out,
                r#"{{"resourceType":"Condition","id":"pad{n}","code":{{"text":"padding"}},"evidence":[{evidence}]}}"#
            );
        }
        out.push('\n');
    }
    for line in [
        r#"{"resourceType":"Provenance","target":[{"reference":"Condition/target"}],"recorded":"2020-01-02T03:04:05Z","agent":[{"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/provenance-participant-type","code":"author"}]},"who":{"reference":"Practitioner/dr"}}]}"#,
        r#"{"resourceType":"MedicationRequest","id":"renewal","status":"active","intent":"order","medicationCodeableConcept":{"text":"albuterol"},"authoredOn":"2021-05-06","priorPrescription":{"reference":"MedicationRequest/rx"},"dispenseRequest":{"numberOfRepeatsAllowed":2}}"#,
        r#"{"resourceType":"MedicationStatement","id":"st","status":"active","medicationCodeableConcept":{"text":"lisinopril"},"basedOn":[{"reference":"MedicationRequest/supply"}]}"#,
        r#"{"resourceType":"Practitioner","id":"dr","name":[{"family":"Grey"}]}"#,
    ] {
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn late_provenances_and_renewals_apply_to_earlier_lines_of_a_large_input() {
    let _one = ONE_AT_A_TIME.lock();
    let large_input = linked_late(300, false);
    assert!(large_input.len() > 1 << 20, "{} bytes", large_input.len());
    let large = parse(large_input.as_bytes()).unwrap();
    let small_input = linked_late(300, true);
    assert!(small_input.len() < 4096, "{} bytes", small_input.len());
    let small = parse(small_input.as_bytes()).unwrap();

    // Read whole, the small input's Provenance gives the condition its author and the
    // renewal a further order of the prescription, the supply order one of the statement.
    assert_eq!(small.problems.len(), 1);
    let author = small.problems[0]
        .authors
        .first()
        .and_then(|a| a.name.as_ref());
    assert_eq!(author.and_then(|n| n.family.as_deref()), Some("Grey"));
    assert_eq!(small.medications.len(), 2);
    assert_eq!(small.medications[0].orders.len(), 1);
    assert!(small.medications[1].order.is_some());
    assert!(small.other.is_empty(), "{:?}", small.other);

    // Read a batch at a time, the large input gives the same record, with the padding.
    let mut large = large;
    let padding = |p: &bluebutton_parse::model::Problem| {
        p.code.as_ref().and_then(|c| c.original_text.as_deref()) == Some("padding")
    };
    assert_eq!(large.problems.iter().filter(|p| padding(p)).count(), 300);
    large.problems.retain(|p| !padding(p));
    assert_eq!(large, small);
}

//! `bluebutton summary`: a short human-readable overview of each record.

use crate::inputs::expand;
use crate::output::{report, Outcome, Output};
use bluebutton_model::{FormatKind, HealthRecord, PartialDateTime, PersonName};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Prints an overview of each input's record: format, document, patient, how many entries
/// each section holds, and the warnings by kind.
pub(crate) fn run(paths: &[PathBuf], output: &mut Output) -> Outcome {
    let mut outcome = Outcome::OK;
    for (i, input) in expand(paths).iter().enumerate() {
        let record = input
            .read()
            .and_then(|bytes| bluebutton_parse::parse(&bytes).map_err(|e| e.to_string()));
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                outcome = outcome.and(output.flush()).and(Outcome::FAILED);
                report(&input.label(), &e);
                continue;
            }
        };
        let separator = if i > 0 { "\n" } else { "" };
        let text = format!("{separator}{}\n{}", input.label(), overview(&record));
        outcome = outcome.and(output.write(&text));
        if outcome.stopped {
            break;
        }
    }
    outcome
}

/// The overview of one record, one `  label  value` line per fact.
fn overview(record: &HealthRecord) -> String {
    let format = &record.format;
    let mut lines = vec![(
        "format",
        join(&[
            Some(format_name(format.kind).to_owned()),
            format.version.clone(),
            format.document_type.clone(),
        ]),
    )];
    let doc = &record.document;
    let document = join(&[
        doc.title.as_ref().map(|t| format!("\"{t}\"")),
        doc.created
            .as_ref()
            .and_then(date)
            .map(|d| format!("created {d}")),
    ]);
    if !document.is_empty() {
        lines.push(("document", document));
    }
    let patient = &record.patient;
    let person = join(&[
        patient.name.as_ref().and_then(name),
        patient
            .birth_time
            .as_ref()
            .and_then(date)
            .map(|d| format!("born {d}")),
        patient
            .gender
            .as_ref()
            .and_then(|g| g.display.clone().or_else(|| g.code.clone())),
    ]);
    if !person.is_empty() {
        lines.push(("patient", person));
    }
    lines.push(("entries", section_counts(record)));
    lines.push(("warnings", warning_counts(record)));
    lines
        .into_iter()
        .map(|(label, value)| format!("  {label:<9} {value}\n"))
        .collect()
}

/// The format family's usual name.
fn format_name(kind: FormatKind) -> &'static str {
    match kind {
        FormatKind::Ccda => "C-CDA",
        FormatKind::C32 => "C32",
        FormatKind::VaText => "VA Blue Button text",
        FormatKind::CmsText => "CMS Blue Button text",
        FormatKind::FhirJson => "FHIR JSON",
        FormatKind::FhirNdjson => "FHIR NDJSON",
    }
}

/// `allergies 3, medications 5, ...` for every section list that is not empty, in
/// alphabetical order (read from the record's JSON form, so new sections show up by
/// themselves).
fn section_counts(record: &HealthRecord) -> String {
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(record) else {
        return String::new();
    };
    let counts: Vec<String> = fields
        .iter()
        .filter(|(key, _)| key.as_str() != "warnings")
        .filter_map(|(key, value)| match value.as_array() {
            Some(list) if !list.is_empty() => Some(format!("{key} {}", list.len())),
            _ => None,
        })
        .collect();
    if counts.is_empty() {
        "none".into()
    } else {
        counts.join(", ")
    }
}

/// `none`, or the total and the count of each warning code.
fn warning_counts(record: &HealthRecord) -> String {
    if record.warnings.is_empty() {
        return "none".into();
    }
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    for warning in &record.warnings {
        let code = serde_json::to_value(warning.code)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        *by_code.entry(code).or_default() += 1;
    }
    let parts: Vec<String> = by_code.iter().map(|(c, n)| format!("{c} {n}")).collect();
    format!("{} ({})", record.warnings.len(), parts.join(", "))
}

fn name(name: &PersonName) -> Option<String> {
    let parts: Vec<&str> = name
        .given
        .iter()
        .map(String::as_str)
        .chain(name.family.as_deref())
        .collect();
    if parts.is_empty() {
        name.text.clone()
    } else {
        Some(parts.join(" "))
    }
}

fn date(time: &PartialDateTime) -> Option<String> {
    time.value.clone()
}

/// The present parts, joined with ", ".
fn join(parts: &[Option<String>]) -> String {
    parts
        .iter()
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

//! VA laboratory results (chemistry/hematology with observations; microbiology with its
//! report as the conclusion), VA pathology reports and self-entered labs and tests.

use super::blocks::{Blocks, Field};
use super::demographics::{coded, participant};
use super::{text_value, Ctx, Fields};
use crate::text::interval::at;
use crate::text::Trimmed;
use bluebutton_model::{
    Interval, Observation, ObservationGroup, Quantity, ReferenceRange, Value, ValueKind,
};

/// True for a plain decimal number (`6.5`, `-1`, `120`).
pub(crate) fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.matches('.').count() <= 1
}

/// A result value: a number (with the unit) or text; trailing words after a number
/// (`6.5 Critical High`) are returned as an interpretation.
fn result_value(text: &str, unit: Option<&str>) -> (Value, Option<String>) {
    let trimmed = text.trimmed();
    let (first, rest) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
    let (comparator, number) = match (first.get(..1), first.get(1..)) {
        (Some(c @ ("<" | ">")), Some(n)) => {
            let (c, n) = match n.strip_prefix('=') {
                Some(n) => (format!("{c}="), n),
                None => (c.to_string(), n),
            };
            (Some(c), n)
        }
        _ => (None, first),
    };
    if is_number(number) {
        let quantity = Quantity {
            value: Some(number.to_string()),
            unit: unit.map(str::to_string),
            comparator,
            ..Default::default()
        };
        let flag = rest.trimmed();
        (
            Value {
                kind: ValueKind::Quantity,
                quantity: Some(quantity),
                ..Default::default()
            },
            (!flag.is_empty()).then(|| flag.to_string()),
        )
    } else {
        (text_value(trimmed.to_string()), None)
    }
}

/// A reference range `(3.5-5.0)`, `3.5 - 5.0`, `<5.7`; the text is always kept.
fn reference_range(text: &str, unit: Option<&str>) -> ReferenceRange {
    let inner = text
        .trimmed()
        .trim_start_matches('(')
        .trim_end_matches(')')
        .trimmed();
    let quantity = |v: &str| Quantity {
        value: Some(v.trimmed().to_string()),
        unit: unit.map(str::to_string),
        ..Default::default()
    };
    let mut range = ReferenceRange {
        text: Some(text.trimmed().to_string()),
        ..Default::default()
    };
    if let Some((low, high)) = inner.split_once('-') {
        if is_number(low.trimmed()) && is_number(high.trimmed()) {
            range.low = Some(quantity(low));
            range.high = Some(quantity(high));
        }
    }
    range
}

/// Builds one chemistry/hematology observation from its fields.
fn observation(ctx: &Ctx<'_>, fields: &[Field], time: Option<&Interval>) -> Observation {
    let get = |label: &str| {
        fields
            .iter()
            .find(|f| f.label.eq_ignore_ascii_case(label) && !f.value.is_empty())
            .map(|f| f.value.to_string())
    };
    let line = fields.first().map_or(0, |f| f.line);
    let unit = get("Units");
    let mut obs = Observation {
        code: get("Test Name").map(coded),
        status: get("Status"),
        time: time.cloned(),
        source: ctx.source(line),
        ..Default::default()
    };
    if let Some(result) = get("Result") {
        let (value, flag) = result_value(&result, unit.as_deref());
        obs.value = Some(value);
        obs.interpretations.extend(flag.map(coded));
    } else if let Some(unit) = unit.clone() {
        obs.notes.push(format!("Units: {unit}"));
    }
    if let Some(range) = get("Reference Range") {
        obs.reference_ranges
            .push(reference_range(&range, unit.as_deref()));
    }
    if let Some(interp) = get("Interpretation") {
        // A flag (`H`, `Critical High`) is an interpretation; a paragraph is a comment.
        if interp.len() <= 40 {
            obs.interpretations.push(coded(interp));
        } else {
            obs.notes.push(format!("Interpretation: {interp}"));
        }
    }
    obs.performers
        .extend(participant(None, get("Performing Location")));
    let known = [
        "Test Name",
        "Result",
        "Units",
        "Reference Range",
        "Interpretation",
        "Performing Location",
        "Status",
    ];
    for f in fields {
        if !f.value.is_empty() && !known.iter().any(|k| k.eq_ignore_ascii_case(f.label)) {
            obs.notes.push(format!("{}: {}", f.label, f.value));
        }
    }
    obs
}

/// True for the `Test Name` field that opens each result of a chemistry panel.
fn is_test_name(field: &Field<'_>) -> bool {
    field.label.eq_ignore_ascii_case("Test Name")
}

/// Reads the VA laboratory results section.
pub(crate) fn labs(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    ctx.record.results.reserve(parsed.entries.len());
    for entry in &parsed.entries {
        // The header ends at the first rule or the first `Test Name` (v12.4 has no rule).
        let first_test = entry.fields.iter().position(is_test_name);
        let in_header = |i: usize, f: &Field| !f.in_body && first_test.is_none_or(|t| i < t);
        let header: Vec<Field> = entry
            .fields
            .iter()
            .enumerate()
            .filter(|(i, f)| in_header(*i, f))
            .map(|(_, f)| f.clone())
            .collect();
        let head_entry = super::blocks::Entry {
            line: entry.line,
            fields: header,
            ..Default::default()
        };
        let mut f = Fields::new(&head_entry);
        let code = f.take("Lab Test").map(coded);
        let lab_type = f.take("Lab Type");
        let collected = f.take_at("Date/Time Collected");
        let time = at(ctx.date(collected, "Date/Time Collected"));
        let specimen = f.take("Specimen").map(coded);
        let mut authors = Vec::new();
        let provider = f.take("Ordering Provider");
        let ordering_location = f.take("Ordering Location");
        authors.extend(participant(provider, ordering_location));
        let mut performers = Vec::new();
        performers.extend(participant(None, f.take("Performing Location")));
        let mut notes = Vec::new();
        let completed = f.take("Date/Time Completed");
        notes.extend(completed.map(|c| format!("Date/Time Completed: {c}")));
        notes.extend(f.rest());

        let chemistry = lab_type
            .as_deref()
            .is_some_and(|t| t.to_ascii_lowercase().contains("chem"));
        let mut observations = Vec::new();
        let mut conclusion = None;
        if chemistry {
            let tests = entry.fields.iter().filter(|f| is_test_name(f)).count();
            observations.reserve(tests);
            // Observations start at each `Test Name`; fields after the last result block
            // (`Comments`) belong to the group.
            let mut current: Vec<Field> = Vec::new();
            for field in entry
                .fields
                .iter()
                .enumerate()
                .filter(|(i, f)| !in_header(*i, f))
                .map(|(_, f)| f)
            {
                if is_test_name(field) && !current.is_empty() {
                    observations.push(observation(ctx, &current, time.as_ref()));
                    current.clear();
                }
                if field.label.eq_ignore_ascii_case("Comments") {
                    if !field.value.is_empty() {
                        notes.push(field.value.to_string());
                    }
                    continue;
                }
                current.push(field.clone());
            }
            if !current.is_empty() {
                observations.push(observation(ctx, &current, time.as_ref()));
            }
        } else if !entry.body.is_empty() {
            conclusion = Some(entry.body.clone());
        }
        ctx.record.results.push(ObservationGroup {
            code,
            categories: lab_type.map(coded).into_iter().collect(),
            time,
            specimen,
            authors,
            performers,
            observations,
            conclusion,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

/// Reads the VA pathology reports section.
pub(crate) fn pathology(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let header: Vec<Field> = entry
            .fields
            .iter()
            .filter(|f| !f.in_body)
            .cloned()
            .collect();
        let head_entry = super::blocks::Entry {
            line: entry.line,
            fields: header,
            ..Default::default()
        };
        let mut f = Fields::new(&head_entry);
        let code = f.take("Type of Report").map(coded);
        let specimen = f.take("Specimen").map(coded);
        let obtained = f.take_at("Date Obtained");
        let time = at(ctx.date(obtained, "Date Obtained"));
        let performers = participant(None, f.take("Performing Location"))
            .into_iter()
            .collect();
        let mut notes = Vec::new();
        notes.extend(
            f.take("Date Completed")
                .map(|c| format!("Date Completed: {c}")),
        );
        notes.extend(f.rest());
        ctx.record.results.push(ObservationGroup {
            code,
            categories: vec![coded("Pathology".into())],
            time,
            specimen,
            performers,
            conclusion: (!entry.body.is_empty()).then(|| entry.body.clone()),
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

/// Reads self-entered labs and tests.
pub(crate) fn self_labs(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let code = f.take("Test Name").map(coded);
        let date = f.take_at("Date");
        let time = at(ctx.date(date, "Date"));
        let location = f.take("Location performed");
        let provider = f.take("Provider");
        let mut performers = Vec::new();
        performers.extend(participant(provider, location));
        let conclusion = f.take("Results");
        let mut notes: Vec<String> = f.take("Comments").into_iter().collect();
        notes.extend(f.rest());
        ctx.record.results.push(ObservationGroup {
            code,
            categories: vec![coded("Self Reported".into())],
            time,
            performers,
            conclusion,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_and_ranges() {
        let (v, flag) = result_value("6.5 Critical High", Some("mmol/L"));
        assert_eq!(v.quantity.and_then(|q| q.value), Some("6.5".into()));
        assert_eq!(flag.as_deref(), Some("Critical High"));
        let (v, _) = result_value("NEGATIVE", None);
        assert_eq!(v.text.as_deref(), Some("NEGATIVE"));
        let (v, _) = result_value("<0.5", None);
        assert_eq!(v.quantity.and_then(|q| q.comparator), Some("<".into()));
        let r = reference_range("(3.5-5.0)", Some("mmol/L"));
        assert_eq!(r.low.and_then(|q| q.value), Some("3.5".into()));
        assert_eq!(r.high.and_then(|q| q.value), Some("5.0".into()));
        assert_eq!(r.text.as_deref(), Some("(3.5-5.0)"));
    }
}

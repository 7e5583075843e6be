//! VA and self-entered vitals and readings (→ `vitals`, one group per reading).

use super::blocks::Blocks;
use super::dates::join_time;
use super::demographics::{coded, participant};
use super::results::is_number;
use super::{text_value, Ctx, Fields};
use crate::text::interval::at;
use crate::text::Trimmed;
use bluebutton_model::{Observation, ObservationGroup, Quantity, Value, ValueKind};

/// A quantity value from `number unit` text, else text.
fn measurement(text: &str, unit: Option<&str>) -> Value {
    let trimmed = text.trimmed();
    let (number, rest) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
    let unit = match rest.trimmed() {
        "" => unit.map(str::to_string),
        u => Some(u.to_string()),
    };
    if is_number(number) {
        Value {
            kind: ValueKind::Quantity,
            quantity: Some(Quantity {
                value: Some(number.to_string()),
                unit,
                ..Default::default()
            }),
            ..Default::default()
        }
    } else {
        text_value(trimmed.to_string())
    }
}

/// Reads VA vitals and readings (the detailed list; the "most recent" table above it
/// repeats the same readings).
pub(crate) fn va(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    ctx.record.vitals.reserve(parsed.entries.len());
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let name = f.take("Vital Sign");
        let reading = f.take("Measurement");
        let collected = f.take_at("Date/Time Collected");
        let time = at(ctx.date(collected, "Date/Time Collected"));
        let location = f.take("Location");
        let mut notes: Vec<String> = f.take("Comments").into_iter().collect();
        notes.extend(f.rest());
        let mut obs = Observation {
            code: name.clone().map(coded),
            time: time.clone(),
            source: ctx.source(entry.line),
            ..Default::default()
        };
        if let Some(reading) = reading {
            // Blood pressure `190/70 mm[Hg]`: the text, with systolic and diastolic parts.
            let (number, unit) = reading
                .trimmed()
                .split_once(' ')
                .unwrap_or((reading.trimmed(), ""));
            match number.split_once('/') {
                Some((sys, dia)) if is_number(sys) && is_number(dia) => {
                    obs.value = Some(text_value(reading.clone()));
                    let unit = (!unit.trimmed().is_empty()).then(|| unit.trimmed().to_string());
                    for (label, v) in [("Systolic", sys), ("Diastolic", dia)] {
                        obs.components.push(Observation {
                            code: Some(coded(label.into())),
                            value: Some(measurement(v, unit.as_deref())),
                            ..Default::default()
                        });
                    }
                }
                _ => obs.value = Some(measurement(&reading, None)),
            }
        }
        ctx.record.vitals.push(ObservationGroup {
            code: name.map(coded),
            time,
            performers: participant(None, location).into_iter().collect(),
            observations: vec![obs],
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

/// Reads self-entered vitals and readings: each measurement field is an observation.
pub(crate) fn self_entered(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    ctx.record.vitals.reserve(parsed.entries.len());
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let name = f.take("Measurement Type");
        let date = f.take_at("Date");
        let hour = f.take("Time");
        let when = date.map(|(d, line)| (join_time(&d, hour.as_deref().unwrap_or_default()), line));
        let time = at(ctx.date(when, "Date"));
        let unit = f.take("Measure");
        let method = f.take("Method").map(coded);
        let location = f.take("Location");
        let provider = f.take("Provider");
        let mut notes: Vec<String> = f.take("Comments").into_iter().collect();
        if let Some(target) = f.take("Target range") {
            notes.push(format!("Target range: {target}"));
        }
        let readings = f.iter_unused().filter(|(_, x)| !x.value.is_empty()).count();
        let mut observations = Vec::with_capacity(readings);
        let mut used = Vec::new();
        for (i, field) in f.iter_unused() {
            used.push(i);
            if field.value.is_empty() {
                continue;
            }
            observations.push(Observation {
                code: Some(coded(field.label.to_string())),
                value: Some(measurement(&field.value, unit.as_deref())),
                time: time.clone(),
                method: method.clone(),
                source: ctx.source(field.line),
                ..Default::default()
            });
        }
        for i in used {
            f.mark(i);
        }
        notes.extend(f.rest());
        let mut performers = Vec::new();
        performers.extend(participant(provider, location));
        ctx.record.vitals.push(ObservationGroup {
            code: name.map(coded),
            time,
            performers,
            observations,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

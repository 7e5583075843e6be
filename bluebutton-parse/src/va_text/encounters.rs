//! VA appointments (future and past) and admissions and discharges (→ `encounters`).

use super::blocks::Blocks;
use super::demographics::{coded, telecom};
use super::{Ctx, Fields};
use crate::text::interval::at;
use bluebutton_model::{Encounter, Interval, Location, Participant, PersonName};

/// Reads the appointments section; future appointments get mood `APT`.
pub(crate) fn appointments(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let when = f.take_at("Date/Time");
        let when = ctx.date(when, "Date/Time");
        let facility = f.take("Location");
        let status = f.take("Status");
        let clinic = f.take("Clinic");
        let phone = f.take("Phone Number");
        let future = match entry.context {
            Some(c) if c.contains("FUTURE") => true,
            Some(c) if c.contains("PAST") => false,
            _ => status
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("FUTURE")),
        };
        let mut locations = Vec::new();
        if clinic.is_some() || phone.is_some() {
            let mut loc = Location {
                name: clinic,
                kind: Some(coded("Clinic".into())),
                ..Default::default()
            };
            loc.telecoms
                .extend(phone.map(|p| telecom("phone", p, "WP")));
            locations.push(loc);
        }
        locations.extend(facility.map(|n| Location {
            name: Some(n),
            kind: Some(coded("Facility".into())),
            ..Default::default()
        }));
        ctx.record.encounters.push(Encounter {
            status,
            mood: Some(if future { "APT" } else { "EVN" }.to_string()),
            code: Some(coded("Appointment".into())),
            period: at(when),
            locations,
            notes: f.rest(),
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

/// A physician with a function code.
fn physician(name: String, function: &str) -> Participant {
    Participant {
        name: Some(PersonName {
            text: Some(name),
            ..Default::default()
        }),
        function: Some(bluebutton_model::Coded {
            code: Some(function.to_string()),
            system_name: Some("ParticipationFunction".into()),
            ..Default::default()
        }),
        ..Default::default()
    }
}

/// Reads admissions and discharges; the discharge summary is the encounter's text.
pub(crate) fn admissions(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let admitted = f.take_at("Admission Date");
        let low = ctx.date(admitted, "Admission Date");
        let discharged = f.take_at("Discharge Date");
        let high = ctx.date(discharged, "Discharge Date");
        let location = f.take("Location");
        let mut performers = Vec::new();
        performers.extend(
            f.take("Admitting Physician")
                .map(|n| physician(n, "ADMPHYS")),
        );
        performers.extend(
            f.take("Discharge Physician")
                .map(|n| physician(n, "DISPHYS")),
        );
        let notes: Vec<String> = entry
            .fields
            .iter()
            .filter(|field| !field.in_body)
            .filter_map(|field| {
                let known = [
                    "Admission Date",
                    "Discharge Date",
                    "Location",
                    "Admitting Physician",
                    "Discharge Physician",
                ];
                (!known.iter().any(|k| k.eq_ignore_ascii_case(field.label))
                    && !field.value.is_empty())
                .then(|| format!("{}: {}", field.label, field.value))
            })
            .collect();
        ctx.record.encounters.push(Encounter {
            mood: Some("EVN".to_string()),
            code: Some(coded("Admission".into())),
            period: Some(Interval {
                low,
                high,
                ..Default::default()
            }),
            performers,
            locations: location
                .map(|n| Location {
                    name: Some(n),
                    ..Default::default()
                })
                .into_iter()
                .collect(),
            notes,
            text: (!entry.body.is_empty()).then(|| entry.body.clone()),
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

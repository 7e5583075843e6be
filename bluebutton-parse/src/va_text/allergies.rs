//! VA and self-entered allergies.

use super::blocks::Blocks;
use super::demographics::coded;
use super::{Ctx, Fields};
use crate::text::interval::at;
use bluebutton_model::{Allergy, Interval, Organization, Participant, Reaction};

/// Reads an allergies section.
pub(crate) fn read(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let allergen = f.take("Allergy Name").map(coded);
        let location = f.take("Location");
        let entered = f.take_at("Date Entered");
        let entered = ctx.date(entered, "Date Entered");
        let date = f.take_at("Date");
        let date = ctx.date(date, "Date");
        let kind_text = f.take_any(&["Allergy Type", "Type"]);
        let categories = kind_text
            .as_deref()
            .and_then(|k| match k.to_ascii_uppercase().as_str() {
                "DRUG" | "DRUG, FOOD" => Some("medication"),
                "FOOD" => Some("food"),
                "ENVIRONMENTAL" | "OTHER" => None,
                _ => None,
            })
            .map(|c| vec![c.to_string()])
            .unwrap_or_default();
        let reactions = f
            .take_any(&["Reaction", "Reactions"])
            .map(|r| Reaction {
                manifestation: Some(coded(r)),
                ..Default::default()
            })
            .into_iter()
            .collect();
        let severity = f.take("Severity").map(coded);
        let verification_status = f.take("Observed/Historical").map(coded);
        let mut notes: Vec<String> = Vec::new();
        for label in ["VA Drug Class", "Diagnosed"] {
            if let Some(v) = f.take(label) {
                notes.push(format!("{label}: {v}"));
            }
        }
        notes.extend(f.take("Comments"));
        notes.extend(f.rest());
        let authors = if location.is_some() || entered.is_some() {
            vec![Participant {
                organization: location.map(|name| Organization {
                    name: Some(name),
                    ..Default::default()
                }),
                time: at(entered),
                ..Default::default()
            }]
        } else {
            Vec::new()
        };
        ctx.record.allergies.push(Allergy {
            allergen,
            kind: kind_text.map(coded),
            categories,
            period: date.map(|d| Interval {
                low: Some(d),
                ..Default::default()
            }),
            severity,
            verification_status,
            reactions,
            authors,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

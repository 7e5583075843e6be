//! The banner, clinical notes and imaging reports (→ `notes`), family health history, and
//! sections with no model home kept whole as `report` notes.

use super::blocks::{join, Blocks};
use super::dates::parse_date;
use super::demographics::coded;
use super::{Ctx, Fields};
use crate::text::interval::at;
use crate::text::label::split_fields;
use crate::text::Line;
use crate::text::Trimmed;
use bluebutton_model::{
    FamilyMember, Note, Observation, Participant, PersonName, RelatedPerson, WarningCode,
};

/// Adds a note to the record.
pub(crate) fn push(ctx: &mut Ctx<'_>, note: Note) {
    ctx.record.notes.push(note);
}

/// Reads the banner: version, creation date, title, and the patient's name and birth date
/// as a fallback for reports without demographics.
pub(crate) fn banner(ctx: &mut Ctx<'_>, at: u32, lines: &[Line<'_>]) {
    ctx.record.document.title = Some(ctx.section.clone());
    for line in lines {
        let text = line.text.trimmed();
        let lower = text.to_ascii_lowercase();
        if let Some(pos) = lower.find("blue button (v") {
            let rest = text.get(pos + "blue button (v".len()..).unwrap_or_default();
            if let Some(version) = rest.split(')').next().filter(|v| !v.is_empty()) {
                ctx.record.format.version = Some(version.to_string());
            }
        } else if ctx.record.document.created.is_none() && !text.contains(':') {
            if let Some(date) = parse_date(text) {
                ctx.record.document.created = Some(date);
            }
        } else if let Some(fields) = split_fields(text) {
            for (label, value) in fields {
                if value.is_empty() {
                    continue;
                }
                if label.eq_ignore_ascii_case("Name") && ctx.record.patient.name.is_none() {
                    ctx.record.patient.name = Some(PersonName {
                        text: Some(value.to_string()),
                        ..Default::default()
                    });
                } else if label.eq_ignore_ascii_case("Date of Birth")
                    && ctx.record.patient.birth_time.is_none()
                {
                    ctx.record.patient.birth_time =
                        ctx.date(Some((value.to_string(), line.number)), "Date of Birth");
                }
            }
        }
    }
    if ctx.record.format.version.is_none() {
        let message = "the report banner gives no `Blue Button (v...)` version".to_string();
        ctx.warn(WarningCode::MissingElement, message, at);
    }
}

/// Keeps a whole section as one `report` note.
pub(crate) fn whole(ctx: &mut Ctx<'_>, at: u32, lines: &[Line<'_>]) {
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let text = join(&texts);
    let note = Note {
        kind: Some("report".to_string()),
        title: Some(ctx.section.clone()),
        text: (!text.is_empty()).then_some(text),
        source: ctx.source(at),
        ..Default::default()
    };
    push(ctx, note);
}

/// Reads VA notes, radiology and EKG reports: one note per entry with its full text.
pub(crate) fn reports(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let title = f.take_any(&["Note Title", "Procedure/Test Name"]);
        let when = f
            .take_at("Date/Time")
            .or_else(|| f.take_at("Date/Time Exam Performed"));
        let time = at(ctx.date(when, "Date/Time"));
        let mut authors = Vec::new();
        for (label, function) in [
            ("Signed By", "Signed By"),
            ("Co-signed By", "Co-signed By"),
            ("Requesting Provider", "Requesting Provider"),
            ("Radiologist", "Radiologist"),
        ] {
            let header_value = entry
                .fields
                .iter()
                .find(|x| !x.in_body && x.label.eq_ignore_ascii_case(label) && !x.value.is_empty());
            if let Some(field) = header_value {
                authors.push(Participant {
                    name: Some(PersonName {
                        text: Some(field.value.to_string()),
                        ..Default::default()
                    }),
                    function: Some(coded(function.to_string())),
                    ..Default::default()
                });
            }
        }
        let note = Note {
            kind: Some("note".to_string()),
            title: title.or_else(|| Some(ctx.section.clone())),
            text: Some(entry.text.clone()),
            time,
            authors,
            source: ctx.source(entry.line),
            ..Default::default()
        };
        push(ctx, note);
    }
}

/// The health issues of a family member's list, one per line.
fn issues(list: &str) -> impl Iterator<Item = &str> {
    list.lines().map(str::trim).filter(|i| !i.is_empty())
}

/// Reads self-entered family health history: one member per relative, one observation per
/// health issue.
pub(crate) fn family(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let relationship = f.take("Relationship").map(coded);
        let given = f.take("First Name");
        let family = f.take("Last Name");
        let living = f.take("Living or Deceased");
        let deceased = living
            .as_deref()
            .and_then(|l| match l.to_ascii_lowercase().as_str() {
                "deceased" => Some(true),
                "living" => Some(false),
                _ => None,
            });
        let lists: Vec<(&str, String, u32)> = ["Health Issues", "Other Health Issues"]
            .into_iter()
            .filter_map(|label| f.take_at(label).map(|(issues, line)| (label, issues, line)))
            .collect();
        let mut observations =
            Vec::with_capacity(lists.iter().map(|(_, text, _)| issues(text).count()).sum());
        for (label, text, line) in &lists {
            for issue in issues(text) {
                observations.push(Observation {
                    code: Some(coded(issue.to_string())),
                    categories: vec![coded(label.to_string())],
                    source: ctx.source(*line),
                    ..Default::default()
                });
            }
        }
        let mut notes: Vec<String> = f.take("Comments").into_iter().collect();
        notes.extend(f.rest());
        let name = (given.is_some() || family.is_some()).then(|| PersonName {
            given: given.into_iter().collect(),
            family,
            ..Default::default()
        });
        ctx.record.family_history.push(FamilyMember {
            relative: Some(RelatedPerson {
                relationship,
                name,
                ..Default::default()
            }),
            deceased,
            observations,
            text: (!notes.is_empty()).then(|| notes.join("\n")),
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

/// Reads self-entered military health history: each event is a social-history
/// observation (category `military-history`) with its details as notes.
pub(crate) fn military(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let title = f.take("Event Title");
        let date = f.take_at("Event Date");
        let time = at(ctx.date(date, "Event Date"));
        // `Exposures:` appears twice: a yes/no, then the description.
        let exposures: Vec<String> = entry
            .fields
            .iter()
            .filter(|x| x.label.eq_ignore_ascii_case("Exposures") && !x.value.is_empty())
            .map(|x| format!("Exposures: {}", x.value))
            .collect();
        f.take("Exposures");
        let mut notes = exposures;
        notes.extend(f.rest());
        ctx.record.social_history.push(Observation {
            categories: vec![coded("military-history".to_string())],
            code: title.map(coded),
            time,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

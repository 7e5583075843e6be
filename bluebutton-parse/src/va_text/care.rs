//! Self-entered health care providers and treatment facilities (→ `care_team`) and health
//! insurance (→ `coverage`).

use super::blocks::Blocks;
use super::demographics::{address, coded, participant, telecom, AddressLabels};
use super::{named, Ctx, Fields};
use crate::text::interval::between;
use crate::text::Trimmed;
use bluebutton_model::{
    CareTeamMember, Coverage, Identifier, Interval, NamedValue, Organization, Participant,
    PersonName, RelatedPerson,
};

/// A phone with its extension (`000-000-0000 x1234`).
fn phone(fields: &mut Fields<'_>, label: &str) -> Option<String> {
    let number = fields.take(label)?;
    Some(match fields.take("Ext") {
        Some(ext) => format!("{number} x{ext}"),
        None => number,
    })
}

/// Reads self-entered providers.
pub(crate) fn providers(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let mut member = Participant {
            name: f.take("Provider Name").map(|t| PersonName {
                text: Some(t),
                ..Default::default()
            }),
            ..Default::default()
        };
        member
            .telecoms
            .extend(phone(&mut f, "Phone Number").map(|v| telecom("phone", v, "WP")));
        member
            .telecoms
            .extend(f.take("Email").map(|v| telecom("email", v, "")));
        let role = f.take("Type of Provider").map(coded);
        let mut notes: Vec<String> = f.take("Other Clinician Information").into_iter().collect();
        notes.extend(f.take("Comments"));
        notes.extend(f.rest());
        ctx.record.care_team.push(CareTeamMember {
            member: Some(member),
            role,
            text: (!notes.is_empty()).then(|| notes.join("\n")),
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

/// Reads self-entered treatment facilities.
pub(crate) fn facilities(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let mut org = Organization {
            name: f.take("Facility Name"),
            kind: f.take("Facility Type").map(coded),
            ..Default::default()
        };
        org.telecoms
            .extend(phone(&mut f, "Phone Number").map(|v| telecom("phone", v, "WP")));
        let labels = AddressLabels {
            lines: &["Mailing Address", "Mailing Address2"],
            city: "Mailing City",
            state: "Mailing State",
            district: "",
            postal: &["Mailing Zip/Postal Code"],
            country: "Mailing Country",
            province: "Mailing Province",
        };
        org.addresses.extend(address(&mut f, &labels, "WP"));
        let mut notes: Vec<String> = Vec::new();
        if let Some(home) = f.take("VA Home Facility") {
            notes.push(format!("VA Home Facility: {home}"));
        }
        notes.extend(f.take("Comments"));
        notes.extend(f.rest());
        ctx.record.care_team.push(CareTeamMember {
            member: Some(Participant {
                organization: Some(org),
                ..Default::default()
            }),
            role: Some(coded("Treatment Facility".to_string())),
            text: (!notes.is_empty()).then(|| notes.join("\n")),
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

/// Reads self-entered health insurance.
pub(crate) fn insurance(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let mut payer = Organization {
            name: f.take("Health Insurance Company"),
            ..Default::default()
        };
        payer.telecoms.extend(
            f.take("Health Insurance Company Phone Number")
                .map(|v| telecom("phone", v, "WP")),
        );
        let id = f.take("ID Number");
        let group = f.take("Group Number");
        let start = f.take_at("Start Date");
        let stop = f.take_at("Stop Date");
        let low = ctx.date(start, "Start Date");
        let high = ctx.date(stop, "Stop Date");
        let mut details: Vec<NamedValue> = Vec::new();
        for label in ["Primary Insurance Provider", "Pre-Approval Phone Number"] {
            if let Some(value) = f.take(label) {
                details.push(named(label, value));
            }
        }
        let mut notes: Vec<String> = f.take("Comments").into_iter().collect();
        let insured = f.take("Insured");
        notes.extend(f.rest());
        ctx.record.coverage.push(Coverage {
            ids: id
                .iter()
                .map(|v| Identifier {
                    value: Some(v.clone()),
                    ..Default::default()
                })
                .collect(),
            payer: Some(payer),
            subscriber_id: id,
            subscriber: insured.map(|t| RelatedPerson {
                name: Some(PersonName {
                    text: Some(t),
                    ..Default::default()
                }),
                ..Default::default()
            }),
            period: between(low, high),
            classes: group.map(|g| named("group", g)).into_iter().collect(),
            details,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

/// The text of columns `start..end` of a table row (by character, clamped to the row).
fn column(row: &str, start: usize, end: Option<usize>) -> String {
    let chars = row.chars().skip(start);
    let text: String = match end {
        Some(end) => chars.take(end.saturating_sub(start)).collect(),
        None => chars.collect(),
    };
    text.trimmed().to_string()
}

/// Reads the wellness reminders table (`Wellness Reminder  Due Date  Last Completed
/// Location`) into planned activities; a due date that is not a date (`DUE NOW`) is the
/// status.
pub(crate) fn reminders(ctx: &mut Ctx<'_>, lines: &[crate::text::Line<'_>]) {
    let mut columns: Option<[usize; 3]> = None;
    let mut in_table = false;
    for line in lines {
        let text = line.text;
        if columns.is_none() {
            let char_pos = |name: &str| {
                text.find(name)
                    .map(|b| text.get(..b).map_or(0, |s| s.chars().count()))
            };
            if text.trim_start().starts_with("Wellness Reminder") {
                if let (Some(due), Some(last), Some(place)) = (
                    char_pos("Due Date"),
                    char_pos("Last Completed"),
                    char_pos("Location"),
                ) {
                    columns = Some([due, last, place]);
                }
            }
            continue;
        }
        if crate::text::label::is_rule(text.trimmed()) && !in_table {
            in_table = true;
            continue;
        }
        if !in_table {
            continue;
        }
        if text.trimmed().is_empty() {
            break;
        }
        let Some([due, last, place]) = columns else {
            break;
        };
        let name = column(text, 0, Some(due));
        let due_text = column(text, due, Some(last));
        let last_done = column(text, last, Some(place));
        let location = column(text, place, None);
        let (time, status) = match super::dates::parse_date(&due_text) {
            Some(date) => (
                Some(Interval {
                    value: Some(date),
                    ..Default::default()
                }),
                None,
            ),
            None => (None, (!due_text.is_empty()).then_some(due_text)),
        };
        let mut notes = Vec::new();
        if !last_done.is_empty() {
            notes.push(format!("Last Completed: {last_done}"));
        }
        ctx.record
            .plan_of_care
            .push(bluebutton_model::PlannedActivity {
                kind: Some("reminder".to_string()),
                mood: Some("INT".to_string()),
                status,
                code: (!name.is_empty()).then(|| coded(name)),
                time,
                performers: participant(None, (!location.is_empty()).then_some(location))
                    .into_iter()
                    .collect(),
                notes,
                source: ctx.source(line.number),
                ..Default::default()
            });
    }
    if columns.is_none() {
        let message = format!(
            "section {} has no reminder table; its text is kept as a note",
            ctx.section
        );
        let at = lines.first().map_or(0, |l| l.number);
        ctx.warn(bluebutton_model::WarningCode::UnrecognizedLine, message, at);
        super::notes::whole(ctx, at, lines);
    }
}

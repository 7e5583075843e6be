//! The VA problem list and self-entered medical events.

use super::blocks::Blocks;
use super::demographics::{coded, participant};
use super::sections::SectionKind;
use super::{Ctx, Fields};
use crate::text::interval::between;
use bluebutton_model::Problem;

/// Reads a problems or medical-events section.
pub(crate) fn read(ctx: &mut Ctx<'_>, kind: SectionKind, parsed: &Blocks) {
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let name = f.take_any(&["Problem", "Medical Event"]);
        let entered = f.take_at("Date/Time Entered");
        let recorded = ctx.date(entered, "Date/Time Entered");
        let status = f.take("Status");
        let provider = f.take("Provider");
        let location = f.take("Location");
        let start = f.take_at("Start Date");
        let start = ctx.date(start, "Start Date");
        let stop = f.take_at("Stop Date");
        let stop = ctx.date(stop, "Stop Date");
        let mut notes: Vec<String> = Vec::new();
        if let Some(response) = f.take("Response") {
            notes.push(format!("Response: {response}"));
        }
        notes.extend(f.take("Comments"));
        notes.extend(f.rest());
        let authors = participant(provider, location).into_iter().collect();
        let problem_kind = match kind {
            SectionKind::MedicalEvents => "Medical Event",
            _ => "Problem",
        };
        ctx.record.problems.push(Problem {
            kind: Some(coded(problem_kind.to_string())),
            code: name.map(coded),
            clinical_status: status.map(coded),
            recorded,
            period: between(start, stop),
            authors,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

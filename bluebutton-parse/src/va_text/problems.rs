//! The VA problem list and self-entered medical events.

use super::blocks::Blocks;
use super::demographics::coded;
use super::sections::SectionKind;
use super::{Ctx, Fields};
use bluebutton_model::{Interval, Organization, Participant, PersonName, Problem};

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
        let authors = if provider.is_some() || location.is_some() {
            vec![Participant {
                name: provider.map(|t| PersonName {
                    text: Some(t),
                    ..Default::default()
                }),
                organization: location.map(|n| Organization {
                    name: Some(n),
                    ..Default::default()
                }),
                ..Default::default()
            }]
        } else {
            Vec::new()
        };
        let problem_kind = match kind {
            SectionKind::MedicalEvents => "Medical Event",
            _ => "Problem",
        };
        ctx.record.problems.push(Problem {
            kind: Some(coded(problem_kind.to_string())),
            code: name.map(coded),
            clinical_status: status.map(coded),
            recorded,
            period: (start.is_some() || stop.is_some()).then(|| Interval {
                low: start,
                high: stop,
                ..Default::default()
            }),
            authors,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

//! VA and self-entered immunizations.

use super::blocks::Blocks;
use super::demographics::{coded, participant};
use super::{Ctx, Fields};
use crate::text::interval::at;
use bluebutton_model::{Immunization, Reaction};

/// Reads an immunizations section.
pub(crate) fn read(ctx: &mut Ctx<'_>, parsed: &Blocks) {
    let self_entered = ctx
        .label
        .as_deref()
        .is_some_and(|l| l.to_ascii_lowercase().starts_with("self"));
    for entry in &parsed.entries {
        let mut f = Fields::new(entry);
        let vaccine = f.take("Immunization").map(coded);
        let given = f.take_at("Date Received");
        let time = ctx.date(given, "Date Received");
        let location = f.take("Location");
        let reaction = f.take_any(&["Reaction", "Reactions"]);
        // `None Reported` says there was no reaction; it is kept as a note, not a reaction.
        let (reaction, no_reaction) = match reaction {
            Some(r)
                if r.eq_ignore_ascii_case("None Reported") || r.eq_ignore_ascii_case("None") =>
            {
                (None, Some(r))
            }
            other => (other, None),
        };
        let reactions = reaction
            .map(|r| Reaction {
                manifestation: Some(coded(r)),
                ..Default::default()
            })
            .into_iter()
            .collect();
        let route = f.take("Method").map(coded);
        // The footnote legend after the last entry is boilerplate, not part of it.
        f.take("Reaction Key");
        let mut notes: Vec<String> = Vec::new();
        notes.extend(no_reaction.map(|r| format!("Reaction: {r}")));
        if let Some(other) = f.take("Other") {
            notes.push(format!("Other: {other}"));
        }
        notes.extend(f.take("Comments"));
        notes.extend(f.rest());
        ctx.record.immunizations.push(Immunization {
            vaccine,
            time: at(time),
            route,
            reported: self_entered.then_some(true),
            performers: participant(None, location).into_iter().collect(),
            reactions,
            notes,
            source: ctx.source(entry.line),
            ..Default::default()
        });
    }
}

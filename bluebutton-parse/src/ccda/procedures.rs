//! Procedures: Procedure Activity Procedure, Act and Observation with code, status,
//! period, body sites, methods, value, performers, locations, devices, specimens,
//! reasons, negation reason and priority (MODEL-NOTES §3.4). One procedure per entry.

use bluebutton_model::{Procedure, Source};

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::related::{
    indication, is_problem, link_encounter, note_text, problem_reason, role_of, take_locations,
    value_or_code, warn_unknown, Role,
};
use crate::ccda::section::{push_default, EntryRead, SectionInfo};
use crate::ccda::statement::{Statement, StatementKind};
use crate::ccda::templates::{
    any_of, PROCEDURE_ACT, PROCEDURE_OBSERVATION, PROCEDURE_PROCEDURE, PRODUCT_INSTANCE,
};

/// Maps one entry of a procedures section onto the end of `list`, built there in place:
/// a procedure is large (about 3.3 KB), and building it apart costs copies of it.
pub(crate) fn push(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
    list: &mut Vec<Procedure>,
) {
    if let Some(p) = push_default(list) {
        fill(res, entry, section, p);
    }
}

/// Maps one entry of a procedures section into `p`, a default procedure.
fn fill(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo, p: &mut Procedure) {
    let at = entry.position();
    let Some(mut s) = entry.statement else {
        p.source = section.source(at, Vec::new());
        return;
    };
    let known = s.has_template(PROCEDURE_PROCEDURE)
        || s.has_template(PROCEDURE_ACT)
        || s.has_template(PROCEDURE_OBSERVATION);
    if !known {
        warn_unknown(res, &s, "procedures");
    }
    let source = section.take_source_of(&mut s, Reading::ByRole);
    fill_from_statement(res, s, source, p);
}

/// Maps a procedure statement (also one related to a results organizer).
pub(crate) fn from_statement(
    res: &mut Resolver<'_>,
    s: Box<Statement>,
    source: Source,
) -> Procedure {
    let mut p = Procedure::default();
    fill_from_statement(res, s, source, &mut p);
    p
}

/// Maps a procedure statement into `p`, a default procedure.
fn fill_from_statement(
    res: &mut Resolver<'_>,
    mut s: Box<Statement>,
    source: Source,
    p: &mut Procedure,
) {
    let at = s.at;
    let kind = match s.kind {
        StatementKind::Procedure => Some("procedure"),
        StatementKind::Act => Some("act"),
        StatementKind::Observation => Some("observation"),
        _ => None,
    };
    p.source = source;
    p.kind = kind.map(str::to_owned);
    p.ids = std::mem::take(&mut s.ids);
    p.status = s.status.take();
    p.mood = s.mood.take();
    p.negated = s.negated;
    p.period = s.take_interval();
    p.performers = std::mem::take(&mut s.performers);
    p.authors = std::mem::take(&mut s.authors);
    p.code = res.coded_opt(s.code.take(), at);
    p.priority = res.coded_opt(s.priority.take().map(|p| *p), at);
    p.text = res.text(s.text.take(), at);
    p.value = s.take_value().map(|v| res.value(v, at));
    p.body_sites = std::mem::take(&mut s.target_sites)
        .into_iter()
        .map(|cd| res.coded(cd, at))
        .collect();
    let observed = s.take_observed();
    p.methods = observed
        .methods
        .into_iter()
        .map(|cd| res.coded(cd, at))
        .collect();
    p.specimens = observed
        .specimens
        .into_iter()
        .map(|cd| res.coded(cd, at))
        .collect();
    let (locations, rest) = take_locations(res, std::mem::take(&mut s.participants), at);
    p.locations = locations;
    for part in rest {
        let device = part.type_code.as_deref() == Some("DEV")
            || any_of(&part.template_ids, PRODUCT_INSTANCE);
        if device {
            p.devices.extend(res.coded_opt(part.entity_code, at));
        }
    }
    for rel in std::mem::take(&mut s.relationships) {
        match role_of(&rel) {
            Role::Indication => indication(res, rel.statement, &mut p.reasons, &mut p.reason_times),
            Role::NegationReason => {
                p.negation_reason = value_or_code(res, rel.statement).or(p.negation_reason.take());
            }
            Role::Comment => p.notes.extend(note_text(res, rel.statement)),
            Role::EncounterReference => link_encounter(&mut p.encounter_ids, rel.statement),
            // A problem the procedure refers to is what it was done for.
            Role::Other if is_problem(&rel.statement) => {
                p.reasons.extend(problem_reason(res, rel.statement));
            }
            _ => {}
        }
    }
}

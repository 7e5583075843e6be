//! Encounters: Encounter Activity with code, period, performers, locations, diagnoses
//! (Encounter Diagnosis → Problem Observation, read as problems), reasons and discharge
//! disposition (MODEL-NOTES §3.8). One encounter per entry.

use bluebutton_model::{Encounter, Source};

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::problems;
use crate::ccda::related::{
    indication, note_text, party, role_of, take_locations, warn_unknown, Role,
};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::{Relationship, Statement, StatementKind};
use crate::ccda::templates::{DIAGNOSIS_ACT, ENCOUNTER_ACTIVITY, PROBLEM_OBSERVATION};

/// Maps one entry of an encounters section.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Encounter {
    let at = entry.position();
    let Some(mut s) = entry.statement else {
        return Encounter {
            source: section.source(at, Vec::new()),
            ..Encounter::default()
        };
    };
    if !s.has_template(ENCOUNTER_ACTIVITY) || s.kind != StatementKind::Encounter {
        warn_unknown(res, &s, "encounters");
    }
    let source = section.take_source_of(&mut s, Reading::ByRole);
    from_statement(res, s, source)
}

/// Maps an Encounter Activity (also one a result organizer holds among its components).
pub(crate) fn from_statement(
    res: &mut Resolver<'_>,
    mut s: Box<Statement>,
    source: Source,
) -> Encounter {
    let at = s.at;
    let mut enc = Encounter {
        source,
        ids: std::mem::take(&mut s.ids),
        status: s.status.take(),
        mood: s.mood.take(),
        period: s.take_interval(),
        performers: std::mem::take(&mut s.performers),
        authors: std::mem::take(&mut s.authors),
        ..Encounter::default()
    };
    enc.code = res.coded_opt(s.code.take(), at);
    enc.priority = res.coded_opt(s.priority.take().map(|p| *p), at);
    enc.discharge_disposition = res.coded_opt(s.discharge_disposition.take().map(|d| *d), at);
    enc.text = res.text(s.text.take(), at);
    let (locations, others) = take_locations(res, std::mem::take(&mut s.participants), at);
    enc.locations = locations;
    enc.participants = others.into_iter().map(|p| party(res, p, at)).collect();
    for rel in std::mem::take(&mut s.relationships) {
        if rel.statement.has_template(DIAGNOSIS_ACT) {
            diagnoses(res, &mut enc, rel.statement);
            continue;
        }
        if rel.statement.has_template(PROBLEM_OBSERVATION) && role_of(&rel) == Role::Other {
            diagnoses(res, &mut enc, rel.statement);
            continue;
        }
        match role_of(&rel) {
            Role::Indication => {
                indication(res, rel.statement, &mut enc.reasons, &mut enc.reason_times)
            }
            Role::Comment => enc.notes.extend(note_text(res, rel.statement)),
            _ => {}
        }
    }
    enc
}

/// An Encounter Diagnosis act: each problem observation in it is one diagnosis, read with
/// the act as its concern (its status, age at onset and comments), as a diagnosis act in
/// a problems section is; its code, which says no more than `diagnoses` does, is kept in
/// the encounter's source codes. A bare problem observation is one diagnosis by itself.
fn diagnoses(res: &mut Resolver<'_>, enc: &mut Encounter, mut s: Box<Statement>) {
    let source = |s: &Statement| Source {
        line: s.at.0,
        column: s.at.1,
        template_ids: s.template_ids.clone(),
        ..Source::default()
    };
    let is_problem = |r: &Relationship| {
        r.statement.kind == StatementKind::Observation
            && (r.statement.has_template(PROBLEM_OBSERVATION) || role_of(r) == Role::Other)
    };
    if s.kind == StatementKind::Observation || !s.relationships.iter().any(is_problem) {
        let src = source(&s);
        enc.diagnoses.push(problems::from_statement(res, s, src));
        return;
    }
    let (found, others): (Vec<_>, Vec<_>) = std::mem::take(&mut s.relationships)
        .into_iter()
        .partition(is_problem);
    s.code = None;
    for rel in found {
        let src = source(&rel.statement);
        let mut act = s.clone();
        act.relationships = vec![rel];
        act.relationships.extend(others.iter().cloned());
        enc.diagnoses.push(problems::from_statement(res, act, src));
    }
}

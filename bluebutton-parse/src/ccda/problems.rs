//! Problems: Problem Concern Act → Problem Observation, with status (and its time),
//! health status, severity, age at onset, priority, prognoses, service delivery locations
//! and comments (MODEL-NOTES §3.3).

use bluebutton_model::{Problem, Source, ValueKind, WarningCode};

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::observations::push_observation;
use crate::ccda::related::{
    link_encounter, note_text, role_of, split_concern, take_locations, value_or_code, warn_unknown,
    Role,
};
use crate::ccda::section::{push_default, EntryRead, SectionInfo};
use crate::ccda::statement::{Relationship, Statement, StatementKind};
use crate::ccda::templates::{DIAGNOSIS_ACT, PROBLEM_CONCERN, PROBLEM_OBSERVATION, PROGNOSIS};

/// Maps one entry of a problems section onto the end of `list`: one problem, or one per
/// Problem Observation of a concern or diagnosis act that holds several, each built there
/// in place (a problem is large, about 3.6 KB, and building it apart costs copies of it).
pub(crate) fn push(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
    list: &mut Vec<Problem>,
) {
    let at = entry.position();
    let Some(mut root) = entry.statement else {
        if let Some(problem) = push_default(list) {
            problem.source = section.source(at, Vec::new());
        }
        return;
    };
    let known = [PROBLEM_CONCERN, PROBLEM_OBSERVATION, DIAGNOSIS_ACT];
    if !known.iter().any(|roots| root.has_template(roots)) {
        warn_unknown(res, &root, "problems");
    }
    let is_problem = |r: &Relationship| {
        r.statement.kind == StatementKind::Observation
            && r.statement.has_template(PROBLEM_OBSERVATION)
    };
    if root.relationships.iter().filter(|r| is_problem(r)).count() < 2 {
        let source = section.source_of(&root, Reading::ByRole);
        if let Some(problem) = push_default(list) {
            fill(res, root, source, problem);
        }
        return;
    }
    // A concern or diagnosis act listing several problems: each is a problem of its own,
    // with the act (and its status, comments, ...) as its concern.
    let (problems, others): (Vec<_>, Vec<_>) = std::mem::take(&mut root.relationships)
        .into_iter()
        .partition(is_problem);
    for rel in problems {
        let mut act = root.clone();
        let at = rel.statement.at;
        act.relationships = vec![rel];
        act.relationships.extend(others.iter().cloned());
        let source = Source {
            line: at.0,
            column: at.1,
            ..section.source_of(&act, Reading::ByRole)
        };
        if let Some(problem) = push_default(list) {
            fill(res, act, source, problem);
        }
    }
}

/// Maps a Problem Concern Act or a Problem Observation (also an encounter's diagnosis).
pub(crate) fn from_statement(
    res: &mut Resolver<'_>,
    root: Box<Statement>,
    source: Source,
) -> Problem {
    let mut problem = Problem::default();
    fill(res, root, source, &mut problem);
    problem
}

/// Maps a Problem Concern Act or a Problem Observation into `problem`, a default problem.
fn fill(res: &mut Resolver<'_>, root: Box<Statement>, source: Source, problem: &mut Problem) {
    let at = root.at;
    problem.source = source;
    let (concern, obs, extra) = split_concern(root, PROBLEM_OBSERVATION);
    if extra > 0 {
        res.warn(
            WarningCode::UnmappedElement,
            format!("problem concern holds {extra} further problem observation(s); only the first is mapped"),
            at,
        );
    }
    if let Some(mut concern) = concern {
        let cat = concern.at;
        problem.concern_ids = std::mem::take(&mut concern.ids);
        problem.status = concern.status.take();
        problem.concern_period = concern.take_interval();
        problem.priority = res.coded_opt(concern.priority.take().map(|p| *p), cat);
        if concern.has_template(DIAGNOSIS_ACT) {
            // Admission, discharge, preoperative, ... diagnosis: what the problem is for.
            problem
                .categories
                .extend(res.coded_opt(concern.code.take(), cat));
        }
        problem.authors.append(&mut concern.authors);
        let (locations, _) = take_locations(res, std::mem::take(&mut concern.participants), cat);
        problem.locations = locations;
        problem.text = res.text(concern.text.take(), cat);
        related(res, problem, concern);
        if obs.is_none() {
            res.warn(
                WarningCode::MissingElement,
                "problem concern act holds no problem observation",
                cat,
            );
        }
    }
    if let Some(mut obs) = obs {
        let oat = obs.at;
        problem.ids = std::mem::take(&mut obs.ids);
        problem.negated = obs.negated;
        problem.kind = res.coded_opt(obs.code.take(), oat);
        problem.code = obs.take_value().and_then(|v| res.value_coded(v, oat));
        problem.period = obs.take_interval();
        problem.body_sites = std::mem::take(&mut obs.target_sites)
            .into_iter()
            .map(|cd| res.coded(cd, oat))
            .collect();
        problem.recorded = obs
            .authors
            .iter()
            .chain(problem.authors.iter())
            .find_map(|a| {
                a.time
                    .as_ref()
                    .and_then(|t| t.value.clone().or_else(|| t.low.clone()))
            });
        if let Some(p) = obs.priority.take() {
            problem.priority = Some(res.coded(*p, oat));
        }
        problem.authors.append(&mut obs.authors);
        let (locations, _) = take_locations(res, std::mem::take(&mut obs.participants), oat);
        problem.locations.extend(locations);
        if let Some(text) = res.text(obs.text.take(), oat) {
            problem.text = Some(text);
        }
        related(res, problem, obs);
    }
}

fn related(res: &mut Resolver<'_>, problem: &mut Problem, mut s: Box<Statement>) {
    for rel in std::mem::take(&mut s.relationships) {
        if rel.statement.has_template(PROGNOSIS) {
            push_observation(res, rel.statement, &mut problem.prognoses);
            continue;
        }
        match role_of(&rel) {
            Role::Status => {
                let mut status = rel.statement;
                let time = status.take_interval();
                if let Some(coded) = value_or_code(res, status) {
                    problem.clinical_status = Some(coded);
                    problem.status_time = time;
                }
            }
            Role::HealthStatus => {
                problem.health_status =
                    value_or_code(res, rel.statement).or(problem.health_status.take());
            }
            Role::Severity => {
                problem.severity = value_or_code(res, rel.statement).or(problem.severity.take())
            }
            Role::Priority => {
                problem.priority = value_or_code(res, rel.statement).or(problem.priority.take())
            }
            Role::Age => {
                let mut age = rel.statement;
                let at = age.at;
                if let Some(v) = age.take_value() {
                    let value = res.value(v, at);
                    if value.kind == ValueKind::Quantity {
                        problem.onset_age = value.quantity;
                    }
                }
            }
            Role::Comment => problem.notes.extend(note_text(res, rel.statement)),
            Role::EncounterReference => link_encounter(&mut problem.encounter_ids, rel.statement),
            _ => {}
        }
    }
}

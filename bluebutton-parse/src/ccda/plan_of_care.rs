//! Plan of care / treatment, and the Care Plan document's Interventions and Health Status
//! Evaluations and Outcomes sections: planned act, encounter, procedure, observation,
//! medication, supply, immunization and coverage; instructions, nutrition
//! recommendations, handoff communication, referrals; intervention acts and outcome
//! observations; goals written into the plan (kind `goal`); CCD Plan of Care Activities
//! (MODEL-NOTES §3.10). One planned activity per entry; what an entry groups (an
//! intervention's activities, instructions, progress, goal references) becomes its
//! components.

use bluebutton_model::{Coded, PlannedActivity, Source};

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::related::{
    indication, link_encounter, note_text, party, priority_preference, role_of, take_locations,
    warn_unknown, Role,
};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::{Statement, StatementKind};
use crate::ccda::templates::{
    self as t, CCD_PLAN_ACTIVITY, GOAL_OBSERVATION, GOAL_PROGRESS, HANDOFF, HEALTH_CONCERN,
};

/// The entry templates of these sections and the activity kind each names.
const ENTRY_KINDS: &[(&[&str], &str)] = &[
    (t::PLANNED_ACT, "act"),
    (t::PLANNED_ENCOUNTER, "encounter"),
    (t::PLANNED_PROCEDURE, "procedure"),
    (t::PLANNED_MEDICATION, "medication"),
    (t::PLANNED_SUPPLY, "supply"),
    (t::PLANNED_OBSERVATION, "observation"),
    (t::PLANNED_IMMUNIZATION, "immunization"),
    (t::PLANNED_COVERAGE, "coverage"),
    (t::INSTRUCTION, "instruction"),
    (t::NUTRITION_RECOMMENDATION, "nutrition"),
    (HANDOFF, "handoff"),
    (t::REFERRAL, "referral"),
    (t::INTERVENTION, "intervention"),
    (t::OUTCOME, "outcome"),
    (GOAL_OBSERVATION, "goal"),
];

/// Templates that only appear inside an entry, and the kind each names.
const RELATED_KINDS: &[(&[&str], &str)] = &[
    (GOAL_PROGRESS, "progress"),
    (t::PRIORITY, "priority"),
    (HEALTH_CONCERN, "concern"),
    (t::ENTRY_REFERENCE, "reference"),
];

/// Maps one entry of a plan of care, interventions or outcomes section.
pub(crate) fn map(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
) -> PlannedActivity {
    let at = entry.position();
    let Some(s) = entry.statement else {
        return PlannedActivity {
            source: section.source(at, Vec::new()),
            ..PlannedActivity::default()
        };
    };
    if !is_plan_entry(&s) {
        warn_unknown(res, &s, "plan of care");
    }
    // The activity's own source already holds the statement's template ids: moved into
    // the section's source rather than copied for it.
    let mut source = section.source_of_without_ids(&s, Reading::Plan);
    let mut a = activity(res, s);
    source.template_ids = std::mem::take(&mut a.source.template_ids);
    a.source = source;
    a
}

/// True when a statement carries a template of a plan of care entry.
pub(crate) fn is_plan_entry(s: &Statement) -> bool {
    s.has_template(CCD_PLAN_ACTIVITY) || kind_by_template(s, ENTRY_KINDS).is_some()
}

/// The kind a statement's template names in `kinds`.
fn kind_by_template(s: &Statement, kinds: &[(&[&str], &'static str)]) -> Option<&'static str> {
    kinds
        .iter()
        .find(|(roots, _)| s.has_template(roots))
        .map(|(_, kind)| *kind)
}

/// The kind its element names, for statements whose template does not say.
fn kind_by_element(kind: StatementKind) -> &'static str {
    match kind {
        StatementKind::Act => "act",
        StatementKind::Observation => "observation",
        StatementKind::SubstanceAdministration => "medication",
        StatementKind::Supply => "supply",
        StatementKind::Procedure => "procedure",
        StatementKind::Encounter => "encounter",
        StatementKind::Organizer => "organizer",
        StatementKind::Other => "statement",
    }
}

/// Maps a planned (or, inside an intervention, performed) statement and what it holds.
fn activity(res: &mut Resolver<'_>, mut s: Box<Statement>) -> PlannedActivity {
    let at = s.at;
    let kind = kind_by_template(&s, ENTRY_KINDS)
        .or_else(|| kind_by_template(&s, RELATED_KINDS))
        .unwrap_or_else(|| kind_by_element(s.kind));
    let mut a = PlannedActivity {
        ids: std::mem::take(&mut s.ids),
        kind: Some(kind.to_owned()),
        mood: s.mood.take(),
        status: s.status.take(),
        negated: s.negated,
        time: s.take_interval(),
        performers: std::mem::take(&mut s.performers),
        authors: std::mem::take(&mut s.authors),
        source: Source {
            line: at.0,
            column: at.1,
            template_ids: std::mem::take(&mut s.template_ids),
            ..Source::default()
        },
        ..PlannedActivity::default()
    };
    a.code = res.coded_opt(s.code.take(), at);
    a.priority = res.coded_opt(s.priority.take().map(|p| *p), at);
    a.text = res.text(s.text.take(), at);
    a.value = s.take_value().map(|v| res.value(v, at));
    a.body_sites = std::mem::take(&mut s.target_sites)
        .into_iter()
        .map(|cd| res.coded(cd, at))
        .collect();
    let d = s.take_dosing();
    a.route = res.coded_opt(d.route, at);
    a.dose = d.dose.value;
    a.body_sites
        .extend(d.approach_sites.into_iter().map(|cd| res.coded(cd, at)));
    if let Some(p) = d.product {
        a.product = res.coded_opt(p.code, at);
        if let Some(name) = p.name {
            let c = a.product.get_or_insert_with(Coded::default);
            if c.original_text.is_none() {
                c.original_text = Some(name);
            }
        }
    }
    let (locations, participants) = take_locations(res, std::mem::take(&mut s.participants), at);
    a.locations = locations;
    if kind == "handoff" {
        a.performers
            .extend(participants.into_iter().map(|p| party(res, p, at)));
    }
    for rel in std::mem::take(&mut s.relationships) {
        if rel.statement.has_template(GOAL_OBSERVATION) {
            // A goal the activity serves (RSON), not an indication.
            a.components.push(activity(res, rel.statement));
            continue;
        }
        match role_of(&rel) {
            Role::Indication => indication(res, rel.statement, &mut a.reasons, &mut a.reason_times),
            Role::Priority if a.priority.is_none() => {
                a.priority = priority_preference(res, rel.statement);
            }
            Role::Comment => a.notes.extend(note_text(res, rel.statement)),
            Role::EncounterReference => link_encounter(&mut a.encounter_ids, rel.statement),
            _ => a.components.push(activity(res, rel.statement)),
        }
    }
    a
}

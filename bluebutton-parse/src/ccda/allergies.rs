//! Allergies: Allergy Concern Act → Allergy – Intolerance Observation, with reactions,
//! severity, criticality, status and comments (MODEL-NOTES §3.1).

use bluebutton_model::{Allergy, Coded, Reaction, WarningCode};

use crate::ccda::narrative::Resolver;
use crate::ccda::related::{note_text, role_of, split_concern, value_or_code, warn_unknown, Role};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::{EntryParticipant, Statement};
use crate::ccda::templates::{ALLERGY_CONCERN, ALLERGY_OBSERVATION};

/// Maps one entry of an allergies section.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Allergy {
    let at = entry.position();
    let Some(root) = entry.statement else {
        return Allergy {
            source: section.source(at, Vec::new()),
            ..Allergy::default()
        };
    };
    if !root.has_template(ALLERGY_CONCERN) && !root.has_template(ALLERGY_OBSERVATION) {
        warn_unknown(res, &root, "allergies");
    }
    let mut allergy = Allergy {
        source: section.source(root.at, root.template_ids.clone()),
        ..Allergy::default()
    };
    let (concern, obs, extra) = split_concern(root, ALLERGY_OBSERVATION);
    if extra > 0 {
        res.warn(
            WarningCode::UnmappedElement,
            format!("allergy concern holds {extra} further allergy observation(s); only the first is mapped"),
            at,
        );
    }
    if let Some(mut concern) = concern {
        let cat = concern.at;
        allergy.concern_ids = std::mem::take(&mut concern.ids);
        allergy.status = concern.status.take();
        allergy.concern_period = concern.take_interval();
        allergy.authors.append(&mut concern.authors);
        allergy.text = res.text(concern.text.take(), cat);
        related(res, &mut allergy, concern);
        if obs.is_none() {
            res.warn(
                WarningCode::MissingElement,
                "allergy concern act holds no allergy observation",
                cat,
            );
        }
    }
    if let Some(mut obs) = obs {
        let oat = obs.at;
        allergy.ids = std::mem::take(&mut obs.ids);
        allergy.negated = obs.negated;
        allergy.kind = obs.take_value().and_then(|v| res.value_coded(v, oat));
        allergy.allergen = allergen(res, std::mem::take(&mut obs.participants), oat);
        allergy.period = obs.take_interval();
        allergy.authors.append(&mut obs.authors);
        if let Some(text) = res.text(obs.text.take(), oat) {
            allergy.text = Some(text);
        }
        related(res, &mut allergy, obs);
    }
    allergy
}

/// The allergen: the consumable participant's playing entity code (its name fills in the
/// original text when the code has none).
fn allergen(
    res: &mut Resolver<'_>,
    participants: Vec<EntryParticipant>,
    at: (u32, u32),
) -> Option<Coded> {
    let idx = participants
        .iter()
        .position(|p| p.type_code.as_deref() == Some("CSM"))
        .or_else(|| participants.iter().position(|p| p.entity_code.is_some()))?;
    let p = participants.into_iter().nth(idx)?;
    let mut coded = res.coded_opt(p.entity_code, at);
    if let Some(name) = p.entity_name {
        let c = coded.get_or_insert_with(Coded::default);
        if c.original_text.is_none() {
            c.original_text = Some(name);
        }
    }
    coded
}

/// Severity, criticality, status, reactions and comments related to the concern or the
/// observation.
fn related(res: &mut Resolver<'_>, allergy: &mut Allergy, mut s: Box<Statement>) {
    for rel in std::mem::take(&mut s.relationships) {
        match role_of(&rel) {
            Role::Reaction => allergy.reactions.push(reaction(res, rel.statement)),
            Role::Severity => {
                allergy.severity = value_or_code(res, rel.statement).or(allergy.severity.take())
            }
            Role::Criticality => {
                allergy.criticality =
                    value_or_code(res, rel.statement).or(allergy.criticality.take());
            }
            Role::Status => {
                allergy.clinical_status =
                    value_or_code(res, rel.statement).or(allergy.clinical_status.take());
            }
            Role::Comment => allergy.notes.extend(note_text(res, rel.statement)),
            _ => {}
        }
    }
}

/// A Reaction Observation (also used under immunizations).
pub(crate) fn reaction(res: &mut Resolver<'_>, mut s: Box<Statement>) -> Reaction {
    let at = s.at;
    let mut r = Reaction {
        ids: std::mem::take(&mut s.ids),
        negated: s.negated,
        status: s.status.take(),
        period: s.take_interval(),
        ..Reaction::default()
    };
    r.manifestation = s.take_value().and_then(|v| res.value_coded(v, at));
    r.text = res.text(s.text.take(), at);
    for rel in std::mem::take(&mut s.relationships) {
        if role_of(&rel) == Role::Severity {
            r.severity = value_or_code(res, rel.statement).or(r.severity.take());
        }
    }
    r
}

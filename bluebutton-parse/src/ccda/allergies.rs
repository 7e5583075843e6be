//! Allergies: Allergy Concern Act → Allergy – Intolerance Observation, with reactions,
//! severity, criticality, status and comments (MODEL-NOTES §3.1).

use bluebutton_model::{Allergy, Coded, Reaction, WarningCode};

use crate::ccda::fixed_codes::{coding_of, has_fixed_code, Reading};
use crate::ccda::narrative::Resolver;
use crate::ccda::related::{
    link_encounter, note_text, role_of, severity, split_concern, value_or_code, warn_unknown, Role,
};
use crate::ccda::section::{push_default, EntryRead, SectionInfo};
use crate::ccda::statement::{EntryParticipant, Statement};
use crate::ccda::templates::{ALLERGY_CONCERN, ALLERGY_OBSERVATION, CCDA_ALLERGY_OBSERVATION};

/// Maps one entry of an allergies section onto the end of `list`, built there in place:
/// an allergy is large (about 2.7 KB), and building it apart costs copies of it.
pub(crate) fn push(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
    list: &mut Vec<Allergy>,
) {
    if let Some(allergy) = push_default(list) {
        fill(res, entry, section, allergy);
    }
}

/// Maps one entry of an allergies section into `allergy`, a default allergy.
fn fill(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo, allergy: &mut Allergy) {
    let at = entry.position();
    let Some(root) = entry.statement else {
        allergy.source = section.source(at, Vec::new());
        return;
    };
    if !root.has_template(ALLERGY_CONCERN) && !root.has_template(ALLERGY_OBSERVATION) {
        warn_unknown(res, &root, "allergies");
    }
    allergy.source = section.source_of(&root, Reading::ByRole);
    let (concern, obs, extra) = split_concern(root, ALLERGY_OBSERVATION);
    let concern_code = concern.as_deref().is_some_and(has_fixed_code);
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
        related(res, allergy, concern);
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
        (allergy.allergen, allergy.allergen_name) =
            allergen(res, std::mem::take(&mut obs.participants), oat);
        kind_and_value(res, allergy, &mut obs, concern_code);
        allergy.period = obs.take_interval();
        allergy.authors.append(&mut obs.authors);
        if let Some(text) = res.text(obs.text.take(), oat) {
            allergy.text = Some(text);
        }
        related(res, allergy, obs);
    }
}

/// The allergen: the consumable participant's playing entity code (its name fills in the
/// original text when the code has none), and its name as written.
fn allergen(
    res: &mut Resolver<'_>,
    participants: Vec<EntryParticipant>,
    at: (u32, u32),
) -> (Option<Coded>, Option<String>) {
    let idx = participants
        .iter()
        .position(|p| p.type_code.as_deref() == Some("CSM"))
        .or_else(|| participants.iter().position(|p| p.entity_code.is_some()));
    let Some(p) = idx.and_then(|i| participants.into_iter().nth(i)) else {
        return (None, None);
    };
    let mut coded = res.coded_opt(p.entity_code, at);
    if let Some(name) = &p.entity_name {
        let c = coded.get_or_insert_with(Coded::default);
        if c.original_text.is_none() {
            c.original_text = Some(name.clone());
        }
    }
    (coded, p.entity_name)
}

/// The allergy's type. C-CDA fixes the observation's `code` to `ASSERTION` and puts the
/// type in `value`; CCD R1 and C32 Alert Observations may put the type in `code` instead,
/// and then `value` names the substance (taken as the allergen when the participant gives
/// none).
///
/// `concern_code` tells whether the concern act's own code is the first of the entry's
/// fixed codes (the observation's code goes after it).
fn kind_and_value(
    res: &mut Resolver<'_>,
    allergy: &mut Allergy,
    obs: &mut Statement,
    concern_code: bool,
) {
    let at = obs.at;
    let value = obs.take_value().and_then(|v| res.value_coded(v, at));
    let typed = obs
        .code
        .take()
        .filter(|cd| cd.coded.code.as_deref().is_some_and(|c| c != "ASSERTION"));
    let Some(code) = typed else {
        allergy.kind = value;
        return;
    };
    let kind = res.coded(code, at);
    let allergen_code = allergy.allergen.as_ref().and_then(|a| a.code.as_deref());
    match value {
        Some(v) if allergy.allergen.is_none() => allergy.allergen = Some(v),
        // A value with a code of its own that is neither the type nor the allergen: the
        // C-CDA template puts the type in the value, so the value is the type and the
        // code, in the slot the template fixes to `ASSERTION`, is kept as provenance.
        Some(v)
            if v.code.is_some()
                && v.code != kind.code
                && v.code.as_deref() != allergen_code
                && obs.has_template(CCDA_ALLERGY_OBSERVATION) =>
        {
            let i = usize::from(concern_code);
            let i = i.min(allergy.source.codes.len());
            allergy.source.codes.insert(i, coding_of(&kind));
            allergy.kind = Some(v);
            return;
        }
        Some(v)
            if v.code.is_some() && v.code != kind.code && v.code.as_deref() != allergen_code =>
        {
            res.warn(
                WarningCode::UnmappedElement,
                "allergy observation with a type in <code>, a coded <value> and an allergen: the value is not mapped",
                at,
            );
        }
        _ => {}
    }
    allergy.kind = Some(kind);
}

/// Severity, criticality, status, reactions, comments and the encounter referred to,
/// related to the concern or the observation.
fn related(res: &mut Resolver<'_>, allergy: &mut Allergy, mut s: Box<Statement>) {
    for rel in std::mem::take(&mut s.relationships) {
        match role_of(&rel) {
            Role::Reaction => allergy.reactions.push(reaction(res, rel.statement)),
            Role::Severity => {
                let (value, mut interpretations) = severity(res, rel.statement);
                allergy.severity = value.or(allergy.severity.take());
                allergy
                    .severity_interpretations
                    .append(&mut interpretations);
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
            Role::EncounterReference => link_encounter(&mut allergy.encounter_ids, rel.statement),
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
            let (value, mut interpretations) = severity(res, rel.statement);
            r.severity = value.or(r.severity.take());
            r.severity_interpretations.append(&mut interpretations);
        }
    }
    r
}

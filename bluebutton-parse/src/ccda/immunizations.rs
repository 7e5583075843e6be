//! Immunizations: Immunization Activity (`substanceAdministration`) with its vaccine
//! (Immunization Medication Information: CVX code, lot number, manufacturer), dose,
//! route, site, dose number (also a CCD Medication Series Number Observation),
//! performers, refusal reason, reactions and instructions (MODEL-NOTES §3.7). One
//! immunization per entry.

use bluebutton_model::Immunization;

use crate::ccda::allergies::reaction;
use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::related::{
    instruction, link_encounter, note_text, role_of, value_or_code, warn_unknown, Role,
};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::StatementKind;
use crate::ccda::templates::{IMMUNIZATION_ACTIVITY, IMMUNIZATION_REFUSAL, SERIES_NUMBER};

/// Maps one entry of an immunizations section.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Immunization {
    let at = entry.position();
    let Some(mut s) = entry.statement else {
        return Immunization {
            source: section.source(at, Vec::new()),
            ..Immunization::default()
        };
    };
    if !s.has_template(IMMUNIZATION_ACTIVITY) || s.kind != StatementKind::SubstanceAdministration {
        warn_unknown(res, &s, "immunizations");
    }
    let at = s.at;
    let mut imm = Immunization {
        source: section.take_source_of(&mut s, Reading::ByRole),
        ids: std::mem::take(&mut s.ids),
        status: s.status.take(),
        mood: s.mood.take(),
        negated: s.negated,
        time: s.take_interval(),
        performers: std::mem::take(&mut s.performers),
        authors: std::mem::take(&mut s.authors),
        ..Immunization::default()
    };
    imm.text = res.text(s.text.take(), at);
    let d = s.take_dosing();
    imm.route = res.coded_opt(d.route, at);
    imm.site = d
        .approach_sites
        .into_iter()
        .next()
        .map(|cd| res.coded(cd, at));
    imm.dose = d.dose.value;
    imm.dose_number = d.repeat_number;
    if let Some(p) = d.product {
        imm.vaccine = res.coded_opt(p.code, at);
        if let Some(name) = p.name {
            let v = imm.vaccine.get_or_insert_with(Default::default);
            if v.original_text.is_none() {
                v.original_text = Some(name);
            }
        }
        imm.lot_number = p.lot_number;
        imm.manufacturer = p.manufacturer;
    }
    for rel in std::mem::take(&mut s.relationships) {
        if rel.statement.has_template(SERIES_NUMBER) {
            let mut n = rel.statement;
            let at = n.at;
            let number = n.take_value().and_then(|v| res.value(v, at).integer);
            imm.dose_number = imm.dose_number.or(number);
            continue;
        }
        if rel.statement.has_template(IMMUNIZATION_REFUSAL) {
            imm.refusal_reason = value_or_code(res, rel.statement).or(imm.refusal_reason.take());
            continue;
        }
        match role_of(&rel) {
            Role::Reaction => imm.reactions.push(reaction(res, rel.statement)),
            Role::Instruction => imm.instructions.extend(instruction(res, rel.statement)),
            Role::NegationReason => {
                imm.refusal_reason =
                    value_or_code(res, rel.statement).or(imm.refusal_reason.take());
            }
            Role::Comment => imm.notes.extend(note_text(res, rel.statement)),
            Role::EncounterReference => link_encounter(&mut imm.encounter_ids, rel.statement),
            _ => {}
        }
    }
    imm
}

//! Medications: Medication Activity (`substanceAdministration`) with its product, timing,
//! dose, route, indications, instructions, sig, supply orders, dispenses and monitoring;
//! Discharge and Admission Medication acts are unwrapped (MODEL-NOTES §3.2).

use bluebutton_model::{Coded, Dispense, Medication, MedicationOrder, Participant};

use crate::ccda::context::something;
use crate::ccda::datatypes::Timing;
use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::related::{
    indication, instruction, is_problem, link_encounter, note_text, party, problem_reason, role_of,
    value_or_code, warn_unknown, Role,
};
use crate::ccda::section::{push_default, EntryRead, SectionInfo};
use crate::ccda::statement::{Product, Statement, StatementKind};
use crate::ccda::templates::{root_of, DRUG_VEHICLE, MEDICATION_ACTIVITY, MEDICATION_WRAPPERS};

/// Maps one entry of a medications section onto the end of `list`, built there in place:
/// a medication is large (about 10 KB), and building it apart costs copies of it.
pub(crate) fn push(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
    list: &mut Vec<Medication>,
) {
    if let Some(med) = push_default(list) {
        fill(res, entry, section, med);
    }
}

/// Maps one entry of a medications section into `med`, a default medication.
fn fill(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo, med: &mut Medication) {
    let at = entry.position();
    let Some(mut root) = entry.statement else {
        med.source = section.source(at, Vec::new());
        return;
    };
    if !root.has_template(MEDICATION_ACTIVITY) && !root.has_template(MEDICATION_WRAPPERS) {
        warn_unknown(res, &root, "medications");
    }
    med.source = section.take_source_of(&mut root, Reading::ByRole);
    if root.kind != StatementKind::SubstanceAdministration {
        // A wrapper act (discharge / admission medication) or something unexpected.
        let inner = root
            .relationships
            .iter()
            .position(|r| r.statement.kind == StatementKind::SubstanceAdministration)
            .map(|i| root.relationships.remove(i).statement);
        if let Some(inner) = inner {
            let wat = root.at;
            med.ids = std::mem::take(&mut root.ids);
            med.authors.append(&mut root.authors);
            med.text = res.text(root.text.take(), wat);
            related(res, med, &mut root);
            root = inner;
        } else if root.kind == StatementKind::Supply {
            supply_only(res, med, root);
            return;
        }
    }
    administration(res, med, root);
}

fn administration(res: &mut Resolver<'_>, med: &mut Medication, mut s: Box<Statement>) {
    let at = s.at;
    if !s.ids.is_empty() {
        med.ids = std::mem::take(&mut s.ids);
    }
    med.status = s.status.take();
    med.mood = s.mood.take();
    med.negated = s.negated;
    med.kind = res.coded_opt(s.code.take(), at).and_then(something);
    if let Some(text) = res.text(s.text.take(), at) {
        med.text = Some(text);
    }
    for timing in std::mem::take(&mut s.times) {
        match timing {
            Timing::Interval(i) if med.period.is_none() => med.period = Some(i),
            Timing::Interval(_) => {}
            Timing::Frequency(f) => match med.frequency.as_mut() {
                None => med.frequency = Some(*f),
                Some(first) => first.parts.push(bluebutton_model::FrequencyPart {
                    period: f.period,
                    event: f.event,
                    phase: f.phase,
                    operator: Some("A".to_owned()),
                }),
            },
        }
    }
    let d = s.take_dosing();
    med.route = res.coded_opt(d.route, at);
    med.site = d
        .approach_sites
        .into_iter()
        .next()
        .map(|cd| res.coded(cd, at));
    med.dose = d.dose.value;
    med.dose_range = d.dose.range;
    med.rate = d.rate.value.or_else(|| d.rate.range.and_then(|r| r.low));
    med.max_dose = d.max_dose;
    med.form = res.coded_opt(d.admin_unit, at);
    med.repeat_number = d.repeat_number;
    if let Some(product) = d.product {
        self::product(res, med, product, at);
    }
    for pre in d.preconditions {
        med.as_needed = Some(true);
        let coded = match pre.value {
            Some(v) => res.value_coded(v, at),
            None => res.coded_opt(pre.code, at),
        };
        med.preconditions.extend(coded);
    }
    for p in std::mem::take(&mut s.participants) {
        let vehicle = p
            .template_ids
            .iter()
            .any(|t| DRUG_VEHICLE.contains(&root_of(t)));
        if vehicle || (p.type_code.as_deref() == Some("CSM") && med.vehicle.is_none()) {
            med.vehicle = res.coded_opt(p.entity_code, at).or_else(|| {
                p.entity_name.map(|n| Coded {
                    original_text: Some(n),
                    ..Coded::default()
                })
            });
        }
    }
    med.performers.append(&mut s.performers);
    med.authors.append(&mut s.authors);
    related(res, med, &mut s);
    if med.prescriber.is_none() {
        med.prescriber = med.order.as_ref().and_then(|o| o.prescriber.clone());
    }
}

fn product(res: &mut Resolver<'_>, med: &mut Medication, p: Product, at: (u32, u32)) {
    med.product = res.coded_opt(p.code, at);
    med.product_name = p.name;
    med.product_ids = p.ids;
    med.manufacturer = p.manufacturer;
    med.lot_number = p.lot_number;
    if med.form.is_none() {
        med.form = res.coded_opt(p.form, at);
    }
}

/// Indications, instructions, sig, supply orders, dispenses, refusal reason, monitoring,
/// comments and the encounter referred to.
fn related(res: &mut Resolver<'_>, med: &mut Medication, s: &mut Statement) {
    for rel in std::mem::take(&mut s.relationships) {
        match role_of(&rel) {
            Role::Indication => indication(
                res,
                rel.statement,
                &mut med.indications,
                &mut med.indication_times,
            ),
            Role::Instruction => med.instructions.extend(instruction(res, rel.statement)),
            Role::Sig => {
                let mut sig = rel.statement;
                let at = sig.at;
                med.sig = res.text(sig.text.take(), at).or(med.sig.take());
            }
            Role::SupplyOrder => {
                let o = order(res, rel.statement);
                match med.order {
                    None => med.order = Some(o),
                    Some(_) => med.orders.push(o),
                }
            }
            Role::Dispense => med.dispenses.push(dispense(res, rel.statement)),
            Role::NegationReason => {
                med.negation_reason =
                    value_or_code(res, rel.statement).or(med.negation_reason.take());
            }
            Role::Status => {
                med.clinical_status =
                    value_or_code(res, rel.statement).or(med.clinical_status.take());
            }
            Role::MedicationType => {
                med.kind = value_or_code(res, rel.statement).or(med.kind.take());
            }
            Role::Monitoring => med.monitors.extend(monitors(res, rel.statement)),
            Role::Comment => med.notes.extend(note_text(res, rel.statement)),
            Role::EncounterReference => link_encounter(&mut med.encounter_ids, rel.statement),
            // A Problem Observation (or Problem Concern Act) under a medication is why it is
            // taken, whatever the relationship type says.
            Role::Other if is_problem(&rel.statement) => {
                med.indications.extend(problem_reason(res, rel.statement));
            }
            _ => {}
        }
    }
}

/// A Drug Monitoring Act's responsible parties, each with the act's period as its time
/// when the participation gives none.
fn monitors(res: &mut Resolver<'_>, mut s: Box<Statement>) -> Vec<Participant> {
    let at = s.at;
    let period = s.take_interval();
    std::mem::take(&mut s.participants)
        .into_iter()
        .map(|p| {
            let mut m = party(res, p, at);
            if m.time.is_none() {
                m.time.clone_from(&period);
            }
            m
        })
        .collect()
}

fn order(res: &mut Resolver<'_>, mut s: Box<Statement>) -> MedicationOrder {
    let d = s.take_dosing();
    let mut o = MedicationOrder {
        ids: std::mem::take(&mut s.ids),
        status: s.status.take(),
        time: s.take_interval(),
        repeat_number: d.repeat_number,
        quantity: d.quantity,
        days_supply: d.expected_use.and_then(|i| i.width.map(|w| *w)),
        prescriber: s.authors.drain(..).next(),
        ..MedicationOrder::default()
    };
    for rel in std::mem::take(&mut s.relationships) {
        if role_of(&rel) == Role::Instruction {
            o.instructions.extend(instruction(res, rel.statement));
        }
    }
    o
}

fn dispense(res: &mut Resolver<'_>, mut s: Box<Statement>) -> Dispense {
    let at = s.at;
    let performer = s.performers.drain(..).next();
    let d = s.take_dosing();
    Dispense {
        ids: std::mem::take(&mut s.ids),
        status: s.status.take(),
        time: s.take_interval(),
        quantity: d.quantity,
        days_supply: d.expected_use.and_then(|i| i.width.map(|w| *w)),
        fill_number: d.repeat_number,
        product: d.product.and_then(|p| res.coded_opt(p.code, at)),
        pharmacy: performer.as_ref().and_then(|p| p.organization.clone()),
        performer,
    }
}

/// An entry whose root is a supply (an order or fill with no administration).
fn supply_only(res: &mut Resolver<'_>, med: &mut Medication, mut s: Box<Statement>) {
    let at = s.at;
    med.mood = s.mood.clone();
    med.status = s.status.clone();
    med.text = res.text(s.text.take(), at);
    if let Some(product) = s.dosing.as_mut().and_then(|d| d.product.take()) {
        self::product(res, med, product, at);
    }
    if matches!(s.mood.as_deref(), Some("EVN")) {
        med.dispenses.push(dispense(res, s));
    } else {
        med.ids.clone_from(&s.ids);
        let o = order(res, s);
        med.prescriber = o.prescriber.clone();
        med.order = Some(o);
    }
}

//! Organizers of observations, shared by results and vital signs: one
//! [`ObservationGroup`] per `<entry>` (Result Organizer, Vital Signs Organizer, or a
//! bare observation as a group of one), each `component/observation` an [`Observation`]
//! with its value, interpretations, reference ranges and comments (MODEL-NOTES §1.4,
//! §1.5, §3.5, §3.6).

use bluebutton_model::{
    Coded, Observation, ObservationGroup, Participant, ReferenceRange, Source, ValueKind,
    WarningCode,
};

use crate::ccda::context::something;
use crate::ccda::datatypes::Cd;
use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::related::{link_encounter, note_text, party, role_of, warn_unknown, Role};
use crate::ccda::section::{push_default, EntryRead, SectionInfo};
use crate::ccda::statement::{RangeRead, Relationship, Statement, StatementKind};
use crate::ccda::templates::{ENCOUNTER_ACTIVITY, SUPPLY_ACTIVITY};
use crate::ccda::{encounters, procedures};

/// The templates a section's entries are expected to carry.
pub(crate) struct Expected {
    /// The section's name in warnings (`results`, `vital signs`).
    pub section: &'static str,
    /// Organizer template roots.
    pub organizer: &'static [&'static str],
    /// Observation template roots.
    pub observation: &'static [&'static str],
}

/// Maps one entry of a results or vital signs section into one group. A procedure among
/// an organizer's components (the procedure that produced the results, as HITSP C83 and
/// IHE place it) is one of the group's procedures, an Encounter Activity there one of its
/// encounters.
pub(crate) fn map_group(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
    expected: &Expected,
) -> ObservationGroup {
    let at = entry.position();
    let Some(mut root) = entry.statement else {
        return ObservationGroup {
            source: section.source(at, Vec::new()),
            ..ObservationGroup::default()
        };
    };
    if !root.has_template(expected.organizer) && !root.has_template(expected.observation) {
        warn_unknown(res, &root, expected.section);
    }
    // A bare observation keeps its template ids for its own source too; an organizer's
    // move into the group's.
    let source = if root.kind == StatementKind::Observation {
        section.source_of(&root, Reading::Whole)
    } else {
        section.take_source_of(&mut root, Reading::Whole)
    };
    let mut group = ObservationGroup {
        source,
        ..ObservationGroup::default()
    };
    if root.kind == StatementKind::Observation {
        // A bare observation: a group of one, with no group code.
        push_observation(res, root, &mut group.observations);
        return group;
    }
    let gat = root.at;
    group.ids = std::mem::take(&mut root.ids);
    group.status = root.status.take();
    group.code = coded(res, root.code.take(), gat);
    group.time = root.take_interval();
    let observed = root.take_observed();
    group.specimen = coded(res, observed.specimens.into_iter().next(), gat);
    group.performers = std::mem::take(&mut root.performers);
    group.authors = std::mem::take(&mut root.authors);
    group.participants = std::mem::take(&mut root.participants)
        .into_iter()
        .map(|p| party(res, p, gat))
        .collect();
    group.text = res.text(root.text.take(), gat);
    let relationships = std::mem::take(&mut root.relationships);
    // Observations are large: room for exactly the group's members, not a doubling list.
    let members = relationships
        .iter()
        .filter(|rel| matches!(part_of(rel), Part::Observation))
        .count();
    group.observations.reserve_exact(members);
    for rel in relationships {
        match part_of(&rel) {
            Part::Comment => group.notes.extend(note_text(res, rel.statement)),
            Part::Observation => push_observation(res, rel.statement, &mut group.observations),
            Part::Other if rel.statement.kind == StatementKind::Procedure => {
                let source = Source {
                    line: rel.statement.at.0,
                    column: rel.statement.at.1,
                    template_ids: rel.statement.template_ids.clone(),
                    ..Source::default()
                };
                let procedure = procedures::from_statement(res, rel.statement, source);
                group.procedures.push(procedure);
            }
            Part::Other if rel.statement.has_template(ENCOUNTER_ACTIVITY) => {
                let source = Source {
                    line: rel.statement.at.0,
                    column: rel.statement.at.1,
                    template_ids: rel.statement.template_ids.clone(),
                    ..Source::default()
                };
                let encounter = encounters::from_statement(res, rel.statement, source);
                group.encounters.push(encounter);
            }
            Part::EncounterReference | Part::Other => {
                let within = format!("a {} entry", expected.section);
                unmapped(res, &rel.statement, &within);
            }
        }
    }
    group
}

/// What a component or entry relationship adds to a group or an observation.
enum Part {
    Comment,
    EncounterReference,
    Observation,
    Other,
}

fn part_of(rel: &Relationship) -> Part {
    match role_of(rel) {
        Role::Comment => return Part::Comment,
        Role::EncounterReference => return Part::EncounterReference,
        _ => {}
    }
    match rel.statement.kind {
        StatementKind::Observation | StatementKind::Organizer => Part::Observation,
        _ => Part::Other,
    }
}

/// Warns that a related statement inside `within` has no place in the model.
pub(crate) fn unmapped(res: &mut Resolver<'_>, s: &Statement, within: &str) {
    let element = match s.kind {
        StatementKind::Act => "act",
        StatementKind::Observation => "observation",
        StatementKind::SubstanceAdministration => "substanceAdministration",
        StatementKind::Supply => "supply",
        StatementKind::Procedure => "procedure",
        StatementKind::Encounter => "encounter",
        StatementKind::Organizer => "organizer",
        StatementKind::Other => "statement",
    };
    let template = s
        .template_ids
        .first()
        .map_or("no template id", String::as_str);
    res.warn(
        WarningCode::UnmappedElement,
        format!("a related <{element}> ({template}) in {within} is not mapped"),
        s.at,
    );
}

/// Maps an observation (or a nested organizer, whose observations become components).
pub(crate) fn observation(res: &mut Resolver<'_>, s: Box<Statement>) -> Observation {
    let mut o = Observation::default();
    fill_observation(res, s, &mut o);
    o
}

/// Maps an observation onto the end of `list`, built there in place: an observation is
/// large (about 3 KB), and building it apart costs copies of it.
pub(crate) fn push_observation(
    res: &mut Resolver<'_>,
    s: Box<Statement>,
    list: &mut Vec<Observation>,
) {
    if let Some(o) = push_default(list) {
        fill_observation(res, s, o);
    }
}

/// Maps an observation into `o`, a default observation.
fn fill_observation(res: &mut Resolver<'_>, mut s: Box<Statement>, o: &mut Observation) {
    let at = s.at;
    o.ids = std::mem::take(&mut s.ids);
    o.status = s.status.take();
    o.mood = s.mood.take().filter(|m| m != "EVN");
    o.negated = s.negated;
    o.code = coded(res, s.code.take(), at);
    o.time = s.take_interval();
    o.source = Source {
        line: at.0,
        column: at.1,
        template_ids: std::mem::take(&mut s.template_ids),
        ..Source::default()
    };
    let mut values = std::mem::take(&mut s.values).into_iter();
    o.value = values.next().map(|v| res.value(v, at));
    let extra = values.count();
    if extra > 0 {
        res.warn(
            WarningCode::UnmappedElement,
            format!(
                "<observation> has {extra} further <value> element(s); only the first is mapped"
            ),
            at,
        );
    }
    o.interpretations = std::mem::take(&mut s.interpretations)
        .into_iter()
        .filter_map(|cd| coded(res, Some(cd), at))
        .collect();
    o.body_sites = std::mem::take(&mut s.target_sites)
        .into_iter()
        .filter_map(|cd| coded(res, Some(cd), at))
        .collect();
    let observed = s.take_observed();
    o.method = observed
        .methods
        .into_iter()
        .find_map(|cd| coded(res, Some(cd), at));
    o.specimen = coded(res, observed.specimens.into_iter().next(), at);
    o.reference_ranges = observed
        .ranges
        .into_iter()
        .map(|r| reference_range(res, r, at))
        .collect();
    o.performers = std::mem::take(&mut s.performers);
    o.authors = std::mem::take(&mut s.authors);
    o.participants = std::mem::take(&mut s.participants)
        .into_iter()
        .map(|p| party(res, p, at))
        .collect();
    o.text = res.text(s.text.take(), at);
    for rel in std::mem::take(&mut s.relationships) {
        if rel.statement.has_template(SUPPLY_ACTIVITY) {
            // An assistive device the observation refers to (functional status).
            o.participants.extend(supplied_device(res, rel.statement));
            continue;
        }
        match part_of(&rel) {
            Part::Comment => o.notes.extend(note_text(res, rel.statement)),
            Part::EncounterReference => link_encounter(&mut o.encounter_ids, rel.statement),
            Part::Observation => push_observation(res, rel.statement, &mut o.components),
            Part::Other => unmapped(res, &rel.statement, "an observation"),
        }
    }
}

/// The device of a Non-Medicinal Supply Activity as a participant: its product
/// participant (type code PRD as the function, device code as the role), with the
/// supply's time when the participation has none.
fn supplied_device(res: &mut Resolver<'_>, mut s: Box<Statement>) -> Option<Participant> {
    let at = s.at;
    let time = s.take_interval();
    let product = std::mem::take(&mut s.participants)
        .into_iter()
        .find(|p| matches!(p.type_code.as_deref(), Some("PRD" | "DEV")));
    let Some(product) = product else {
        unmapped(res, &s, "an observation");
        return None;
    };
    let mut device = party(res, product, at);
    if device.time.is_none() {
        device.time = time;
    }
    Some(device)
}

/// A coded element with its narrative reference resolved; `None` when it holds nothing
/// (`<methodCode/>`).
fn coded(res: &mut Resolver<'_>, cd: Option<Cd>, at: (u32, u32)) -> Option<Coded> {
    res.coded_opt(cd, at).and_then(something)
}

/// `observationRange`: an IVL_PQ value gives low and high, a coded value the normal
/// value, a text value (or a lone quantity, written `value unit`) the text when the
/// range has none; `interpretationCode` is what the range means.
fn reference_range(res: &mut Resolver<'_>, r: RangeRead, at: (u32, u32)) -> ReferenceRange {
    let mut range = ReferenceRange {
        text: res.text(r.text, at),
        meaning: coded(res, r.meaning, at),
        ..ReferenceRange::default()
    };
    let Some(v) = r.value else { return range };
    let value = res.value(v, at);
    let as_text = match value.kind {
        ValueKind::Range => {
            if let Some(q) = value.range {
                range.low = q.low;
                range.high = q.high;
            }
            None
        }
        ValueKind::Coded => {
            range.normal = value.coded;
            None
        }
        ValueKind::Quantity => value.quantity.and_then(|q| {
            let parts = [q.value, q.unit];
            let t = parts
                .iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            (!t.is_empty()).then_some(t)
        }),
        ValueKind::Text => value.text,
        _ => None,
    };
    if let Some(t) = as_text {
        if range.text.is_none() {
            range.text = Some(t);
        } else if range.text.as_deref() != Some(t.as_str()) {
            res.warn(
                WarningCode::UnmappedElement,
                "<observationRange> has both text and a non-range value; the value is not mapped",
                at,
            );
        }
    }
    range
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ccda::datatypes::{Txt, Val};
    use bluebutton_model::{Quantity, QuantityRange, Value};

    fn q(v: &str) -> Quantity {
        Quantity {
            value: Some(v.to_owned()),
            ..Quantity::default()
        }
    }

    fn val(value: Value) -> Option<Val> {
        Some(Val {
            value,
            reference: None,
        })
    }

    #[test]
    fn reference_ranges_by_value_kind() {
        let mut res = Resolver::new(None);
        let range = RangeRead {
            value: val(Value {
                kind: ValueKind::Range,
                range: Some(Box::new(QuantityRange {
                    low: Some(q("1")),
                    high: Some(q("2")),
                })),
                ..Value::default()
            }),
            ..RangeRead::default()
        };
        let r = reference_range(&mut res, range, (1, 1));
        assert_eq!(r.low, Some(q("1")));
        assert_eq!(r.high, Some(q("2")));

        let range = RangeRead {
            text: Some(Txt {
                text: Some("normal".into()),
                reference: None,
            }),
            value: val(Value {
                kind: ValueKind::Text,
                text: Some("other".into()),
                ..Value::default()
            }),
            ..RangeRead::default()
        };
        let r = reference_range(&mut res, range, (2, 3));
        assert_eq!(r.text.as_deref(), Some("normal"));
        assert_eq!(res.warnings.len(), 1);
        assert_eq!(res.warnings[0].code, WarningCode::UnmappedElement);
        assert_eq!(res.warnings[0].line, Some(2));
    }
}

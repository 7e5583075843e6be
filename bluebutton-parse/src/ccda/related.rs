//! What a related statement is for (severity, status, reaction, comment, ...), told by its
//! template, else its code, else its shape; and helpers the section mappers share.

use bluebutton_model::{Coded, DatedCode, Identifier, Location, Participant, WarningCode};

use crate::ccda::narrative::Resolver;
use crate::ccda::statement::{EntryParticipant, Relationship, Statement, StatementKind};
use crate::ccda::templates::{self as t, any_of};

/// The role of a related statement inside an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Reaction Observation.
    Reaction,
    /// Severity Observation.
    Severity,
    /// Allergy or problem status observation.
    Status,
    /// Criticality Observation.
    Criticality,
    /// Comment Activity.
    Comment,
    /// Age Observation.
    Age,
    /// Health Status Observation.
    HealthStatus,
    /// Priority Preference.
    Priority,
    /// Indication.
    Indication,
    /// Instruction.
    Instruction,
    /// Type of Medication (prescription, over-the-counter).
    MedicationType,
    /// Medication Free Text Sig.
    Sig,
    /// Medication Supply Order.
    SupplyOrder,
    /// Medication Dispense.
    Dispense,
    /// Reason a medication was not given.
    NegationReason,
    /// Drug Monitoring Act.
    Monitoring,
    /// The encounter the entry belongs to, referred to by its `id` alone (see
    /// [`is_encounter_reference`]).
    EncounterReference,
    /// Anything else.
    Other,
}

/// The role a template id (`root` or `root:extension`) marks, with its precedence (lower
/// wins when a statement carries templates of two roles): the roots of `t::REACTION`,
/// `t::SEVERITY`, `t::STATUS`, ... `t::DRUG_MONITORING`, in that order (the tests hold this
/// table to those lists). One lookup per template id instead of comparing it with every
/// root of every role: all the roots share the `2.16.840.1.113883.` prefix, and their
/// short tails are matched by length and bytes.
fn template_role(template_id: &str) -> Option<(u8, Role)> {
    let tail = template_id.strip_prefix("2.16.840.1.113883.")?;
    let end = tail.bytes().position(|b| b == b':').unwrap_or(tail.len());
    Some(match tail.get(..end)? {
        "10.20.22.4.9" | "10.20.1.54" => (0, Role::Reaction),
        "10.20.22.4.8" | "10.20.1.55" => (1, Role::Severity),
        "10.20.22.4.28" | "10.20.22.4.6" | "10.20.1.39" | "10.20.1.50" | "10.20.1.47" => {
            (2, Role::Status)
        }
        "10.20.22.4.145" => (3, Role::Criticality),
        "10.20.22.4.64" | "10.20.1.40" => (4, Role::Comment),
        "10.20.22.4.31" | "10.20.1.38" => (5, Role::Age),
        "10.20.22.4.5" | "10.20.1.51" => (6, Role::HealthStatus),
        "10.20.22.4.143" => (7, Role::Priority),
        "10.20.22.4.19" => (8, Role::Indication),
        "10.20.22.4.20" | "10.20.1.49" => (9, Role::Instruction),
        "3.88.11.83.8.1" => (10, Role::MedicationType),
        "10.20.22.4.147" => (11, Role::Sig),
        "10.20.22.4.17" => (12, Role::SupplyOrder),
        "10.20.22.4.18" => (13, Role::Dispense),
        "10.20.24.3.88" => (14, Role::NegationReason),
        "10.20.22.4.123" => (15, Role::Monitoring),
        _ => return None,
    })
}

/// The role of a related statement.
pub(crate) fn role_of(rel: &Relationship) -> Role {
    let s = &rel.statement;
    let by_template = s
        .template_ids
        .iter()
        .filter_map(|id| template_role(id))
        .min_by_key(|&(rank, _)| rank);
    if let Some((_, role)) = by_template {
        return role;
    }
    if is_encounter_reference(s) {
        return Role::EncounterReference;
    }
    match s.code_value() {
        Some("SEV") => return Role::Severity,
        Some("33999-4") => return Role::Status,
        Some("82606-5") => return Role::Criticality,
        Some("48767-8") => return Role::Comment,
        Some("445518008" | "397659008") => return Role::Age,
        Some("11323-3") => return Role::HealthStatus,
        Some("76662-6") => return Role::Sig,
        // Prescription drug, over-the-counter product.
        Some("73639000" | "329505003") if s.values.is_empty() => return Role::MedicationType,
        _ => {}
    }
    match (s.kind, rel.type_code.as_deref(), s.mood.as_deref()) {
        (StatementKind::Observation, Some("MFST"), _) => Role::Reaction,
        (StatementKind::Supply, _, Some("INT" | "RQO")) => Role::SupplyOrder,
        (StatementKind::Supply, _, Some("EVN")) => Role::Dispense,
        (StatementKind::Observation, Some("RSON"), _) => Role::Indication,
        _ => Role::Other,
    }
}

/// True when a statement is an `encounter` that only names an encounter described
/// elsewhere: it has `id`s and nothing an encounter of its own would carry (no template,
/// time, code value, text, participants or related statements).
pub(crate) fn is_encounter_reference(s: &Statement) -> bool {
    s.kind == StatementKind::Encounter
        && !s.ids.is_empty()
        && s.template_ids.is_empty()
        && s.times.is_empty()
        && s.code_value().is_none()
        && s.text.is_none()
        && s.performers.is_empty()
        && s.participants.is_empty()
        && s.relationships.is_empty()
}

/// Adds the `id`s of an encounter reference to `ids`, leaving out those already there (a
/// concern and its observation may name the same encounter).
pub(crate) fn link_encounter(ids: &mut Vec<Identifier>, s: Box<Statement>) {
    for id in s.ids {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
}

/// Splits a concern act from its main observation (the first related observation with a
/// template in `main`, else the first related observation with no other role). An
/// observation at the root is its own main observation. Also returns how many further
/// main observations the concern holds (they have no place in one model item).
pub(crate) fn split_concern(
    mut root: Box<Statement>,
    main: &[&str],
) -> (Option<Box<Statement>>, Option<Box<Statement>>, usize) {
    if root.kind == StatementKind::Observation {
        return (None, Some(root), 0);
    }
    let is_obs = |r: &Relationship| r.statement.kind == StatementKind::Observation;
    let pick = root
        .relationships
        .iter()
        .position(|r| is_obs(r) && r.statement.has_template(main))
        .or_else(|| {
            root.relationships
                .iter()
                .position(|r| is_obs(r) && role_of(r) == Role::Other)
        });
    let obs = pick.map(|i| root.relationships.remove(i).statement);
    let extra = root
        .relationships
        .iter()
        .filter(|r| is_obs(r) && r.statement.has_template(main))
        .count();
    (Some(root), obs, extra)
}

/// A related statement's value as a coded concept (its `code` when it has no value).
pub(crate) fn value_or_code(res: &mut Resolver<'_>, mut s: Box<Statement>) -> Option<Coded> {
    let at = s.at;
    match s.take_value() {
        Some(v) => res.value_coded(v, at),
        None => res.coded_opt(s.code, at),
    }
}

/// An Indication: its value (else its code) added to `reasons`, and, when the source
/// dates it, the same code with its time added to `times`.
pub(crate) fn indication(
    res: &mut Resolver<'_>,
    mut s: Box<Statement>,
    reasons: &mut Vec<Coded>,
    times: &mut Vec<DatedCode>,
) {
    let time = s.take_interval();
    let Some(code) = value_or_code(res, s) else {
        return;
    };
    if let Some(time) = time {
        times.push(DatedCode {
            code: Some(code.clone()),
            time: Some(time),
        });
    }
    reasons.push(code);
}

/// A Severity Observation: its value (else its code), and its `interpretationCode`s.
pub(crate) fn severity(
    res: &mut Resolver<'_>,
    mut s: Box<Statement>,
) -> (Option<Coded>, Vec<Coded>) {
    let at = s.at;
    let interpretations = std::mem::take(&mut s.interpretations)
        .into_iter()
        .map(|cd| res.coded(cd, at))
        .collect();
    (value_or_code(res, s), interpretations)
}

/// The problem a Problem Observation, or a Problem Concern Act's main observation, names
/// (its value): the reason an entry refers to it for.
pub(crate) fn problem_reason(res: &mut Resolver<'_>, s: Box<Statement>) -> Option<Coded> {
    if s.has_template(t::PROBLEM_OBSERVATION) {
        return value_or_code(res, s);
    }
    let (_, problem, _) = split_concern(s, t::PROBLEM_OBSERVATION);
    problem.and_then(|p| value_or_code(res, p))
}

/// True when a related statement is a Problem Observation or a Problem Concern Act.
pub(crate) fn is_problem(s: &Statement) -> bool {
    s.has_template(t::PROBLEM_OBSERVATION) || s.has_template(t::PROBLEM_CONCERN)
}

/// The text of a Comment Activity (or of any related act used as a note).
pub(crate) fn note_text(res: &mut Resolver<'_>, s: Box<Statement>) -> Option<String> {
    let at = s.at;
    res.text(s.text, at)
}

/// Warns that an entry's root template is not one the section expects.
pub(crate) fn warn_unknown(res: &mut Resolver<'_>, root: &Statement, section: &str) {
    let templates = if root.template_ids.is_empty() {
        "no template id".to_owned()
    } else {
        format!("template {}", root.template_ids.join(", "))
    };
    res.warn(
        WarningCode::UnknownEntry,
        format!("{section} entry with {templates} is not a recognised entry template; mapped generically"),
        root.at,
    );
}

/// Service delivery locations among an entry's participants (`@typeCode='LOC'` or a
/// Service Delivery Location role): the role code is the kind, the playing entity's name
/// the name. The participants that are not locations are returned.
pub(crate) fn take_locations(
    res: &mut Resolver<'_>,
    participants: Vec<EntryParticipant>,
    at: (u32, u32),
) -> (Vec<Location>, Vec<EntryParticipant>) {
    let mut locations = Vec::new();
    let mut rest = Vec::new();
    for p in participants {
        let is_location =
            p.type_code.as_deref() == Some("LOC") || any_of(&p.template_ids, t::SERVICE_LOCATION);
        if !is_location {
            rest.push(p);
            continue;
        }
        let mut kind = res.coded_opt(p.role_code, at);
        if kind.is_none() {
            kind = res.coded_opt(p.entity_code, at);
        }
        locations.push(Location {
            name: p.entity_name,
            kind,
            ..Location::default()
        });
    }
    (locations, rest)
}

/// An Instruction act: its code, with its text as the original text when the code has none.
pub(crate) fn instruction(res: &mut Resolver<'_>, mut s: Box<Statement>) -> Option<Coded> {
    let at = s.at;
    let text = res.text(s.text.take(), at);
    let mut coded = res.coded_opt(s.code.take(), at);
    if let Some(text) = text {
        let c = coded.get_or_insert_with(Coded::default);
        if c.original_text.is_none() {
            c.original_text = Some(text);
        }
    }
    coded
}

/// An entry participant (`participant/participantRole`) as a model participant: the
/// participation's type code (IND, VRF, CST, COV, ...) as its function, the role code
/// (else the playing entity's code) as its role, the playing entity's name, the scoping
/// entity as its organization.
pub(crate) fn party(res: &mut Resolver<'_>, p: EntryParticipant, at: (u32, u32)) -> Participant {
    let role = match p.role_code {
        Some(cd) => Some(res.coded(cd, at)),
        None => res.coded_opt(p.entity_code, at),
    };
    Participant {
        ids: p.ids,
        name: p.person,
        role,
        function: p.type_code.map(|code| Coded {
            code: Some(code),
            ..Coded::default()
        }),
        organization: p.scoping,
        addresses: p.addresses,
        telecoms: p.telecoms,
        device: p.device_model,
        time: p.time,
    }
}

/// A Priority Preference: its value, else its `priorityCode`, else its code.
pub(crate) fn priority_preference(res: &mut Resolver<'_>, mut s: Box<Statement>) -> Option<Coded> {
    let at = s.at;
    if let Some(v) = s.take_value() {
        return res.value_coded(v, at);
    }
    match s.priority.take() {
        Some(p) => Some(res.coded(*p, at)),
        None => res.coded_opt(s.code.take(), at),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The roles told by template, in precedence order, as `role_of` asked
    /// `Statement::has_template` role by role before [`template_role`].
    const BY_TEMPLATE: [(&[&str], Role); 16] = [
        (t::REACTION, Role::Reaction),
        (t::SEVERITY, Role::Severity),
        (t::STATUS, Role::Status),
        (t::CRITICALITY, Role::Criticality),
        (t::COMMENT, Role::Comment),
        (t::AGE, Role::Age),
        (t::HEALTH_STATUS, Role::HealthStatus),
        (t::PRIORITY, Role::Priority),
        (t::INDICATION, Role::Indication),
        (t::INSTRUCTION, Role::Instruction),
        (t::MEDICATION_TYPE, Role::MedicationType),
        (t::FREE_TEXT_SIG, Role::Sig),
        (t::SUPPLY_ORDER, Role::SupplyOrder),
        (t::DISPENSE, Role::Dispense),
        (t::NEGATION_REASON, Role::NegationReason),
        (t::DRUG_MONITORING, Role::Monitoring),
    ];

    fn rel(template_ids: &[&str]) -> Relationship {
        let statement = Statement {
            template_ids: template_ids.iter().map(|t| (*t).to_owned()).collect(),
            ..Statement::default()
        };
        Relationship {
            type_code: None,
            statement: Box::new(statement),
        }
    }

    /// The role and precedence of one template id by the lists and `has_template`.
    fn by_list(id: &str) -> Option<(u8, Role)> {
        let r = rel(&[id]);
        let rank = BY_TEMPLATE
            .iter()
            .position(|(roots, _)| r.statement.has_template(roots))?;
        Some((u8::try_from(rank).unwrap(), BY_TEMPLATE[rank].1))
    }

    /// The lookup agrees with the template lists: every root, with or without an
    /// extension, and nothing that merely starts with a root or is a root cut short.
    #[test]
    fn template_role_matches_the_template_lists() {
        for (rank, (roots, role)) in BY_TEMPLATE.iter().enumerate() {
            let want = Some((u8::try_from(rank).unwrap(), *role));
            for root in *roots {
                assert_eq!(template_role(root), want, "{root}");
                let ids = [
                    root.to_string(),
                    format!("{root}:2014-06-09"),
                    format!("{root}:"),
                    format!("{root}1"),
                    format!("{root}.1"),
                    root[..root.len() - 1].to_string(),
                    root[1..].to_string(),
                ];
                for id in &ids {
                    assert_eq!(template_role(id), by_list(id), "{id}");
                }
            }
        }
        for id in ["2.16.840.1.113883.10.20.22.4.4", "2.16.840.1.113883.", ""] {
            assert_eq!(template_role(id), None);
            assert_eq!(by_list(id), None);
        }
    }

    #[test]
    fn role_by_template_keeps_the_list_precedence() {
        let status = "2.16.840.1.113883.10.20.22.4.6";
        let severity = "2.16.840.1.113883.10.20.22.4.8:2014-06-09";
        let reaction = "2.16.840.1.113883.10.20.1.54";
        assert_eq!(role_of(&rel(&[status, severity])), Role::Severity);
        assert_eq!(role_of(&rel(&[severity, status])), Role::Severity);
        assert_eq!(role_of(&rel(&[status, severity, reaction])), Role::Reaction);
        let monitoring = "2.16.840.1.113883.10.20.22.4.123";
        let instruction = "2.16.840.1.113883.10.20.22.4.20";
        assert_eq!(role_of(&rel(&[monitoring, instruction])), Role::Instruction);
        assert_eq!(role_of(&rel(&[monitoring])), Role::Monitoring);
        let unknown = "2.16.840.1.113883.10.20.22.4.4";
        assert_eq!(role_of(&rel(&[unknown, status])), Role::Status);
        assert_eq!(role_of(&rel(&[unknown])), Role::Other);
        assert_eq!(
            role_of(&rel(&["2.16.840.1.113883.3.88.11.83.8.1"])),
            Role::MedicationType
        );
        assert_eq!(
            role_of(&rel(&["2.16.840.1.113883.10.20.24.3.88:2014-12-01"])),
            Role::NegationReason
        );
        // Same answer as asking has_template role by role, in list order.
        let ids = [unknown, monitoring, status, instruction, reaction, severity];
        for n in 0..ids.len() {
            for m in n..=ids.len() {
                let r = rel(&ids[n..m]);
                let by_list = BY_TEMPLATE
                    .iter()
                    .find(|(roots, _)| r.statement.has_template(roots))
                    .map_or(Role::Other, |(_, role)| *role);
                assert_eq!(role_of(&r), by_list);
            }
        }
    }
}

//! Payers: Coverage Activity (C-CDA, CCD, IHE) flattened into one [`Coverage`] per Policy
//! Activity, with the payer (Payer Performer), the guarantor (Guarantor Performer, role
//! code GUAR), the covered party (member id, relationship, name, birth time, period),
//! the policy holder, authorizations and the plan description (MODEL-NOTES §3.18).

use bluebutton_model::{
    Coded, Coverage, Identifier, NamedValue, Organization, Participant, RelatedPerson, Value,
    ValueKind, WarningCode,
};

use crate::ccda::context::something;
use crate::ccda::fixed_codes::{fixed_codes, Reading};
use crate::ccda::narrative::Resolver;
use crate::ccda::observations::unmapped;
use crate::ccda::related::{note_text, role_of, warn_unknown, Role};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::{EntryParticipant, Statement, StatementKind};
use crate::ccda::templates::{AUTHORIZATION, COVERAGE_ACTIVITY, POLICY_ACTIVITY};

/// Maps one entry of a payers section: one coverage per policy of a Coverage Activity
/// (the activity itself when it holds none).
pub(crate) fn map(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
) -> Vec<Coverage> {
    let at = entry.position();
    let Some(mut root) = entry.statement else {
        return vec![Coverage {
            source: section.source(at, Vec::new()),
            ..Coverage::default()
        }];
    };
    if root.has_template(POLICY_ACTIVITY) {
        return vec![policy(res, root, section, &[])];
    }
    if !root.has_template(COVERAGE_ACTIVITY) {
        warn_unknown(res, &root, "payers");
    }
    let is_policy =
        |s: &Statement| s.kind == StatementKind::Act && s.mood.as_deref() != Some("DEF");
    if !root.relationships.iter().any(|r| is_policy(&r.statement)) {
        return vec![policy(res, root, section, &[])];
    }
    let ids = std::mem::take(&mut root.ids);
    let members = std::mem::take(&mut root.relationships);
    // The Coverage Activity's own fixed code, kept with each policy it groups.
    let wrapper = fixed_codes(&root, Reading::ByRole);
    let mut out = Vec::new();
    for rel in members {
        if is_policy(&rel.statement) {
            let mut c = policy(res, rel.statement, section, &ids);
            c.source.codes.splice(0..0, wrapper.iter().cloned());
            out.push(c);
        } else {
            unmapped(res, &rel.statement, "a Coverage Activity");
        }
    }
    out
}

/// One Policy Activity; `activity_ids` are the enclosing Coverage Activity's ids.
fn policy(
    res: &mut Resolver<'_>,
    mut s: Box<Statement>,
    section: &SectionInfo,
    activity_ids: &[Identifier],
) -> Coverage {
    let at = s.at;
    let mut c = Coverage {
        source: section.source_of(&s, Reading::ByRole),
        ids: activity_ids.to_vec(),
        status: s.status.take(),
        ..Coverage::default()
    };
    c.ids.append(&mut s.ids);
    c.kind = res.coded_opt(s.code.take(), at);
    c.text = res.text(s.text.take(), at);
    c.period = s.take_interval();
    for p in std::mem::take(&mut s.performers) {
        let is_guarantor = p.role.as_ref().and_then(|r| r.code.as_deref()) == Some("GUAR");
        if is_guarantor && c.guarantor.is_none() {
            c.guarantor = Some(p);
        } else if c.payer.is_none() {
            c.payer = Some(payer(p));
        } else {
            res.warn(
                WarningCode::UnmappedElement,
                "a Policy Activity names more than one payer; only the first is mapped",
                at,
            );
        }
    }
    for p in std::mem::take(&mut s.participants) {
        match p.type_code.as_deref() {
            Some("COV") if c.beneficiary.is_none() => covered_party(res, p, at, &mut c),
            Some("HLD") if c.subscriber.is_none() => c.subscriber = something(person(res, p, at)),
            _ => res.warn(
                WarningCode::UnmappedElement,
                format!(
                    "a Policy Activity participant with type code {} is not mapped",
                    p.type_code.as_deref().unwrap_or("none")
                ),
                at,
            ),
        }
    }
    for rel in std::mem::take(&mut s.relationships) {
        let r = &rel.statement;
        if r.has_template(AUTHORIZATION)
            || r.relationships
                .iter()
                .any(|x| x.statement.mood.as_deref() == Some("PRMS"))
        {
            authorization(res, rel.statement, &mut c);
        } else if r.kind == StatementKind::Act && r.mood.as_deref() == Some("DEF") {
            plan(res, rel.statement, &mut c);
        } else if role_of(&rel) == Role::Comment {
            c.notes.extend(note_text(res, rel.statement));
        } else {
            unmapped(res, &rel.statement, "a Policy Activity");
        }
    }
    c
}

/// The payer: its organization, with the performer's ids, address, phone and role when
/// the organization lacks them.
fn payer(p: Participant) -> Organization {
    let mut org = p.organization.unwrap_or_default();
    if org.ids.is_empty() {
        org.ids = p.ids;
    }
    if org.addresses.is_empty() {
        org.addresses = p.addresses;
    }
    if org.telecoms.is_empty() {
        org.telecoms = p.telecoms;
    }
    if org.kind.is_none() {
        org.kind = p.role;
    }
    org
}

/// An entry participant as a related person.
fn person(res: &mut Resolver<'_>, p: EntryParticipant, at: (u32, u32)) -> RelatedPerson {
    RelatedPerson {
        ids: p.ids,
        relationship: res.coded_opt(p.role_code, at),
        kind: p.class_code,
        name: p.person,
        birth_time: p.birth_time,
        addresses: p.addresses,
        telecoms: p.telecoms,
        ..RelatedPerson::default()
    }
}

/// Covered Party: the member id, the relationship to the subscriber, the period.
fn covered_party(res: &mut Resolver<'_>, p: EntryParticipant, at: (u32, u32), c: &mut Coverage) {
    if c.period.is_none() {
        c.period.clone_from(&p.time);
    }
    let who = person(res, p, at);
    c.subscriber_id = who.ids.iter().find_map(|id| id.value.clone());
    c.relationship.clone_from(&who.relationship);
    c.beneficiary = something(who);
}

/// Authorization Activity: each authorized procedure or medication, as a labelled value.
fn authorization(res: &mut Resolver<'_>, mut s: Box<Statement>, c: &mut Coverage) {
    let label = || Coded {
        original_text: Some("authorization".to_owned()),
        ..Coded::default()
    };
    let mut any = false;
    for rel in std::mem::take(&mut s.relationships) {
        let mut r = rel.statement;
        let rat = r.at;
        let coded = res.coded_opt(r.code.take(), rat);
        let coded = match r.take_dosing().product {
            Some(p) if coded.is_none() => res.coded_opt(p.code, rat),
            _ => coded,
        };
        if let Some(coded) = coded {
            any = true;
            c.details.push(NamedValue {
                name: Some(label()),
                value: Some(Value {
                    kind: ValueKind::Coded,
                    coded: Some(coded),
                    ..Value::default()
                }),
                time: None,
            });
        }
    }
    if !any {
        let at = s.at;
        if let Some(coded) = res.coded_opt(s.code.take(), at).and_then(something) {
            c.details.push(NamedValue {
                name: Some(label()),
                value: Some(Value {
                    kind: ValueKind::Coded,
                    coded: Some(coded),
                    ..Value::default()
                }),
                time: None,
            });
        }
    }
}

/// A health plan description (`act` in definition mood): its text is the plan's name,
/// its code a plan class.
fn plan(res: &mut Resolver<'_>, mut s: Box<Statement>, c: &mut Coverage) {
    let at = s.at;
    let text = res.text(s.text.take(), at);
    let code = res
        .coded_opt(s.code.take(), at)
        .filter(|cd| cd.code.is_some() || cd.original_text.is_some() || cd.display.is_some());
    if c.plan_name.is_none() {
        c.plan_name = text.or_else(|| {
            code.as_ref()
                .and_then(|cd| cd.original_text.clone().or_else(|| cd.display.clone()))
        });
    }
    if let Some(cd) = code.filter(|cd| cd.code.is_some()) {
        c.classes.push(NamedValue {
            name: None,
            value: Some(Value {
                kind: ValueKind::Coded,
                coded: Some(cd),
                ..Value::default()
            }),
            time: None,
        });
    }
}

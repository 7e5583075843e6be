//! Family history: one [`FamilyMember`] per entry. A Family History Organizer (C-CDA,
//! CCD) gives the relative from `subject/relatedSubject` (relationship, name, gender,
//! birth time, `sdtc:id`, `sdtc:deceasedInd`, `sdtc:deceasedTime`) and a condition per
//! Family History Observation, each with its age at onset and death observation as
//! components; R1.1 / C32 observations placed directly in the section carry their own
//! related subject (MODEL-NOTES §3.15).

use bluebutton_model::{FamilyMember, RelatedPerson};

use crate::ccda::context::something;
use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::observations::observation;
use crate::ccda::related::warn_unknown;
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::{Statement, StatementKind};
use crate::ccda::subject::Subject;
use crate::ccda::templates::{FAMILY_DEATH, FAMILY_OBSERVATION, FAMILY_ORGANIZER};

/// SNOMED CT "Dead", the value of a death observation.
const DEAD: &str = "419099009";

/// Maps one entry of a family history section.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> FamilyMember {
    let at = entry.position();
    let Some(mut root) = entry.statement else {
        return FamilyMember {
            source: section.source(at, Vec::new()),
            ..FamilyMember::default()
        };
    };
    let known = match root.kind {
        StatementKind::Organizer => root.has_template(FAMILY_ORGANIZER),
        _ => root.has_template(FAMILY_OBSERVATION),
    };
    if !known {
        warn_unknown(res, &root, "family history");
    }
    let at = root.at;
    let mut member = FamilyMember {
        source: section.source_of(&root, Reading::Whole),
        ..FamilyMember::default()
    };
    if let Some(subject) = root.subject.take() {
        relative(res, *subject, at, &mut member);
    }
    if root.kind != StatementKind::Organizer {
        // An observation directly in the section (R1.1, C32): the relative's only condition.
        member.deceased = member.deceased.or(records_death(&root).then_some(true));
        member.observations.push(observation(res, root));
        return member;
    }
    member.ids = std::mem::take(&mut root.ids);
    member.status = root.status.take();
    member.text = res.text(root.text.take(), at);
    for rel in std::mem::take(&mut root.relationships) {
        let mut s = rel.statement;
        if member.relative.is_none() {
            if let Some(subject) = s.subject.take() {
                relative(res, *subject, s.at, &mut member);
            }
        }
        if records_death(&s) {
            member.deceased = Some(true);
        }
        member.observations.push(observation(res, s));
    }
    member
}

/// The relative: relationship, ids, name, gender, birth and death.
fn relative(res: &mut Resolver<'_>, s: Subject, at: (u32, u32), member: &mut FamilyMember) {
    let person = RelatedPerson {
        ids: s.ids,
        relationship: res.coded_opt(s.relationship, at),
        kind: s.class_code,
        name: s.name,
        gender: res.coded_opt(s.gender, at),
        birth_time: s.birth_time,
        addresses: s.addresses,
        telecoms: s.telecoms,
    };
    member.relative = something(person);
    member.deceased = s.deceased;
    member.deceased_time = s.deceased_time;
}

/// True when an observation holds a Family History Death Observation (by template, or a
/// related observation whose value is "Dead").
fn records_death(s: &Statement) -> bool {
    s.relationships.iter().any(|r| {
        r.statement.has_template(FAMILY_DEATH)
            || r.statement
                .values
                .iter()
                .any(|v| v.value.coded.as_ref().and_then(|c| c.code.as_deref()) == Some(DEAD))
    })
}

//! Health concerns: Health Concern Act and Risk Concern Act (and the Problem and Allergy
//! Concern Acts or bare observations that earlier Health Concerns sections hold), with
//! status, negation, period, authors, comments and every observation or act the concern groups
//! (MODEL-NOTES §3.12). One concern per entry.

use bluebutton_model::Concern;

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::observations::observation;
use crate::ccda::related::{note_text, role_of, warn_unknown, Role};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::StatementKind;
use crate::ccda::templates as t;

/// Entry templates a Health Concerns section holds.
const EXPECTED: &[&[&str]] = &[
    t::HEALTH_CONCERN,
    t::PROBLEM_CONCERN,
    t::ALLERGY_CONCERN,
    t::HEALTH_STATUS,
    t::PROBLEM_OBSERVATION,
    t::ALLERGY_OBSERVATION,
    t::RESULT_OBSERVATION,
    t::VITAL_OBSERVATION,
    t::SOCIAL_OBSERVATION,
];

/// Maps one entry of a health concerns section.
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Concern {
    let at = entry.position();
    let Some(mut s) = entry.statement else {
        return Concern {
            source: section.source(at, Vec::new()),
            ..Concern::default()
        };
    };
    if !EXPECTED.iter().any(|roots| s.has_template(roots)) {
        warn_unknown(res, &s, "health concerns");
    }
    let source = section.source_of(&s, Reading::Whole);
    if matches!(
        s.kind,
        StatementKind::Observation | StatementKind::Organizer
    ) {
        // A bare observation: a concern holding just that observation.
        return Concern {
            observations: vec![observation(res, s)],
            source,
            ..Concern::default()
        };
    }
    let at = s.at;
    let mut c = Concern {
        ids: std::mem::take(&mut s.ids),
        status: s.status.take(),
        negated: s.negated,
        period: s.take_interval(),
        authors: std::mem::take(&mut s.authors),
        source,
        ..Concern::default()
    };
    c.code = res.coded_opt(s.code.take(), at);
    c.text = res.text(s.text.take(), at);
    for rel in std::mem::take(&mut s.relationships) {
        match role_of(&rel) {
            Role::Comment => c.notes.extend(note_text(res, rel.statement)),
            _ => c.observations.push(observation(res, rel.statement)),
        }
    }
    c
}

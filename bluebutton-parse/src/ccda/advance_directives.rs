//! Advance directives: Advance Directive Observation (C-CDA R1.1 / R2.1, CCD, IHE) with
//! its type, value, period, verifiers (`participant[@typeCode='VRF']`), custodian
//! (`participant[@typeCode='CST']`) and referenced documents
//! (`reference/externalDocument`), and a CCD status observation's value as its clinical
//! status; an Advance Directive Organizer is flattened into its
//! observations, which inherit its authors (MODEL-NOTES §3.17).

use bluebutton_model::AdvanceDirective;

use crate::ccda::fixed_codes::{fixed_codes, Reading};
use crate::ccda::narrative::Resolver;
use crate::ccda::observations::unmapped;
use crate::ccda::related::{party, value_or_code, warn_unknown};
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::{Statement, StatementKind};
use crate::ccda::templates::{DIRECTIVE_OBSERVATION, DIRECTIVE_ORGANIZER, DIRECTIVE_STATUS};

/// Maps one entry of an advance directives section: one directive, or one per
/// component of an organizer.
pub(crate) fn map(
    res: &mut Resolver<'_>,
    entry: EntryRead,
    section: &SectionInfo,
) -> Vec<AdvanceDirective> {
    let at = entry.position();
    let Some(mut root) = entry.statement else {
        return vec![AdvanceDirective {
            source: section.source(at, Vec::new()),
            ..AdvanceDirective::default()
        }];
    };
    if root.kind != StatementKind::Organizer || root.relationships.is_empty() {
        return vec![directive(res, root, section)];
    }
    if !root.has_template(DIRECTIVE_ORGANIZER) {
        warn_unknown(res, &root, "advance directives");
    }
    let authors = std::mem::take(&mut root.authors);
    let members = std::mem::take(&mut root.relationships);
    // The organizer's own fixed code, kept with each directive it groups.
    let wrapper = fixed_codes(&root, Reading::ByRole);
    members
        .into_iter()
        .map(|rel| {
            let mut d = directive(res, rel.statement, section);
            d.source.codes.splice(0..0, wrapper.iter().cloned());
            if d.authors.is_empty() {
                d.authors.clone_from(&authors);
            }
            d
        })
        .collect()
}

/// One Advance Directive Observation.
fn directive(
    res: &mut Resolver<'_>,
    mut s: Box<Statement>,
    section: &SectionInfo,
) -> AdvanceDirective {
    if !s.has_template(DIRECTIVE_OBSERVATION) {
        warn_unknown(res, &s, "advance directives");
    }
    let at = s.at;
    let mut d = AdvanceDirective {
        source: section.source_of(&s, Reading::ByRole),
        ids: std::mem::take(&mut s.ids),
        status: s.status.take(),
        negated: s.negated,
        period: s.take_interval(),
        authors: std::mem::take(&mut s.authors),
        documents: std::mem::take(&mut s.references)
            .into_iter()
            .map(|r| r.attachment)
            .filter(|a| *a != Default::default())
            .collect(),
        ..AdvanceDirective::default()
    };
    d.code = res.coded_opt(s.code.take(), at);
    d.value = s.take_value().map(|v| res.value(v, at));
    d.text = res.text(s.text.take(), at);
    for p in std::mem::take(&mut s.participants) {
        match p.type_code.as_deref() {
            Some("CST") if d.custodian.is_none() => d.custodian = Some(party(res, p, at)),
            // Verifiers, and whoever else takes part (a witness, a healthcare agent).
            _ => d.verifiers.push(party(res, p, at)),
        }
    }
    for rel in std::mem::take(&mut s.relationships) {
        if rel.statement.has_template(DIRECTIVE_STATUS) {
            // CCD Advance Directive Status Observation: current and verified, superseded,
            // ... (its value, else its code).
            d.clinical_status = value_or_code(res, rel.statement).or(d.clinical_status.take());
            continue;
        }
        unmapped(res, &rel.statement, "an advance directive");
    }
    d
}

//! Sections: template ids, code, title, narrative, entries, nested sections. Entries of
//! mapped sections are read as statements and mapped once the section's narrative is
//! known; every other section is kept as a note.

use bluebutton_model::{Coded, HealthRecord, Note, Source, WarningCode};

use crate::ccda::context::{Cx, Res};
use crate::ccda::datatypes::{read_cd, template_id};
use crate::ccda::fixed_codes::{fixed_codes, Reading};
use crate::ccda::narrative::{Narrative, Resolver};
use crate::ccda::statement::{read_statement, Statement, StatementKind};
use crate::ccda::templates::{SectionKind, NOTE_ACTIVITY};
use crate::ccda::{
    advance_directives, family_history, functional_status, medical_equipment, mental_status, payers,
};
use crate::ccda::{
    allergies, encounters, immunizations, medications, problems, procedures, results,
    social_history, vitals,
};
use crate::ccda::{care_team, goals, health_concerns, mixed, notes, plan_of_care, purpose};
use crate::xml::{Elem, Ns};

/// What every entry of a section shares for its `source`.
#[derive(Debug, Default)]
pub(crate) struct SectionInfo {
    /// `section/code`.
    pub code: Option<Coded>,
    /// `section/title`.
    pub title: Option<String>,
    /// `section/templateId`s.
    pub template_ids: Vec<String>,
}

impl SectionInfo {
    /// The `source` of an entry at `at` with `template_ids`.
    pub(crate) fn source(&self, at: (u32, u32), template_ids: Vec<String>) -> Source {
        Source {
            section_code: self.code.as_ref().and_then(|c| c.code.clone()),
            section: self.title.clone(),
            line: at.0,
            column: at.1,
            template_ids,
            ..Source::default()
        }
    }

    /// The `source` of an entry read from `s`: its position and template ids, and the
    /// codes its templates fix that the section's mapper, reading as `reading` says,
    /// leaves unmapped (see [`fixed_codes`]).
    pub(crate) fn source_of(&self, s: &Statement, reading: Reading) -> Source {
        Source {
            codes: fixed_codes(s, reading),
            ..self.source(s.at, s.template_ids.clone())
        }
    }

    /// [`Self::source_of`] with no template ids yet, for a caller that moves them in.
    pub(crate) fn source_of_without_ids(&self, s: &Statement, reading: Reading) -> Source {
        Source {
            codes: fixed_codes(s, reading),
            ..self.source(s.at, Vec::new())
        }
    }

    /// [`Self::source_of`] for a statement whose template ids are not looked at again:
    /// they move into the source instead of being copied (and the originals dropped).
    pub(crate) fn take_source_of(&self, s: &mut Statement, reading: Reading) -> Source {
        let codes = fixed_codes(s, reading);
        Source {
            codes,
            ..self.source(s.at, std::mem::take(&mut s.template_ids))
        }
    }
}

/// One `entry` as read: where it is, and its statement (none when it holds none).
pub(crate) struct EntryRead {
    /// 1-based line and column of the `entry` element.
    pub at: (u32, u32),
    /// The entry's clinical statement.
    pub statement: Option<Box<Statement>>,
}

impl EntryRead {
    /// Where the entry's root element is: the statement, else the `entry` itself.
    pub(crate) fn position(&self) -> (u32, u32) {
        self.statement.as_ref().map_or(self.at, |s| s.at)
    }

    /// True when the entry's statement carries a template whose root is in `roots`.
    pub(crate) fn has_template(&self, roots: &[&str]) -> bool {
        self.statement
            .as_ref()
            .is_some_and(|s| s.has_template(roots))
    }
}

/// Appends a default item to `list` and returns it, to be filled in place: model items are
/// large, and building one apart and then pushing it copies it. (`resize_with` writes the
/// default in the list directly, where `push(T::default())` builds it apart too.)
pub(crate) fn push_default<T: Default>(list: &mut Vec<T>) -> Option<&mut T> {
    list.resize_with(list.len() + 1, T::default);
    list.last_mut()
}

/// Reads a `section` and everything nested in it into `rec`. Returns true when the section
/// (or a nested one) carries a template id.
pub(crate) fn read_section<'a>(cx: &mut Cx<'a>, e: &Elem<'a>, rec: &mut HealthRecord) -> Res<bool> {
    let at = cx.r.position(e.offset());
    let mut info = SectionInfo::default();
    let mut narrative: Option<Narrative> = None;
    let mut entries: Vec<EntryRead> = Vec::new();
    let mut kind: Option<SectionKind> = None;
    let mut skipped = 0usize;
    let mut mapped = 0usize;
    let mut templated = false;
    while let Some(c) = cx.child(e)? {
        if c.ns() != Ns::Cda {
            cx.skip(&c)?;
            continue;
        }
        match c.local() {
            "templateId" => info.template_ids.extend(template_id(cx, &c)?),
            "code" => info.code = Some(read_cd(cx, &c)?.plain()),
            "title" => info.title = cx.text(&c)?,
            "text" => narrative = Some(Narrative::read(cx, &c)?),
            "entry" => {
                let k = *kind.get_or_insert_with(|| classify(&info));
                if k == SectionKind::Other {
                    // Only Note Activities (and nothing else in them) are mapped from an
                    // unmapped section.
                    let before = cx.warnings.len();
                    let entry = read_entry(cx, &c)?;
                    if !entry.has_template(NOTE_ACTIVITY) {
                        skipped += 1;
                    }
                    if entry.statement.as_deref().is_some_and(notes::holds_note) {
                        entries.push(entry);
                    } else {
                        cx.warnings.truncate(before);
                    }
                } else {
                    entries.push(read_entry(cx, &c)?);
                }
            }
            "component" => {
                let k = *kind.get_or_insert_with(|| classify(&info));
                mapped += flush(cx, k, &info, narrative.as_ref(), &mut entries, rec);
                while let Some(s) = cx.child(&c)? {
                    if s.is("section") {
                        templated |= read_section(cx, &s, rec)?;
                    } else {
                        cx.skip(&s)?;
                    }
                }
            }
            _ => cx.skip(&c)?,
        }
    }
    let kind = kind.unwrap_or_else(|| classify(&info));
    mapped += flush(cx, kind, &info, narrative.as_ref(), &mut entries, rec);
    if kind == SectionKind::Other && skipped > 0 {
        let code = info
            .code
            .as_ref()
            .and_then(|c| c.code.as_deref())
            .unwrap_or("none");
        let template = info.template_ids.first().map_or("none", String::as_str);
        cx.warn_at(
            WarningCode::UnmappedElement,
            format!(
                "section with code {code} and template {template}: {skipped} entries are not mapped yet; its narrative is kept as a note"
            ),
            at,
        );
    }
    if kind.keeps_note() || mapped == 0 {
        let text = narrative
            .as_ref()
            .and_then(Narrative::text)
            .map(str::to_owned);
        if kind.keeps_note() || text.is_some() {
            rec.notes.push(Note {
                kind: Some("section".to_owned()),
                code: info.code.clone(),
                title: info.title.clone(),
                text,
                source: info.source(at, info.template_ids.clone()),
                ..Note::default()
            });
        }
    }
    Ok(templated || !info.template_ids.is_empty())
}

fn classify(info: &SectionInfo) -> SectionKind {
    let code = info.code.as_ref().and_then(|c| c.code.as_deref());
    SectionKind::classify(&info.template_ids, code)
}

fn read_entry<'a>(cx: &mut Cx<'a>, e: &Elem<'a>) -> Res<EntryRead> {
    let at = cx.r.position(e.offset());
    let mut statement = None;
    while let Some(c) = cx.child(e)? {
        match StatementKind::of(&c) {
            Some(kind) if statement.is_none() => statement = Some(read_statement(cx, &c, kind)?),
            Some(_) => {
                cx.warn(
                    WarningCode::UnmappedElement,
                    format!("<entry> holds more than one clinical statement; the extra <{}> is not mapped", c.local()),
                    c.offset(),
                );
                cx.skip(&c)?;
            }
            None => cx.skip(&c)?,
        }
    }
    if statement.is_none() {
        cx.warn_at(
            WarningCode::MissingElement,
            "<entry> holds no clinical statement; kept as an empty item",
            at,
        );
    }
    Ok(EntryRead { at, statement })
}

/// Maps the entries read so far into `rec`; returns how many.
fn flush(
    cx: &mut Cx<'_>,
    kind: SectionKind,
    info: &SectionInfo,
    narrative: Option<&Narrative>,
    entries: &mut Vec<EntryRead>,
    rec: &mut HealthRecord,
) -> usize {
    let n = entries.len();
    if n == 0 {
        return 0;
    }
    reserve(rec, kind, n);
    let mut res = Resolver::new(narrative);
    for mut entry in entries.drain(..) {
        if let Some(s) = entry.statement.as_deref_mut() {
            notes::take_nested(&mut res, s, info, &mut rec.notes);
        }
        if entry.has_template(NOTE_ACTIVITY) {
            rec.notes.push(notes::map(&mut res, entry, info));
            continue;
        }
        match kind {
            SectionKind::Allergies => allergies::push(&mut res, entry, info, &mut rec.allergies),
            SectionKind::Medications => {
                medications::push(&mut res, entry, info, &mut rec.medications)
            }
            SectionKind::Problems => problems::push(&mut res, entry, info, &mut rec.problems),
            SectionKind::Results => rec.results.push(results::map(&mut res, entry, info)),
            SectionKind::Vitals => rec.vitals.push(vitals::map(&mut res, entry, info)),
            SectionKind::Immunizations => rec
                .immunizations
                .push(immunizations::map(&mut res, entry, info)),
            SectionKind::Procedures => procedures::push(&mut res, entry, info, &mut rec.procedures),
            SectionKind::Encounters => rec.encounters.push(encounters::map(&mut res, entry, info)),
            SectionKind::SocialHistory => rec
                .social_history
                .push(social_history::map(&mut res, entry, info)),
            SectionKind::FunctionalStatus => rec
                .functional_status
                .push(functional_status::map(&mut res, entry, info)),
            SectionKind::MentalStatus => rec
                .mental_status
                .push(mental_status::map(&mut res, entry, info)),
            SectionKind::FamilyHistory => rec
                .family_history
                .push(family_history::map(&mut res, entry, info)),
            SectionKind::MedicalEquipment => rec
                .medical_equipment
                .extend(medical_equipment::map(&mut res, entry, info)),
            SectionKind::AdvanceDirectives => rec
                .advance_directives
                .extend(advance_directives::map(&mut res, entry, info)),
            SectionKind::Payers => rec.payers.extend(payers::map(&mut res, entry, info)),
            SectionKind::PlanOfCare => rec
                .plan_of_care
                .push(plan_of_care::map(&mut res, entry, info)),
            SectionKind::Goals => rec.goals.push(goals::map(&mut res, entry, info)),
            SectionKind::HealthConcerns => rec
                .health_concerns
                .push(health_concerns::map(&mut res, entry, info)),
            SectionKind::CareTeam => rec.care_team.extend(care_team::map(&mut res, entry, info)),
            SectionKind::Notes => rec.notes.push(notes::map(&mut res, entry, info)),
            SectionKind::Purpose => rec.document.purposes.extend(purpose::map(&mut res, entry)),
            SectionKind::Mixed => mixed::map(&mut res, entry, info, rec),
            SectionKind::Other => {}
        }
    }
    cx.warnings.append(&mut res.warnings);
    n
}

/// Makes room for `n` more entries in the list a section of `kind` fills, so that
/// a long section grows its list once rather than doubling it step by step (entries are
/// large; each step would copy all of them).
fn reserve(rec: &mut HealthRecord, kind: SectionKind, n: usize) {
    match kind {
        SectionKind::Allergies => rec.allergies.reserve(n),
        SectionKind::Medications => rec.medications.reserve(n),
        SectionKind::Problems => rec.problems.reserve(n),
        SectionKind::Results => rec.results.reserve(n),
        SectionKind::Vitals => rec.vitals.reserve(n),
        SectionKind::Immunizations => rec.immunizations.reserve(n),
        SectionKind::Procedures => rec.procedures.reserve(n),
        SectionKind::Encounters => rec.encounters.reserve(n),
        SectionKind::SocialHistory => rec.social_history.reserve(n),
        SectionKind::FunctionalStatus => rec.functional_status.reserve(n),
        SectionKind::MentalStatus => rec.mental_status.reserve(n),
        SectionKind::FamilyHistory => rec.family_history.reserve(n),
        SectionKind::PlanOfCare => rec.plan_of_care.reserve(n),
        SectionKind::Goals => rec.goals.reserve(n),
        SectionKind::HealthConcerns => rec.health_concerns.reserve(n),
        SectionKind::Notes => rec.notes.reserve(n),
        // Lists that an entry may add none or several to, and other sections.
        _ => {}
    }
}

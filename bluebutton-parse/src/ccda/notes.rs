//! Note Activity (`act`, 22.4.202), in a Notes section, as an entry of any other section
//! or inside another entry: its type code, text, clinically relevant time, authors and
//! referenced documents, titled by its section (MODEL-NOTES §3.22). One note per Note
//! Activity.

use bluebutton_model::Note;

use crate::ccda::fixed_codes::Reading;
use crate::ccda::narrative::Resolver;
use crate::ccda::related::warn_unknown;
use crate::ccda::section::{EntryRead, SectionInfo};
use crate::ccda::statement::Statement;
use crate::ccda::templates::NOTE_ACTIVITY;

/// Maps one Note Activity entry (or any entry of a Notes section).
pub(crate) fn map(res: &mut Resolver<'_>, entry: EntryRead, section: &SectionInfo) -> Note {
    let at = entry.position();
    let Some(s) = entry.statement else {
        return Note {
            kind: Some("note".to_owned()),
            title: section.title.clone(),
            source: section.source(at, Vec::new()),
            ..Note::default()
        };
    };
    if !s.has_template(NOTE_ACTIVITY) {
        warn_unknown(res, &s, "notes");
    }
    from_statement(res, s, section)
}

/// True when `s` is or holds (at any depth) a Note Activity.
pub(crate) fn holds_note(s: &Statement) -> bool {
    s.has_template(NOTE_ACTIVITY) || s.relationships.iter().any(|r| holds_note(&r.statement))
}

/// Takes the Note Activities related to `s` (at any depth) out of it, as notes.
pub(crate) fn take_nested(
    res: &mut Resolver<'_>,
    s: &mut Statement,
    section: &SectionInfo,
    out: &mut Vec<Note>,
) {
    for mut rel in std::mem::take(&mut s.relationships) {
        if rel.statement.has_template(NOTE_ACTIVITY) {
            let mut inner = rel.statement;
            take_nested(res, &mut inner, section, out);
            out.push(from_statement(res, inner, section));
        } else {
            take_nested(res, &mut rel.statement, section, out);
            s.relationships.push(rel);
        }
    }
}

/// Maps a Note Activity.
fn from_statement(res: &mut Resolver<'_>, mut s: Box<Statement>, section: &SectionInfo) -> Note {
    let at = s.at;
    let mut note = Note {
        kind: Some("note".to_owned()),
        ids: std::mem::take(&mut s.ids),
        title: section.title.clone(),
        time: s.take_interval(),
        authors: std::mem::take(&mut s.authors),
        related_documents: std::mem::take(&mut s.references)
            .into_iter()
            .flat_map(|r| r.ids)
            .collect(),
        source: section.source_of(&s, Reading::ByRole),
        ..Note::default()
    };
    note.code = res.coded_opt(s.code.take(), at);
    note.text = res.text(s.text.take(), at);
    note
}

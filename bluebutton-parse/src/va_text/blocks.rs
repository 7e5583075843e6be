//! Sections and the entries inside them: one pass over a section's lines that groups
//! `Label: value` fields (with wrapped continuation lines) into entries.

use crate::text::label::{is_rule, split_fields, split_fields_into};
use crate::text::Line;
use crate::text::Trimmed;
use std::borrow::Cow;

/// A `Label: value` field of an entry, with wrapped lines joined by a space; borrowed from
/// the report's text unless wrapped lines were joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field<'a> {
    /// The label as written, without its colon.
    pub(crate) label: &'a str,
    /// The value, continuation lines joined with single spaces.
    pub(crate) value: Cow<'a, str>,
    /// 1-based line of the label.
    pub(crate) line: u32,
    /// True when the field is in the entry's body (after its first separator line).
    pub(crate) in_body: bool,
    /// The last context heading seen before the field (`EMERGENCY CONTACT`, ...).
    pub(crate) context: Option<&'a str>,
}

/// One entry: the lines from a leading label up to the next entry.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry<'a> {
    /// 1-based line of the entry's first line.
    pub(crate) line: u32,
    /// Its fields in order.
    pub(crate) fields: Vec<Field<'a>>,
    /// All its lines as written (leading and trailing blank lines removed); kept for
    /// free-body layouts only (reports), empty otherwise.
    pub(crate) text: String,
    /// The lines after its first separator line (report bodies).
    pub(crate) body: String,
    /// Lines that are neither fields nor continuations, by line number.
    pub(crate) unplaced: Vec<(u32, String)>,
    /// The context heading in force when the entry started.
    pub(crate) context: Option<&'a str>,
}

impl Entry<'_> {
    /// The first non-empty value of a field with this label (case-insensitive).
    #[cfg(test)]
    pub(crate) fn get(&self, label: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.label.eq_ignore_ascii_case(label) && !f.value.is_empty())
            .map(|f| f.value.as_ref())
    }
}

/// A section's preamble facts and entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Blocks<'a> {
    /// The `Source:` label of the section (`VA`, `Self-Entered`, `DoD`).
    pub(crate) source: Option<String>,
    /// Fields before the first entry.
    pub(crate) preamble: Vec<Field<'a>>,
    /// The entries.
    pub(crate) entries: Vec<Entry<'a>>,
}

/// How a section's entries are laid out.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Layout<'s> {
    /// Labels that start an entry.
    pub(crate) starts: &'s [&'s str],
    /// True when entries have free-text bodies after a separator line and are themselves
    /// separated by `=====` lines.
    pub(crate) free_body: bool,
    /// True when each entry starts without the previous entry's context heading.
    pub(crate) reset_context: bool,
}

/// A heading line such as `EMERGENCY CONTACT` or `FUTURE APPOINTMENTS:` that sets the
/// context for the fields after it.
fn context_heading(text: &str) -> Option<&str> {
    let t = text.trimmed().trim_end_matches(':').trimmed();
    if t.len() > 60 {
        return None;
    }
    let mut letters = 0;
    for b in t.bytes() {
        if b.is_ascii_lowercase() || b == b':' {
            return None;
        }
        letters += usize::from(b.is_ascii_alphabetic());
    }
    (letters >= 3).then_some(t)
}

/// The openings of the report's fixed explanatory sentences, which are not entry data.
const BOILERPLATE: &[&str] = &[
    "Remember to share",
    "Please contact your health care team",
    "If you have any questions",
    "Learn more about",
];

/// True for a line that opens one of the report's fixed explanatory paragraphs.
fn is_boilerplate(text: &str) -> bool {
    let t = text.trim_start();
    BOILERPLATE.iter().any(|b| t.starts_with(b))
}

/// A heading followed on the same line by fields:
/// `TEMPORARY ADDRESS AND CONTACT INFORMATION       Active Start Date: `.
fn heading_with_fields(text: &str) -> Option<(&str, Vec<(&str, &str)>)> {
    let trimmed = text.trimmed();
    let gap = trimmed
        .as_bytes()
        .windows(2)
        .position(|pair| pair == b"  ")?;
    let heading = context_heading(trimmed.get(..gap)?)?;
    let fields = split_fields(trimmed.get(gap..)?)?;
    Some((heading, fields))
}

/// Continues a wrapped value with the next line's text: joined with a space, or with a
/// line break in a one-item-per-line list.
fn continue_value<'a>(value: &mut Cow<'a, str>, piece: &'a str, list_mode: bool) {
    let joint = if list_mode { '\n' } else { ' ' };
    match value {
        Cow::Borrowed("") => *value = Cow::Borrowed(piece),
        Cow::Borrowed(first) => {
            let mut joined = String::with_capacity(first.len() + 1 + piece.len());
            joined.push_str(first);
            joined.push(joint);
            joined.push_str(piece);
            *value = Cow::Owned(joined);
        }
        Cow::Owned(text) if text.is_empty() => *value = Cow::Borrowed(piece),
        Cow::Owned(text) => {
            text.push(joint);
            text.push_str(piece);
        }
    }
}

/// Adds a line's fields to an entry (or the preamble).
fn push_fields<'a>(
    target: &mut Vec<Field<'a>>,
    fields: &[(&'a str, &'a str)],
    line: u32,
    in_body: bool,
    context: Option<&'a str>,
) {
    target.extend(fields.iter().map(|&(label, value)| Field {
        label,
        value: Cow::Borrowed(value),
        line,
        in_body,
        context,
    }));
}

/// Groups a section's lines into entries. `lines` are the lines after the header.
pub(crate) fn blocks<'a>(lines: &[Line<'a>], layout: Layout<'_>) -> Blocks<'a> {
    let mut out = Blocks::default();
    let mut current: Option<Entry<'a>> = None;
    // The current entry's fields, moved into it when it ends.
    let mut fields_of_entry: Vec<Field<'a>> = Vec::new();
    let mut raw: Vec<&str> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let mut in_body = false;
    // Whether the previous line was a field or its continuation (for wrapped values).
    let mut continuing = false;
    let mut last_nonblank_eq = false;
    let mut context: Option<&'a str> = None;
    // A rule right under an empty `Label:` starts a one-item-per-line list.
    let mut list_mode = false;
    let mut last_was_empty_field = false;
    // Inside the report's fixed explanatory prose after an entry.
    let mut boilerplate = false;
    // The line's fields, when it has them (reused line after line).
    let mut fields: Vec<(&'a str, &'a str)> = Vec::new();

    for line in lines {
        let text = line.text;
        let trimmed = text.trimmed();
        let blank = trimmed.is_empty();
        let separator = !blank && is_rule(trimmed);
        let has_fields = if separator {
            fields.clear();
            false
        } else {
            split_fields_into(trimmed, &mut fields)
        };

        let starts_entry = fields
            .first()
            .is_some_and(|(label, _)| layout.starts.iter().any(|s| s.eq_ignore_ascii_case(label)))
            && (!layout.free_body || current.is_none() || last_nonblank_eq || !in_body);
        if starts_entry {
            if let Some(entry) = current.take() {
                out.entries
                    .push(finish(entry, &mut fields_of_entry, &raw, &body));
            }
            raw.clear();
            body.clear();
            in_body = false;
            if layout.reset_context {
                context = None;
            }
            current = Some(Entry {
                line: line.number,
                context,
                ..Default::default()
            });
        }

        if !blank {
            last_nonblank_eq = separator && text.trim_start().starts_with("===");
        }
        if current.is_some() && layout.free_body {
            raw.push(text);
            if in_body {
                body.push(text);
            }
        }

        if separator && !layout.free_body && last_was_empty_field {
            list_mode = true;
            continuing = true;
            last_was_empty_field = false;
            continue;
        }
        last_was_empty_field = false;
        if blank && !text.is_empty() && !separator {
            // A line of spaces inside a wrapped value (`Comments:` with an empty line)
            // keeps the value open.
            continue;
        }
        if blank || separator {
            continuing = false;
            list_mode = false;
            boilerplate = false;
            if separator && current.is_some() && layout.free_body && !last_nonblank_eq {
                in_body = true;
            }
            continue;
        }

        let target = if current.is_some() {
            &mut fields_of_entry
        } else {
            &mut out.preamble
        };
        if has_fields {
            let lone_empty = fields.len() == 1 && fields.first().is_some_and(|(_, v)| v.is_empty());
            if lone_empty {
                if let Some(heading) = context_heading(trimmed) {
                    context = Some(heading);
                }
            }
            last_was_empty_field = lone_empty;
            list_mode = false;
            push_fields(target, &fields, line.number, in_body, context);
            // `Source:` is one line; the prose under it is not part of it.
            continuing = !fields
                .first()
                .is_some_and(|(l, _)| l.eq_ignore_ascii_case("Source"));
        } else if let Some((heading, fs)) = heading_with_fields(trimmed) {
            context = Some(heading);
            push_fields(target, &fs, line.number, in_body, context);
            continuing = true;
        } else if boilerplate || (!continuing && is_boilerplate(text)) {
            boilerplate = true;
        } else if continuing {
            if let Some(field) = target.last_mut() {
                continue_value(&mut field.value, trimmed, list_mode);
            }
        } else if let Some(heading) = context_heading(trimmed) {
            context = Some(heading);
        } else if let Some(entry) = current.as_mut() {
            if !in_body && !layout.free_body {
                entry.unplaced.push((line.number, trimmed.to_string()));
            }
        }
    }
    if let Some(entry) = current.take() {
        out.entries
            .push(finish(entry, &mut fields_of_entry, &raw, &body));
    }
    out.source = out
        .preamble
        .iter()
        .find(|f| f.label.eq_ignore_ascii_case("Source"))
        .filter(|f| !f.value.is_empty())
        .map(|f| f.value.to_string());
    out
}

/// Joins lines as text, each without trailing spaces, dropping leading and trailing blank
/// or separator lines.
pub(crate) fn join(lines: &[&str]) -> String {
    let keep = |l: &&str| {
        let t = l.trimmed();
        !t.is_empty() && !is_rule(t)
    };
    let start = lines.iter().position(keep).unwrap_or(lines.len());
    let end = lines.iter().rposition(keep).map_or(start, |i| i + 1);
    let kept = lines.get(start..end).unwrap_or_default();
    let mut out = String::with_capacity(kept.iter().map(|l| l.len() + 1).sum());
    for (i, line) in kept.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(line.trimmed_end());
    }
    out
}

/// Completes an entry: hands it the fields gathered for it (the next entry starts an empty
/// list sized like this one's: entries of a section are alike) and joins its text and body.
fn finish<'a>(
    mut entry: Entry<'a>,
    fields: &mut Vec<Field<'a>>,
    raw: &[&str],
    body: &[&str],
) -> Entry<'a> {
    let size = fields.len();
    entry.fields = std::mem::replace(fields, Vec::with_capacity(size));
    entry.text = join(raw);
    entry.body = join(body);
    entry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{lines, CarriageReturns::RunBeforeNewline};

    /// The blocks of `text` whose entries start at the label `start`.
    fn read<'a>(text: &'a str, start: &str) -> Blocks<'a> {
        let ls: Vec<_> = lines(text, RunBeforeNewline).collect();
        blocks(
            &ls,
            Layout {
                starts: &[start],
                free_body: false,
                reset_context: false,
            },
        )
    }

    #[test]
    fn entries_group_fields_and_continuations() {
        let text = "Source: VA\n\nIntro prose.\n\nMedication: A\nInstructions: TAKE ONE\nTWICE\nStatus: Active\n\nMedication: B\nComments: x\n                     more\nStray words\n";
        let b = read(text, "Medication");
        assert_eq!(b.source.as_deref(), Some("VA"));
        assert_eq!(b.entries.len(), 2);
        let first = &b.entries[0];
        assert_eq!(first.line, 5);
        assert_eq!(first.get("Instructions"), Some("TAKE ONE TWICE"));
        assert_eq!(first.get("status"), Some("Active"));
        let second = &b.entries[1];
        assert_eq!(second.get("Comments"), Some("x more Stray words"));
        assert!(second.unplaced.is_empty());
    }

    #[test]
    fn lists_under_a_rule_keep_one_item_per_line() {
        let text =
            "Relationship: Self\nHealth Issues: \n-----\nBack Pain\nInsomnia\n\nComments: c\n";
        let b = read(text, "Relationship");
        assert_eq!(
            b.entries[0].get("Health Issues"),
            Some("Back Pain\nInsomnia")
        );
        assert!(b.entries[0].unplaced.is_empty());
    }

    #[test]
    fn unplaced_lines_after_a_blank_are_listed() {
        let text = "Problem: A\nStatus: x\n\nloose words here\n";
        let b = read(text, "Problem");
        assert_eq!(
            b.entries[0].unplaced,
            vec![(4, "loose words here".to_string())]
        );
    }

    #[test]
    fn free_bodies_split_on_double_rules() {
        let text = "=====\nDate/Time: 1\nNote Title: T\n-----\nbody line\nDate/Time: inside body\n=====\nDate/Time: 2\n";
        let ls: Vec<_> = lines(text, RunBeforeNewline).collect();
        let b = blocks(
            &ls,
            Layout {
                starts: &["Date/Time"],
                free_body: true,
                reset_context: false,
            },
        );
        assert_eq!(b.entries.len(), 2);
        assert_eq!(b.entries[0].body, "body line\nDate/Time: inside body");
    }
}

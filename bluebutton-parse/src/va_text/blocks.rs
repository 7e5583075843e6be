//! Sections and the entries inside them: one pass over a section's lines that groups
//! `Label: value` fields (with wrapped continuation lines) into entries.

use crate::text::label::{is_rule, split_fields};
use crate::text::Line;
use crate::text::Trimmed;

/// A `Label: value` field of an entry, with wrapped lines joined by a space.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field {
    /// The label as written, without its colon.
    pub(crate) label: String,
    /// The value, continuation lines joined with single spaces.
    pub(crate) value: String,
    /// 1-based line of the label.
    pub(crate) line: u32,
    /// True when the field is in the entry's body (after its first separator line).
    pub(crate) in_body: bool,
    /// The last context heading seen before the field (`EMERGENCY CONTACT`, ...).
    pub(crate) context: Option<String>,
}

/// One entry: the lines from a leading label up to the next entry.
#[derive(Debug, Clone, Default)]
pub(crate) struct Entry {
    /// 1-based line of the entry's first line.
    pub(crate) line: u32,
    /// Its fields in order.
    pub(crate) fields: Vec<Field>,
    /// All its lines as written (trailing blank lines removed).
    pub(crate) text: String,
    /// The lines after its first separator line (report bodies).
    pub(crate) body: String,
    /// Lines that are neither fields nor continuations, by line number.
    pub(crate) unplaced: Vec<(u32, String)>,
    /// The context heading in force when the entry started.
    pub(crate) context: Option<String>,
}

impl Entry {
    /// The first non-empty value of a field with this label (case-insensitive).
    #[cfg(test)]
    pub(crate) fn get(&self, label: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|f| f.label.eq_ignore_ascii_case(label) && !f.value.is_empty())
            .map(|f| f.value.as_str())
    }
}

/// A section's preamble facts and entries.
#[derive(Debug, Clone, Default)]
pub(crate) struct Blocks {
    /// The `Source:` label of the section (`VA`, `Self-Entered`, `DoD`).
    pub(crate) source: Option<String>,
    /// Fields before the first entry.
    pub(crate) preamble: Vec<Field>,
    /// The entries.
    pub(crate) entries: Vec<Entry>,
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
fn context_heading(text: &str) -> Option<String> {
    let t = text.trimmed().trim_end_matches(':').trimmed();
    let letters = t.chars().filter(|c| c.is_ascii_alphabetic()).count();
    (letters >= 3
        && t.len() <= 60
        && !t.chars().any(|c| c.is_ascii_lowercase())
        && !text.trimmed().trim_end_matches(':').contains(':'))
    .then(|| t.to_string())
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
fn heading_with_fields(text: &str) -> Option<(String, Vec<(String, String)>)> {
    let trimmed = text.trimmed();
    let gap = trimmed.find("  ")?;
    let heading = context_heading(trimmed.get(..gap)?)?;
    let fields = split_fields(trimmed.get(gap..)?)?;
    Some((heading, fields))
}

/// Groups a section's lines into entries. `lines` are the lines after the header.
pub(crate) fn blocks(lines: &[Line<'_>], layout: Layout<'_>) -> Blocks {
    let mut out = Blocks::default();
    let mut current: Option<Entry> = None;
    let mut raw: Vec<&str> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let mut in_body = false;
    // Whether the previous line was a field or its continuation (for wrapped values).
    let mut continuing = false;
    let mut last_nonblank_eq = false;
    let mut context: Option<String> = None;
    // A rule right under an empty `Label:` starts a one-item-per-line list.
    let mut list_mode = false;
    let mut last_was_empty_field = false;
    // Inside the report's fixed explanatory prose after an entry.
    let mut boilerplate = false;

    for line in lines {
        let text = line.text;
        let blank = text.trimmed().is_empty();
        let separator = !blank && is_rule(text);
        let fields = if separator { None } else { split_fields(text) };

        let starts_entry =
            fields.as_ref().is_some_and(|fs| {
                fs.first().is_some_and(|(label, _)| {
                    layout.starts.iter().any(|s| s.eq_ignore_ascii_case(label))
                })
            }) && (!layout.free_body || current.is_none() || last_nonblank_eq || !in_body);
        if starts_entry {
            if let Some(entry) = current.take() {
                out.entries.push(finish(entry, &raw, &body));
            }
            raw.clear();
            body.clear();
            in_body = false;
            if layout.reset_context {
                context = None;
            }
            current = Some(Entry {
                line: line.number,
                context: context.clone(),
                ..Default::default()
            });
        }

        if !blank {
            last_nonblank_eq = separator && text.trim_start().starts_with("===");
        }
        if current.is_some() {
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

        match fields {
            Some(fs) => {
                let heading = fs.len() == 1
                    && fs.first().is_some_and(|(_, v)| v.is_empty())
                    && context_heading(text).is_some();
                if heading {
                    context = context_heading(text);
                }
                let target = match current.as_mut() {
                    Some(entry) => &mut entry.fields,
                    None => &mut out.preamble,
                };
                last_was_empty_field =
                    fs.len() == 1 && fs.first().is_some_and(|(_, v)| v.is_empty());
                list_mode = false;
                // `Source:` is one line; the prose under it is not part of it.
                let source = fs
                    .first()
                    .is_some_and(|(l, _)| l.eq_ignore_ascii_case("Source"));
                for (label, value) in fs {
                    target.push(Field {
                        label,
                        value,
                        line: line.number,
                        in_body,
                        context: context.clone(),
                    });
                }
                continuing = !source;
            }
            _ => {
                if let Some((heading, fs)) = heading_with_fields(text) {
                    context = Some(heading);
                    let target = match current.as_mut() {
                        Some(entry) => &mut entry.fields,
                        None => &mut out.preamble,
                    };
                    for (label, value) in fs {
                        target.push(Field {
                            label,
                            value,
                            line: line.number,
                            in_body,
                            context: context.clone(),
                        });
                    }
                    continuing = true;
                } else if boilerplate || (!continuing && is_boilerplate(text)) {
                    boilerplate = true;
                } else if continuing {
                    let target = match current.as_mut() {
                        Some(entry) => entry.fields.last_mut(),
                        None => out.preamble.last_mut(),
                    };
                    if let Some(field) = target {
                        let piece = text.trimmed();
                        if field.value.is_empty() {
                            field.value = piece.to_string();
                        } else {
                            field.value.push(if list_mode { '\n' } else { ' ' });
                            field.value.push_str(piece);
                        }
                    }
                } else if let Some(heading) = context_heading(text) {
                    context = Some(heading);
                } else if let Some(entry) = current.as_mut() {
                    if !in_body && !layout.free_body {
                        entry
                            .unplaced
                            .push((line.number, text.trimmed().to_string()));
                    }
                }
            }
        }
    }
    if let Some(entry) = current.take() {
        out.entries.push(finish(entry, &raw, &body));
    }
    out.source = out
        .preamble
        .iter()
        .find(|f| f.label.eq_ignore_ascii_case("Source"))
        .map(|f| f.value.clone())
        .filter(|v| !v.is_empty());
    out
}

/// Joins lines as text, dropping leading and trailing blank or separator lines.
pub(crate) fn join(lines: &[&str]) -> String {
    let keep = |l: &&str| !l.trimmed().is_empty() && !is_rule(l);
    let start = lines.iter().position(keep).unwrap_or(lines.len());
    let end = lines.iter().rposition(keep).map_or(start, |i| i + 1);
    lines
        .get(start..end)
        .unwrap_or_default()
        .iter()
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn finish(mut entry: Entry, raw: &[&str], body: &[&str]) -> Entry {
    entry.text = join(raw);
    entry.body = join(body);
    entry
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{lines, CarriageReturns::RunBeforeNewline};

    /// The blocks of `text` whose entries start at the label `start`.
    fn read(text: &str, start: &str) -> Blocks {
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

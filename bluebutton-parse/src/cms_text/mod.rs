//! Reader for the CMS MyMedicare.gov Blue Button text file.
//!
//! One pass over the lines: a title between two `-----` separators opens a section; each
//! section's `Label: value` lines are split into entries at the label that starts an entry
//! (`Condition Name`, `Claim Number`, ...) and mapped by the section's module. Labels with
//! no dedicated field go into `details` or `notes`; unknown sections and unplaced lines are
//! kept as notes with a warning that cites line numbers and section titles only.

mod claims;
mod demographics;
mod plans;
mod providers;
mod self_reported;
mod values;

use crate::decode::{split_bom, utf16, Bom, ByteOrder};
use crate::error::ParseError;
use crate::text::interval::{at, between};
use crate::text::label::{is_dash_rule, split_label};
use crate::text::Trimmed;
use crate::text::{lines, CarriageReturns, Lines};
use bluebutton_model::{
    Coded, HealthRecord, Note, PartialDateTime, Participant, Source, Warning, WarningCode,
};
use std::borrow::Cow;

/// The banner section's title.
const BANNER: &str = "MYMEDICARE.GOV PERSONAL HEALTH INFORMATION";

/// How the titles of claim-lines sections start (any case); they hold a colon.
const CLAIM_LINES: &str = "claim lines for";

/// One non-blank line of a section: its number, trimmed text and `Label: value` split.
#[derive(Debug, Clone, Copy)]
struct Item<'a> {
    /// 1-based line number.
    pub line: u32,
    /// The trimmed line.
    pub text: &'a str,
    /// The label and value, when the line has them.
    pub field: Option<(&'a str, &'a str)>,
}

/// A `Label: value` line of an entry.
#[derive(Debug, Clone, Copy)]
struct Field<'a> {
    /// 1-based line number.
    pub line: u32,
    /// The label as found.
    pub label: &'a str,
    /// The value, trimmed (may be empty).
    pub value: &'a str,
}

impl Field<'_> {
    /// The label in lower case, for matching.
    pub fn key(&self) -> Key {
        Key::new(self.label)
    }

    /// `Label: value` as one note line.
    pub fn as_note(&self) -> String {
        let mut note = String::with_capacity(self.label.len() + 2 + self.value.len());
        note.push_str(self.label);
        note.push_str(": ");
        note.push_str(self.value);
        note
    }
}

/// A label in lower case, for matching: labels are short, and ASCII ones of up to
/// [`KEY_INLINE`] bytes are lowered on the stack rather than into a new string.
pub(crate) enum Key {
    /// The lowered bytes and their length.
    Inline([u8; KEY_INLINE], usize),
    /// A longer or non-ASCII label.
    Heap(String),
}

/// How long a label [`Key`] holds without allocating.
const KEY_INLINE: usize = 48;

impl Key {
    /// `label` in lower case (ASCII letters only, as `str::to_ascii_lowercase`).
    fn new(label: &str) -> Self {
        let bytes = label.as_bytes();
        if bytes.len() <= KEY_INLINE && bytes.is_ascii() {
            let mut out = [0u8; KEY_INLINE];
            if let Some(start) = out.get_mut(..bytes.len()) {
                start.copy_from_slice(bytes);
            }
            // The whole array, a fixed length the compiler lowers many bytes at a time.
            out.make_ascii_lowercase();
            Key::Inline(out, bytes.len())
        } else {
            Key::Heap(label.to_ascii_lowercase())
        }
    }

    /// The key's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Key::Inline(bytes, len) => bytes.get(..*len).unwrap_or_default(),
            Key::Heap(text) => text.as_bytes(),
        }
    }

    /// The key as text.
    pub fn as_str(&self) -> &str {
        match self {
            Key::Inline(bytes, len) => {
                std::str::from_utf8(bytes.get(..*len).unwrap_or_default()).unwrap_or_default()
            }
            Key::Heap(text) => text,
        }
    }
}

/// One entry: its first line and its fields.
#[derive(Debug, Clone, Copy)]
struct Entry<'a, 'e> {
    /// 1-based line of the entry's first field.
    pub line: u32,
    /// The entry's fields in order.
    pub fields: &'e [Field<'a>],
}

impl<'a, 'e> Entry<'a, 'e> {
    /// The fields that have a value, each with its lower-case label and its value; fields
    /// with an empty value are skipped.
    pub fn valued(self) -> impl Iterator<Item = (&'e Field<'a>, Key, &'a str)> {
        self.fields
            .iter()
            .filter(|field| !field.value.is_empty())
            .map(|field| (field, field.key(), field.value))
    }
}

/// A section's entries, their fields kept in one list.
#[derive(Debug, Default)]
struct Entries<'a> {
    /// Every entry's fields, entry after entry.
    fields: Vec<Field<'a>>,
    /// Each entry's first line and the index of its first field.
    starts: Vec<(u32, usize)>,
}

impl<'a> Entries<'a> {
    /// The entries in order.
    pub fn iter(&self) -> impl Iterator<Item = Entry<'a, '_>> {
        self.starts.iter().enumerate().map(|(i, &(line, start))| {
            let end = self.starts.get(i + 1).map_or(self.fields.len(), |s| s.1);
            Entry {
                line,
                fields: self.fields.get(start..end).unwrap_or_default(),
            }
        })
    }
}

/// A section: title, first line, source label and its lines.
#[derive(Debug, Clone)]
struct Section<'a> {
    /// The title as found (trimmed).
    pub title: &'a str,
    /// 1-based line of the title.
    pub line: u32,
    /// The section's `Source:` value.
    pub label: Option<&'a str>,
    /// The section's non-blank lines after the title (without `Source:`).
    pub items: Vec<Item<'a>>,
}

impl Section<'_> {
    /// The provenance of an entry starting at `line`.
    pub fn source(&self, line: u32) -> Source {
        Source {
            section: Some(self.title.to_string()),
            line,
            column: 1,
            label: self.label.map(str::to_string),
            ..Default::default()
        }
    }
}

/// Reading state shared by the section modules.
struct Ctx<'r> {
    /// The record being built (borrowed, so that the large record is not moved).
    pub record: &'r mut HealthRecord,
    /// Claims in progress across the claim sections.
    pub claims: claims::ClaimState,
}

impl Ctx<'_> {
    /// Adds a warning at a line.
    pub fn warn(&mut self, code: WarningCode, line: u32, message: String) {
        warn(&mut self.record.warnings, code, line, message);
    }

    /// Reads a date field; text that is not a date is kept in `raw` with a warning. Empty
    /// values and `current` give `None`.
    pub fn date(&mut self, section: &str, field: &Field<'_>) -> Option<PartialDateTime> {
        date(&mut self.record.warnings, section, field)
    }

    /// Reads a date from text found under `label` at `line` (see [`Ctx::date`]).
    pub fn date_text(
        &mut self,
        section: &str,
        line: u32,
        label: &str,
        value: &str,
    ) -> Option<PartialDateTime> {
        date_text(&mut self.record.warnings, section, line, label, value)
    }

    /// Warns about a line of a section that has no place, and keeps it in the section's note.
    pub fn unplaced(&mut self, section: &Section<'_>, item: &Item<'_>, kept: &mut Vec<String>) {
        self.warn(
            WarningCode::UnrecognizedLine,
            item.line,
            format!(
                "section '{}': line {} could not be placed; kept in a note",
                section.title, item.line
            ),
        );
        kept.push(item.text.to_string());
    }
}

/// Adds a warning at a line to `warnings` (for code that holds a part of the record).
fn warn(warnings: &mut Vec<Warning>, code: WarningCode, line: u32, message: String) {
    warnings.push(Warning {
        code,
        message,
        line: Some(line),
        column: Some(1),
        path: None,
    });
}

/// [`Ctx::date`], warning into `warnings`.
fn date(warnings: &mut Vec<Warning>, section: &str, field: &Field<'_>) -> Option<PartialDateTime> {
    date_text(warnings, section, field.line, field.label, field.value)
}

/// [`Ctx::date_text`], warning into `warnings`.
fn date_text(
    warnings: &mut Vec<Warning>,
    section: &str,
    line: u32,
    label: &str,
    value: &str,
) -> Option<PartialDateTime> {
    let value = value.trimmed();
    if value.is_empty() || value.eq_ignore_ascii_case("current") || values::is_not_available(value)
    {
        return None;
    }
    match values::parse_date(value) {
        Some(d) => Some(d),
        None => {
            warn(
                warnings,
                WarningCode::InvalidDate,
                line,
                format!("section '{section}': the '{label}' value is not a date; kept as raw text"),
            );
            Some(PartialDateTime {
                raw: Some(value.to_string()),
                ..Default::default()
            })
        }
    }
}

/// Splits a section's lines into entries, each starting at one of `starts` (lower-case
/// labels). A field before the first start label opens an entry of its own; lines without a
/// label are warned about and returned for the section's note.
fn entries<'a>(
    ctx: &mut Ctx,
    section: &Section<'a>,
    starts: &[&str],
    kept: &mut Vec<String>,
) -> Entries<'a> {
    let mut out = Entries {
        fields: Vec::with_capacity(section.items.len()),
        starts: Vec::new(),
    };
    for item in &section.items {
        let Some((label, value)) = item.field else {
            ctx.unplaced(section, item, kept);
            continue;
        };
        if out.starts.is_empty() || starts.iter().any(|s| s.eq_ignore_ascii_case(label)) {
            out.starts.push((item.line, out.fields.len()));
        }
        out.fields.push(Field {
            line: item.line,
            label,
            value,
        });
    }
    out
}

/// Reads a section entry by entry: splits it into entries at the `start` label (see
/// [`entries`]), makes room for them in the record's `list` (which then grows once), maps
/// each with `read`, then keeps the lines that were not fields in the section's note.
fn each_entry<'a, T>(
    ctx: &mut Ctx,
    section: &Section<'a>,
    start: &str,
    list: fn(&mut HealthRecord) -> &mut Vec<T>,
    mut read: impl FnMut(&mut Ctx, Entry<'a, '_>),
) {
    let mut kept = Vec::new();
    let entries = entries(ctx, section, &[start], &mut kept);
    list(ctx.record).reserve(entries.starts.len());
    for entry in entries.iter() {
        read(ctx, entry);
    }
    keep_note(ctx, section, section.line, kept);
}

/// Appends a default item to `list` and returns it, to be filled where it stays (large
/// model items built elsewhere would be copied when moved in).
fn push_default<T: Default>(list: &mut Vec<T>) -> Option<&mut T> {
    list.resize_with(list.len() + 1, T::default);
    list.last_mut()
}

/// Adds a note of `kind` "report" holding `lines`, when there are any.
fn keep_note(ctx: &mut Ctx, section: &Section<'_>, line: u32, lines: Vec<String>) {
    if lines.is_empty() {
        return;
    }
    ctx.record.notes.push(Note {
        kind: Some("report".into()),
        title: Some(section.title.to_string()),
        text: Some(lines.join("\n")),
        source: section.source(line),
        ..Default::default()
    });
}

/// Reads a CMS MyMedicare.gov Blue Button text file.
pub(crate) fn parse(input: &[u8]) -> Result<HealthRecord, ParseError> {
    let (text, lossy) = decode(input);
    let text: &str = &text;
    let mut record = HealthRecord::default();
    let mut ctx = Ctx {
        record: &mut record,
        claims: claims::ClaimState::default(),
    };
    if lossy {
        ctx.record.warnings.push(Warning {
            code: WarningCode::InvalidEncoding,
            message: "the input is not valid UTF-8 or UTF-16; invalid bytes were replaced".into(),
            ..Default::default()
        });
    }
    let mut lines = lines(text, CarriageReturns::EachEndsALine);
    let mut current: Option<Section<'_>> = None;
    let mut before: Vec<String> = Vec::new();
    let mut before_line = 0u32;
    let mut last_was_separator = false;
    while let Some(line) = lines.next() {
        let trimmed = line.text.trimmed();
        if trimmed.is_empty() {
            continue;
        }
        if is_dash_rule(trimmed) {
            last_was_separator = true;
            continue;
        }
        let field = split_label(trimmed);
        // Titles have no `Label: value` form, except the claim-lines titles.
        let is_field = field.is_some_and(|(l, _)| {
            !l.as_bytes()
                .get(..CLAIM_LINES.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(CLAIM_LINES.as_bytes()))
        });
        let title = last_was_separator && !is_field && next_is_separator(lines.clone());
        last_was_separator = false;
        if title {
            // The finished section's list of lines is reused (cleared) for the next one.
            let mut items = Vec::new();
            if let Some(done) = current.take() {
                finish(&mut ctx, &done);
                items = done.items;
                items.clear();
            }
            current = Some(Section {
                title: trimmed,
                line: line.number,
                label: None,
                items,
            });
            continue;
        }
        match current.as_mut() {
            Some(section) => match field {
                Some((label, value))
                    if label.eq_ignore_ascii_case("Source")
                        && section.label.is_none()
                        && section.items.is_empty() =>
                {
                    section.label = Some(value).filter(|v| !v.is_empty());
                }
                _ => section.items.push(Item {
                    line: line.number,
                    text: trimmed,
                    field,
                }),
            },
            None => {
                if before.is_empty() {
                    before_line = line.number;
                }
                ctx.warn(
                    WarningCode::UnrecognizedLine,
                    line.number,
                    format!(
                        "line {} comes before any section; kept in a note",
                        line.number
                    ),
                );
                before.push(trimmed.to_string());
            }
        }
    }
    if let Some(done) = current.take() {
        finish(&mut ctx, &done);
    }
    if !before.is_empty() {
        ctx.record.notes.insert(
            0,
            Note {
                kind: Some("report".into()),
                text: Some(before.join("\n")),
                source: Source {
                    line: before_line,
                    column: 1,
                    ..Default::default()
                },
                ..Default::default()
            },
        );
    }
    claims::finish_all(&mut ctx);
    Ok(record)
}

/// True when the next non-blank line is a separator.
fn next_is_separator(rest: Lines<'_>) -> bool {
    rest.map(|l| l.text.trimmed())
        .find(|t| !t.is_empty())
        .is_some_and(is_dash_rule)
}

/// The input as text: UTF-8 (with or without a byte-order mark) or UTF-16 (with a
/// byte-order mark, or recognised by its zero bytes), borrowed when it is valid UTF-8. The
/// flag is true when invalid sequences were replaced.
fn decode(input: &[u8]) -> (Cow<'_, str>, bool) {
    match split_bom(input) {
        (Some(Bom::Utf8), rest) => utf8(rest),
        (Some(Bom::Utf16(order)), rest) => owned(utf16(rest, order)),
        (None, _) => match input {
            [a, 0, ..] if *a != 0 => owned(utf16(input, ByteOrder::Little)),
            [0, b, ..] if *b != 0 => owned(utf16(input, ByteOrder::Big)),
            _ => utf8(input),
        },
    }
}

/// Decoded text as owned.
fn owned<'a>((text, lossy): (String, bool)) -> (Cow<'a, str>, bool) {
    (Cow::Owned(text), lossy)
}

/// UTF-8 text, invalid sequences replaced (flagged).
fn utf8(input: &[u8]) -> (Cow<'_, str>, bool) {
    match std::str::from_utf8(input) {
        Ok(t) => (Cow::Borrowed(t), false),
        Err(_) => (String::from_utf8_lossy(input), true),
    }
}

/// Maps one finished section by its title.
fn finish(ctx: &mut Ctx, section: &Section<'_>) {
    let lowered = Key::new(section.title);
    let title = lowered.as_str();
    if !title.starts_with("claim") {
        claims::close(ctx);
    }
    match title {
        t if t.eq_ignore_ascii_case(BANNER) => banner(ctx, section),
        "demographic" | "demographics" => demographics::patient(ctx, section),
        "emergency contact" | "emergency contacts" => demographics::contacts(ctx, section),
        "self reported medical conditions" => self_reported::conditions(ctx, section),
        "self reported allergies" => self_reported::allergies(ctx, section),
        "self reported implantable device" | "self reported implantable devices" => {
            self_reported::devices(ctx, section)
        }
        "self reported immunizations" => self_reported::immunizations(ctx, section),
        "self reported labs and tests" => self_reported::labs(ctx, section),
        "self reported vital statistics" => self_reported::vitals(ctx, section),
        "drugs" => self_reported::drugs(ctx, section),
        "preventive services" => self_reported::preventive(ctx, section),
        "family medical history" => self_reported::family(ctx, section),
        "providers" => providers::providers(ctx, section),
        "pharmacies" => providers::pharmacies(ctx, section),
        "plans" => plans::plans(ctx, section),
        "employer subsidy" => plans::employer_subsidy(ctx, section),
        "primary insurance" | "other insurance" => plans::insurance(ctx, section),
        "claim summary" => claims::summary(ctx, section),
        t if t.starts_with("claim lines for claim number") => claims::lines(ctx, section),
        _ => {
            ctx.warn(
                WarningCode::UnknownSection,
                section.line,
                format!(
                    "unknown section at line {}; its text was kept as a note",
                    section.line
                ),
            );
            report_note(ctx, section);
        }
    }
}

/// Keeps a section with no model home as one note.
fn report_note(ctx: &mut Ctx, section: &Section<'_>) {
    let lines: Vec<String> = section.items.iter().map(|i| i.text.to_string()).collect();
    let line = section.items.first().map_or(section.line, |i| i.line);
    keep_note(ctx, section, line, lines);
}

/// The banner: title, confidentiality, producer and the report's date.
fn banner(ctx: &mut Ctx, section: &Section<'_>) {
    ctx.record.document.title = Some(section.title.to_string());
    let mut kept = Vec::new();
    for item in &section.items {
        let bare = item.text.trim_matches('*').trimmed();
        if bare.eq_ignore_ascii_case("CONFIDENTIAL") {
            ctx.record.document.confidentiality = Some(Coded {
                original_text: Some(bare.to_string()),
                ..Default::default()
            });
        } else if let Some(rest) = item.text.strip_prefix("Produced by") {
            if let Some(version) = rest
                .split_once("(v")
                .and_then(|(_, v)| v.split_once(')'))
                .map(|(v, _)| v.trimmed())
            {
                ctx.record.format.version = Some(version.to_string());
            }
            ctx.record.document.authors.push(Participant {
                device: Some(rest.trimmed().to_string()),
                ..Default::default()
            });
        } else if let Some(date) = values::parse_date(item.text) {
            if ctx.record.document.created.is_none() {
                ctx.record.document.created = Some(date);
            } else {
                ctx.unplaced(section, item, &mut kept);
            }
        } else {
            ctx.unplaced(section, item, &mut kept);
        }
    }
    keep_note(ctx, section, section.line, kept);
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn utf8_and_utf16() {
        assert_eq!(decode(b"\xEF\xBB\xBFab"), ("ab".into(), false));
        assert_eq!(decode(b"\xFF\xFEa\0b\0"), ("ab".into(), false));
        assert_eq!(decode(b"\0a\0b"), ("ab".into(), false));
        assert_eq!(decode(b"a\0b\0"), ("ab".into(), false));
        assert!(decode(b"a\xFFb").1);
    }
}

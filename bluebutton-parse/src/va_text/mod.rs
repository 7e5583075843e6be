//! Reader for the VA My HealtheVet Blue Button text report (versions 12 to 12.6).
//!
//! One pass over the lines: banner headers (`------ VA ALLERGIES ------`) split the report
//! into sections; each known section's lines are grouped into entries of `Label: value`
//! fields ([`blocks`]) and mapped into the model by the section's module. Unknown
//! sections are kept as notes with an `UnknownSection` warning; lines that cannot be
//! placed are kept in the entry's notes with an `UnrecognizedLine` warning.

mod allergies;
mod blocks;
mod care;
mod dates;
mod demographics;
mod encounters;
mod goals;
mod immunizations;
mod medications;
mod notes;
mod problems;
mod results;
mod sections;
mod vitals;

use crate::error::{ErrorKind, ParseError};
use crate::text::Trimmed;
use crate::text::{lines, CarriageReturns, Line};
use blocks::{Entry, Field};
use bluebutton_model::{HealthRecord, InputKind, PartialDateTime, Source, Warning, WarningCode};
use sections::{header_title, SectionKind};

/// Reads a VA Blue Button text report.
pub(crate) fn parse(input: &[u8]) -> Result<HealthRecord, ParseError> {
    let (text, lossy) = match std::str::from_utf8(input) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), None),
        Err(e) => (
            String::from_utf8_lossy(input),
            Some(line_of(input, e.valid_up_to())),
        ),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut record = HealthRecord::default();
    record.format.kind = bluebutton_model::FormatKind::VaText;
    if let Some(line) = lossy {
        record.warnings.push(Warning {
            code: WarningCode::InvalidEncoding,
            message: "the report is not valid UTF-8; invalid bytes were replaced".to_string(),
            line: Some(line),
            column: Some(1),
            ..Default::default()
        });
    }

    let mut section: Option<(String, u32)> = None;
    let mut buffer: Vec<Line<'_>> = Vec::new();
    let mut saw_header = false;
    // The first non-blank line before the banner, if any (it is not read).
    let mut preface: Option<u32> = None;
    for line in lines(text, CarriageReturns::RunBeforeNewline) {
        if let Some(title) = header_title(line.text) {
            saw_header = true;
            if let Some((title, at)) = section.take() {
                read_section(&mut record, &title, at, &buffer);
            }
            buffer.clear();
            section = Some((title.to_string(), line.number));
        } else if section.is_some() {
            buffer.push(line);
        } else if preface.is_none() && !line.text.trimmed().is_empty() {
            preface = Some(line.number);
        }
    }
    if let Some((title, at)) = section.take() {
        read_section(&mut record, &title, at, &buffer);
    }
    if !saw_header {
        return Err(ParseError::new(
            ErrorKind::Malformed,
            InputKind::VaText,
            "the VA text report has no section headers",
        )
        .at(1, 1));
    }
    if let Some(line) = preface {
        record.warnings.push(Warning {
            code: WarningCode::UnrecognizedLine,
            message: "text before the report banner is not read".to_string(),
            line: Some(line),
            column: Some(1),
            ..Default::default()
        });
    }
    Ok(record)
}

/// The 1-based line of a byte offset.
fn line_of(input: &[u8], offset: usize) -> u32 {
    let newlines = input
        .get(..offset)
        .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
    u32::try_from(newlines)
        .unwrap_or(u32::MAX)
        .saturating_add(1)
}

/// What a section's module needs: the record, the section's header and source label.
pub(crate) struct Ctx<'r> {
    /// The record being filled.
    pub(crate) record: &'r mut HealthRecord,
    /// The section's header text.
    pub(crate) section: String,
    /// The section's `Source:` label.
    pub(crate) label: Option<String>,
}

impl Ctx<'_> {
    /// The provenance of an entry starting at `line`.
    pub(crate) fn source(&self, line: u32) -> Source {
        Source {
            section: Some(self.section.clone()),
            line,
            column: 1,
            label: self.label.clone(),
            ..Default::default()
        }
    }

    /// Adds a warning at a line.
    pub(crate) fn warn(&mut self, code: WarningCode, message: String, line: u32) {
        self.record.warnings.push(Warning {
            code,
            message,
            line: Some(line),
            column: Some(1),
            ..Default::default()
        });
    }

    /// Reads a date field; a value that is not a date is kept in `raw` with a warning.
    pub(crate) fn date(
        &mut self,
        field: Option<(String, u32)>,
        label: &str,
    ) -> Option<PartialDateTime> {
        let (text, line) = field?;
        let (date, bad) = dates::date_or_raw(&text);
        if bad && !is_unknown_marker(&text) {
            let message = format!(
                "`{label}` in section {} is not a date; kept as text",
                self.section
            );
            self.warn(WarningCode::InvalidDate, message, line);
        }
        date
    }

    /// Warns about an entry's unplaced lines, one warning per run of adjacent lines.
    pub(crate) fn warn_unplaced(&mut self, entry: &Entry) {
        let mut previous: Option<u32> = None;
        for (line, _) in &entry.unplaced {
            if previous.is_none_or(|p| p.saturating_add(1) != *line) {
                let message = format!(
                    "a line in section {} is not a `Label: value` field; kept in the entry's notes",
                    self.section
                );
                self.warn(WarningCode::UnrecognizedLine, message, *line);
            }
            previous = Some(*line);
        }
    }
}

/// Values the report uses for "not known" (not dates, but not worth a warning).
fn is_unknown_marker(text: &str) -> bool {
    let upper = text.trimmed().to_ascii_uppercase();
    matches!(
        upper.as_str(),
        "UNKNOWN" | "N/A" | "NA" | "NONE" | "DUE NOW" | "-"
    )
}

/// An entry's fields, each taken at most once; what is not taken is kept as notes.
pub(crate) struct Fields<'e> {
    entry: &'e Entry<'e>,
    used: Vec<bool>,
}

impl<'e> Fields<'e> {
    /// Wraps an entry.
    pub(crate) fn new(entry: &'e Entry<'e>) -> Self {
        Self {
            entry,
            used: vec![false; entry.fields.len()],
        }
    }

    /// The first non-empty value with this label (and its line); marks every field with the
    /// label as used.
    pub(crate) fn take_at(&mut self, label: &str) -> Option<(String, u32)> {
        let mut found = None;
        for (field, used) in self.entry.fields.iter().zip(self.used.iter_mut()) {
            if !*used && field.label.eq_ignore_ascii_case(label) {
                *used = true;
                if found.is_none() && !field.value.is_empty() {
                    found = Some((field.value.to_string(), field.line));
                }
            }
        }
        found
    }

    /// The first non-empty value with this label.
    pub(crate) fn take(&mut self, label: &str) -> Option<String> {
        self.take_at(label).map(|(v, _)| v)
    }

    /// The first value of any of these labels.
    pub(crate) fn take_any(&mut self, labels: &[&str]) -> Option<String> {
        let mut found = None;
        for label in labels {
            let value = self.take(label);
            if found.is_none() {
                found = value;
            }
        }
        found
    }

    /// The fields in order with their used marks (for modules that walk them).
    pub(crate) fn iter_unused(&self) -> impl Iterator<Item = (usize, &'e Field<'e>)> + '_ {
        self.entry
            .fields
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.used.get(*i).copied().unwrap_or(true))
    }

    /// Marks field `index` as used.
    pub(crate) fn mark(&mut self, index: usize) {
        if let Some(u) = self.used.get_mut(index) {
            *u = true;
        }
    }

    /// The untaken non-empty fields as `Label: value`, then the unplaced lines.
    pub(crate) fn rest(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .entry
            .fields
            .iter()
            .zip(&self.used)
            .filter(|(f, used)| !**used && !f.value.is_empty())
            .map(|(f, _)| format!("{}: {}", f.label, f.value))
            .collect();
        out.extend(self.entry.unplaced.iter().map(|(_, t)| t.clone()));
        out
    }
}

/// Reads one section into the record.
fn read_section(record: &mut HealthRecord, title: &str, at: u32, lines: &[Line<'_>]) {
    let kind = sections::kind(title);
    let layout = sections::layout(kind);
    let parsed = blocks::blocks(lines, layout);
    let label = parsed.source.clone();
    let mut ctx = Ctx {
        record,
        section: title.to_string(),
        label,
    };
    // Goals warn for their detailed entries only (the summary list repeats them).
    if kind != SectionKind::Goals {
        for entry in &parsed.entries {
            ctx.warn_unplaced(entry);
        }
    }
    match kind {
        SectionKind::Banner => notes::banner(&mut ctx, at, lines),
        SectionKind::End => {}
        SectionKind::SelfDemographics | SectionKind::VaDemographics => {
            demographics::read(&mut ctx, kind, at, &parsed);
        }
        SectionKind::Providers => care::providers(&mut ctx, &parsed),
        SectionKind::Facilities => care::facilities(&mut ctx, &parsed),
        SectionKind::Insurance => care::insurance(&mut ctx, &parsed),
        SectionKind::Appointments => encounters::appointments(&mut ctx, &parsed),
        SectionKind::Admissions => encounters::admissions(&mut ctx, &parsed),
        SectionKind::VaMedications | SectionKind::SelfMedications => {
            medications::read(&mut ctx, &parsed);
        }
        SectionKind::VaAllergies | SectionKind::SelfAllergies => allergies::read(&mut ctx, &parsed),
        SectionKind::Problems | SectionKind::MedicalEvents => {
            problems::read(&mut ctx, kind, &parsed)
        }
        SectionKind::VaImmunizations | SectionKind::SelfImmunizations => {
            immunizations::read(&mut ctx, &parsed);
        }
        SectionKind::Labs => results::labs(&mut ctx, &parsed),
        SectionKind::Pathology => results::pathology(&mut ctx, &parsed),
        SectionKind::SelfLabs => results::self_labs(&mut ctx, &parsed),
        SectionKind::VaVitals => vitals::va(&mut ctx, &parsed),
        SectionKind::SelfVitals => vitals::self_entered(&mut ctx, &parsed),
        SectionKind::ClinicalNotes | SectionKind::ImagingReports => {
            notes::reports(&mut ctx, &parsed)
        }
        SectionKind::Family => notes::family(&mut ctx, &parsed),
        SectionKind::Reminders => care::reminders(&mut ctx, lines),
        SectionKind::Goals => goals::read(&mut ctx, &parsed),
        SectionKind::Military => notes::military(&mut ctx, &parsed),
        SectionKind::WholeReport => notes::whole(&mut ctx, at, lines),
        SectionKind::Unknown => {
            let message =
                "a section header the VA reader does not know; its text is kept as a note"
                    .to_string();
            ctx.warn(WarningCode::UnknownSection, message, at);
            notes::whole(&mut ctx, at, lines);
        }
    }
}

/// A text value.
pub(crate) fn text_value(text: String) -> bluebutton_model::Value {
    bluebutton_model::Value {
        kind: bluebutton_model::ValueKind::Text,
        text: Some(text),
        ..Default::default()
    }
}

/// A labelled text fact.
pub(crate) fn named(label: &str, value: String) -> bluebutton_model::NamedValue {
    bluebutton_model::NamedValue {
        name: Some(demographics::coded(label.to_string())),
        value: Some(text_value(value)),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_before_the_banner_is_warned() {
        let text = "stray\n------ MY HEALTHEVET PERSONAL INFORMATION REPORT ------\nProduced by the VA Blue Button (v12.5)\n";
        let record = parse(text.as_bytes()).unwrap();
        assert_eq!(record.format.version.as_deref(), Some("12.5"));
        let warning = record
            .warnings
            .iter()
            .find(|w| w.code == WarningCode::UnrecognizedLine)
            .unwrap();
        assert_eq!(warning.line, Some(1));
    }

    #[test]
    fn no_headers_is_an_error() {
        let error = parse(b"just words\n").unwrap_err();
        assert_eq!(error.kind(), ErrorKind::Malformed);
        assert_eq!(error.line(), Some(1));
    }
}

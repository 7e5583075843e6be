//! `Label: value` splitting and separator lines for the text readers.
//!
//! The two report formats draw these differently, so each has its own pair:
//! - CMS: [`split_label`] splits one field at the first colon; [`is_dash_rule`] is a run
//!   of five or more dashes.
//! - VA: [`split_fields`] splits a line holding several padded fields; [`is_rule`] is a
//!   trimmed line of `-`, `=`, `_` or `*`, three or more.

use crate::text::Trimmed;

/// Splits `Label: value` at the first colon; `None` when there is no colon or no label.
/// Expects a trimmed line (CMS).
pub(crate) fn split_label(trimmed: &str) -> Option<(&str, &str)> {
    let colon = memchr::memchr(b':', trimmed.as_bytes())?;
    let label = trimmed.get(..colon)?.trimmed();
    let value = trimmed.get(colon + 1..)?;
    if label.is_empty() {
        return None;
    }
    Some((label, value.trimmed()))
}

/// True for a `-----` separator line: five or more dashes and nothing else. Expects a
/// trimmed line (CMS).
pub(crate) fn is_dash_rule(trimmed: &str) -> bool {
    trimmed.len() >= 5 && trimmed.bytes().all(|b| b == b'-')
}

/// True for a line made only of `-`, `=`, `_` or `*` (and spaces), with at least three
/// characters. Expects a trimmed line (VA).
pub(crate) fn is_rule(trimmed: &str) -> bool {
    trimmed.len() >= 3
        && trimmed
            .bytes()
            .all(|b| matches!(b, b'-' | b'=' | b'_' | b'*' | b' '))
}

/// True when `label` looks like a field label: starts with a letter, at most 60 characters,
/// made of letters, digits, single spaces and a few punctuation marks.
fn is_label(label: &str) -> bool {
    let label = label.trimmed();
    let bytes = label.as_bytes();
    if bytes.len() > 60 || !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let mut previous = 0u8;
    for &b in bytes {
        if !(b.is_ascii_alphanumeric() || is_label_mark(b)) || (b == b' ' && previous == b' ') {
            return false;
        }
        previous = b;
    }
    true
}

/// The marks a label may hold besides letters and digits.
fn is_label_mark(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'/'
            | b'('
            | b')'
            | b'&'
            | b','
            | b'.'
            | b'\''
            | b'#'
            | b'-'
            | b'*'
            | b'+'
            | b'>'
            | b'?'
    )
}

/// Splits a `Label: value` line into its fields, borrowed from the line; a line may hold
/// several (`Gender:  Male        Blood Type:  AB+`), each further label following two or
/// more spaces. Returns `None` when the line does not start with a label.
pub(crate) fn split_fields(line: &str) -> Option<Vec<(&str, &str)>> {
    let mut fields = Vec::new();
    split_fields_into(line, &mut fields).then_some(fields)
}

/// [`split_fields`] into a buffer the caller reuses line after line: `fields` is cleared,
/// then filled; returns false (and leaves it empty) when the line does not start with a
/// label.
pub(crate) fn split_fields_into<'a>(line: &'a str, fields: &mut Vec<(&'a str, &'a str)>) -> bool {
    fields.clear();
    let body = line.trimmed();
    let Some(colon) = memchr::memchr(b':', body.as_bytes()) else {
        return false;
    };
    let label = body.get(..colon).unwrap_or_default().trimmed();
    if !is_label(label) {
        return false;
    }
    let mut label = label.trim_end_matches('*').trimmed();
    let mut rest = body.get(colon + 1..).unwrap_or_default();
    // `Reaction:*` marks a footnote; the star is not part of the value.
    rest = rest.strip_prefix('*').unwrap_or(rest);
    while let Some((value_end, next_label_start, next_colon)) = next_label(rest) {
        let value = rest.get(..value_end).unwrap_or_default();
        fields.push((label, clean_value(value)));
        label = rest
            .get(next_label_start..next_colon)
            .unwrap_or_default()
            .trimmed();
        rest = rest.get(next_colon + 1..).unwrap_or_default();
    }
    fields.push((label, clean_value(rest)));
    true
}

/// Finds a further `Label:` in a value: after a run of two or more spaces, a label ending
/// in a colon that is followed by a space or the end. Returns (end of the current value,
/// start of the label, position of its colon).
///
/// One pass: the first colon after a gap is found once and reused for every later gap
/// before it; a value without a colon has no further label.
fn next_label(rest: &str) -> Option<(usize, usize, usize)> {
    let bytes = rest.as_bytes();
    let mut colon = memchr::memchr(b':', bytes)?;
    // Gaps before the value's first character are the label's padding.
    let mut i = rest.len() - rest.trim_start().len();
    while i + 1 < bytes.len() {
        if bytes.get(i) != Some(&b' ') || bytes.get(i + 1) != Some(&b' ') {
            i += 1;
            continue;
        }
        let gap_start = i;
        while bytes.get(i) == Some(&b' ') {
            i += 1;
        }
        if colon < i {
            colon = memchr::memchr(b':', bytes.get(i..)?)? + i;
        }
        let candidate = rest.get(i..colon).unwrap_or_default();
        let after = bytes.get(colon + 1);
        if bytes.get(i).is_some_and(u8::is_ascii_uppercase)
            && is_label(candidate)
            && after.is_none_or(|&b| b == b' ')
        {
            return Some((gap_start, i, colon));
        }
    }
    None
}

/// A field value with surrounding whitespace removed; `--` (the v12.6 "nothing" marker)
/// is empty.
fn clean_value(value: &str) -> &str {
    let value = value.trimmed();
    if value == "--" {
        ""
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_labels_and_dash_rules() {
        assert_eq!(
            split_label("Address Type:Home"),
            Some(("Address Type", "Home"))
        );
        assert_eq!(split_label("Time: 3:00 PM"), Some(("Time", "3:00 PM")));
        assert_eq!(split_label("Comments: "), Some(("Comments", "")));
        assert_eq!(split_label("no colon here"), None);
        assert_eq!(split_label(": value"), None);
        assert!(is_dash_rule("--------------------------------"));
        assert!(!is_dash_rule("---"));
        assert!(!is_dash_rule("-- x --"));
    }

    #[test]
    fn rules_of_any_mark() {
        assert!(is_rule("====="));
        assert!(is_rule("---"));
        assert!(is_rule("-- ** --"));
        assert!(!is_rule("--"));
        assert!(!is_rule("-- x --"));
    }

    #[test]
    fn fields_split_on_labels() {
        assert_eq!(
            split_fields("Allergy Name:        IMIPRAMINE "),
            Some(vec![("Allergy Name", "IMIPRAMINE")])
        );
        assert_eq!(
            split_fields("Gender:  Male        Blood Type:  AB+    Organ Donor: Yes"),
            Some(vec![
                ("Gender", "Male"),
                ("Blood Type", "AB+"),
                ("Organ Donor", "Yes"),
            ])
        );
        assert_eq!(
            split_fields("Start Date: 01 Jan 2009                 Stop Date: "),
            Some(vec![("Start Date", "01 Jan 2009"), ("Stop Date", "")])
        );
        assert_eq!(
            split_fields("Reaction:*      None Reported"),
            Some(vec![("Reaction", "None Reported")])
        );
        assert_eq!(
            split_fields("Comments:             -- "),
            Some(vec![("Comments", "")])
        );
        assert_eq!(split_fields("BOTTLE "), None);
        assert_eq!(split_fields("CEFAZOLIN.....................  S"), None);
        assert_eq!(split_fields("  (12.5/18.75 MG): x"), None);
    }

    #[test]
    fn the_reused_buffer_is_cleared() {
        let mut fields = Vec::new();
        assert!(split_fields_into("Dose: 1   Route: PO", &mut fields));
        assert_eq!(fields, vec![("Dose", "1"), ("Route", "PO")]);
        assert!(!split_fields_into("no label here", &mut fields));
        assert!(fields.is_empty());
    }

    /// The splitter before it borrowed and scanned each value once: every gap re-searched
    /// the rest of the line for a colon.
    fn reference(line: &str) -> Option<Vec<(String, String)>> {
        fn label_like(label: &str) -> bool {
            let label = label.trim();
            let Some(first) = label.chars().next() else {
                return false;
            };
            first.is_ascii_alphabetic()
                && label.len() <= 60
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || " /()&,.'#-*+>?".contains(c))
                && !label.contains("  ")
        }
        fn next(rest: &str) -> Option<(usize, usize, usize)> {
            let bytes = rest.as_bytes();
            let mut i = 0;
            while i + 1 < bytes.len() {
                if bytes[i] == b' ' && bytes[i + 1] == b' ' {
                    let gap_start = i;
                    while bytes.get(i) == Some(&b' ') {
                        i += 1;
                    }
                    if !rest[..gap_start].trim().is_empty() {
                        let tail = &rest[i..];
                        if let Some(colon) = tail.find(':') {
                            let candidate = &tail[..colon];
                            let after = &tail[colon + 1..];
                            if label_like(candidate)
                                && candidate.starts_with(|c: char| c.is_ascii_uppercase())
                                && (after.is_empty() || after.starts_with(' '))
                            {
                                return Some((gap_start, i, i + colon));
                            }
                        }
                    }
                } else {
                    i += 1;
                }
            }
            None
        }
        let clean = |v: &str| {
            if v.trim() == "--" {
                String::new()
            } else {
                v.trim().to_string()
            }
        };
        let body = line.trim();
        let colon = body.find(':')?;
        if !label_like(&body[..colon]) {
            return None;
        }
        let mut label = body[..colon]
            .trim()
            .trim_end_matches('*')
            .trim()
            .to_string();
        let mut rest = &body[colon + 1..];
        rest = rest.strip_prefix('*').unwrap_or(rest);
        let mut fields = Vec::new();
        while let Some((end, start, colon)) = next(rest) {
            fields.push((label, clean(&rest[..end])));
            label = rest[start..colon].trim().to_string();
            rest = &rest[colon + 1..];
        }
        fields.push((label, clean(rest)));
        Some(fields)
    }

    proptest::proptest! {
        #[test]
        fn splits_like_the_former_splitter(line in "[ABa: *\\-\\u{a0}]{0,40}") {
            let owned = split_fields(&line)
                .map(|fs| fs.into_iter().map(|(l, v)| (l.to_string(), v.to_string())).collect());
            proptest::prop_assert_eq!(owned, reference(&line));
        }
    }
}

//! `Label: value` splitting and separator lines for the text readers.
//!
//! The two report formats draw these differently, so each has its own pair:
//! - CMS: [`split_label`] splits one field at the first colon; [`is_dash_rule`] is a run
//!   of five or more dashes.
//! - VA: [`split_fields`] splits a line holding several padded fields; [`is_rule`] is a
//!   line of `-`, `=`, `_` or `*`, three or more.

use crate::text::Trimmed;

/// Splits `Label: value` at the first colon; `None` when there is no colon or no label.
/// Expects a trimmed line (CMS).
pub(crate) fn split_label(trimmed: &str) -> Option<(&str, &str)> {
    let (label, value) = trimmed.split_once(':')?;
    let label = label.trimmed();
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

/// True for a line made only of `-`, `=`, `_` or `*` (and spaces), with at least three of
/// them (VA).
pub(crate) fn is_rule(line: &str) -> bool {
    let trimmed = line.trimmed();
    trimmed.len() >= 3
        && trimmed
            .chars()
            .all(|c| matches!(c, '-' | '=' | '_' | '*' | ' '))
}

/// True when `label` looks like a field label: starts with a letter, at most 60 characters,
/// made of letters, digits, spaces and a few punctuation marks.
fn is_label(label: &str) -> bool {
    let label = label.trimmed();
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

/// Splits a `Label: value` line into its fields; a line may hold several
/// (`Gender:  Male        Blood Type:  AB+`), each further label following two or more
/// spaces. Returns `None` when the line does not start with a label.
pub(crate) fn split_fields(line: &str) -> Option<Vec<(String, String)>> {
    let body = line.trimmed();
    let colon = body.find(':')?;
    let label = body.get(..colon)?;
    if !is_label(label) {
        return None;
    }
    let mut fields = Vec::new();
    let mut label = label.trimmed().trim_end_matches('*').trimmed().to_string();
    let mut rest = body.get(colon + 1..).unwrap_or_default();
    // `Reaction:*` marks a footnote; the star is not part of the value.
    rest = rest.strip_prefix('*').unwrap_or(rest);
    loop {
        match next_label(rest) {
            Some((value_end, next_label_start, next_colon)) => {
                let value = rest.get(..value_end).unwrap_or_default();
                fields.push((label, clean_value(value)));
                label = rest
                    .get(next_label_start..next_colon)
                    .unwrap_or_default()
                    .trimmed()
                    .to_string();
                rest = rest.get(next_colon + 1..).unwrap_or_default();
            }
            None => {
                fields.push((label, clean_value(rest)));
                return Some(fields);
            }
        }
    }
}

/// Finds a further `Label:` in a value: after a run of two or more spaces, a label ending
/// in a colon that is followed by a space or the end. Returns (end of the current value,
/// start of the label, position of its colon).
fn next_label(rest: &str) -> Option<(usize, usize, usize)> {
    let bytes = rest.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes.get(i) == Some(&b' ') && bytes.get(i + 1) == Some(&b' ') {
            let gap_start = i;
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            // Only when some value precedes the gap (else it is the label's padding).
            if rest
                .get(..gap_start)
                .is_some_and(|v| !v.trimmed().is_empty())
            {
                let tail = rest.get(i..).unwrap_or_default();
                if let Some(colon) = tail.find(':') {
                    let candidate = tail.get(..colon).unwrap_or_default();
                    let after = tail.get(colon + 1..).unwrap_or_default();
                    if is_label(candidate)
                        && candidate
                            .chars()
                            .next()
                            .is_some_and(|c| c.is_ascii_uppercase())
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

/// A field value with surrounding whitespace removed; `--` (the v12.6 "nothing" marker)
/// is empty.
fn clean_value(value: &str) -> String {
    let value = value.trimmed();
    if value == "--" {
        String::new()
    } else {
        value.to_string()
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
        assert!(is_rule("  ===== "));
        assert!(is_rule("---"));
        assert!(is_rule("-- ** --"));
        assert!(!is_rule("--"));
        assert!(!is_rule("-- x --"));
    }

    #[test]
    fn fields_split_on_labels() {
        assert_eq!(
            split_fields("Allergy Name:        IMIPRAMINE "),
            Some(vec![("Allergy Name".into(), "IMIPRAMINE".into())])
        );
        assert_eq!(
            split_fields("Gender:  Male        Blood Type:  AB+    Organ Donor: Yes"),
            Some(vec![
                ("Gender".into(), "Male".into()),
                ("Blood Type".into(), "AB+".into()),
                ("Organ Donor".into(), "Yes".into()),
            ])
        );
        assert_eq!(
            split_fields("Start Date: 01 Jan 2009                 Stop Date: "),
            Some(vec![
                ("Start Date".into(), "01 Jan 2009".into()),
                ("Stop Date".into(), String::new())
            ])
        );
        assert_eq!(
            split_fields("Reaction:*      None Reported"),
            Some(vec![("Reaction".into(), "None Reported".into())])
        );
        assert_eq!(
            split_fields("Comments:             -- "),
            Some(vec![("Comments".into(), String::new())])
        );
        assert_eq!(split_fields("BOTTLE "), None);
        assert_eq!(split_fields("CEFAZOLIN.....................  S"), None);
        assert_eq!(split_fields("  (12.5/18.75 MG): x"), None);
    }
}

//! The line stream: 1-based line numbers over CRLF, LF or lone-CR input, banner headers,
//! separator lines, and `Label: value` splitting.

/// One input line without its terminator, with its 1-based number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub(crate) number: u32,
    /// The line's text, without `\r`/`\n`.
    pub(crate) text: &'a str,
}

/// Splits text into lines at `\r\n`, `\n` or a lone `\r`, numbering them from 1.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut rest = text;
    let mut number = 0u32;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        number = number.saturating_add(1);
        let end = rest.find(['\r', '\n']).unwrap_or(rest.len());
        let line = rest.get(..end).unwrap_or_default();
        let after = rest.get(end..).unwrap_or_default();
        // `\r\n`, `\n`, a lone `\r`, and `\r\r\n` (a doubled carriage return left by a
        // second conversion) each end one line.
        let after_cr = after.trim_start_matches('\r');
        rest = if let Some(next) = after_cr.strip_prefix('\n') {
            next
        } else if let Some(next) = after.strip_prefix('\r') {
            next
        } else {
            after
        };
        Some(Line { number, text: line })
    })
}

/// The title of a banner header such as `------ VA ALLERGIES ------`, if the line is one.
///
/// A header starts at column 1 with at least five dashes, ends with dashes, and holds a
/// title with at least one letter between them.
pub(crate) fn header_title(line: &str) -> Option<&str> {
    let trimmed = line.trim_end();
    if !trimmed.starts_with("-----") || !trimmed.ends_with("---") {
        return None;
    }
    let inner = trimmed.trim_matches('-').trim();
    if inner.is_empty() || !inner.chars().any(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    // Titles are words, not tables: no runs of dashes inside.
    if inner.contains("---") || inner.starts_with(':') {
        return None;
    }
    Some(inner)
}

/// True for a line made only of `-`, `=`, `_` or `*` (and spaces), with at least three of them.
pub(crate) fn is_separator(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.len() >= 3
        && trimmed
            .chars()
            .all(|c| matches!(c, '-' | '=' | '_' | '*' | ' '))
}

/// True when `label` looks like a field label: starts with a letter, at most 60 characters,
/// made of letters, digits, spaces and a few punctuation marks.
fn is_label(label: &str) -> bool {
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

/// Splits a `Label: value` line into its fields; a line may hold several
/// (`Gender:  Male        Blood Type:  AB+`), each further label following two or more
/// spaces. Returns `None` when the line does not start with a label.
pub(crate) fn split_fields(line: &str) -> Option<Vec<(String, String)>> {
    let body = line.trim();
    let colon = body.find(':')?;
    let label = body.get(..colon)?;
    if !is_label(label) {
        return None;
    }
    let mut fields = Vec::new();
    let mut label = label.trim().trim_end_matches('*').trim().to_string();
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
                    .trim()
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
            if rest.get(..gap_start).is_some_and(|v| !v.trim().is_empty()) {
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
    let value = value.trim();
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
    fn lines_number_crlf_lf_and_cr() {
        let got: Vec<(u32, &str)> = lines("a\r\nb\nc\rd").map(|l| (l.number, l.text)).collect();
        assert_eq!(got, vec![(1, "a"), (2, "b"), (3, "c"), (4, "d")]);
        let blank: Vec<&str> = lines("a\r\n\r\nb\r\n").map(|l| l.text).collect();
        assert_eq!(blank, vec!["a", "", "b"]);
        let doubled: Vec<&str> = lines("a\r\r\nb\r\r\n").map(|l| l.text).collect();
        assert_eq!(doubled, vec!["a", "b"]);
        let lone: Vec<&str> = lines("a\r\rb").map(|l| l.text).collect();
        assert_eq!(lone, vec!["a", "", "b"]);
    }

    #[test]
    fn headers_are_recognised() {
        assert_eq!(
            header_title("--------------- VA ALLERGIES ---------------"),
            Some("VA ALLERGIES")
        );
        assert_eq!(
            header_title(
                "------------------ SELF REPORTED TREATMENT FACILITIES--------------------"
            ),
            Some("SELF REPORTED TREATMENT FACILITIES")
        );
        assert_eq!(
            header_title("------ : ------ : ------ 150 H     N/A  -----  N/A"),
            None
        );
        assert_eq!(header_title("-----------------------------"), None);
        assert_eq!(header_title("   ---- INDENTED ----"), None);
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

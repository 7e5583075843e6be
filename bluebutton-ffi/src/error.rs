//! The one error Kotlin and Swift callers see, and its mapping from the parser's error.
//!
//! Messages come from `bluebutton-parse` and never hold patient data: they cite formats, tag
//! names, template ids and positions only.

use bluebutton_model::InputKind;
use bluebutton_parse::{ErrorKind, ParseError};

/// Why an input could not be read (Kotlin: `BlueButtonException` and one subclass per
/// variant; Swift: `BlueButtonError`). Every variant has a `reason` in words; `line` and
/// `column` are 1-based. Kotlin's `toString()` and Swift's `description` give the whole
/// message with its position; Kotlin's `message` lists the fields (`reason=..., line=3`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
#[uniffi::export(Display)]
pub enum BlueButtonError {
    /// The input is empty or only white space.
    #[error("{reason}")]
    Empty {
        /// What went wrong, in words; never patient data.
        reason: String,
    },
    /// The input is not a health record: HTML, PDF, other JSON or XML, unknown text.
    #[error("{reason}")]
    NotAHealthRecord {
        /// What went wrong, in words; never patient data.
        reason: String,
        /// What the input was detected as.
        input: InputKind,
    },
    /// The input is not well-formed XML or JSON; `line` and `column` (1-based) say where.
    #[error("{reason}{}", position(*.line, *.column))]
    Malformed {
        /// What went wrong, in words; never patient data.
        reason: String,
        /// 1-based line of the problem, when known.
        line: Option<u32>,
        /// 1-based column of the problem, when known.
        column: Option<u32>,
    },
    /// A health-record format, but incomplete: a bare section, a header with no body.
    #[error("{reason}")]
    Incomplete {
        /// What went wrong, in words; never patient data.
        reason: String,
        /// What the input was detected as.
        input: InputKind,
    },
    /// A recognised format or version this library does not read (FHIR STU3, ...).
    #[error("{reason}")]
    Unsupported {
        /// What went wrong, in words; never patient data.
        reason: String,
        /// What the input was detected as.
        input: InputKind,
    },
    /// The input exceeds a safety limit (nesting depth, size, entity declarations).
    #[error("{reason}{}", position(*.line, *.column))]
    LimitExceeded {
        /// What went wrong, in words; never patient data.
        reason: String,
        /// 1-based line of the problem, when known.
        line: Option<u32>,
        /// 1-based column of the problem, when known.
        column: Option<u32>,
    },
    /// The input's bytes are not valid in its encoding.
    #[error("{reason}{}", position(*.line, *.column))]
    Encoding {
        /// What went wrong, in words; never patient data.
        reason: String,
        /// 1-based line of the problem, when known.
        line: Option<u32>,
        /// 1-based column of the problem, when known.
        column: Option<u32>,
    },
    /// Any other failure (a kind newer than this binding).
    #[error("{reason}")]
    Other {
        /// What went wrong, in words; never patient data.
        reason: String,
    },
}

fn position(line: Option<u32>, column: Option<u32>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
        (Some(l), None) => format!(" (line {l})"),
        _ => String::new(),
    }
}

impl From<ParseError> for BlueButtonError {
    fn from(e: ParseError) -> Self {
        let reason = e.message().to_owned();
        let (line, column, input) = (e.line(), e.column(), e.input());
        match e.kind() {
            ErrorKind::Empty => Self::Empty { reason },
            ErrorKind::NotAHealthRecord => Self::NotAHealthRecord { reason, input },
            ErrorKind::Malformed => Self::Malformed {
                reason,
                line,
                column,
            },
            ErrorKind::Incomplete => Self::Incomplete { reason, input },
            ErrorKind::UnsupportedVersion | ErrorKind::UnsupportedFormat => {
                Self::Unsupported { reason, input }
            }
            ErrorKind::LimitExceeded => Self::LimitExceeded {
                reason,
                line,
                column,
            },
            ErrorKind::Encoding => Self::Encoding {
                reason,
                line,
                column,
            },
            _ => Self::Other {
                reason: e.to_string(),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positioned_kinds_keep_line_column_and_the_parser_text() {
        let e =
            ParseError::new(ErrorKind::Malformed, InputKind::MalformedXml, "bad end tag").at(3, 9);
        let text = e.to_string();
        let mapped = BlueButtonError::from(e);
        assert_eq!(
            mapped,
            BlueButtonError::Malformed {
                reason: "bad end tag".into(),
                line: Some(3),
                column: Some(9)
            }
        );
        assert_eq!(mapped.to_string(), text);
    }

    #[test]
    fn each_kind_maps_to_its_variant() {
        let cases = [
            (ErrorKind::Empty, "Empty"),
            (ErrorKind::NotAHealthRecord, "NotAHealthRecord"),
            (ErrorKind::Malformed, "Malformed"),
            (ErrorKind::Incomplete, "Incomplete"),
            (ErrorKind::UnsupportedVersion, "Unsupported"),
            (ErrorKind::UnsupportedFormat, "Unsupported"),
            (ErrorKind::LimitExceeded, "LimitExceeded"),
            (ErrorKind::Encoding, "Encoding"),
        ];
        for (kind, variant) in cases {
            let mapped = BlueButtonError::from(ParseError::new(kind, InputKind::Html, "why"));
            assert!(
                format!("{mapped:?}").starts_with(variant),
                "{kind:?} -> {mapped:?}"
            );
            assert_eq!(mapped.to_string(), "why");
        }
    }

    #[test]
    fn the_detected_input_reaches_not_a_health_record() {
        let e = ParseError::new(
            ErrorKind::NotAHealthRecord,
            InputKind::Pdf,
            "a PDF document",
        );
        assert!(matches!(
            BlueButtonError::from(e),
            BlueButtonError::NotAHealthRecord {
                input: InputKind::Pdf,
                ..
            }
        ));
    }
}

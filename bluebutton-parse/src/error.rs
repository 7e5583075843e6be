//! The error every reader returns.
//!
//! **No patient data in errors.** Messages cite formats, tag names, template ids and
//! positions, never element text or attribute values (names, dates of birth, identifiers).
//! The same rule holds for the warnings readers attach to records.

use bluebutton_model::InputKind;

/// What went wrong, in a few kinds that callers can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is empty or only white space.
    Empty,
    /// The input is not a health record (HTML, PDF, other JSON or XML, unknown text).
    NotAHealthRecord,
    /// The input is not well-formed (XML or JSON syntax); the position says where.
    Malformed,
    /// The input is a health-record format but incomplete: a bare section, a header with
    /// no body.
    Incomplete,
    /// The format is recognised but this version is not supported (FHIR STU3, DSTU2).
    UnsupportedVersion,
    /// The format is recognised but not read by this version of the library.
    UnsupportedFormat,
    /// The input exceeds a safety limit (nesting depth, size, entity declarations).
    LimitExceeded,
    /// The input's bytes are not valid in its encoding.
    Encoding,
}

impl ErrorKind {
    /// A stable snake_case name for the kind, for bindings and logs.
    pub fn slug(self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::NotAHealthRecord => "not_a_health_record",
            ErrorKind::Malformed => "malformed",
            ErrorKind::Incomplete => "incomplete",
            ErrorKind::UnsupportedVersion => "unsupported_version",
            ErrorKind::UnsupportedFormat => "unsupported_format",
            ErrorKind::LimitExceeded => "limit_exceeded",
            ErrorKind::Encoding => "encoding",
        }
    }
}

/// An input that could not be read into a record.
///
/// ```
/// let err = bluebutton_parse::parse(b"<?xml version='1.0'?><a><b></a>").unwrap_err();
/// assert_eq!(err.kind(), bluebutton_parse::ErrorKind::Malformed);
/// assert!(err.line().is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}{}", position_suffix(*.line, *.column))]
pub struct ParseError {
    kind: ErrorKind,
    input: InputKind,
    message: String,
    line: Option<u32>,
    column: Option<u32>,
}

fn position_suffix(line: Option<u32>, column: Option<u32>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!(" (line {l}, column {c})"),
        (Some(l), None) => format!(" (line {l})"),
        _ => String::new(),
    }
}

impl ParseError {
    /// The error for an input larger than [`crate::MAX_INPUT_BYTES`], detected as `input`
    /// (for callers that find an input too large before reading all of it, such as the
    /// command line).
    pub fn too_large(input: InputKind) -> Self {
        ParseError::new(
            ErrorKind::LimitExceeded,
            input,
            format!(
                "the input is larger than {} MiB, the most this library reads",
                crate::MAX_INPUT_BYTES / (1024 * 1024)
            ),
        )
    }

    /// A new error of `kind` about an input detected as `input`.
    pub fn new(kind: ErrorKind, input: InputKind, message: impl Into<String>) -> Self {
        ParseError {
            kind,
            input,
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// The same error, located at a 1-based line and column.
    pub fn at(mut self, line: u32, column: u32) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// What the input was detected as.
    pub fn input(&self) -> InputKind {
        self.input
    }

    /// The message, without the position.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// 1-based line of the problem, when known.
    pub fn line(&self) -> Option<u32> {
        self.line
    }

    /// 1-based column of the problem, when known.
    pub fn column(&self) -> Option<u32> {
        self.column
    }
}

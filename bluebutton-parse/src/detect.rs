//! Format detection from the start of the input.

use crate::error::{ErrorKind, ParseError};
use bluebutton_model::{Detection, InputKind};

/// Names the format of `input` (placeholder: the detection issue replaces this).
pub fn detect(input: &[u8]) -> Detection {
    let kind = if input.iter().all(u8::is_ascii_whitespace) {
        InputKind::Empty
    } else if input.windows(17).any(|w| w == b"ClinicalDocument ") {
        InputKind::Ccda
    } else {
        InputKind::Unknown
    };
    Detection {
        kind,
        description: format!("{kind:?}"),
        ..Default::default()
    }
}

/// The error for an input that [`crate::parse`] will not read, from its detection.
pub(crate) fn refusal(detection: &Detection) -> ParseError {
    let kind = match detection.kind {
        InputKind::Empty => ErrorKind::Empty,
        _ => ErrorKind::NotAHealthRecord,
    };
    ParseError::new(kind, detection.kind, detection.description.clone())
}

//! Readers for every Blue Button format into one typed record.
//!
//! [`detect`] names what an input is from its first bytes; [`parse`] reads it into a
//! [`HealthRecord`]. Everything the reader cannot map is kept (narrative as notes, unknown
//! content in `other`) and whatever was odd is listed in the record's `warnings`.
//!
//! Primary items:
//! - [`parse`]: bytes in, [`HealthRecord`] out.
//! - [`detect`]: bytes in, a [`Detection`] out.
//! - [`ParseError`] with an [`ErrorKind`], and a line and column where they apply.
//!
//! # Quick start
//! ```
//! let xml = include_bytes!("../../examples/sample-ccd.xml");
//! let record = bluebutton_parse::parse(xml).unwrap();
//! assert_eq!(record.format.kind, bluebutton_parse::model::FormatKind::Ccda);
//! assert!(!record.allergies.is_empty());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod ccda;
mod detect;
mod error;
mod xml;

pub use bluebutton_model as model;
pub use bluebutton_model::{Detection, HealthRecord, InputKind};
pub use detect::detect;
pub use error::{ErrorKind, ParseError};

/// Reads a health record in any supported format.
///
/// The format is detected from the input itself (see [`detect`]).
///
/// # Errors
/// A [`ParseError`] when the input is not a health record, is malformed, or is a format or
/// version this library does not read.
pub fn parse(input: &[u8]) -> Result<HealthRecord, ParseError> {
    let detection = detect(input);
    match detection.kind {
        InputKind::Ccda => ccda::parse(input),
        _ => Err(detect::refusal(&detection)),
    }
}

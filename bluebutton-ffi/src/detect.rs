//! Format detection.

use bluebutton_model::Detection;

/// Names what `data` is (a health-record format, or what else it turned out to be) without
/// reading it into a record. Never fails: unrecognisable input is `InputKind.UNKNOWN`.
#[uniffi::export]
pub fn detect(data: Vec<u8>) -> Detection {
    bluebutton_parse::detect(&data)
}

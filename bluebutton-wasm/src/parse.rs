//! `parse`: bytes or text in, a `HealthRecord` object out.

use bluebutton_model::HealthRecord;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::{convert, error};

/// Reads a health record in any supported format.
///
/// `input` is the file's bytes (a `Uint8Array` or Node `Buffer`, preferred) or its text.
/// The result is a plain object equal to `JSON.parse` of the CLI's JSON output.
///
/// ```js
/// const record = parse(readFileSync('record.xml'));
/// record.format.kind; // "ccda"
/// ```
///
/// # Errors
/// Throws an `Error` named `BlueButtonError` with `kind` (for example `"malformed"`),
/// `line` and `column` (numbers, or `undefined`) when the input is not a record this
/// library reads, and a `TypeError` when `input` is neither a string nor a `Uint8Array`.
#[wasm_bindgen]
pub fn parse(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<Ts<HealthRecord>, JsValue> {
    crate::init();
    let bytes = convert::bytes(&input)?;
    let record = bluebutton_parse::parse(&bytes).map_err(|e| error::to_js(&e))?;
    convert::to_plain(&record)
}

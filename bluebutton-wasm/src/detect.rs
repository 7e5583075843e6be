//! `detect`: bytes or text in, a `Detection` object out.

use bluebutton_model::Detection;
use tsify::Ts;
use wasm_bindgen::prelude::*;

use crate::convert;

/// Tells what an input is: a health-record format, or what else it turned out to be.
///
/// ```js
/// detect('{"resourceType":"Bundle"}').kind; // "fhir_json"
/// ```
///
/// # Errors
/// Throws a `TypeError` when `input` is neither a string nor a `Uint8Array`.
#[wasm_bindgen]
pub fn detect(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
) -> Result<Ts<Detection>, JsValue> {
    crate::init();
    let bytes = convert::bytes(&input)?;
    convert::to_plain(&bluebutton_parse::detect(&bytes))
}

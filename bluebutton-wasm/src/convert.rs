//! The conversions at the JS boundary: the argument in, plain objects out.

use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

use crate::error;

/// The input's bytes: a string as UTF-8, a `Uint8Array` (or Node `Buffer`) as is.
pub(crate) fn bytes(input: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(text) = input.as_string() {
        Ok(text.into_bytes())
    } else if let Some(array) = input.dyn_ref::<Uint8Array>() {
        Ok(array.to_vec())
    } else {
        Err(js_sys::TypeError::new("input must be a string or a Uint8Array").into())
    }
}

/// The value as a plain JS object, exactly `JSON.parse` of its serde JSON form (the CLI's
/// output): empty fields stay omitted, and no prototype other than `Object.prototype`.
pub(crate) fn to_plain<T: serde::Serialize + tsify::Tsify>(
    value: &T,
) -> Result<tsify::Ts<T>, JsValue> {
    let json = serde_json::to_string(value).map_err(|e| error::internal(&e.to_string()))?;
    Ok(tsify::Ts::new_unchecked(js_sys::JSON::parse(&json)?))
}

//! The one place where Rust errors become JS errors.
//!
//! A [`ParseError`] becomes a real JS `Error` (named `BlueButtonError`) whose `message` is
//! the Rust error's text, with these properties:
//! - `kind`: the [`ErrorKind`](bluebutton_parse::ErrorKind) slug (`"empty"`, `"malformed"`, ...);
//! - `input`: what the input was detected as (an `InputKind` string such as `"xml"`);
//! - `line`, `column`: 1-based numbers, or `undefined` when not known.
//!
//! Messages never contain patient data: the core guarantees it and nothing is added here.

use bluebutton_parse::ParseError;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const ERROR_TS: &str = r#"
/** What `parse` throws: an `Error` named `BlueButtonError`. */
export interface BlueButtonError extends Error {
  /** What went wrong: `"empty"`, `"not_a_health_record"`, `"malformed"`, `"incomplete"`, ... */
  kind: string;
  /** What the input was detected as. */
  input: InputKind;
  /** 1-based line of the problem, when known. */
  line?: number;
  /** 1-based column of the problem, when known. */
  column?: number;
}
"#;

/// The JS `Error` thrown for a parse error.
pub(crate) fn to_js(err: &ParseError) -> JsValue {
    let input = serde_json::to_value(err.input())
        .ok()
        .and_then(|v| v.as_str().map(JsValue::from))
        .unwrap_or(JsValue::UNDEFINED);
    error_with(
        &err.to_string(),
        &[
            ("kind", JsValue::from_str(err.kind().slug())),
            ("input", input),
            ("line", optional_number(err.line())),
            ("column", optional_number(err.column())),
        ],
    )
}

/// The JS `Error` thrown when the binding itself fails (not expected to happen).
pub(crate) fn internal(message: &str) -> JsValue {
    error_with(message, &[("kind", JsValue::from_str("internal"))])
}

fn optional_number(n: Option<u32>) -> JsValue {
    n.map_or(JsValue::UNDEFINED, JsValue::from)
}

fn error_with(message: &str, props: &[(&str, JsValue)]) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("BlueButtonError");
    for (key, value) in props {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str(key), value);
    }
    error.into()
}

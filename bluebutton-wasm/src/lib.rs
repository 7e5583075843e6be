//! JavaScript bindings for the Blue Button parser, built with wasm-bindgen.
//!
//! This crate converts and nothing else: [`parse`] and [`detect`] call `bluebutton-parse`,
//! hand the result to JavaScript as a plain object equal to the CLI's JSON (serde's JSON form,
//! with empty fields left out), and turn a parse error into a thrown JS `Error`
//! (see `error.rs`). TypeScript declarations for every model type come from the model's
//! `tsify` feature. `build.sh` builds `pkg/node` (CommonJS) and `pkg/web` (ES module).
//!
//! Primary items:
//! - [`parse`]: a string or `Uint8Array` in, a `HealthRecord` object out.
//! - [`detect`]: a string or `Uint8Array` in, a `Detection` object out.
//! - [`to_fhir`] (`toFhir`): a record in, a FHIR R4 Bundle (JSON text) out.
//!
//! # Example (JavaScript)
//! ```js
//! const { readFileSync } = require('node:fs');
//! const { parse } = require('./pkg/node/bluebutton_wasm.js');
//!
//! try {
//!   const record = parse(readFileSync('sample-ccd.xml'));
//!   console.log(record.allergies.length);
//! } catch (e) {
//!   console.error(e.kind, e.line, e.column, e.message);
//! }
//! ```
#![deny(missing_docs)]

mod convert;
mod detect;
mod error;
mod fhir;
mod parse;

pub use detect::detect;
pub use fhir::to_fhir;
pub use parse::parse;

/// Installs the panic hook on first use, so a panic shows its message in `console.error`.
/// (Not `#[wasm_bindgen(start)]`: that would also export a `start` function.)
fn init() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

//! `toFhir`: a record, as `parse` returns it, written as a FHIR R4 Bundle.

use bluebutton_model::HealthRecord;
use wasm_bindgen::prelude::*;

/// Writes a record (the object `parse` returns) as a FHIR R4 Bundle of type `collection`,
/// in JSON text: the same output as `bluebutton parse FILE --to fhir`.
///
/// ```js
/// const bundle = JSON.parse(toFhir(parse(readFileSync('record.xml'))));
/// bundle.resourceType; // "Bundle"
/// ```
///
/// # Errors
/// Throws a `TypeError` when `record` is not a record as `parse` returns it.
#[wasm_bindgen(js_name = toFhir)]
pub fn to_fhir(
    #[wasm_bindgen(unchecked_param_type = "HealthRecord")] record: JsValue,
) -> Result<String, JsValue> {
    crate::init();
    let json: String = js_sys::JSON::stringify(&record)?.into();
    let record: HealthRecord = serde_json::from_str(&json).map_err(|_| {
        JsValue::from(js_sys::TypeError::new(
            "toFhir takes a record as parse returns it",
        ))
    })?;
    Ok(bluebutton_parse::to_fhir(&record))
}

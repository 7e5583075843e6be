//! The JSON Schema kept in `schema/health-record.schema.json` is the one the types generate.
//!
//! `UPDATE_SCHEMA=1 cargo test -p bluebutton-model --test schema` rewrites it.

use std::path::Path;

#[test]
fn committed_schema_is_up_to_date() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/health-record.schema.json");
    let generated = serde_json::to_string_pretty(&bluebutton_model::json_schema()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "schema/health-record.schema.json is out of date: run UPDATE_SCHEMA=1 cargo test -p bluebutton-model --test schema"
    );
}

#[test]
fn schema_requires_every_top_level_key() {
    let schema = serde_json::to_value(bluebutton_model::json_schema()).unwrap();
    let required: Vec<&str> = schema["required"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    for key in [
        "format",
        "document",
        "patient",
        "allergies",
        "medications",
        "problems",
        "procedures",
        "results",
        "vitals",
        "immunizations",
        "encounters",
        "social_history",
        "plan_of_care",
        "goals",
        "health_concerns",
        "functional_status",
        "mental_status",
        "family_history",
        "medical_equipment",
        "advance_directives",
        "payers",
        "coverage",
        "claims",
        "care_team",
        "notes",
        "other",
        "warnings",
    ] {
        assert!(
            required.contains(&key),
            "{key} is not a required top-level key"
        );
    }
}

#[test]
fn empty_record_writes_every_top_level_key_and_nothing_else() {
    let json = serde_json::to_value(bluebutton_model::HealthRecord::default()).unwrap();
    let object = json.as_object().unwrap();
    assert_eq!(object.len(), 27);
    assert_eq!(json["format"], serde_json::json!({ "kind": "ccda" }));
    assert_eq!(json["patient"], serde_json::json!({}));
    assert_eq!(json["warnings"], serde_json::json!([]));
}

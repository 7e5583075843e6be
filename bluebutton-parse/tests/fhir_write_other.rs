//! The record's `other` items (what the source held with no place in the model, kept
//! whole) written as FHIR Basic resources and read back:
//!
//! - every item of every corpus record (FHIR, C-CDA, C32, VA and CMS text) comes back
//!   from `to_fhir` with its kind, code, title, text and content, in order, and nothing
//!   else is kept in `other` (what the Bundle holds for the record's other fields, the
//!   header's attesters and service performers and a report's Specimen included, is read
//!   back into them); a FHIR resource's content is written as `application/fhir+json`;
//! - an item's fields each have their place in the Basic (its code or the project's code
//!   for an item without one, the `other-item` extension's parts, a content type from
//!   what the content holds);
//! - property: any list of items (text with quotes, escapes, control characters and
//!   non-ASCII, JSON, XML) comes back exactly;
//! - a Basic from elsewhere (without the project's extension) is kept whole, as before.

use bluebutton_parse::model::{Coded, HealthRecord, OtherItem, Source, WarningCode};
use bluebutton_parse::{parse, to_fhir};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

mod corpus_files;

use corpus_files::all_files as files;

fn corpus(folder: &str) -> PathBuf {
    corpus_files::corpus_dir().join(folder)
}

/// The OIDs of the code systems FHIR names by a URI, as the writer names them.
fn normalise(system: &str) -> String {
    let bare = system.strip_prefix("urn:oid:").unwrap_or(system);
    match bare {
        "2.16.840.1.113883.6.96" => "http://snomed.info/sct",
        "2.16.840.1.113883.6.1" => "http://loinc.org",
        "2.16.840.1.113883.6.88" => "http://www.nlm.nih.gov/research/umls/rxnorm",
        other => other,
    }
    .to_string()
}

/// A code as FHIR holds it: each coding's code, system and display, and the text.
fn fhir_code(c: Option<&Coded>) -> Option<Vec<String>> {
    let c = c?;
    let mut parts = vec![
        format!(
            "{:?} {:?} {:?}",
            c.code,
            c.system.as_deref().map(normalise),
            c.display
        ),
        format!("text {:?}", c.original_text),
    ];
    parts.extend(c.translations.iter().map(|t| {
        format!(
            "{:?} {:?} {:?}",
            t.code,
            t.system.as_deref().map(normalise),
            t.display
        )
    }));
    Some(parts)
}

/// The differences between an item and the item read back, by field.
fn differences(a: &OtherItem, b: &OtherItem) -> Vec<&'static str> {
    let mut out = Vec::new();
    if a.kind != b.kind {
        out.push("kind");
    }
    if fhir_code(a.code.as_ref()) != fhir_code(b.code.as_ref()) {
        out.push("code");
    }
    if a.title != b.title {
        out.push("title");
    }
    if a.text != b.text {
        out.push("text");
    }
    if a.content != b.content {
        out.push("content");
    }
    if a.source.codes != b.source.codes || a.source.template_ids != b.source.template_ids {
        out.push("source");
    }
    out
}

/// The Basic resources of a Bundle.
fn basics(bundle: &Value) -> Vec<&Value> {
    bundle["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| &e["resource"])
        .filter(|r| r["resourceType"] == "Basic")
        .collect()
}

/// The `contentType` of a Basic's content (the `other-item` extension's `content` part).
fn content_type(basic: &Value) -> Option<&str> {
    basic["extension"]
        .as_array()?
        .iter()
        .filter(|e| {
            e["url"]
                .as_str()
                .is_some_and(|u| u.ends_with("/other-item"))
        })
        .flat_map(|e| e["extension"].as_array().into_iter().flatten())
        .find(|p| p["url"] == "content")?["valueAttachment"]["contentType"]
        .as_str()
}

/// Whether text is a FHIR resource (a JSON object with a `resourceType`).
fn is_resource(text: &str) -> bool {
    serde_json::from_str::<Value>(text).is_ok_and(|v| v["resourceType"].is_string())
}

#[test]
fn every_corpus_records_other_items_come_back_from_its_bundle() {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut resources = 0;
    let mut further: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut lost: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for folder in ["fhir", "ccda", "c32", "va-text", "cms-text"] {
        let mut paths = Vec::new();
        files(&corpus(folder), &mut paths);
        for path in &paths {
            let name = path.display().to_string();
            // STU3 files are refused with an error: no record to write.
            let Ok(first) = parse(&std::fs::read(path).expect("read")) else {
                continue;
            };
            let text = to_fhir(&first);
            let bundle: Value = serde_json::from_str(&text).expect("Bundle JSON");
            let written = basics(&bundle);
            assert_eq!(written.len(), first.other.len(), "{name}: Basic resources");
            for (item, basic) in first.other.iter().zip(&written) {
                if item.content.as_deref().is_some_and(is_resource) {
                    resources += 1;
                    assert_eq!(content_type(basic), Some("application/fhir+json"), "{name}");
                }
            }
            let second = parse(text.as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
            // Record → FHIR → record: `other` holds the same items and nothing more (what
            // the writer wrote for the record's other fields, the people and
            // organizations of the header included, is read back into them).
            let extra: Vec<String> = second
                .other
                .iter()
                .skip(first.other.len())
                .map(|o| o.kind.clone().unwrap_or_default())
                .collect();
            if !extra.is_empty() {
                further.insert(name.clone(), extra);
            }
            assert!(second.other.len() >= first.other.len(), "{name}: other");
            for (i, (a, b)) in first.other.iter().zip(&second.other).enumerate() {
                for field in differences(a, b) {
                    lost.entry(name.clone())
                        .or_default()
                        .push(format!("other[{i}].{field}"));
                }
            }
            *counts.entry(folder).or_default() += first.other.len();
        }
    }
    eprintln!("other items compared: {counts:?}; {resources} FHIR resources");
    assert!(
        further.is_empty(),
        "further resources kept whole: {further:#?}"
    );
    assert!(lost.is_empty(), "changed in the round trip: {lost:#?}");
    assert!(counts.get("fhir").is_some_and(|n| *n > 100), "{counts:?}");
    assert!(resources > 100, "{resources}");
}

/// A record holding only `other`.
fn record(other: Vec<OtherItem>) -> HealthRecord {
    HealthRecord {
        other,
        ..Default::default()
    }
}

#[test]
fn each_field_of_an_item_has_its_place_in_the_basic() {
    let items = vec![
        OtherItem {
            kind: Some("entry".into()),
            text: Some("Seen in clinic.\n  Follow up.".into()),
            source: Source {
                template_ids: vec!["2.16.840.1.113883.10.20.22.4.64".into()],
                ..Default::default()
            },
            ..Default::default()
        },
        OtherItem {
            kind: Some("act".into()),
            code: Some(Coded {
                code: Some("48767-8".into()),
                system: Some("http://loinc.org".into()),
                display: Some("Annotation comment".into()),
                ..Default::default()
            }),
            title: Some("Comment".into()),
            content: Some("<act classCode=\"ACT\"><code code=\"48767-8\"/></act>".into()),
            ..Default::default()
        },
        OtherItem {
            content: Some("plain words < 5".into()),
            ..Default::default()
        },
    ];
    let original = record(items);
    let bundle: Value = serde_json::from_str(&to_fhir(&original)).expect("JSON");
    let written = basics(&bundle);
    assert_eq!(written.len(), 3);
    let patient = bundle["entry"][0]["fullUrl"].clone();
    for basic in &written {
        assert_eq!(basic["subject"]["reference"], patient);
    }
    // No code of its own: the project's code, the kind as the text.
    let kept = &written[0]["code"];
    assert_eq!(kept["coding"][0]["code"], "kept-whole");
    assert_eq!(kept["text"], "entry");
    assert_eq!(written[1]["code"]["coding"][0]["code"], "48767-8");
    assert_eq!(written[2]["code"]["coding"][0]["code"], "kept-whole");
    assert_eq!(written[2]["code"]["text"], Value::Null);
    assert_eq!(content_type(written[0]), None);
    assert_eq!(content_type(written[1]), Some("application/xml"));
    assert_eq!(content_type(written[2]), Some("text/plain; charset=utf-8"));

    let again = parse(to_fhir(&original).as_bytes()).expect("reads");
    assert_eq!(again.other.len(), 3);
    for (a, b) in original.other.iter().zip(&again.other) {
        assert_eq!(differences(a, b), Vec::<&str>::new(), "{a:?} / {b:?}");
    }
    assert!(again.warnings.is_empty(), "{:?}", again.warnings);
}

/// Text that is not blank, with the characters JSON escapes and some that are not ASCII.
fn text() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9 \t\r\n\"\\\\/<>&{}\u{1}é中😀]{0,30}".prop_map(|t| format!("x{t}"))
}

/// Content as an item holds it: a FHIR resource's JSON, an XML fragment or plain text.
fn content() -> impl Strategy<Value = String> {
    prop_oneof![
        text().prop_map(
            |t| serde_json::json!({"resourceType": "Questionnaire", "title": t}).to_string()
        ),
        text().prop_map(|t| format!("<text>{}</text>", t.replace('<', "&lt;"))),
        text(),
    ]
}

/// An item with a kind or a content (an item with neither holds nothing to mark its
/// Basic as an item).
fn item() -> impl Strategy<Value = OtherItem> {
    let code = ("[0-9]{1,6}", proptest::option::of(text())).prop_map(|(code, display)| Coded {
        code: Some(code),
        system: Some("http://snomed.info/sct".into()),
        display,
        ..Default::default()
    });
    (
        proptest::option::of("[A-Za-z][A-Za-z0-9_-]{0,15}"),
        proptest::option::of(code),
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(content()),
    )
        .prop_filter("a kind or a content", |(kind, _, _, _, content)| {
            kind.is_some() || content.is_some()
        })
        .prop_map(|(kind, code, title, text, content)| OtherItem {
            kind,
            code,
            title,
            text,
            content,
            ..Default::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_items_come_back_exactly(items in proptest::collection::vec(item(), 1..5)) {
        let original = record(items);
        let again = parse(to_fhir(&original).as_bytes()).expect("reads");
        prop_assert_eq!(again.other.len(), original.other.len());
        for (a, b) in original.other.iter().zip(&again.other) {
            prop_assert_eq!(differences(a, b), Vec::<&str>::new(), "{:?} / {:?}", a, b);
        }
    }
}

#[test]
fn a_basic_from_elsewhere_is_kept_whole() {
    let json = r#"{"resourceType": "Basic", "id": "b1",
        "code": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/basic-resource-type", "code": "referral"}]},
        "subject": {"reference": "Patient/p1"}}"#;
    let record = parse(json.as_bytes()).expect("reads");
    assert_eq!(record.other.len(), 1);
    let item = &record.other[0];
    assert_eq!(item.kind.as_deref(), Some("Basic"));
    assert_eq!(item.content.as_deref(), Some(json));
    let code = item.code.as_ref().and_then(|c| c.code.as_deref());
    assert_eq!(code, Some("referral"));
    assert!(
        record
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::UnknownEntry && w.message.contains("Basic")),
        "{:?}",
        record.warnings
    );
}

#[test]
fn content_that_is_no_base64_text_is_left_out_with_a_warning() {
    let json = r#"{"resourceType": "Basic", "id": "b2",
        "extension": [{"url": "https://github.com/bluebutton-rs/bluebutton-rs/fhir/StructureDefinition/other-item",
            "extension": [{"url": "kind", "valueString": "entry"},
                {"url": "content", "valueAttachment": {"contentType": "text/plain", "data": "not base64!"}}]}],
        "code": {"text": "entry"}}"#;
    let record = parse(json.as_bytes()).expect("reads");
    assert_eq!(record.other.len(), 1);
    assert_eq!(record.other[0].kind.as_deref(), Some("entry"));
    assert_eq!(record.other[0].content, None);
    assert!(
        record
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::InvalidValue && w.message.contains("other-item")),
        "{:?}",
        record.warnings
    );
}

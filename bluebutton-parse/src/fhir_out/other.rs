//! The record's `other` items (what the source held with no place in the model, kept
//! whole) as Basic resources, which the FHIR reader reads back into `other`.
//!
//! `Basic.code` is the item's code; an item without one has the project's code
//! [`KEPT_CODE`] (in [`KEPT_SYSTEM`]) with its kind as the text. Its kind, title, text and
//! content are the parts of the project's `other-item` extension; the content is an
//! Attachment of its UTF-8 bytes in base64, whose `contentType` says what it holds (see
//! [`content_type`]). Its provenance is the `source-template` extension, as on every entry.
//! (An item holding nothing but a code has no part to write: its Basic is only that code,
//! and reads back as a Basic kept whole.)

use super::datatypes::{attachment, concept_opt};
use super::extensions::{self as ext, extension, put_extensions};
use super::json::{Obj, J};
use super::Writer;
use bluebutton_model::{Attachment, OtherItem};
use serde::Deserialize;

/// The project's CodeSystem of `Basic.code` for an item with no code of its own.
pub(crate) const KEPT_SYSTEM: &str =
    "https://github.com/bluebutton-rs/bluebutton-rs/fhir/CodeSystem/other-item";

/// The code of [`KEPT_SYSTEM`]: something the record kept whole.
const KEPT_CODE: &str = "kept-whole";

/// The project's extension holding an item's kind, title, text and content.
pub(crate) const OTHER_ITEM: &str = "other-item";

/// Writes every item of `other` as a Basic resource.
pub(super) fn write(w: &mut Writer<'_>) {
    for (i, item) in w.record.other.iter().enumerate() {
        let url = w.url(&format!("other/{i}"));
        let mut o = Writer::resource("Basic", &url);
        put_extensions(
            &mut o,
            other_item(item)
                .into_iter()
                .chain(ext::source_template(&item.source)),
        );
        // code is required (1..1).
        let code = concept_opt(item.code.as_ref()).unwrap_or_else(|| kept(item.kind.as_deref()));
        o.put("code", code).put("subject", w.subject());
        w.push(&url, o);
    }
}

/// The CodeableConcept of an item with no code: the project's code, the kind as text.
fn kept(kind: Option<&str>) -> J {
    let mut coding = Obj::new();
    coding
        .put_str("system", Some(KEPT_SYSTEM))
        .put_str("code", Some(KEPT_CODE))
        .put_str("display", Some("Kept whole"));
    let mut o = Obj::new();
    o.put("coding", J::Arr(vec![J::Obj(coding)]))
        .put_str("text", kind);
    J::Obj(o)
}

/// The `other-item` extension: complex, with the parts `kind`, `title`, `text`
/// (strings) and `content` (an Attachment). Nothing when the item has none of them.
fn other_item(item: &OtherItem) -> Option<J> {
    let mut parts: Vec<J> = [
        ("kind", &item.kind),
        ("title", &item.title),
        ("text", &item.text),
    ]
    .into_iter()
    .filter_map(|(name, s)| {
        s.as_deref()
            .and_then(J::str)
            .map(|v| extension(name, "String", v))
    })
    .collect();
    let content = item.content.as_deref().and_then(|c| {
        attachment(&Attachment {
            media_type: Some(content_type(c).to_string()),
            data: Some(c.to_string()),
            ..Default::default()
        })
    });
    parts.extend(content.map(|a| extension("content", "Attachment", a)));
    if parts.is_empty() {
        return None;
    }
    let mut o = Obj::new();
    o.put_str("url", Some(&ext::url(OTHER_ITEM)))
        .put("extension", J::Arr(parts));
    o.some()
}

/// A JSON object, as far as [`content_type`] looks: its `resourceType`.
#[derive(Deserialize)]
struct Head {
    /// The resource type, when the object names one.
    #[serde(rename = "resourceType")]
    resource_type: Option<String>,
}

/// What content holds, as a MIME type: `application/fhir+json` for a FHIR resource (a
/// JSON object with a `resourceType`), `application/json` for other JSON,
/// `application/xml` for an XML fragment (markup from its first character to its last),
/// else `text/plain`.
fn content_type(content: &str) -> &'static str {
    let t = content.trim();
    if t.starts_with('{') || t.starts_with('[') {
        if let Ok(head) = serde_json::from_str::<Head>(t) {
            if head.resource_type.is_some() {
                return "application/fhir+json";
            }
        }
        if serde_json::from_str::<serde::de::IgnoredAny>(t).is_ok() {
            return "application/json";
        }
    } else if t.starts_with('<') && t.ends_with('>') {
        return "application/xml";
    }
    "text/plain; charset=utf-8"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_follows_what_the_content_holds() {
        assert_eq!(
            content_type(" {\"resourceType\": \"Claim\", \"id\": \"1\"}\n"),
            "application/fhir+json"
        );
        assert_eq!(content_type("{\"a\": [1, 2]}"), "application/json");
        assert_eq!(content_type("[1, 2]"), "application/json");
        assert_eq!(content_type("{not json"), "text/plain; charset=utf-8");
        assert_eq!(
            content_type("<observation classCode=\"OBS\"/>"),
            "application/xml"
        );
        assert_eq!(content_type("< 5 mg"), "text/plain; charset=utf-8");
        assert_eq!(content_type("free text"), "text/plain; charset=utf-8");
    }
}

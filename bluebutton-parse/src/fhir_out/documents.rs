//! Notes as DocumentReferences: the text as a base64 `text/plain` attachment, further
//! attachments as further content.

use super::datatypes::{
    absent, attachment, concept_opt, first_point, identifiers, instant, party_reference, period,
    text_attachment,
};
use super::json::{Obj, J};
use super::Writer;

const PROFILE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference";

/// Writes every note.
pub(super) fn write(w: &mut Writer<'_>) {
    for (i, n) in w.record.notes.iter().enumerate() {
        let url = w.url(&format!("notes/{i}"));
        let mut o = Writer::profiled("DocumentReference", &url, &[PROFILE]);
        let mut content: Vec<J> = Vec::new();
        content.extend(
            n.text
                .as_deref()
                .and_then(|t| text_attachment(t, n.title.as_deref())),
        );
        content.extend(n.attachments.iter().filter_map(attachment));
        if content.is_empty() {
            // content is required (1..*): a note with neither text nor attachment has an
            // attachment that says its data is absent.
            content.push(absent(None));
        }
        let content = content.into_iter().map(|a| {
            let mut x = Obj::new();
            x.put("attachment", a);
            J::Obj(x)
        });
        let authors = n.authors.iter().filter_map(party_reference);
        let mut context = Obj::new();
        context.put("period", n.time.as_ref().and_then(period));
        o.put_all("identifier", identifiers(&n.ids))
            .put_str("status", Some("current"))
            .put("type", concept_opt(n.code.as_ref()))
            .put("subject", w.subject())
            .put(
                "date",
                n.time
                    .as_ref()
                    .and_then(first_point)
                    .and_then(instant)
                    .map(J::Str),
            )
            .put_all("author", authors)
            .put_str("description", n.title.as_deref())
            .put_all("content", content)
            .put("context", context.some());
        w.push(&url, o);
    }
}

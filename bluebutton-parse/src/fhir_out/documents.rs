//! Notes as DocumentReferences: the text as a base64 `text/plain` attachment, further
//! attachments as further content. Advance directives as US Core ADI DocumentReferences
//! (category LOINC 42348-3): the kind of directive as `type`, what it says as the
//! description, its documents as content, its verifier as authenticator.

use super::datatypes::{
    absent, attachment, concept_opt, first_point, fixed_concept, identifiers, instant, period,
    text_attachment,
};
use super::extensions::{self as ext, put_extensions};
use super::json::{Obj, J};
use super::Writer;

const PROFILE: &str = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-documentreference";

/// Writes every note and advance directive.
pub(super) fn write(w: &mut Writer<'_>) {
    directives(w);
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
        let authors = n.authors.iter().filter_map(|p| w.party(p));
        let mut context = Obj::new();
        context.put("period", n.time.as_ref().and_then(period));
        o.put_all("identifier", identifiers(&n.ids))
            .put_str("status", Some("current"))
            .put("type", concept_opt(n.code.as_ref()))
            .put("subject", w.subject())
            // A single time is the date (when it is an instant); a span is only the
            // context's period, so that both ends are read back.
            .put(
                "date",
                n.time
                    .as_ref()
                    .filter(|t| t.low.is_none() && t.high.is_none())
                    .and_then(first_point)
                    .and_then(instant)
                    .map(J::Str),
            )
            .put_all("author", authors)
            .put_str("description", n.title.as_deref())
            .put_all("content", content)
            .put("context", context.some());
        put_extensions(&mut o, ext::source_template(&n.source));
        w.authored(&url, &n.authors);
        w.push(&url, o);
    }
}

/// The LOINC code of advance directive documents, US Core's ADI category.
const ADI: &str = "42348-3";

/// Advance directives the record says exist (a negated one, saying the patient has none,
/// is no document and is left out).
fn directives(w: &mut Writer<'_>) {
    for (i, d) in w.record.advance_directives.iter().enumerate() {
        if d.negated {
            continue;
        }
        let url = w.url(&format!("advance_directives/{i}"));
        let mut o = Writer::profiled("DocumentReference", &url, &[PROFILE]);
        let says = d.value.as_ref().and_then(|v| {
            v.text.clone().or_else(|| {
                v.coded
                    .as_ref()
                    .and_then(|c| c.display.clone().or(c.original_text.clone()))
            })
        });
        let mut content: Vec<J> = d.documents.iter().filter_map(attachment).collect();
        if content.is_empty() {
            content.extend(
                d.text
                    .as_deref()
                    .or(says.as_deref())
                    .and_then(|t| text_attachment(t, None)),
            );
        }
        if content.is_empty() {
            content.push(absent(None));
        }
        let content = content.into_iter().map(|a| {
            let mut x = Obj::new();
            x.put("attachment", a);
            J::Obj(x)
        });
        let mut context = Obj::new();
        context.put("period", d.period.as_ref().and_then(period));
        let status = match d.status.as_deref() {
            Some("nullified" | "entered-in-error") => "entered-in-error",
            _ => "current",
        };
        // What the directive says, when it is more than text (the description holds
        // its words).
        let value = d
            .value
            .as_ref()
            .filter(|v| v.kind != bluebutton_model::ValueKind::Text);
        // A custodian that is a person is no Organization: it is the `custodian`
        // extension's Reference.
        let person_custodian = d
            .custodian
            .as_ref()
            .filter(|p| p.organization.is_none())
            .and_then(|p| ext::with_function(w.party(p), p.function.as_ref()))
            .map(|r| ext::reference("custodian", r));
        put_extensions(
            &mut o,
            ext::value("directive-value", value, w.ucum)
                .into_iter()
                .chain(person_custodian)
                // Its status observation's code has no element.
                .chain(ext::coded("directive-status", d.clinical_status.as_ref())),
        );
        o.put_all("identifier", identifiers(&d.ids))
            .put_str("status", Some(status))
            .put("type", concept_opt(d.code.as_ref()))
            .put(
                "category",
                J::Arr(vec![fixed_concept(
                    "http://loinc.org",
                    ADI,
                    Some("Advance healthcare directives"),
                )]),
            )
            .put("subject", w.subject())
            .put_all("author", d.authors.iter().filter_map(|p| w.party(p)))
            .put(
                "authenticator",
                d.verifiers
                    .iter()
                    .find_map(|p| ext::with_function(w.party(p), p.function.as_ref())),
            )
            .put(
                "custodian",
                d.custodian.as_ref().and_then(|p| {
                    let org = p.organization.as_ref().and_then(|org| w.organization(org));
                    ext::with_function(org, p.function.as_ref())
                }),
            )
            .put_str("description", says.as_deref())
            .put_all("content", content)
            .put("context", context.some());
        put_extensions(&mut o, ext::source_template(&d.source));
        w.authored(&url, &d.authors);
        w.push(&url, o);
    }
}

//! Markup: HTML, then XML. For XML, the root element and a CDA document's header say
//! what it is: C-CDA (with its version and document type), C32 / CCD R1, a bare section,
//! a header with no body or no patient, or some other XML.

use super::xml_scan::{self, attributes, local_name, Visitor};
use super::{found, position};
use bluebutton_model::{Detection, InputKind};

/// The description of an HTML rendering of a CDA document (the refusal adds a hint).
pub(super) const CDA_RENDERING: &str = "an HTML rendering of a clinical document (C-CDA)";
/// The description of an HTML page that looks like a Blue Button record.
pub(super) const BLUE_BUTTON_PAGE: &str = "an HTML page showing a Blue Button record";

const HL7_V3: &str = "urn:hl7-org:v3";
const FHIR_NS: &str = "http://hl7.org/fhir";
/// Every C-CDA template (section, entry, document).
const CCDA: &str = "2.16.840.1.113883.10.20.22.";
/// C-CDA document-level templates: `...22.1.N`.
const CCDA_DOCUMENT: &str = "2.16.840.1.113883.10.20.22.1.";
/// HITSP C32 document template.
const C32: &str = "2.16.840.1.113883.3.88.11.32.1";
/// Every HITSP template (C32, C83 sections and entries).
const HITSP: &str = "2.16.840.1.113883.3.88.11.";
/// HL7 CCD R1 (2007) and its sections and entries (`...10.20.1.N`).
const CCD_R1: &str = "2.16.840.1.113883.10.20.1";
/// Any HL7-registered template.
const HL7_OID: &str = "2.16.840.1.113883.";
/// C-CDA R2.1 and R2.0 template extensions.
const R21: &str = "2015-08-01";
const R20: &str = "2014-06-09";

/// Roots that are pieces of a clinical document rather than a document.
const FRAGMENT_ROOTS: &[&str] = &[
    "section",
    "structuredBody",
    "component",
    "entry",
    "observation",
    "act",
    "organizer",
    "substanceAdministration",
    "encounter",
    "procedure",
    "supply",
    "recordTarget",
    "patientRole",
];

/// C-CDA document types by the last number of their `2.16.840.1.113883.10.20.22.1.N`
/// template.
fn ccda_document_type(template: &str) -> Option<&'static str> {
    Some(match template.strip_prefix(CCDA_DOCUMENT)? {
        "1" => "US Realm Header",
        "2" => "CCD",
        "3" => "History and Physical",
        "4" => "Consultation Note",
        "5" => "Diagnostic Imaging Report",
        "6" => "Procedure Note",
        "7" => "Operative Note",
        "8" => "Discharge Summary",
        "9" => "Progress Note",
        "10" => "Unstructured Document",
        "13" => "Transfer Summary",
        "14" => "Referral Note",
        "15" => "Care Plan",
        _ => return None,
    })
}

/// Detects markup: HTML, or XML scanned and probed.
pub(super) fn detect_markup(text: &str, complete: bool) -> Detection {
    if let Some(html) = html(text) {
        return html;
    }
    let mut probe = Probe::default();
    let scanned = xml_scan::scan(text, complete, &mut probe);
    judge(text, scanned, probe)
}

/// The detection of scanned markup: where it breaks, or what the probe makes of it.
fn judge(text: &str, scanned: xml_scan::Scanned, probe: Probe<'_>) -> Detection {
    if let Some(e) = scanned.error {
        let (line, column) = position(text, e.offset);
        return Detection {
            kind: InputKind::MalformedXml,
            description: format!("XML that is not well-formed: {}", e.reason),
            line: Some(line),
            column: Some(column),
            ..Default::default()
        };
    }
    probe.classify(scanned.root_closed)
}

/// HTML: a `<!DOCTYPE html>` or an `<html>` (or `<head>`, `<body>`) first tag, after
/// any white space, comments and processing instructions.
fn html(text: &str) -> Option<Detection> {
    let mut rest = text.trim_start();
    loop {
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = after(comment, "-->")?.trim_start();
        } else if rest.starts_with("<?") {
            rest = after(rest, "?>")?.trim_start();
        } else {
            break;
        }
    }
    let head = rest.as_bytes().get(..15).unwrap_or(rest.as_bytes());
    let starts = |tag: &[u8]| {
        head.len() > tag.len()
            && head
                .get(..tag.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(tag))
            && head
                .get(tag.len())
                .is_some_and(|&c| c == b'>' || c.is_ascii_whitespace())
    };
    if !(starts(b"<!doctype html") || starts(b"<html") || starts(b"<head") || starts(b"<body")) {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let description = if text.contains(HL7_V3)
        || lower.contains("clinicaldocument")
        || lower.contains("cda release")
        || lower.contains("c-cda")
    {
        CDA_RENDERING
    } else if lower.contains("blue button") {
        BLUE_BUTTON_PAGE
    } else {
        "an HTML page"
    };
    Some(found(InputKind::Html, description))
}

/// The text after the first `closer` in `text`, as `split_once` finds it. Closers are
/// short: a memchr for their first byte and a compare beat a substring searcher's set-up.
fn after<'t>(text: &'t str, closer: &str) -> Option<&'t str> {
    let bytes = text.as_bytes();
    let first = *closer.as_bytes().first()?;
    let mut from = 0;
    loop {
        let at = from + memchr::memchr(first, bytes.get(from..)?)?;
        if bytes.get(at..at + closer.len()) == Some(closer.as_bytes()) {
            return text.get(at + closer.len()..);
        }
        from = at + 1;
    }
}

/// The root element, borrowed from the scanned text (no allocation per document).
#[derive(Debug, Default)]
struct Root<'t> {
    local: &'t str,
    namespace: Option<&'t str>,
}

#[derive(Debug)]
struct Template<'t> {
    root: &'t str,
    extension: Option<&'t str>,
}

/// The first `n` characters of `s`.
fn first_chars(s: &str, n: usize) -> &str {
    s.char_indices()
        .nth(n)
        .and_then(|(end, _)| s.get(..end))
        .unwrap_or(s)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Body {
    #[default]
    None,
    /// A `component` child of the root, body element not yet seen.
    Started,
    Structured,
    NonXml,
}

/// What the scan saw of a document's root and header.
#[derive(Debug, Default)]
struct Probe<'t> {
    root: Option<Root<'t>>,
    /// Whether the root is a `ClinicalDocument` (kept to spare a compare per element).
    is_document: bool,
    /// `templateId`s directly under the root, before the body (at most 64).
    header: Vec<Template<'t>>,
    /// Whether `header` holds a C-CDA document template.
    ccda_document: bool,
    record_target: bool,
    body: Body,
    /// C-CDA templates anywhere in the window, and their extensions.
    ccda_any: bool,
    ccda_r21: bool,
    ccda_r20: bool,
    ccda_unversioned: bool,
    /// HITSP or CCD R1 templates anywhere in the window.
    c32_any: bool,
    /// Any HL7 template anywhere in the window.
    hl7_any: bool,
}

impl<'t> Visitor<'t> for Probe<'t> {
    /// Collects the root and header; stops at the body's first element, since a CDA
    /// header comes before its body and the reader checks the rest.
    #[inline]
    fn start(&mut self, depth: usize, name: &'t str, attrs: &'t str) -> bool {
        // Most of a header is deeper than the root's grandchildren, where only templateIds
        // matter: one compare of the name's end tells.
        if depth > 0 && is_local(name, "templateId") {
            self.template(depth, attrs);
            true
        } else if depth > 2 {
            true
        } else {
            self.near_root(depth, name, attrs)
        }
    }

    /// Once the header names a C-CDA document template, the kind, version and document
    /// type are settled: what remains to find (the recordTarget, the body) are the root's
    /// children and grandchildren, and templates deeper down no longer count.
    fn skims_deep(&self) -> bool {
        self.is_document && self.ccda_document
    }
}

/// Whether the local name of `name` (its part after any prefix) is `local`, without
/// looking for the prefix: one compare of the name's end.
fn is_local(name: &str, local: &str) -> bool {
    name.ends_with(local)
        && (name.len() == local.len()
            || name.as_bytes().get(name.len() - local.len() - 1) == Some(&b':'))
}

impl<'t> Probe<'t> {
    /// The root, its children and grandchildren other than templateIds: the root's name
    /// and namespace, the recordTarget and the body.
    fn near_root(&mut self, depth: usize, name: &'t str, attrs: &'t str) -> bool {
        if depth == 0 {
            let local = local_name(name);
            let prefix = name.rsplit_once(':').map(|(prefix, _)| prefix);
            let namespace = attributes(attrs)
                .find(|(attr, _)| match prefix {
                    Some(p) => attr.strip_prefix("xmlns:") == Some(p),
                    None => *attr == "xmlns",
                })
                .map(|(_, uri)| uri);
            let local = first_chars(local, 64);
            self.is_document = local == "ClinicalDocument";
            self.root = Some(Root { local, namespace });
            return true;
        }
        let started = self.body == Body::Started;
        if depth == 1 && is_local(name, "recordTarget") {
            self.record_target = true;
        } else if depth == 1 && self.body == Body::None && is_local(name, "component") {
            self.body = Body::Started;
        } else if depth == 2 && started && is_local(name, "structuredBody") {
            self.body = Body::Structured;
            return !self.is_document;
        } else if depth == 2 && started && is_local(name, "nonXMLBody") {
            self.body = Body::NonXml;
            return !self.is_document;
        }
        true
    }

    fn template(&mut self, depth: usize, attrs: &'t str) {
        let (mut root, mut extension) = (None, None);
        for (attr, value) in attributes(attrs) {
            match attr {
                "root" => root = Some(value.trim()),
                "extension" => extension = Some(value.trim()),
                _ => {}
            }
        }
        let Some(root) = root else { return };
        if root.starts_with(HL7_OID) {
            self.hl7_any = true;
        }
        if root.starts_with(CCDA) {
            self.ccda_any = true;
            match extension {
                Some(R21) => self.ccda_r21 = true,
                Some(R20) => self.ccda_r20 = true,
                None => self.ccda_unversioned = true,
                Some(_) => {}
            }
        }
        let ccd_r1 = root == CCD_R1
            || root
                .strip_prefix(CCD_R1)
                .is_some_and(|rest| rest.starts_with('.'));
        if root.starts_with(HITSP) || ccd_r1 {
            self.c32_any = true;
        }
        if depth == 1 && self.body == Body::None && self.header.len() < 64 {
            self.ccda_document |= root.starts_with(CCDA_DOCUMENT);
            self.header.push(Template {
                root: first_chars(root, 64),
                extension: extension.map(|e| first_chars(e, 32)),
            });
        }
    }

    fn classify(self, root_closed: bool) -> Detection {
        let Some(root) = &self.root else {
            return found(
                InputKind::Xml,
                "XML with no root element in the first 64 KiB",
            );
        };
        let local = root.local;
        let namespace = root.namespace;
        if local == "ClinicalDocument" {
            return self.clinical_document(root_closed);
        }
        if local.eq_ignore_ascii_case("html") {
            return found(InputKind::Html, "an XHTML page");
        }
        if FRAGMENT_ROOTS.contains(&local) && (namespace == Some(HL7_V3) || self.hl7_any) {
            return found(
                InputKind::CdaFragment,
                format!("a bare <{local}> from a clinical document"),
            );
        }
        let description = match namespace {
            Some(FHIR_NS) => format!("FHIR XML (a <{local}> resource)"),
            Some(HL7_V3) => format!("an HL7 version 3 message (root element <{local}>)"),
            _ => format!("XML whose root element is <{local}>"),
        };
        found(InputKind::Xml, description)
    }

    fn clinical_document(&self, root_closed: bool) -> Detection {
        let documents: Vec<&Template> = self
            .header
            .iter()
            .filter(|t| t.root.starts_with(CCDA_DOCUMENT))
            .collect();
        let header_has = |oid: &str| self.header.iter().any(|t| t.root == oid);
        let (kind, version, document_type) = if !documents.is_empty() {
            let document_type = documents
                .iter()
                .filter_map(|t| ccda_document_type(t.root))
                .find(|&t| t != "US Realm Header")
                .or_else(|| documents.iter().find_map(|t| ccda_document_type(t.root)));
            (InputKind::Ccda, document_version(&documents), document_type)
        } else if header_has(C32) || header_has(CCD_R1) || (!self.ccda_any && self.c32_any) {
            (InputKind::C32, None, Some(self.c32_type()))
        } else if self.ccda_any || self.body != Body::NonXml {
            // A CDA document with no profile of its own is read as C-CDA, the CDA profile
            // the reader knows best; a plain CDA with a non-XML body is a C62 wrapper.
            (InputKind::Ccda, self.any_version(), None)
        } else {
            (InputKind::C32, None, Some(self.c32_type()))
        };
        let has_body = self.body != Body::None;
        // A body without a recordTarget (an example stub) is for the reader to judge: it
        // reads such a document when its sections can be identified.
        let incomplete = if !self.record_target && root_closed && !has_body {
            Some("a ClinicalDocument with neither a recordTarget nor a body")
        } else if root_closed && !has_body {
            Some("a ClinicalDocument header with no body (no component)")
        } else {
            None
        };
        let description = match incomplete {
            Some(why) => why.to_string(),
            None => describe(kind, version, document_type),
        };
        // An incomplete document keeps only what its own templates say.
        let document_type = match (incomplete, kind) {
            (Some(_), InputKind::C32) => None,
            _ => document_type,
        };
        Detection {
            kind: if incomplete.is_some() {
                InputKind::CdaHeaderOnly
            } else {
                kind
            },
            version: version.map(String::from),
            document_type: document_type.map(String::from),
            description,
            ..Default::default()
        }
    }

    fn c32_type(&self) -> &'static str {
        let header_has = |oid: &str| self.header.iter().any(|t| t.root == oid);
        if self.body == Body::NonXml {
            "C62 Unstructured Document"
        } else if header_has(C32) {
            "C32 Summary"
        } else if header_has(CCD_R1) {
            "CCD R1"
        } else if self.c32_any {
            "C32 Summary"
        } else {
            "CDA R2 Document"
        }
    }

    /// A C-CDA version from templates anywhere in the window, when the header has no
    /// document template.
    fn any_version(&self) -> Option<&'static str> {
        if self.ccda_r21 {
            Some("R2.1")
        } else if self.ccda_r20 {
            Some("R2.0")
        } else if self.ccda_unversioned {
            Some("R1.1")
        } else {
            None
        }
    }
}

/// The C-CDA release from the document templates' extensions: `2015-08-01` is R2.1,
/// `2014-06-09` R2.0, none R1.1 (R2.x documents may repeat a template without its
/// extension for R1.1 receivers, so any R2 extension wins). A later date is taken as R2.1.
fn document_version(documents: &[&Template]) -> Option<&'static str> {
    let extensions = || documents.iter().filter_map(|t| t.extension);
    if extensions().any(|e| e == R21 || (is_date(e) && e > R21)) {
        Some("R2.1")
    } else if extensions().any(|e| e == R20) {
        Some("R2.0")
    } else {
        Some("R1.1")
    }
}

fn is_date(s: &str) -> bool {
    s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

fn describe(kind: InputKind, version: Option<&str>, document_type: Option<&str>) -> String {
    match kind {
        InputKind::Ccda => {
            let version = version.map(|v| format!(" {v}")).unwrap_or_default();
            match document_type {
                Some(t) => format!("an HL7 C-CDA{version} document ({t})"),
                None => format!("an HL7 C-CDA{version} document (no document template)"),
            }
        }
        _ => match document_type {
            Some("C62 Unstructured Document") => {
                "a HITSP C62 unstructured document (a CDA with a nonXMLBody)".into()
            }
            Some("CDA R2 Document") => {
                "an HL7 CDA R2 document without C-CDA or C32 templates".into()
            }
            Some(t) => format!("a HITSP C32 / HL7 CCD R1 document ({t})"),
            None => "a HITSP C32 / HL7 CCD R1 document".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(xml: &str) -> Detection {
        detect_markup(xml, true)
    }

    const HEADER: &str = r#"<ClinicalDocument xmlns="urn:hl7-org:v3">
        <templateId root="2.16.840.1.113883.10.20.22.1.1" extension="2015-08-01"/>
        <templateId root="2.16.840.1.113883.10.20.22.1.8" extension="2015-08-01"/>
        <recordTarget/><component><structuredBody/></component></ClinicalDocument>"#;

    /// The probe with skimming off: every element of the window checked and seen.
    struct Thorough<'t>(Probe<'t>);

    impl<'t> Visitor<'t> for Thorough<'t> {
        fn start(&mut self, depth: usize, name: &'t str, attrs: &'t str) -> bool {
            self.0.start(depth, name, attrs)
        }
    }

    fn thorough(text: &str, complete: bool) -> Detection {
        let mut visitor = Thorough(Probe::default());
        let scanned = xml_scan::scan(text, complete, &mut visitor);
        judge(text, scanned, visitor.0)
    }

    /// Every XML file of the shared corpus (`bad/` too), as detection's window sees it.
    fn corpus_windows() -> Vec<(String, String, bool)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
        let mut dirs = vec![root];
        let mut windows = Vec::new();
        while let Some(dir) = dirs.pop() {
            let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
            for path in entries.map(|e| e.expect("entry").path()) {
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let bytes = std::fs::read(&path).expect("read");
                let complete = bytes.len() <= crate::detect::WINDOW;
                let window = &bytes[..bytes.len().min(crate::detect::WINDOW)];
                let text = match std::str::from_utf8(window) {
                    Ok(text) => text,
                    Err(e) => std::str::from_utf8(&window[..e.valid_up_to()]).expect("prefix"),
                };
                if text.trim_start().starts_with('<') && html(text).is_none() {
                    windows.push((path.display().to_string(), text.to_owned(), complete));
                }
            }
        }
        windows
    }

    #[test]
    fn skimming_deep_content_changes_no_corpus_detection() {
        let windows = corpus_windows();
        assert!(windows.len() > 250, "{} XML files", windows.len());
        let mut skimmed = 0;
        for (path, text, complete) in &windows {
            let d = detect_markup(text, *complete);
            assert_eq!(d, thorough(text, *complete), "{path}");
            skimmed += usize::from(d.kind == InputKind::Ccda);
        }
        assert!(skimmed > 250, "{skimmed} C-CDA documents");
    }

    #[test]
    fn skims_only_below_the_root_grandchildren_of_a_ccda_header() {
        // Deep content: markup in comments, CDATA, PIs and values, every tag shape.
        let deep = r#"<patientRole><id root="1" extension='a>b'/><!-- <x> --><?pi <y>?>
            <addr use="H"><![CDATA[</addr>]]><city>Q'r "s"</city></addr><b/><c x='"'></c>
            </patientRole>"#;
        let doc = |templates: &str, deep: &str| {
            format!(
                r#"<ClinicalDocument xmlns="urn:hl7-org:v3">{templates}<recordTarget>{deep}</recordTarget><component><structuredBody/></component></ClinicalDocument>"#
            )
        };
        let ccda = r#"<templateId root="2.16.840.1.113883.10.20.22.1.2"/>"#;
        let c32 = r#"<templateId root="2.16.840.1.113883.3.88.11.32.1"/>"#;
        for templates in [ccda, c32] {
            let text = doc(templates, deep);
            assert_eq!(detect(&text), thorough(&text, true), "{text}");
            assert_ne!(detect(&text).kind, InputKind::MalformedXml, "{text}");
        }
        // Malformed below the grandchildren: left to the reader once a C-CDA template
        // has settled the kind; still refused in other documents.
        let broken = "<patientRole><id root='1' root='2'><name>A & B</nam></id></patientRole>";
        assert_eq!(detect(&doc(ccda, broken)).kind, InputKind::Ccda);
        assert_eq!(
            thorough(&doc(ccda, broken), true).kind,
            InputKind::MalformedXml
        );
        assert_eq!(detect(&doc(c32, broken)).kind, InputKind::MalformedXml);
        // The root's children and grandchildren are checked in full either way.
        let grandchild = "<patientRole x=1></patientRole>";
        assert_eq!(detect(&doc(ccda, grandchild)).kind, InputKind::MalformedXml);
        let child = doc(ccda, "<patientRole/>").replace("</recordTarget>", "</recordTargetX>");
        assert_eq!(detect(&child).kind, InputKind::MalformedXml);
        // A cut inside skimmed content: an error only when the input is whole.
        let cut = doc(ccda, deep);
        let cut = &cut[..cut.find("<city>").expect("city") + 3];
        assert_eq!(detect_markup(cut, false).kind, InputKind::Ccda);
        assert_eq!(detect_markup(cut, true).kind, InputKind::MalformedXml);
    }

    #[test]
    fn names_ccda_version_and_type() {
        let d = detect(HEADER);
        assert_eq!(d.kind, InputKind::Ccda);
        assert_eq!(d.version.as_deref(), Some("R2.1"));
        assert_eq!(d.document_type.as_deref(), Some("Discharge Summary"));
        let r11 = HEADER.replace(r#" extension="2015-08-01""#, "");
        assert_eq!(detect(&r11).version.as_deref(), Some("R1.1"));
        let r20 = HEADER.replace("2015-08-01", "2014-06-09");
        assert_eq!(detect(&r20).version.as_deref(), Some("R2.0"));
    }

    #[test]
    fn reads_prefixed_roots() {
        let prefixed = r#"<?xml version="1.0"?>
            <!-- a comment before the root -->
            <v3:ClinicalDocument xmlns:v3="urn:hl7-org:v3">
              <v3:templateId root="2.16.840.1.113883.10.20.22.1.8" extension="2015-08-01"/>
              <v3:recordTarget/><v3:component><v3:structuredBody/></v3:component>
            </v3:ClinicalDocument>"#;
        let d = detect(prefixed);
        assert_eq!(d.kind, InputKind::Ccda, "{d:?}");
        assert_eq!(d.document_type.as_deref(), Some("Discharge Summary"));
    }

    #[test]
    fn tells_names_by_their_local_name() {
        assert!(is_local("templateId", "templateId"));
        assert!(is_local("v3:templateId", "templateId"));
        assert!(!is_local("xtemplateId", "templateId"));
        assert!(!is_local("v3:xtemplateId", "templateId"));
        assert!(!is_local("templateIds", "templateId"));
        assert!(!is_local("Id", "templateId"));
        // A root named templateId is a root, not a template.
        let d = detect(r#"<templateId root="2.16.840.1.113883.10.20.22.1.2"/>"#);
        assert_eq!(d.description, "XML whose root element is <templateId>");
    }

    #[test]
    fn tells_incomplete_documents() {
        let no_body =
            r#"<ClinicalDocument xmlns="urn:hl7-org:v3"><recordTarget/></ClinicalDocument>"#;
        assert_eq!(detect(no_body).kind, InputKind::CdaHeaderOnly);
        let no_patient =
            r#"<ClinicalDocument><component><structuredBody/></component></ClinicalDocument>"#;
        assert_eq!(detect(no_patient).kind, InputKind::Ccda);
        let section = r#"<section xmlns="urn:hl7-org:v3"><title>t</title></section>"#;
        assert_eq!(detect(section).kind, InputKind::CdaFragment);
    }

    #[test]
    fn a_header_cut_by_the_window_is_not_incomplete() {
        let cut = r#"<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="2.16.840.1.113883.10.20.22.1.2"/><title>"#;
        assert_eq!(detect_markup(cut, false).kind, InputKind::Ccda);
        assert_eq!(detect_markup(cut, true).kind, InputKind::MalformedXml);
    }

    #[test]
    fn names_c32_and_other_xml() {
        let c32 = r#"<ClinicalDocument xmlns="urn:hl7-org:v3"><templateId root="2.16.840.1.113883.3.88.11.32.1"/><recordTarget/><component><structuredBody/></component></ClinicalDocument>"#;
        let d = detect(c32);
        assert_eq!(
            (d.kind, d.document_type.as_deref()),
            (InputKind::C32, Some("C32 Summary"))
        );
        let c62 = c32.replace("structuredBody", "nonXMLBody");
        assert_eq!(
            detect(&c62).document_type.as_deref(),
            Some("C62 Unstructured Document")
        );
        assert_eq!(detect("<document><a/></document>").kind, InputKind::Xml);
        let fhir = detect(r#"<Patient xmlns="http://hl7.org/fhir"/>"#);
        assert!(fhir.description.contains("FHIR XML"));
    }

    #[test]
    fn finds_html() {
        let page = "\n\n<!DOCTYPE html>\n<html><head><title>Blue Button</title></head></html>";
        assert_eq!(detect(page).description, BLUE_BUTTON_PAGE);
        let rendering = r#"<!DOCTYPE html PUBLIC "x"><html xmlns:n1="urn:hl7-org:v3"><body>"#;
        assert_eq!(detect(rendering).description, CDA_RENDERING);
        assert_eq!(detect("<!-- x --><HTML>").kind, InputKind::Html);
    }
}

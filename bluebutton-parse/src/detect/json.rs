//! JSON: a syntax scan of the window that collects the root object's `resourceType`, any
//! `fhirVersion`, the resource types inside a Bundle and whether a second value follows
//! on the next line (NDJSON, where the scan stops: the first record is enough). No value
//! is built.

use super::{fhir, found, position};
use bluebutton_model::{Detection, InputKind};

/// Detects FHIR JSON, FHIR NDJSON, or other JSON. `text` is the window; `whole` gives the
/// whole input, read only when the window holds the start of one object with no
/// `resourceType` yet (JSON keys come in any order: a Bundle may name its type after a
/// long `entry`).
pub(super) fn detect_json<'w>(
    text: &'w str,
    complete: bool,
    whole: impl FnOnce() -> std::borrow::Cow<'w, str>,
) -> Detection {
    let mut scan = scan(text, complete);
    let read_on = !complete
        && scan.error.is_none()
        && scan.resource_type.is_none()
        && !scan.root_array
        && !scan.second_value;
    let all;
    let text = if read_on {
        all = whole();
        scan = self::scan(&all, true);
        &*all
    } else {
        text
    };
    if let Some((offset, reason)) = scan.error {
        let (line, column) = position(text, offset);
        let what = match &scan.resource_type {
            Some(rt) => format!(" (it starts like a FHIR {rt})"),
            None => String::new(),
        };
        return Detection {
            kind: InputKind::Json,
            description: format!("JSON that is not well-formed{what}: {reason}"),
            line: Some(line),
            column: Some(column),
            ..Default::default()
        };
    }
    let ndjson = scan.second_value;
    let Some(resource_type) = scan.resource_type else {
        return found(
            InputKind::Json,
            not_fhir(&scan.top_keys, scan.root_array, ndjson),
        );
    };
    let version = fhir::version(text, scan.fhir_version.as_deref(), scan.stu3_element);
    let kind = if ndjson {
        InputKind::FhirNdjson
    } else {
        InputKind::FhirJson
    };
    let mut description = if ndjson {
        format!(
            "FHIR {} NDJSON ({resource_type} resources, one per line)",
            version.name
        )
    } else if resource_type == "Bundle" {
        let bundle = scan
            .bundle_type
            .as_deref()
            .map(|t| format!(" {t}"))
            .unwrap_or_default();
        match scan.entry_types.as_slice() {
            [] => format!("a FHIR {}{bundle} Bundle", version.name),
            types => format!(
                "a FHIR {}{bundle} Bundle of {}{}",
                version.name,
                types.join(", "),
                if scan.more_entry_types { ", ..." } else { "" }
            ),
        }
    } else {
        format!("a FHIR {} {resource_type} resource", version.name)
    };
    match (version.evidence, scan.stu3_element) {
        (Some(fhir::STU3_ELEMENT), Some((resource, element))) => {
            description.push_str(&format!(
                " (by {resource}.{element}, an element only STU3 has)"
            ));
        }
        (Some(why), _) => description.push_str(&format!(" ({why})")),
        (None, _) => {}
    }
    Detection {
        kind,
        version: Some(version.name.to_string()),
        document_type: Some(resource_type),
        description,
        ..Default::default()
    }
}

fn not_fhir(top_keys: &[String], root_array: bool, ndjson: bool) -> String {
    let has = |k: &str| top_keys.iter().any(|key| key == k);
    if root_array {
        "a JSON array (FHIR JSON is an object: a resource or a Bundle)".into()
    } else if ndjson {
        "newline-delimited JSON whose records have no resourceType (for example a bulk-data \
         export log)"
            .into()
    } else if has("sub") && (has("iat") || has("iss") || has("patient") || has("email")) {
        "JSON without a FHIR resourceType (an OpenID Connect userinfo or token response)".into()
    } else if has("access_token") {
        "JSON without a FHIR resourceType (an OAuth token response)".into()
    } else {
        "JSON without a FHIR resourceType".into()
    }
}

/// What the scan found.
#[derive(Debug, Default)]
struct Scan {
    error: Option<(usize, &'static str)>,
    root_array: bool,
    resource_type: Option<String>,
    fhir_version: Option<String>,
    bundle_type: Option<String>,
    entry_types: Vec<String>,
    more_entry_types: bool,
    /// Keys of the first value's root object (at most 16).
    top_keys: Vec<String>,
    /// A second top-level value started on a later line (NDJSON).
    second_value: bool,
    /// An element that only FHIR STU3 has (`Coverage.grouping`), if one was seen.
    stu3_element: Option<(&'static str, &'static str)>,
}

/// An open object or array; an object knows its `resourceType` once read.
#[derive(Debug, Clone, Copy)]
struct Frame {
    container: Container,
    resource: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Object,
    Array,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Value,
    ValueOrClose,
    KeyOrClose,
    Key,
    Colon,
    CommaOrClose,
    /// After a top-level value: only white space, or the next NDJSON record.
    End,
}

/// Which string value the scan is about to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    Nothing,
    ResourceType,
    FhirVersion,
    BundleType,
}

const MAX_KEYS: usize = 16;
/// Past this many open objects and arrays the scan stops, without an error.
const MAX_DEPTH: usize = 1024;
const MAX_ENTRY_TYPES: usize = 4;

fn scan(text: &str, complete: bool) -> Scan {
    let mut out = Scan::default();
    match run(text.as_bytes(), &mut out) {
        Ok(()) => {}
        Err(Ended) if !complete => {}
        Err(Ended) => out.error = Some((text.len(), "the input ends inside a value")),
        Err(Bad(offset, reason)) => out.error = Some((offset, reason)),
    }
    out
}

enum Halt {
    /// Ran out of text inside a value.
    Ended,
    /// A syntax error.
    Bad(usize, &'static str),
}
use Halt::{Bad, Ended};

fn run(b: &[u8], out: &mut Scan) -> Result<(), Halt> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut want = Want::Value;
    let mut keep = Keep::Nothing;
    let mut values = 0usize;
    let mut newline_in_first = false;
    let mut newline_since_value = false;
    let mut i = 0usize;
    loop {
        while let Some(&c) = b.get(i) {
            match c {
                b'\n' => {
                    if values == 0 {
                        newline_in_first = true;
                    }
                    newline_since_value = true;
                }
                b' ' | b'\t' | b'\r' => {}
                _ => break,
            }
            i += 1;
        }
        let Some(&c) = b.get(i) else {
            return match want {
                Want::End => Ok(()),
                _ => Err(Ended),
            };
        };
        let first = values == 0;
        match want {
            Want::End => {
                if !newline_since_value || !matches!(c, b'{' | b'[') {
                    return Err(Bad(i, "more content after the JSON value"));
                }
                if newline_in_first {
                    return Err(Bad(
                        i,
                        "a second JSON value after a multi-line one (not newline-delimited JSON)",
                    ));
                }
                // NDJSON: the first record is all detection needs; the reader checks the rest.
                out.second_value = true;
                return Ok(());
            }
            Want::Colon => {
                if c != b':' {
                    return Err(Bad(i, "expected ':' after a property name"));
                }
                i += 1;
                want = Want::Value;
                continue;
            }
            Want::CommaOrClose => {
                let top = stack.last().map(|f| f.container);
                match (c, top) {
                    (b',', Some(Container::Object)) => want = Want::Key,
                    (b',', _) => want = Want::Value,
                    (b'}', Some(Container::Object)) | (b']', Some(Container::Array)) => {
                        stack.pop();
                        want = after_value(&stack, &mut values, &mut newline_since_value);
                    }
                    _ => return Err(Bad(i, "expected ',' or a closing bracket")),
                }
                i += 1;
                continue;
            }
            Want::KeyOrClose | Want::Key => {
                if c == b'}' && want == Want::KeyOrClose {
                    stack.pop();
                    i += 1;
                    want = after_value(&stack, &mut values, &mut newline_since_value);
                    continue;
                }
                if c != b'"' {
                    return Err(Bad(i, "expected a property name in double quotes"));
                }
                let end = string_end(b, i)?;
                let key = b.get(i + 1..end).unwrap_or_default();
                let depth = stack.len();
                if let Some(resource) = stack.last().and_then(|f| f.resource) {
                    if out.stu3_element.is_none() {
                        out.stu3_element = fhir::stu3_only(resource, key);
                    }
                }
                keep = match key {
                    b"resourceType" if first => Keep::ResourceType,
                    b"fhirVersion" if first => Keep::FhirVersion,
                    b"type" if first && depth == 1 => Keep::BundleType,
                    _ => Keep::Nothing,
                };
                if first && depth == 1 && out.top_keys.len() < MAX_KEYS {
                    out.top_keys.push(String::from_utf8_lossy(key).into_owned());
                }
                i = end + 1;
                want = Want::Colon;
                continue;
            }
            Want::Value | Want::ValueOrClose => {}
        }
        // A value.
        match c {
            b']' if want == Want::ValueOrClose => {
                stack.pop();
                i += 1;
                want = after_value(&stack, &mut values, &mut newline_since_value);
            }
            b'{' | b'[' => {
                if stack.is_empty() && first {
                    out.root_array = c == b'[';
                }
                let container = if c == b'{' {
                    Container::Object
                } else {
                    Container::Array
                };
                if stack.len() >= MAX_DEPTH {
                    // Deeper than any FHIR resource: the reader applies its own limit.
                    return Ok(());
                }
                stack.push(Frame {
                    container,
                    resource: None,
                });
                keep = Keep::Nothing;
                i += 1;
                want = if c == b'{' {
                    Want::KeyOrClose
                } else {
                    Want::ValueOrClose
                };
            }
            b'"' => {
                let end = string_end(b, i)?;
                let value = b.get(i + 1..end).unwrap_or_default();
                let value = || String::from_utf8_lossy(value).chars().take(64).collect();
                let depth = stack.len();
                if keep == Keep::ResourceType {
                    if let Some(frame) = stack.last_mut() {
                        frame.resource = fhir::stu3_resource(b.get(i + 1..end).unwrap_or_default());
                    }
                }
                match keep {
                    Keep::ResourceType if depth == 1 => out.resource_type = Some(value()),
                    Keep::ResourceType => {
                        let v: String = value();
                        if !out.entry_types.contains(&v) {
                            if out.entry_types.len() < MAX_ENTRY_TYPES {
                                out.entry_types.push(v);
                            } else {
                                out.more_entry_types = true;
                            }
                        }
                    }
                    Keep::FhirVersion => {
                        out.fhir_version.get_or_insert_with(value);
                    }
                    Keep::BundleType => out.bundle_type = Some(value()),
                    Keep::Nothing => {}
                }
                keep = Keep::Nothing;
                i = end + 1;
                want = after_value(&stack, &mut values, &mut newline_since_value);
            }
            b'-' | b'0'..=b'9' => {
                i = number_end(b, i)?;
                keep = Keep::Nothing;
                want = after_value(&stack, &mut values, &mut newline_since_value);
            }
            b't' | b'f' | b'n' => {
                let word: &[u8] = match c {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                let have = b.get(i..).unwrap_or_default();
                if have.len() < word.len() && word.starts_with(have) {
                    return Err(Ended);
                }
                if !have.starts_with(word) {
                    return Err(Bad(i, "an invalid literal (expected true, false or null)"));
                }
                i += word.len();
                keep = Keep::Nothing;
                want = after_value(&stack, &mut values, &mut newline_since_value);
            }
            _ => return Err(Bad(i, "unexpected character where a value should be")),
        }
    }
}

fn after_value(stack: &[Frame], values: &mut usize, newline_since_value: &mut bool) -> Want {
    if stack.is_empty() {
        *values += 1;
        *newline_since_value = false;
        Want::End
    } else {
        Want::CommaOrClose
    }
}

/// The offset of the closing quote of the string opening at `start`.
fn string_end(b: &[u8], start: usize) -> Result<usize, Halt> {
    let mut i = start + 1;
    loop {
        match b.get(i) {
            None => return Err(Ended),
            Some(b'"') => return Ok(i),
            Some(b'\\') => match b.get(i + 1) {
                None => return Err(Ended),
                Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                Some(b'u') => {
                    for k in 0..4 {
                        match b.get(i + 2 + k) {
                            None => return Err(Ended),
                            Some(h) if h.is_ascii_hexdigit() => {}
                            Some(_) => return Err(Bad(i, "an invalid \\u escape in a string")),
                        }
                    }
                    i += 6;
                }
                Some(_) => return Err(Bad(i, "an invalid escape in a string")),
            },
            Some(&c) if c < 0x20 => {
                return Err(Bad(
                    i,
                    "a control character (or line break) inside a string",
                ))
            }
            Some(_) => i += 1,
        }
    }
}

/// The offset just past the number starting at `start`.
fn number_end(b: &[u8], start: usize) -> Result<usize, Halt> {
    let mut i = start;
    let digits = |i: &mut usize| {
        let from = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    if b.get(i) == Some(&b'0') {
        i += 1;
        if b.get(i).is_some_and(u8::is_ascii_digit) {
            return Err(Bad(i, "a number with a leading zero"));
        }
    } else if !digits(&mut i) {
        return if i >= b.len() {
            Err(Ended)
        } else {
            Err(Bad(i, "an invalid number"))
        };
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if !digits(&mut i) {
            return if i >= b.len() {
                Err(Ended)
            } else {
                Err(Bad(i, "an invalid number"))
            };
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return if i >= b.len() {
                Err(Ended)
            } else {
                Err(Bad(i, "an invalid number"))
            };
        }
    }
    Ok(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect(json: &str) -> Detection {
        detect_json(json, true, || json.into())
    }

    #[test]
    fn finds_the_resource_type_at_the_root() {
        let d = detect(r#"{"id": "x", "meta": {"resourceType": "No"}, "resourceType": "Patient"}"#);
        assert_eq!(d.kind, InputKind::FhirJson);
        assert_eq!(d.document_type.as_deref(), Some("Patient"));
        let bundle = detect(
            r#"{"resourceType":"Bundle","type":"searchset","entry":[{"resource":{"resourceType":"Coverage"}}]}"#,
        );
        assert!(
            bundle.description.contains("searchset Bundle of Coverage"),
            "{bundle:?}"
        );
    }

    #[test]
    fn finds_ndjson() {
        let d = detect("{\"resourceType\":\"Patient\"}\n{\"resourceType\":\"Patient\"}\n");
        assert_eq!(d.kind, InputKind::FhirNdjson);
        let log = detect("{\"eventId\":\"kickoff\"}\r\n{\"eventId\":\"done\"}");
        assert_eq!(log.kind, InputKind::Json);
        assert!(log.description.contains("newline-delimited"));
    }

    #[test]
    fn reports_syntax_errors_with_positions() {
        for (json, line, column) in [
            ("{\"a\": }", 1, 7),
            ("{\"a\" 1}", 1, 6),
            ("{\n  \"a\": tru }", 2, 8),
            ("[1, 2", 1, 6),
            ("{\"a\": \"x\ny\"}", 1, 9),
            ("{} {}", 1, 4),
            ("{\n}\n{}", 3, 1),
            ("{\"a\": 01}", 1, 8),
        ] {
            let d = detect(json);
            assert_eq!(d.kind, InputKind::Json, "{json}");
            assert_eq!(
                (d.line, d.column),
                (Some(line), Some(column)),
                "{json}: {d:?}"
            );
        }
    }

    #[test]
    fn finds_stu3_only_elements() {
        let coverage = detect(r#"{"resourceType":"Coverage","status":"active","grouping":{}}"#);
        assert_eq!(coverage.version.as_deref(), Some("STU3"));
        assert!(
            coverage.description.contains("Coverage.grouping"),
            "{coverage:?}"
        );
        let bundle = detect(
            r#"{"resourceType":"Bundle","entry":[{"resource":{"resourceType":"ExplanationOfBenefit","information":[]}}]}"#,
        );
        assert_eq!(bundle.version.as_deref(), Some("STU3"));
        let both = detect(r#"{"resourceType":"Coverage","class":[],"grouping":{}}"#);
        assert_eq!(both.version.as_deref(), Some("STU3"));
        let nested = detect(r#"{"resourceType":"Patient","contact":[{"grouping":1}]}"#);
        assert_eq!(nested.version.as_deref(), Some("R4"));
    }

    #[test]
    fn a_cut_window_is_not_an_error() {
        let window = r#"{"resourceType": "Bundle", "entry": [{"res"#;
        let d = detect_json(window, false, || panic!("the window says enough"));
        assert_eq!(d.kind, InputKind::FhirJson);
    }

    #[test]
    fn reads_on_for_a_resource_type_after_the_window() {
        // Keys in alphabetical order: the Bundle's type comes after its entries.
        let whole = r#"{"entry": [{"resource": {"resourceType": "Patient"}}], "resourceType": "Bundle", "type": "collection"}"#;
        let window = whole.get(..40).unwrap();
        let d = detect_json(window, false, || whole.into());
        assert_eq!(d.kind, InputKind::FhirJson);
        assert_eq!(d.document_type.as_deref(), Some("Bundle"));
        let other = r#"{"entry": [1, 2, 3], "total": 3}"#;
        let d = detect_json(other.get(..12).unwrap(), false, || other.into());
        assert_eq!(d.kind, InputKind::Json);
    }

    #[test]
    fn stops_quietly_when_too_deep() {
        let deep = "[".repeat(100_000);
        assert_eq!(detect(&deep).kind, InputKind::Json);
    }

    #[test]
    fn tells_other_json() {
        assert!(detect(r#"{"sub":"1","iat":2}"#)
            .description
            .contains("userinfo"));
        assert!(detect("[1,2]").description.contains("array"));
        assert_eq!(detect(r#"{"example":"json"}"#).kind, InputKind::Json);
    }
}

//! One NDJSON input read into one record a line at a time: beyond `WHOLE_BYTES` of input,
//! the JSON trees of all its lines are never held at once, only those of the lines other
//! lines need (smaller inputs hold them all, and read each line once).
//!
//! 1. Every line is skimmed (its syntax checked without building its tree; a Bundle is
//!    read whole, for its entries): the keys its resources are found by (`fullUrl`,
//!    `Type/id`) and the references it makes are noted.
//! 2. The lines that hold a resource another one refers to, a DiagnosticReport or a
//!    panel (which map the observations they name), or a Provenance, a renewal order or a
//!    statement based on orders (which say something of the resources they name, whatever
//!    line those are on), are read again and kept, indexed for references; the
//!    observations that reports and panels map, and the links, are noted.
//! 3. Every line is mapped in input order: a kept one from its kept tree, any other read
//!    again, a batch of lines (`BATCH_BYTES` of text) at a time, and dropped with its
//!    batch. No resource refers to those others, so the record is the one the whole input
//!    read at once would give.

use super::bulk::routing::type_and_id;
use super::json::{self, Json};
use super::references::Index;
use super::{
    collect, links, map_one, not_a_resource, observations, syntax, Ctx, Positions, Resource, Tally,
};
use crate::error::ParseError;
use bluebutton_model::{HealthRecord, InputKind};
use std::collections::{HashMap, HashSet};

/// Reads NDJSON text (`lossy` when its bytes had to be repaired) into a record: up to
/// `WHOLE_BYTES`, every line's tree is held at once (one reading of each line); beyond, only
/// the lines others need.
pub(super) fn read(text: &str, lossy: bool) -> Result<HealthRecord, ParseError> {
    let kept = if text.len() <= WHOLE_BYTES {
        None
    } else {
        Some(kept_lines(text)?)
    };
    read_keeping(text, lossy, kept.as_deref())
}

/// Reads NDJSON text into a record, holding the trees of the `kept` lines (all of them
/// when `None`) throughout and reading the others a batch at a time.
fn read_keeping(
    text: &str,
    lossy: bool,
    kept: Option<&[bool]>,
) -> Result<HealthRecord, ParseError> {
    let is_kept = |i: usize| kept.is_none_or(|k| k.get(i).copied().unwrap_or_default());
    // The kept lines' trees, then their resources, indexed.
    let mut trees = Vec::new();
    for (i, (number, line)) in lines(text).enumerate() {
        if is_kept(i) {
            let tree = json::parse(line).map_err(|e| syntax(e, line, number, NDJSON))?;
            trees.push((number, line, tree));
        }
    }
    // The kept lines' resources, and for each kept line where its own lie among them.
    let mut held = Vec::new();
    let mut spans = Vec::new();
    for (number, line, tree) in &trees {
        let first = held.len();
        held.extend(resources(tree, line, *number)?);
        spans.push(first..held.len());
    }
    let mut base = Ctx::decoded(lossy);
    for r in &held {
        base.index.add(r.kind, r.obj, r.full_url);
    }
    observations::prepare(&mut base, &held);
    links::prepare(&mut base, &held);
    // Every line in order, a batch at a time, each batch mapped with a context over the
    // kept lines' index (the record moves from one context to the next).
    let Ctx {
        index,
        mut record,
        mut consumed,
        mut sources,
        links,
        mut referenced,
        mut read_whole,
        mut shared,
        ..
    } = base;
    let mut spans = spans.into_iter();
    let mut all = lines(text).enumerate().peekable();
    let mut tally = Tally::default();
    // With every line kept there is nothing to read again: one batch.
    let batch_bytes = if kept.is_none() {
        usize::MAX
    } else {
        BATCH_BYTES
    };
    while all.peek().is_some() {
        // The trees of the batch's lines that are not kept; `None` for kept ones.
        let mut batch = Vec::new();
        let mut size = 0;
        while size < batch_bytes {
            let Some((i, (number, line))) = all.next() else {
                break;
            };
            size += line.len();
            let tree = if is_kept(i) {
                None
            } else {
                Some(json::parse(line).map_err(|e| syntax(e, line, number, NDJSON))?)
            };
            batch.push((number, line, tree));
        }
        let mut ctx = Ctx {
            index: Index::over(&index),
            record,
            here: (None, None, None),
            consumed,
            sources,
            links: links.clone(),
            referenced,
            read_whole,
            shared,
        };
        for (number, line, tree) in &batch {
            let read;
            let resources: &[Resource<'_>] = match tree {
                Some(tree) => {
                    read = self::resources(tree, line, *number)?;
                    &read
                }
                None => spans
                    .next()
                    .and_then(|span| held.get(span))
                    .unwrap_or_default(),
            };
            // A line read for this batch only is one no other line refers to.
            tally.transient = tree.is_some();
            for res in resources {
                map_one(&mut ctx, res, &mut tally);
            }
        }
        (record, consumed, sources, referenced, read_whole, shared) = (
            ctx.record,
            ctx.consumed,
            ctx.sources,
            ctx.referenced,
            ctx.read_whole,
            ctx.shared,
        );
    }
    let mut ctx = Ctx {
        record,
        referenced,
        read_whole,
        shared,
        ..Ctx::new()
    };
    tally.drop_referenced(&mut ctx);
    tally.warn(&mut ctx);
    Ok(ctx.record)
}

/// Up to this size, an input's lines are all held at once: their trees take a few dozen
/// MiB at most, and each line is read once.
const WHOLE_BYTES: usize = 1 << 20;

/// The input kind errors name.
const NDJSON: InputKind = InputKind::FhirNdjson;

/// How much text is mapped in one batch (one context): enough lines for the move of the
/// record between contexts not to count, few enough for their trees to stay small.
const BATCH_BYTES: usize = 64 * 1024;

/// The non-blank lines of the text with their 1-based numbers, without line ends.
fn lines(text: &str) -> impl Iterator<Item = (u32, &str)> {
    text.split('\n').enumerate().filter_map(|(i, line)| {
        let number = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let line = line.strip_suffix('\r').unwrap_or(line);
        (!line.trim().is_empty()).then_some((number, line))
    })
}

/// The resources of one line's tree (a resource, or a Bundle's entries).
fn resources<'a>(
    tree: &'a Json<'a>,
    line: &'a str,
    number: u32,
) -> Result<Vec<Resource<'a>>, ParseError> {
    let root = tree
        .as_object()
        .ok_or_else(|| not_a_resource(NDJSON).at(number, 1))?;
    let mut out = Vec::new();
    collect(
        root,
        (None, None),
        line,
        &mut Positions::new(line, number),
        &mut out,
        0,
    );
    Ok(out)
}

/// Which non-blank lines must stay read while the others are mapped: those holding a
/// resource that a reference names (as [`Index::resolve`] finds it: by `fullUrl`, else by
/// `Type/id`), a DiagnosticReport, or a [`LINKING`] resource. Every line is skimmed
/// once here; the first malformed one is the error, and then the first that is not an
/// object.
fn kept_lines(text: &str) -> Result<Vec<bool>, ParseError> {
    let mut kept = Vec::new();
    let mut by_url: HashMap<Box<str>, usize> = HashMap::new();
    let mut by_type_id: HashMap<Box<str>, usize> = HashMap::new();
    let mut references: HashSet<Box<str>> = HashSet::new();
    let mut not_an_object = None;
    for (i, (number, line)) in lines(text).enumerate() {
        // The first `resourceType` and `id` of the root object, and which of the members
        // `kept_for` looks at it has.
        let (mut kind, mut id, mut has) = (None, None, Vec::new());
        let object = json::skim(line, &mut |depth, key, value| match (depth, key, value) {
            (_, "reference", Some(r))
                if !r.starts_with('#') && !references.contains(r.as_ref()) =>
            {
                references.insert(r.as_ref().into());
            }
            (1, "resourceType", _) => {
                kind.get_or_insert(value.cloned());
            }
            (1, "id", _) => {
                id.get_or_insert(value.cloned());
            }
            (1, member, _) => {
                has.extend(LINKING.iter().map(|(_, m)| *m).find(|m| *m == member));
            }
            _ => {}
        })
        .map_err(|e| syntax(e, line, number, NDJSON))?;
        if !object {
            // Reported once every line is known to be well-formed JSON.
            not_an_object.get_or_insert(not_a_resource(NDJSON).at(number, 1));
        }
        let kind = kind.flatten().unwrap_or_default();
        let mut keep = false;
        if object && kind == "Bundle" {
            // Its entries' keys: the Bundle is read whole (its references were noted).
            let tree = json::parse(line).map_err(|e| syntax(e, line, number, NDJSON))?;
            for r in resources(&tree, line, number)? {
                // The last resource with a key is the one the index finds.
                if let Some(url) = r.full_url {
                    by_url.insert(url.into(), i);
                }
                if let Some(id) = r.obj.str("id") {
                    by_type_id.insert([r.kind, "/", id].concat().into(), i);
                }
                keep |= kept_for(r.kind, |m| r.obj.get(m).is_some());
            }
        } else if object {
            if let Some(id) = id.flatten().filter(|id| !id.is_empty()) {
                by_type_id.insert([kind.as_ref(), "/", id.as_ref()].concat().into(), i);
            }
            keep = kept_for(&kind, |m| has.contains(&m));
        }
        kept.push(keep);
    }
    if let Some(e) = not_an_object {
        return Err(e);
    }
    for reference in &references {
        let by_type = type_and_id(reference)
            .and_then(|(kind, id)| by_type_id.get([kind, "/", id].concat().as_str()));
        for &i in by_url.get(reference).into_iter().chain(by_type) {
            if let Some(k) = kept.get_mut(i) {
                *k = true;
            }
        }
    }
    Ok(kept)
}

/// The resource types that map the others they name, or say something of them that is
/// read before those are mapped (`links`), by the member that names them: an Observation
/// with members, a Provenance, a MedicationRequest renewing another, a
/// MedicationStatement based on orders.
const LINKING: &[(&str, &str)] = &[
    ("Observation", "hasMember"),
    ("Provenance", "target"),
    ("MedicationRequest", "priorPrescription"),
    ("MedicationStatement", "basedOn"),
];

/// Whether a resource of type `kind` whose root members are those `has` accepts must
/// stay read: a DiagnosticReport, or one of the [`LINKING`] resources.
fn kept_for(kind: &str, has: impl Fn(&str) -> bool) -> bool {
    kind == "DiagnosticReport" || LINKING.iter().any(|(k, m)| *k == kind && has(m))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn only_lines_that_others_need_stay_read() {
        let text = [
            r#"{"resourceType":"Condition","id":"c1","subject":{"reference":"Patient/p1"},"asserter":{"reference":"Practitioner/dr"}}"#,
            r#"{"resourceType":"Observation","id":"o1"}"#,
            "",
            r#"{"resourceType":"Condition","id":"c2","encounter":{"reference":"Encounter/none"}}"#,
            r#"{"resourceType":"DiagnosticReport","id":"r1","result":[{"reference":"Observation/o1"}]}"#,
            r#"{"resourceType":"Practitioner","id":"dr"}"#,
            r##"{"resourceType":"Patient","id":"p1","contained":[{"resourceType":"Organization","id":"o"}],"managingOrganization":{"reference":"#o"}}"##,
            r#"{"resourceType":"Bundle","entry":[{"fullUrl":"urn:uuid:x","resource":{"resourceType":"Organization"}}]}"#,
            r#"{"resourceType":"Coverage","payor":[{"reference":"urn:uuid:x"}]}"#,
            "  \r",
            r#"{"resourceType":"Observation","id":"o2","hasMember":[{"reference":"Observation/o3/_history/2"}]}"#,
            r#"{"resourceType":"Observation","id":"o3"}"#,
            r#"{"resourceType":"Observation","id":"o4"}"#,
            // Only the root's own type and id count: a contained resource is not indexed.
            r#"{"contained":[{"resourceType":"Practitioner","id":"dr2"}],"resourceType":"Condition","id":"c3"}"#,
            r#"{"resourceType":"Condition","recorder":{"reference":"Practitioner/dr2"}}"#,
            // Resources saying something of others they name, whatever line those are on.
            r#"{"resourceType":"Provenance","target":[{"reference":"Condition/c3"}]}"#,
            r#"{"resourceType":"MedicationRequest","intent":"order","priorPrescription":{"reference":"MedicationRequest/none"}}"#,
            r#"{"resourceType":"MedicationStatement","basedOn":[{"reference":"MedicationRequest/none"}]}"#,
            r#"{"resourceType":"MedicationStatement","partOf":[{"reference":"Procedure/none"}]}"#,
        ]
        .join("\n");
        let kept = kept_lines(&text).unwrap();
        assert_eq!(
            kept,
            [
                false, true, false, true, true, true, true, false, true, true, false, true, false,
                true, true, true, false
            ]
        );
        let numbers: Vec<u32> = lines(&text).map(|(n, _)| n).collect();
        assert_eq!(
            numbers,
            [1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19]
        );
    }

    #[test]
    fn reading_the_needed_lines_gives_the_record_of_reading_all() {
        // The corpus bulk export in one text, shared resources after those naming them,
        // with reports and panels whose observations come before and after them.
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/corpus/fhir/bulk-ndjson-10-patients"
        );
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        let mut text = String::new();
        for name in names.iter().rev() {
            text.push_str(&std::fs::read_to_string(name).unwrap());
        }
        // A first line naming a practitioner of the export, which comes later.
        let practitioner = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .find(|v| v["resourceType"] == "Practitioner")
            .unwrap();
        let id = practitioner["id"].as_str().unwrap();
        let condition = format!(
            r#"{{"resourceType":"Condition","code":{{"text":"x"}},"asserter":{{"reference":"Practitioner/{id}"}}}}"#
        );
        text = format!("{condition}\n{text}");
        for line in [
            r#"{"resourceType":"Observation","id":"a","code":{"text":"A"},"valueString":"1"}"#,
            r#"{"resourceType":"DiagnosticReport","id":"r","result":[{"reference":"Observation/a"},{"reference":"Observation/b"}]}"#,
            r#"{"resourceType":"Observation","id":"b","code":{"text":"B"},"valueString":"2"}"#,
            r#"{"resourceType":"Observation","id":"p","category":[{"coding":[{"code":"vital-signs"}]}],"hasMember":[{"reference":"Observation/c"}]}"#,
            r#"{"resourceType":"Observation","id":"c","code":{"text":"C"},"valueString":"3"}"#,
        ] {
            text.push_str(line);
            text.push('\n');
        }
        let kept = kept_lines(&text).unwrap();
        let held = kept.iter().filter(|k| **k).count();
        assert!(
            held > 0 && held < kept.len() / 2,
            "{held} of {}",
            kept.len()
        );
        let all = read_keeping(&text, false, None).unwrap();
        let needed = read_keeping(&text, false, Some(&kept)).unwrap();
        assert!(all.problems.len() > 100 && all.results.len() == 1 && all.vitals.len() == 1);
        assert!(all.problems[0].authors[0].name.is_some());
        assert_eq!(all, needed);
    }

    #[test]
    fn a_line_that_is_not_an_object_is_an_error_after_syntax_errors() {
        let not_object = "{\"resourceType\":\"Patient\"}\n[1]\n";
        let e = kept_lines(not_object).unwrap_err();
        assert_eq!((e.kind(), e.line()), (ErrorKind::NotAHealthRecord, Some(2)));
        let both = format!("{not_object}{{\"resourceType\":}}\n");
        let e = kept_lines(&both).unwrap_err();
        assert_eq!((e.kind(), e.line()), (ErrorKind::Malformed, Some(3)));
    }
}

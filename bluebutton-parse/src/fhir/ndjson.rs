//! One NDJSON input read into one record a line at a time: beyond `WHOLE_BYTES` of input,
//! the JSON trees of all its lines are never held at once, only those of the lines other
//! lines need (smaller inputs hold them all, and read each line once).
//!
//! 1. Every line is skimmed (its syntax checked without building its tree; a Bundle is
//!    read whole, for its entries): the keys its resources are found by (`fullUrl`,
//!    `Type/id`, with their place: line and index in it) and the references it makes are
//!    noted.
//! 2. The lines that hold a resource another one refers to, a DiagnosticReport or a
//!    panel (which map the observations they name), or a Provenance, a renewal order or a
//!    statement based on orders (which say something of the resources they name, whatever
//!    line those are on), are read again and kept, indexed for references; the
//!    observations that reports and panels map, and the links, are noted. A Provenance's
//!    targets and a renewal's prior prescription do not keep their lines (a Provenance
//!    per resource would keep them all): the links note what they say of a resource on
//!    another line by its place, with its type from the skim.
//! 3. Every line is mapped in input order: a kept one from its kept tree, any other read
//!    again, a batch of lines (`BATCH_BYTES` of text) at a time, and dropped with its
//!    batch, what the links say of its resources found by their place. No other resource
//!    refers to those lines, so the record is the one the whole input read at once would
//!    give.
use super::bulk::routing::type_and_id;
use super::json::{self, Json};
use super::links::{Links, Unread};
use super::references::Index;
use super::{
    collect, devices, documents, links, map_one, not_a_resource, observations, syntax, Ctx,
    Positions, Resource, Tally,
};
use crate::error::ParseError;
use bluebutton_model::{HealthRecord, InputKind};
use std::collections::{HashMap, HashSet};

/// Reads NDJSON text (`lossy` when its bytes had to be repaired) into a record: up to
/// `WHOLE_BYTES`, every line's tree is held at once (one reading of each line); beyond, only
/// the lines others need.
pub(super) fn read(text: &str, lossy: bool) -> Result<HealthRecord, ParseError> {
    let plan = if text.len() <= WHOLE_BYTES {
        None
    } else {
        Some(kept_lines(text)?)
    };
    read_keeping(text, lossy, plan)
}

/// Which lines stay read while the others are mapped a batch at a time, and where the
/// resources that Provenance targets and prior prescriptions name lie when their lines are
/// not among those.
#[derive(Debug)]
struct Plan {
    /// For each non-blank line, whether it stays read.
    kept: Vec<bool>,
    /// The resources of other lines that Provenance targets and prior prescriptions
    /// name, by reference.
    unread: HashMap<Box<str>, Unread>,
}

/// Reads NDJSON text into a record, holding the trees of the lines the plan keeps (all of
/// them without one) throughout and reading the others a batch at a time.
fn read_keeping(text: &str, lossy: bool, plan: Option<Plan>) -> Result<HealthRecord, ParseError> {
    let (kept, unread) = match plan {
        Some(plan) => (Some(plan.kept), plan.unread),
        None => (None, HashMap::new()),
    };
    let is_kept = |i: usize| {
        kept.as_ref()
            .is_none_or(|k| k.get(i).copied().unwrap_or_default())
    };
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
    base.links = Links::with_unread(unread);
    for r in &held {
        base.index.add(r.kind, r.obj, r.full_url);
    }
    documents::prepare(&mut base, &held);
    devices::prepare(&mut base, &held);
    observations::prepare(&mut base, &held);
    links::prepare(&mut base, &held);
    // Every line in order, a batch at a time, each batch mapped with a context over the
    // kept lines' index (the record moves from one context to the next).
    let Ctx {
        index,
        mut record,
        mut consumed,
        mut sources,
        mut links,
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
        // The trees of the batch's lines that are not kept, with their index among the
        // non-blank lines; `None` for kept ones.
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
            batch.push((i, number, line, tree));
        }
        // Their resources, and what Provenances and renewals say of them.
        let mut read = Vec::new();
        let mut later = Vec::new();
        for (i, number, line, tree) in &batch {
            read.push(match tree {
                Some(tree) => {
                    let resources = self::resources(tree, line, *number)?;
                    for (at, r) in resources.iter().enumerate() {
                        later.extend(links.take_later((*i, at)).map(|said| (r.obj, said)));
                    }
                    Some(resources)
                }
                None => None,
            });
        }
        let mut ctx = Ctx {
            index: Index::over(&index),
            record,
            here: (None, None, None),
            consumed,
            sources,
            links: Links::over(&links, later),
            referenced,
            read_whole,
            shared,
        };
        for read in &read {
            let resources: &[Resource<'_>] = match read {
                Some(read) => read,
                None => spans
                    .next()
                    .and_then(|span| held.get(span))
                    .unwrap_or_default(),
            };
            // A line read for this batch only is one no other line refers to but by
            // Provenance targets and prior prescriptions (whose links were taken above).
            tally.transient = read.is_some();
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
/// `Type/id`), a DiagnosticReport, or a [`LINKING`] resource. The resources that only
/// [`LATER`] references name are not kept for them (unless they are supply orders only,
/// which statements based on them read): where those lie is noted instead. Every line is
/// skimmed once here; the first malformed one is the error, and then the first that is
/// not an object.
fn kept_lines(text: &str) -> Result<Plan, ParseError> {
    let mut kept = Vec::new();
    // Each key's last resource (as the index finds it), and by `fullUrl` its type.
    let mut by_url: HashMap<Box<str>, (Lies, Box<str>)> = HashMap::new();
    let mut by_type_id: HashMap<Box<str>, Lies> = HashMap::new();
    let mut references: HashSet<Box<str>> = HashSet::new();
    let mut later: HashSet<Box<str>> = HashSet::new();
    let mut not_an_object = None;
    for (i, (number, line)) in lines(text).enumerate() {
        // The first `resourceType`, `id` and `intent` of the root object, whether all its
        // members may be a supply order's, which of the members `kept_for` looks at it
        // has, and the references made in a member that [`LATER`] names (with it): a
        // resource of another type makes them as any other.
        let (mut kind, mut id, mut intent, mut has) = (None, None, None, Vec::new());
        let mut order_members = true;
        let (mut member, mut in_member) = (None, Vec::new());
        let object = json::skim(line, &mut |depth, key, value| {
            if depth == 1 {
                order_members &= links::is_order_member(key);
                has.extend(LINKING.iter().map(|(_, m)| *m).find(|m| *m == key));
                member = LATER.iter().map(|(_, m)| *m).find(|m| *m == key);
                let first = match key {
                    "resourceType" => Some(&mut kind),
                    "id" => Some(&mut id),
                    "intent" => Some(&mut intent),
                    _ => None,
                };
                if let Some(first) = first {
                    first.get_or_insert(value.cloned());
                }
            }
            match (key, value, member) {
                ("reference", Some(r), _) if r.starts_with('#') => {}
                ("reference", Some(r), Some(m)) => in_member.push((m, r.clone())),
                ("reference", Some(r), None) if !references.contains(r.as_ref()) => {
                    references.insert(r.as_ref().into());
                }
                _ => {}
            }
        })
        .map_err(|e| syntax(e, line, number, NDJSON))?;
        if !object {
            // Reported once every line is known to be well-formed JSON.
            not_an_object.get_or_insert(not_a_resource(NDJSON).at(number, 1));
        }
        let kind = kind.flatten().unwrap_or_default();
        for (m, r) in in_member {
            let to = if LATER.contains(&(kind.as_ref(), m)) {
                &mut later
            } else {
                &mut references
            };
            if !to.contains(r.as_ref()) {
                to.insert(r.as_ref().into());
            }
        }
        let mut keep = false;
        if object && kind == "Bundle" {
            // Its entries' keys: the Bundle is read whole (its references were noted).
            let tree = json::parse(line).map_err(|e| syntax(e, line, number, NDJSON))?;
            for (at, r) in resources(&tree, line, number)?.iter().enumerate() {
                let members = r.obj.members.iter().all(|(k, _)| links::is_order_member(k));
                let order =
                    links::is_supply_order(r.obj.str("resourceType"), r.obj.str("intent"), members);
                let lies = Lies { line: i, at, order };
                // The last resource with a key is the one the index finds.
                if let Some(url) = r.full_url {
                    by_url.insert(url.into(), (lies, r.kind.into()));
                }
                if let Some(id) = r.obj.str("id") {
                    by_type_id.insert([r.kind, "/", id].concat().into(), lies);
                }
                keep |= kept_for(r.kind, |m| r.obj.get(m).is_some());
            }
        } else if object {
            if let Some(id) = id.flatten().filter(|id| !id.is_empty()) {
                let intent = intent.flatten();
                let order = links::is_supply_order(Some(&kind), intent.as_deref(), order_members);
                let lies = Lies {
                    line: i,
                    at: 0,
                    order,
                };
                by_type_id.insert([kind.as_ref(), "/", id.as_ref()].concat().into(), lies);
            }
            keep = kept_for(&kind, |m| has.contains(&m));
        }
        kept.push(keep);
    }
    if let Some(e) = not_an_object {
        return Err(e);
    }
    // Where a reference's resource lies, as the index finds it.
    let find = |reference: &str| {
        let by_type = || {
            let (kind, id) = type_and_id(reference)?;
            let lies = by_type_id.get([kind, "/", id].concat().as_str())?;
            Some((*lies, kind.into()))
        };
        by_url.get(reference).cloned().or_else(by_type)
    };
    for reference in &references {
        let by_type = type_and_id(reference)
            .and_then(|(kind, id)| by_type_id.get([kind, "/", id].concat().as_str()));
        let url = by_url.get(reference).map(|(lies, _)| lies);
        for lies in url.into_iter().chain(by_type) {
            if let Some(k) = kept.get_mut(lies.line) {
                *k = true;
            }
        }
    }
    // A supply order is kept; any other resource, when its line is not, noted.
    let later: Vec<_> = later
        .into_iter()
        .filter_map(|reference| Some((find(&reference)?, reference)))
        .collect();
    for ((lies, _), _) in &later {
        if let Some(k) = kept.get_mut(lies.line).filter(|_| lies.order) {
            *k = true;
        }
    }
    let mut unread = HashMap::new();
    for ((lies, kind), reference) in later {
        if !kept.get(lies.line).copied().unwrap_or_default() {
            let place = (lies.line, lies.at);
            unread.insert(reference, Unread { place, kind });
        }
    }
    Ok(Plan { kept, unread })
}

/// Where a resource lies: its line (its index among the non-blank lines) and its index
/// among the line's resources, and whether it is a supply order only.
#[derive(Debug, Clone, Copy)]
struct Lies {
    /// Its line.
    line: usize,
    /// Its index among the line's resources.
    at: usize,
    /// Whether it is a MedicationRequest holding only what a supply order holds.
    order: bool,
}

/// The resource types that map the others they name, or say something of them that is
/// read before those are mapped (`links`), by the member that names them: an Observation
/// with members, a Provenance, a MedicationRequest renewing another, a
/// MedicationStatement based on orders, a Composition whose encounter is the document's,
/// a DeviceUseStatement that reads its device.
const LINKING: &[(&str, &str)] = &[
    ("Composition", "encounter"),
    ("DeviceUseStatement", "device"),
    ("Observation", "hasMember"),
    ("Provenance", "target"),
    ("MedicationRequest", "priorPrescription"),
    ("MedicationStatement", "basedOn"),
];

/// The [`LINKING`] members that need nothing of what they name but its place and type
/// (`links` notes what they say of it by its place, for when its line is read): a
/// Provenance's targets, a renewal's prior prescription, the orders a statement is based
/// on (unless they are supply orders only, which the statement reads).
const LATER: &[(&str, &str)] = &[
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
            r#"{"target":[{"reference":"Condition/c3"},{"reference":"Observation/o1"}],"resourceType":"Provenance"}"#,
            r#"{"resourceType":"MedicationRequest","intent":"order","priorPrescription":{"reference":"MedicationRequest/none"}}"#,
            r#"{"resourceType":"MedicationStatement","basedOn":[{"reference":"MedicationRequest/none"}]}"#,
            r#"{"resourceType":"MedicationStatement","partOf":[{"reference":"Procedure/none"}]}"#,
            // A statement reads the supply orders it is based on, nothing of other requests.
            r#"{"resourceType":"MedicationRequest","id":"full","intent":"order","dosageInstruction":[{"text":"daily"}]}"#,
            r#"{"resourceType":"MedicationRequest","intent":"order","status":"completed","id":"supply"}"#,
            r#"{"resourceType":"MedicationStatement","basedOn":[{"reference":"MedicationRequest/full"},{"reference":"MedicationRequest/supply"}]}"#,
        ]
        .join("\n");
        let plan = kept_lines(&text).unwrap();
        assert_eq!(
            plan.kept,
            [
                false, true, false, true, true, true, true, false, true, true, false, false, false,
                true, true, true, false, false, true, true
            ]
        );
        // A Provenance target or a request a statement is based on needs only where its
        // resource lies (a kept one is found by the index; a renewal naming nothing names
        // nothing).
        assert_eq!(plan.unread.len(), 2);
        let c3 = &plan.unread["Condition/c3"];
        assert_eq!((c3.place, c3.kind.as_ref()), ((11, 0), "Condition"));
        let full = &plan.unread["MedicationRequest/full"];
        assert_eq!(
            (full.place, full.kind.as_ref()),
            ((17, 0), "MedicationRequest")
        );
        let numbers: Vec<u32> = lines(&text).map(|(n, _)| n).collect();
        assert_eq!(
            numbers,
            [1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]
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
        // Before the export: a prescription, a Bundle's condition and a resource with no
        // authors, which only Provenances and renewals at the end name.
        let first = [
            r#"{"resourceType":"MedicationRequest","id":"rx","status":"active","intent":"order","medicationCodeableConcept":{"text":"albuterol"},"dosageInstruction":[{"text":"as needed"}]}"#,
            r#"{"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:b1","resource":{"resourceType":"Condition","code":{"text":"in a bundle"}}}]}"#,
            r#"{"resourceType":"Basic","id":"b","code":{"text":"basic"}}"#,
            r#"{"resourceType":"MedicationRequest","id":"full","status":"active","intent":"order","medicationCodeableConcept":{"text":"insulin"},"dosageInstruction":[{"text":"daily"}]}"#,
            r#"{"resourceType":"MedicationRequest","id":"sup","status":"completed","intent":"order","medicationCodeableConcept":{"text":"lisinopril"}}"#,
        ]
        .join("\n");
        let conditions: Vec<String> = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|v| v["resourceType"] == "Condition")
            .take(3)
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect();
        text = format!("{first}\n{condition}\n{text}");
        let provenance = |targets: &[&str]| {
            let targets: Vec<String> = targets
                .iter()
                .map(|t| format!(r#"{{"reference":"{t}"}}"#))
                .collect();
            format!(
                r#"{{"resourceType":"Provenance","target":[{}],"recorded":"2020-01-02","agent":[{{"type":{{"coding":[{{"code":"author"}}]}},"who":{{"reference":"Practitioner/{id}"}}}}]}}"#,
                targets.join(",")
            )
        };
        let mut late: Vec<String> = conditions
            .iter()
            .map(|c| provenance(&[&format!("Condition/{c}")]))
            .collect();
        late.push(provenance(&[
            "urn:uuid:b1",
            &format!("Condition/{}", conditions[0]),
        ]));
        late.push(provenance(&["Basic/b"]));
        late.push(r#"{"resourceType":"MedicationRequest","id":"r1","status":"active","intent":"order","authoredOn":"2021-01-01","priorPrescription":{"reference":"MedicationRequest/rx"}}"#.into());
        late.push(r#"{"resourceType":"MedicationRequest","id":"r2","status":"active","intent":"order","authoredOn":"2022-01-01","priorPrescription":{"reference":"MedicationRequest/r1"}}"#.into());
        late.push(r#"{"resourceType":"MedicationStatement","status":"active","medicationCodeableConcept":{"text":"lisinopril"},"basedOn":[{"reference":"MedicationRequest/full"},{"reference":"MedicationRequest/sup"}]}"#.into());
        late.extend([
            r#"{"resourceType":"Encounter","id":"visit","status":"finished","class":{"code":"AMB"}}"#,
            r#"{"resourceType":"Composition","status":"final","type":{"text":"summary"},"date":"2020-01-01","title":"t","author":[{"display":"a"}],"encounter":{"reference":"Encounter/visit"}}"#,
            r#"{"resourceType":"Observation","id":"a","code":{"text":"A"},"valueString":"1"}"#,
            r#"{"resourceType":"DiagnosticReport","id":"r","result":[{"reference":"Observation/a"},{"reference":"Observation/b"}]}"#,
            r#"{"resourceType":"Observation","id":"b","code":{"text":"B"},"valueString":"2"}"#,
            r#"{"resourceType":"Observation","id":"p","category":[{"coding":[{"code":"vital-signs"}]}],"hasMember":[{"reference":"Observation/c"}]}"#,
            r#"{"resourceType":"Observation","id":"c","code":{"text":"C"},"valueString":"3"}"#,
        ].map(String::from));
        for line in &late {
            text.push_str(line);
            text.push('\n');
        }
        let plan = kept_lines(&text).unwrap();
        let held = plan.kept.iter().filter(|k| **k).count();
        assert!(
            held > 0 && held < plan.kept.len() / 2,
            "{held} of {}",
            plan.kept.len()
        );
        // The prescriptions, the Bundle's condition, the resource with no authors and the
        // export's conditions are named by the lines at the end only (the supply order a
        // statement is based on is kept).
        assert_eq!(plan.unread.len(), 7, "{:?}", plan.unread);
        let all = read_keeping(&text, false, None).unwrap();
        let needed = read_keeping(&text, false, Some(plan)).unwrap();
        assert!(all.problems.len() > 100 && all.results.len() == 1 && all.vitals.len() == 1);
        // The Composition's encounter is the document's, not one more entry.
        let visit = |e: &bluebutton_model::Encounter| {
            e.source.line == all.document.encounter.as_ref().map_or(0, |d| d.source.line)
        };
        assert!(all.document.encounter.is_some());
        assert!(!all.encounters.iter().any(visit));
        // The first line's asserter, the Bundle's condition's Provenance author; the
        // prescription's two renewals, the statement's supply order (the other request
        // it is based on a medication of its own); the Provenance naming a resource with
        // no authors kept whole (with that resource).
        assert!(all.problems[0].authors[0].name.is_some());
        assert_eq!(all.problems[1].authors.len(), 1);
        assert_eq!(all.medications[0].orders.len(), 2);
        assert_eq!(all.medications.len(), 3);
        assert!(all.medications[2].order.is_some());
        let kinds: Vec<_> = all
            .other
            .iter()
            .filter_map(|o| o.kind.as_deref())
            .filter(|k| matches!(*k, "Basic" | "Provenance"))
            .collect();
        assert_eq!(kinds, ["Basic", "Provenance"]);
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

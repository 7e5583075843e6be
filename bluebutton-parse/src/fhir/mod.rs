//! Reader for FHIR R4 JSON: one resource, a Bundle of any type, or bulk-data NDJSON.
//!
//! The input is read once into a borrowed JSON tree (`json`, which keeps every number's
//! exact text), its resources are listed with their provenance (Bundle entry path, line
//! and column; NDJSON line numbers) and indexed for references (`references`), then each
//! resource is mapped by the module of its family. NDJSON is read a line at a time
//! (`ndjson`): only the trees of the lines whose content other lines read (shared parties,
//! panel members, report results, supply orders) and of the linking lines themselves are
//! held throughout; what a Provenance or renewal says of another line waits, by that
//! line's position, until it is read. A resource type with no home in the model is kept
//! whole in `other`, with one warning per type; the people, organizations,
//! places and products entries refer to are read into those entries and kept whole only
//! when nothing resolves a reference to them, and so is a Specimen that holds only the
//! type an observation or report reads of it. Provenances, further supply orders and
//! encounter references are read as the entries' authors, orders and encounters
//! (`links`); the Basic resources the writer makes of the items of `other` are read back
//! into `other` as those items (`other`). `bulk` reads many inputs
//! (a bulk-data export, a folder) into one record per patient with the same mapping.

mod allergies;
pub(crate) mod bulk;
mod care;
mod claims;
mod conditions;
mod coverage;
mod datatypes;
mod devices;
mod documents;
mod encounters;
mod extensions;
mod immunizations;
mod json;
mod links;
mod medications;
mod ndjson;
mod observations;
mod other;
mod patient;
mod procedures;
mod references;
mod requests;

use crate::decode::{split_bom, utf16, Bom, ByteOrder};
use crate::error::{ErrorKind, ParseError};
use bluebutton_model::{HealthRecord, InputKind, OtherItem, Source, Warning, WarningCode};
use json::Object;
use references::Index;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

/// One resource of the input and where it came from.
pub(super) struct Resource<'a> {
    /// The resource.
    pub obj: &'a Object<'a>,
    /// Its `resourceType`.
    pub kind: &'a str,
    /// Its JSON text as found.
    pub raw: &'a str,
    /// Its Bundle entry path (`entry[3]`), when it came from a Bundle.
    pub path: Option<String>,
    /// 1-based line of its opening brace.
    pub line: u32,
    /// 1-based column (bytes) of its opening brace.
    pub column: u32,
    /// The `fullUrl` of its Bundle entry.
    pub full_url: Option<&'a str>,
    /// True when its Bundle entry is the resource itself, without a `resource` member.
    pub unwrapped: bool,
    /// The file it came from, when a record is read from several files.
    pub file: Option<&'a str>,
    /// True when it is read only for other resources' references to resolve, not mapped.
    pub reference_only: bool,
}

/// Reading state shared by the resource modules.
pub(super) struct Ctx<'a> {
    /// The input's resources by `fullUrl` and `Type/id`.
    pub index: Index<'a>,
    /// The record being built.
    pub record: HealthRecord,
    /// Where warnings point: the resource being mapped (path, line, column).
    here: (Option<String>, Option<u32>, Option<u32>),
    /// Resources already mapped as part of another (report results, panel members).
    consumed: HashSet<usize>,
    /// The provenance of Observations, Procedures and Encounters, for when a report or
    /// panel maps them.
    sources: HashMap<usize, Source>,
    /// Authors, further orders and encounters other resources name (`links`).
    links: links::Links<'a>,
    /// The addresses of the resources references resolved to.
    referenced: HashSet<usize>,
    /// The addresses of the resources read whole into the entry that names them (a
    /// Specimen holding only its type, read as an observation's or report's specimen).
    read_whole: HashSet<usize>,
    /// People, organizations, places, products and specimens kept whole in `other`
    /// while mapping, with their address and their place in `other`: dropped at the end
    /// when an entry or the header refers to them (a specimen: when read whole).
    shared: Vec<(usize, usize)>,
}

impl<'a> Ctx<'a> {
    /// A context with an empty index and record.
    fn new() -> Self {
        Ctx {
            index: Index::default(),
            record: HealthRecord::default(),
            here: (None, None, None),
            consumed: HashSet::new(),
            sources: HashMap::new(),
            links: links::Links::default(),
            referenced: HashSet::new(),
            read_whole: HashSet::new(),
            shared: Vec::new(),
        }
    }

    /// Adds a warning located at the resource being mapped.
    pub fn warn(&mut self, code: WarningCode, message: String) {
        let (path, line, column) = self.here.clone();
        self.record.warnings.push(Warning {
            code,
            message,
            line,
            column,
            path,
        });
    }

    /// The provenance of an entry mapped from `res`: where it is in the input, and the
    /// template ids and fixed codes of the writer's `source-template` extension (the
    /// resource's profiles when it has none).
    pub fn source(&self, res: &Resource<'a>) -> Source {
        let (codes, templates) = extensions::source_template(res.obj);
        let template_ids = if templates.is_empty() {
            res.obj
                .obj("meta")
                .map(|m| m.strings("profile"))
                .unwrap_or_default()
        } else {
            templates
        };
        Source {
            section_code: Some(res.kind.to_string()),
            line: res.line,
            column: res.column,
            template_ids,
            path: res.path.clone(),
            file: res.file.map(str::to_string),
            codes,
            ..Default::default()
        }
    }

    /// Marks a resource as mapped within another one.
    pub fn consume(&mut self, obj: &Object<'_>) {
        self.consumed.insert(std::ptr::from_ref(obj) as usize);
    }

    /// Before mapping: marks the `target_type` resource that each `kind` resource names in
    /// its `element` reference as mapped within it. The reference is only looked up here:
    /// mapping the naming resource resolves it again, and warns once when it names nothing.
    pub fn consume_named(
        &mut self,
        resources: &[Resource<'a>],
        kind: &str,
        element: &str,
        target_type: &str,
    ) {
        for res in resources.iter().filter(|r| r.kind == kind) {
            let target = res
                .obj
                .obj(element)
                .and_then(|r| r.str("reference"))
                .and_then(|r| self.index.resolve(res.obj, r))
                .filter(|t| t.str("resourceType") == Some(target_type));
            if let Some(target) = target {
                self.consume(target);
            }
        }
    }

    /// Whether a resource was mapped within another one.
    pub fn is_consumed(&self, obj: &Object<'_>) -> bool {
        self.consumed.contains(&(std::ptr::from_ref(obj) as usize))
    }

    /// Marks a resource as read whole into the entry that names it.
    pub fn read_whole(&mut self, obj: &Object<'_>) {
        self.read_whole.insert(std::ptr::from_ref(obj) as usize);
    }
}

/// Reads FHIR R4 JSON (`ndjson` false) or NDJSON into a record.
pub(crate) fn parse(input: &[u8], ndjson: bool) -> Result<HealthRecord, ParseError> {
    let (text, lossy) = decode(input);
    let text = text.as_ref();
    if ndjson {
        return ndjson::read(text, lossy);
    }
    let tree = json::parse(text).map_err(|e| syntax(e, text, 1, InputKind::FhirJson))?;
    let Some(root) = tree.as_object() else {
        return Err(not_a_resource(InputKind::FhirJson).at(1, 1));
    };
    let mut resources = Vec::new();
    let mut positions = Positions::new(text, 1);
    collect(root, (None, None), text, &mut positions, &mut resources, 0);
    let mut ctx = Ctx::decoded(lossy);
    if root.str("resourceType") == Some("Bundle") {
        let (line, column) = Positions::new(text, 1).at(root.start);
        ctx.here = (None, Some(line), Some(column));
        ctx.record.document.ids = datatypes::identifiers(root);
        ctx.record.document.created = ctx.date_at(root, "timestamp");
    }
    map_all(&mut ctx, &resources);
    Ok(ctx.record)
}

/// The error for a JSON value that is not an object.
fn not_a_resource(input_kind: InputKind) -> ParseError {
    ParseError::new(
        ErrorKind::NotAHealthRecord,
        input_kind,
        "the JSON is not a FHIR resource: its root is not an object",
    )
}

impl Ctx<'_> {
    /// A new context, whose record says so when the input's encoding was broken (`lossy`).
    fn decoded(lossy: bool) -> Self {
        let mut ctx = Ctx::new();
        if lossy {
            ctx.warn(
                WarningCode::InvalidEncoding,
                "the input is not valid UTF-8 or UTF-16; invalid bytes were replaced".into(),
            );
        }
        ctx
    }
}

/// Indexes the resources and maps each into the record; those read only for references
/// are indexed, not mapped.
fn map_all<'a>(ctx: &mut Ctx<'a>, resources: &[Resource<'a>]) {
    for r in resources {
        ctx.index.add(r.kind, r.obj, r.full_url);
    }
    documents::prepare(ctx, resources);
    devices::prepare(ctx, resources);
    observations::prepare(ctx, resources);
    links::prepare(ctx, resources);
    let mut tally = Tally::default();
    for res in resources {
        map_one(ctx, res, &mut tally);
    }
    tally.drop_referenced(ctx);
    tally.warn(ctx);
}

/// What mapping one resource after another notes on the way.
#[derive(Debug, Default)]
struct Tally {
    /// Whether the record's patient (the first Patient) was mapped.
    has_patient: bool,
    /// How many resources of each type were kept whole in `other`.
    unmapped: BTreeMap<String, usize>,
    /// True while the resources being mapped are ones no other resource refers to, and
    /// whose trees do not outlive their mapping (NDJSON lines read a batch at a time).
    transient: bool,
}

impl Tally {
    /// Drops from `other` the people, organizations, places and products an entry or
    /// the header refers to (their content is read into it) and the specimens read
    /// whole, and from the count of resources kept whole.
    fn drop_referenced(&mut self, ctx: &mut Ctx<'_>) {
        let shared = std::mem::take(&mut ctx.shared);
        let mut dropped = HashSet::new();
        for (address, at) in shared {
            let kind = ctx.record.other.get(at).and_then(|o| o.kind.clone());
            let read = if kind.as_deref().is_some_and(|k| SHARED.contains(&k)) {
                ctx.referenced.contains(&address)
            } else {
                ctx.read_whole.contains(&address)
            };
            if !read {
                continue;
            }
            if let Some(count) = kind.as_ref().and_then(|k| self.unmapped.get_mut(k)) {
                *count = count.saturating_sub(1);
            }
            dropped.insert(at);
        }
        self.unmapped.retain(|_, count| *count > 0);
        let mut at = 0;
        ctx.record.other.retain(|_| {
            at += 1;
            !dropped.contains(&(at - 1))
        });
    }

    /// One warning for each resource type kept in `other`.
    fn warn(self, ctx: &mut Ctx<'_>) {
        ctx.here = (None, None, None);
        for (kind, count) in self.unmapped {
            let message = match kind.as_str() {
                "Patient" => format!(
                    "{count} further Patient resource(s): the record's patient is the first; kept whole in other"
                ),
                "" => format!("{count} resource(s) with no resourceType; kept whole in other"),
                _ => format!("{count} {kind} resource(s) have no place in the model; kept whole in other"),
            };
            ctx.warn(WarningCode::UnknownEntry, message);
        }
    }
}

/// Maps one resource into the record (unless it is read only for references).
fn map_one<'a>(ctx: &mut Ctx<'a>, res: &Resource<'a>, tally: &mut Tally) {
    if res.reference_only {
        return;
    }
    ctx.here = (place(res), Some(res.line), Some(res.column));
    if res.unwrapped {
        ctx.warn(
            WarningCode::MissingElement,
            "a Bundle entry holds its resource directly, without entry.resource; read as the resource".into(),
        );
    }
    match res.kind {
        "Patient" if !tally.has_patient => {
            tally.has_patient = true;
            patient::map(ctx, res);
        }
        // A further supply order, read with its medication.
        "MedicationRequest" if ctx.is_further_order(res.obj) => {}
        "AllergyIntolerance" => allergies::map(ctx, res),
        "Condition" => conditions::map(ctx, res),
        "FamilyMemberHistory" => conditions::family(ctx, res),
        "MedicationRequest"
        | "MedicationStatement"
        | "MedicationDispense"
        | "MedicationAdministration" => medications::map(ctx, res),
        "Observation" => observations::map(ctx, res),
        "DiagnosticReport" => observations::report(ctx, res),
        "Immunization" => immunizations::map(ctx, res),
        "Procedure" => procedures::map(ctx, res),
        "Encounter" => encounters::map(ctx, res),
        "CarePlan" | "ServiceRequest" => care::plan(ctx, res),
        "Goal" => care::goal(ctx, res),
        "CareTeam" => care::team(ctx, res),
        "Device" => devices::map(ctx, res),
        "DeviceUseStatement" => devices::statement(ctx, res),
        "Appointment" | "DeviceRequest" | "NutritionOrder" | "CommunicationRequest" => {
            requests::map(ctx, res)
        }
        "DocumentReference" | "Binary" => documents::map(ctx, res),
        "Composition" => documents::composition(ctx, res),
        "Coverage" => coverage::map(ctx, res),
        "ExplanationOfBenefit" => claims::map(ctx, res),
        "Provenance" if ctx.is_read_provenance(res.obj) => {}
        "Basic" if other::is_item(res.obj) => other::map(ctx, res),
        kind => {
            match tally.unmapped.get_mut(kind) {
                Some(count) => *count += 1,
                None => {
                    tally.unmapped.insert(kind.to_string(), 1);
                }
            }
            if (SHARED.contains(&kind) || kind == "Specimen") && !tally.transient {
                let address = std::ptr::from_ref(res.obj) as usize;
                ctx.shared.push((address, ctx.record.other.len()));
            }
            keep_other(ctx, res);
        }
    }
}

/// The resource types entries and the header refer to for their people, organizations,
/// places and products.
const SHARED: &[&str] = &[
    "Practitioner",
    "PractitionerRole",
    "Organization",
    "Location",
    "Medication",
    "RelatedPerson",
];

/// Where warnings about a resource point: its file and Bundle entry path, as known.
fn place(res: &Resource<'_>) -> Option<String> {
    match (res.file, &res.path) {
        (Some(file), Some(path)) => Some(format!("{file}#{path}")),
        (Some(file), None) => Some(file.to_string()),
        (None, path) => path.clone(),
    }
}

/// Keeps a resource whole in `other`.
fn keep_other(ctx: &mut Ctx<'_>, res: &Resource<'_>) {
    let o = res.obj;
    let item = OtherItem {
        kind: Some(res.kind.to_string()).filter(|k| !k.is_empty()),
        code: datatypes::coded_at(o, "code"),
        title: o.string("title").or_else(|| o.string("name")),
        text: None,
        content: Some(res.raw.to_string()),
        source: ctx.source(res),
    };
    ctx.record.other.push(item);
}

/// How deep Bundles may nest inside Bundles.
const MAX_BUNDLE_DEPTH: usize = 8;

/// Lists the resources of `root` (itself, or a Bundle's entries, recursively).
fn collect<'a>(
    root: &'a Object<'a>,
    (path, full_url): (Option<String>, Option<&'a str>),
    text: &'a str,
    positions: &mut Positions<'a>,
    out: &mut Vec<Resource<'a>>,
    depth: usize,
) {
    let kind = root.str("resourceType").unwrap_or_default();
    if kind == "Bundle" && depth < MAX_BUNDLE_DEPTH {
        for (i, entry) in root.array("entry").iter().enumerate() {
            let Some(entry) = entry.as_object() else {
                continue;
            };
            // Some servers put the resource itself in `entry`, without `resource`.
            let (resource, unwrapped) = match entry.obj("resource") {
                Some(r) => (r, false),
                None if entry.str("resourceType").is_some() => (entry, true),
                None => continue,
            };
            let entry_path = match &path {
                Some(p) => format!("{p}.resource.entry[{i}]"),
                None => format!("entry[{i}]"),
            };
            let at = (Some(entry_path), entry.str("fullUrl"));
            let first = out.len();
            collect(resource, at, text, positions, out, depth + 1);
            for r in out.iter_mut().skip(first) {
                r.unwrapped |= unwrapped;
            }
        }
        return;
    }
    let (line, column) = positions.at(root.start);
    out.push(Resource {
        obj: root,
        kind,
        raw: text.get(root.start..root.end).unwrap_or_default(),
        path,
        line,
        column,
        full_url,
        unwrapped: false,
        file: None,
        reference_only: false,
    });
}

/// Line and column of byte offsets met in increasing order.
struct Positions<'a> {
    text: &'a [u8],
    offset: usize,
    line: u32,
    line_start: usize,
}

impl<'a> Positions<'a> {
    fn new(text: &'a str, first_line: u32) -> Self {
        Positions {
            text: text.as_bytes(),
            offset: 0,
            line: first_line,
            line_start: 0,
        }
    }

    /// 1-based line and byte column of `offset` (at or after the previous one).
    fn at(&mut self, offset: usize) -> (u32, u32) {
        let offset = offset.max(self.offset);
        let between = self.text.get(self.offset..offset).unwrap_or_default();
        for n in memchr::memchr_iter(b'\n', between) {
            self.line = self.line.saturating_add(1);
            self.line_start = self.offset + n + 1;
        }
        self.offset = offset;
        let column = u32::try_from(offset - self.line_start + 1).unwrap_or(u32::MAX);
        (self.line, column)
    }
}

/// A JSON syntax error (in `text`, whose first line is `first_line`) as a parse error at
/// its line and column.
fn syntax(e: json::SyntaxError, text: &str, first_line: u32, input: InputKind) -> ParseError {
    let (line, column) = Positions::new(text, first_line).at(e.offset);
    let kind = if e.too_deep {
        ErrorKind::LimitExceeded
    } else {
        ErrorKind::Malformed
    };
    ParseError::new(kind, input, format!("malformed JSON: {}", e.what)).at(line, column)
}

/// The input as text: UTF-8 (borrowed when valid) or UTF-16 by its byte-order mark or
/// zero bytes. The flag is true when invalid sequences were replaced.
fn decode(input: &[u8]) -> (Cow<'_, str>, bool) {
    let utf8 = |bytes| match std::str::from_utf8(bytes) {
        Ok(t) => (Cow::Borrowed(t), false),
        Err(_) => (String::from_utf8_lossy(bytes), true),
    };
    match split_bom(input) {
        (Some(Bom::Utf8), rest) => utf8(rest),
        (Some(Bom::Utf16(order)), rest) => {
            let (t, lossy) = utf16(rest, order);
            (Cow::Owned(t), lossy)
        }
        (None, _) => match input {
            [a, 0, ..] if *a != 0 => {
                let (t, lossy) = utf16(input, ByteOrder::Little);
                (Cow::Owned(t), lossy)
            }
            [0, b, ..] if *b != 0 => {
                let (t, lossy) = utf16(input, ByteOrder::Big);
                (Cow::Owned(t), lossy)
            }
            _ => utf8(input),
        },
    }
}

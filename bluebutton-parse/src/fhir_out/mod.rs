//! Writer of a record as a FHIR R4 Bundle (type `collection`).
//!
//! The inverse of the FHIR reader: each record list becomes the resources it was read
//! from (see each module), every resource with a deterministic UUID-like id (a hash of
//! the record's patient and document and of the entry's place in the record), a
//! `urn:uuid:` `fullUrl`, and a reference to the Patient entry. Values FHIR requires but
//! the record does not hold are written as a `data-absent-reason` extension or the value
//! set's `unknown` code, never invented. The people, organizations and places entries
//! name are Practitioner, PractitionerRole, Organization and Location entries of their
//! own (`parties`), each author of an entry is a Provenance naming the entry and when
//! it was written, an entry's encounter is a reference to the Encounter entry
//! (`provenance`), a record read from a document or text report has a Composition (its
//! whole header: `composition`), and advance directives are DocumentReferences. What the
//! record kept whole (`other`) is a Basic resource per item (`other`). Facts FHIR has no element for are extensions
//! (`extensions`: HL7's where one exists, else the project's own), which the reader
//! reads back. What has no FHIR home here is left out (listed in the README): warnings,
//! entry positions and narrative, and the facts listed there.

pub(crate) mod care;
pub(crate) mod clinical;
pub(crate) mod composition;
mod datatypes;
mod documents;
pub(crate) mod events;
pub(crate) mod extensions;
pub(crate) mod financial;
mod json;
pub(crate) mod medications;
mod observations;
pub(crate) mod other;
mod parties;
pub(crate) mod patient;
mod provenance;

use bluebutton_model::{FormatKind, HealthRecord};
use datatypes::{identifier, instant, reference};
use json::{Obj, J};
use std::cell::RefCell;
use std::collections::HashMap;

/// Bundle-building state shared by the resource modules.
pub(crate) struct Writer<'r> {
    /// The record being written.
    record: &'r HealthRecord,
    /// Mixed into every id, so two records' Bundles do not share ids.
    salt: u64,
    /// The Patient entry's `fullUrl`.
    patient: String,
    /// The Bundle entries written so far.
    entries: Vec<J>,
    /// True when units are UCUM by the source format's definition (CDA `PQ`).
    ucum: bool,
    /// The shared resources written so far (`fullUrl`, resource): people,
    /// organizations, places and medication products, added to the Bundle after every
    /// other entry.
    parties: RefCell<Vec<(String, Obj)>>,
    /// The Provenance resources written so far (`fullUrl`, resource): one per author of
    /// an entry, added to the Bundle after the entries.
    provenances: RefCell<Vec<(String, Obj)>>,
    /// The key each entry URL was made from (`allergies/0`), for the Composition's
    /// sections.
    keys: RefCell<HashMap<String, String>>,
}

impl<'r> Writer<'r> {
    fn new(record: &'r HealthRecord) -> Self {
        let mut seed = serde_json::to_string(&record.patient).unwrap_or_default();
        seed.push_str(&serde_json::to_string(&record.document.ids).unwrap_or_default());
        let salt = fnv(0xcbf2_9ce4_8422_2325, seed.as_bytes());
        let mut w = Writer {
            record,
            salt,
            patient: String::new(),
            entries: Vec::new(),
            ucum: matches!(record.format.kind, FormatKind::Ccda | FormatKind::C32),
            parties: RefCell::new(Vec::new()),
            provenances: RefCell::new(Vec::new()),
            keys: RefCell::new(HashMap::new()),
        };
        w.patient = w.url("patient");
        w
    }

    /// The `urn:uuid:` URL of the entry at `key` (a record list and position): a version 8
    /// (custom) UUID from two FNV-1a hashes of the salt and the key.
    fn url(&self, key: &str) -> String {
        let salt = self.salt.to_le_bytes();
        let a = fnv(fnv(0xcbf2_9ce4_8422_2325, &salt), key.as_bytes());
        let b = fnv(fnv(0x6c62_272e_07bb_0142, &salt), key.as_bytes());
        let hex = format!("{a:016x}{b:016x}");
        let part = |r: std::ops::Range<usize>| hex.get(r).unwrap_or_default().to_string();
        let variant = (b >> 16) & 0x3fff | 0x8000;
        let url = format!(
            "urn:uuid:{}-{}-8{}-{:04x}-{}",
            part(0..8),
            part(8..12),
            part(13..16),
            variant,
            part(20..32)
        );
        self.keys
            .borrow_mut()
            .entry(url.clone())
            .or_insert_with(|| key.to_string());
        url
    }

    /// A new resource of `kind` whose id is the UUID of `url`.
    fn resource(kind: &str, url: &str) -> Obj {
        let mut o = Obj::new();
        o.put_str("resourceType", Some(kind))
            .put_str("id", url.strip_prefix("urn:uuid:"));
        o
    }

    /// A new resource of `kind` with `meta.profile` set to `profiles`.
    fn profiled(kind: &str, url: &str, profiles: &[&str]) -> Obj {
        let mut o = Self::resource(kind, url);
        let mut meta = Obj::new();
        meta.put_all("profile", profiles.iter().filter_map(|p| J::str(p)));
        o.put("meta", meta.some());
        o
    }

    /// Adds a resource to the Bundle under `url`.
    fn push(&mut self, url: &str, resource: Obj) {
        let mut entry = Obj::new();
        entry
            .put_str("fullUrl", Some(url))
            .put("resource", J::Obj(resource));
        self.entries.push(J::Obj(entry));
    }

    /// A reference to the Patient entry.
    fn subject(&self) -> J {
        reference(&self.patient)
    }
}

/// FNV-1a over `bytes`, from `state`.
fn fnv(mut state: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        state ^= u64::from(*b);
        state = state.wrapping_mul(0x0100_0000_01b3);
    }
    state
}

/// The record as a FHIR R4 Bundle, as a JSON tree.
fn bundle(record: &HealthRecord) -> J {
    let mut w = Writer::new(record);
    patient::write(&mut w);
    clinical::write(&mut w);
    medications::write(&mut w);
    observations::write(&mut w);
    events::write(&mut w);
    financial::write(&mut w);
    care::write(&mut w);
    documents::write(&mut w);
    other::write(&mut w);
    // After the entries it lists in its sections; placed right after the Patient.
    composition::write(&mut w);
    for (url, resource) in w.provenances.take() {
        w.push(&url, resource);
    }
    for (url, resource) in w.parties.take() {
        w.push(&url, resource);
    }
    let url = w.url("bundle");
    let mut b = Writer::resource("Bundle", &url);
    b.put(
        "identifier",
        record.document.ids.iter().find_map(identifier),
    )
    .put_str("type", Some("collection"))
    .put(
        "timestamp",
        record
            .document
            .created
            .as_ref()
            .and_then(instant)
            .map(J::Str),
    )
    .put("entry", J::Arr(w.entries));
    J::Obj(b)
}

/// Writes a record as a FHIR R4 Bundle of type `collection`, as compact JSON.
///
/// Every entry has a deterministic `urn:uuid:` `fullUrl` and refers to the Patient entry;
/// codes keep their codes with C-CDA OIDs turned into FHIR system URIs, dates keep their
/// precision (never padded), and decimals keep their exact text. What has no FHIR home is
/// left out (see the README).
///
/// ```
/// let xml = include_bytes!("../../../examples/sample-ccd.xml");
/// let record = bluebutton_parse::parse(xml).unwrap();
/// let bundle: serde_json::Value =
///     serde_json::from_str(&bluebutton_parse::to_fhir(&record)).unwrap();
/// assert_eq!(bundle["resourceType"], "Bundle");
/// assert_eq!(bundle["type"], "collection");
/// assert_eq!(bundle["entry"][0]["resource"]["resourceType"], "Patient");
/// ```
pub fn to_fhir(record: &HealthRecord) -> String {
    bundle(record).compact()
}

/// [`to_fhir`], indented by two spaces.
pub fn to_fhir_pretty(record: &HealthRecord) -> String {
    bundle(record).pretty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_uuids() {
        let record = HealthRecord::default();
        let w = Writer::new(&record);
        let a = w.url("allergies/0");
        assert_eq!(a, Writer::new(&record).url("allergies/0"));
        assert_ne!(a, w.url("allergies/1"));
        let id = a.strip_prefix("urn:uuid:").unwrap();
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('8'));
    }
}

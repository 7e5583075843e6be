//! Many FHIR inputs read into one record per patient: the files of a bulk-data export
//! (NDJSON, one resource per line, one file per type), folders of resources and Bundles,
//! or any mix of them.
//!
//! Each resource goes to its patient by the reference its `patient`, `subject` or
//! `beneficiary` member holds (`Patient/x`, an absolute `…/Patient/x`, `Patient/x/_history/n`,
//! or a bundle-local `urn:uuid:` naming the Patient's `fullUrl`). Then each patient's
//! resources are mapped by the same code that maps one input, as if they were one Bundle.
//!
//! Resources that name no patient:
//! - the shared ones (Practitioner, PractitionerRole, Organization, Location, Medication,
//!   and the like: `routing::SHARED`) are read, for references to them to resolve, by
//!   every record whose resources refer to them (and to the shared ones those refer to);
//! - any other, and the shared ones no record refers to, go to one further record with no
//!   patient, which says so in a warning. Nothing is dropped.
//!
//! Resources naming a patient whose Patient resource is not in the input make a record of
//! their own, with a warning. Bundle-level facts (`Bundle.identifier`, `timestamp`) are
//! about a file, not a patient, and are not read here.
//!
//! NDJSON is read one line at a time: no file is ever held whole, nor the JSON tree of
//! more than one line. What is kept of each resource until its patient's record is built
//! (records are built one at a time, as the iterator is advanced) depends on where it came
//! from:
//! - from a file on disk ([`FhirPatients::add_file`], so [`parse_fhir_folder`] and the
//!   CLI), a small index only: its file, the byte offset and length of its text there, and
//!   what routing needs (patient key, references, flags). Its bytes are read again from the
//!   file when its record is built, so memory is bounded by the index (tens of bytes per
//!   resource) and one patient's resources and record, not by the size of the input. The
//!   files must not change until the records are built; a resource that can no longer be
//!   read is left out of its record, with a warning. Resources whose bytes are not valid
//!   UTF-8 (and those of UTF-16 files) keep their decoded text;
//! - from a stream or bytes ([`FhirPatients::add_ndjson`], [`FhirPatients::add_json`]),
//!   which cannot be read again: its text, once, so memory follows the input.
//!
//! Here: the reader and its inputs; `routing`: which patient a resource belongs to and
//! which shared resources a patient needs; `records`: the records, built one at a time;
//! `folder`: a folder's files.

mod folder;
mod records;
pub(super) mod routing;

pub use folder::parse_fhir_folder;
pub use records::FhirPatientRecords;

use super::json::{self, Json};
use super::{collect, decode, not_a_resource, syntax, Positions, Resource};
use crate::error::ParseError;
use bluebutton_model::InputKind;
use routing::{patient_key, patient_of, references, SHARED};
use std::collections::HashMap;
use std::io::{self, BufRead, Read};
use std::path::{Path, PathBuf};

/// An input of [`FhirPatients`] that could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FhirFilesError {
    /// Reading the file or stream failed.
    #[error("{file}: {source}")]
    Io {
        /// The file, as named to [`FhirPatients`].
        file: String,
        /// What failed.
        source: io::Error,
    },
    /// The file is not FHIR R4 JSON or NDJSON, or is malformed: the error's line (the
    /// NDJSON line) and column say where.
    #[error("{file}: {error}")]
    Parse {
        /// The file, as named to [`FhirPatients`].
        file: String,
        /// What was wrong, and where.
        #[source]
        error: ParseError,
    },
}

impl FhirFilesError {
    /// The file the error is about, as it was named.
    pub fn file(&self) -> &str {
        match self {
            FhirFilesError::Io { file, .. } | FhirFilesError::Parse { file, .. } => file,
        }
    }
}

/// One file read so far.
#[derive(Debug)]
struct File {
    /// Its name, as given.
    name: String,
    /// True when read as NDJSON.
    ndjson: bool,
    /// The FHIR version detection found.
    version: Option<String>,
    /// Its path, when its resources' text is left there ([`Text::At`]).
    disk: Option<PathBuf>,
}

/// Where a resource's JSON text is kept until its record is built.
#[derive(Debug, Clone)]
enum Text {
    /// In memory: read from a stream or from bytes, or decoded from bytes that were not
    /// UTF-8 as found.
    Held(Box<str>),
    /// In its file (on disk): `len` bytes from byte `offset`, read again when its record is
    /// built.
    At {
        /// Byte offset of its opening brace in the file.
        offset: u64,
        /// Its length in bytes.
        len: u32,
    },
}

/// Where a resource was in its Bundle: kept for Bundle entries only.
#[derive(Debug, Clone)]
struct Entry {
    /// Its Bundle entry path.
    path: Option<Box<str>>,
    /// Its Bundle entry's `fullUrl`.
    full_url: Option<Box<str>>,
}

/// One resource kept until its record is built: its text, or where to read it again.
#[derive(Debug, Clone)]
struct Stored {
    /// Its JSON text, or where it is.
    text: Text,
    /// Index of its file.
    file: u32,
    /// 1-based line (the NDJSON line) and byte column of its opening brace.
    line: u32,
    column: u32,
    /// True when its Bundle entry is the resource itself, without `resource`.
    unwrapped: bool,
    /// True when its bytes were not valid UTF-8 and were replaced.
    lossy: bool,
    /// True for a Patient resource.
    patient: bool,
    /// Its place in the input, for records to keep input order.
    seq: usize,
    /// Its Bundle entry's path and `fullUrl`, when it came from a Bundle.
    entry: Option<Box<Entry>>,
    /// The references it makes that may name a shared resource.
    refs: Box<[Box<str>]>,
}

/// The resources of one patient.
#[derive(Debug, Default)]
struct Group {
    /// Its resources, in input order.
    parts: Vec<Stored>,
    /// The shared resources its resources refer to (directly or through shared ones).
    needed: Vec<usize>,
}

/// FHIR inputs read into one record per patient.
///
/// Each resource goes to its patient by the reference its `patient`, `subject` or
/// `beneficiary` member holds (`Patient/x`, `…/Patient/x`, `Patient/x/_history/n`, or a
/// `urn:uuid:` naming a Patient's `fullUrl`); each patient's resources are then mapped as
/// one input would be ([`crate::parse`]), each entry's provenance naming its file
/// (`Source.file`), NDJSON line or Bundle entry. Resources that name no patient:
/// Practitioner, PractitionerRole, Organization, Location, Medication (and Substance,
/// HealthcareService, Endpoint, OrganizationAffiliation) are read, for references to
/// resolve, by every record whose resources refer to them; the other ones, and shared
/// ones no record refers to, make one last record with no patient, which says so in a
/// warning. Resources naming a patient whose Patient resource is missing make a record of
/// their own, with a warning. Nothing is dropped. Bundle-level facts (`Bundle.identifier`,
/// `timestamp`) are about a file, not a patient, and are not read.
///
/// NDJSON is read one line at a time, and records are built one at a time as
/// [`FhirPatients::records`] is iterated. Until then, of the resources of files on disk
/// ([`FhirPatients::add_file`]) only a small index is kept, and their bytes are read again
/// when their record is built: memory does not grow with the size of the files. The text
/// of resources read from a stream or from bytes ([`FhirPatients::add_ndjson`],
/// [`FhirPatients::add_json`]), which cannot be read again, is kept until then.
///
/// ```
/// use bluebutton_parse::FhirPatients;
/// let patients = concat!(
///     r#"{"resourceType":"Patient","id":"a"}"#, "\n",
///     r#"{"resourceType":"Patient","id":"b"}"#, "\n",
/// );
/// let conditions = concat!(
///     r#"{"resourceType":"Condition","subject":{"reference":"Patient/b"},"code":{"text":"x"}}"#, "\n",
///     r#"{"resourceType":"Condition","subject":{"reference":"Patient/a"},"code":{"text":"y"}}"#, "\n",
///     r#"{"resourceType":"Condition","subject":{"reference":"Patient/b"},"code":{"text":"z"}}"#, "\n",
/// );
/// let mut reader = FhirPatients::new();
/// reader.add_ndjson("Patient.ndjson", patients.as_bytes())?;
/// reader.add_ndjson("Condition.ndjson", conditions.as_bytes())?;
/// let records: Vec<_> = reader.records().collect();
/// assert_eq!(records.len(), 2);
/// assert_eq!(records[0].problems.len(), 1);
/// assert_eq!(records[1].problems.len(), 2);
/// assert_eq!(records[1].problems[0].source.file.as_deref(), Some("Condition.ndjson"));
/// assert_eq!(records[1].problems[0].source.line, 1);
/// # Ok::<(), bluebutton_parse::FhirFilesError>(())
/// ```
#[derive(Debug, Default)]
pub struct FhirPatients {
    files: Vec<File>,
    groups: Vec<Group>,
    /// Group index by patient key (a Patient's id, or a `urn:` reference).
    by_key: HashMap<String, usize>,
    /// Other keys of a Patient (its `fullUrl`), to its key.
    aliases: Vec<(String, String)>,
    /// Resources that name no patient and that others refer to ([`routing::SHARED`]).
    shared: Vec<Stored>,
    /// Shared resources by `Type/id` and `fullUrl`.
    shared_by_ref: HashMap<String, usize>,
    /// Resources that name no patient and are not shared.
    loose: Vec<Stored>,
    /// How many resources were read.
    seq: usize,
}

impl FhirPatients {
    /// A reader with nothing read yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads FHIR NDJSON (one resource, or Bundle, per line) from `reader`, one line at a
    /// time. `file` names the input in provenance (`Source.file`), warnings and errors.
    /// A stream cannot be read again: each resource's text is kept until its record is
    /// built ([`FhirPatients::add_file`] keeps only where it is in its file).
    ///
    /// # Errors
    /// An I/O error, or a [`ParseError`] located at the line: a line that is not JSON, not
    /// an object, longer than [`crate::MAX_INPUT_BYTES`], or a first line that is not FHIR
    /// R4. Lines read before the error stay read.
    pub fn add_ndjson(&mut self, file: &str, reader: impl BufRead) -> Result<(), FhirFilesError> {
        self.lines(file, None, reader)
    }

    /// Reads one FHIR R4 JSON input: a resource or a Bundle of any type (NDJSON given here
    /// is read as by [`FhirPatients::add_ndjson`]). `file` names it in provenance, warnings
    /// and errors. Each resource's text is kept until its record is built.
    ///
    /// # Errors
    /// A [`ParseError`]: the input is not FHIR R4 (STU3 is refused), is malformed, or is
    /// larger than [`crate::MAX_INPUT_BYTES`].
    pub fn add_json(&mut self, file: &str, input: &[u8]) -> Result<(), FhirFilesError> {
        self.json(file, None, input)
    }

    /// Reads a file: `.ndjson` and `.jsonl` files line by line ([`FhirPatients::add_ndjson`]),
    /// others whole ([`FhirPatients::add_json`]). The file is named by its path as given.
    /// Only where each resource is in the file is kept: its bytes are read again, from the
    /// file, when its record is built (so the file must not change until then).
    ///
    /// # Errors
    /// As [`FhirPatients::add_ndjson`] and [`FhirPatients::add_json`], and when the file
    /// cannot be opened or read.
    pub fn add_file(&mut self, path: &Path) -> Result<(), FhirFilesError> {
        let name = path.display().to_string();
        let unreadable = |source| FhirFilesError::Io {
            file: name.clone(),
            source,
        };
        let ndjson = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("ndjson") || e.eq_ignore_ascii_case("jsonl"));
        let file = std::fs::File::open(path).map_err(unreadable)?;
        if ndjson {
            return self.lines(&name, Some(path), io::BufReader::new(file));
        }
        let mut bytes = Vec::new();
        file.take(crate::MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
        self.json(&name, Some(path), &bytes)
    }

    /// Bytes of resource text held in memory until the records are built: 0 when every
    /// input was a file on disk ([`FhirPatients::add_file`]) in UTF-8, whatever its size.
    pub fn held_text_bytes(&self) -> usize {
        let groups = self.groups.iter().flat_map(|g| &g.parts);
        groups
            .chain(&self.shared)
            .chain(&self.loose)
            .map(|s| match &s.text {
                Text::Held(text) => text.len(),
                Text::At { .. } => 0,
            })
            .sum()
    }

    /// Reads NDJSON line by line; `disk` is the file `reader` reads from its start, when
    /// the resources' text is to be left there.
    fn lines(
        &mut self,
        file: &str,
        disk: Option<&Path>,
        mut reader: impl BufRead,
    ) -> Result<(), FhirFilesError> {
        let index = self.file(file, true, disk);
        let fail = |error: ParseError| FhirFilesError::Parse {
            file: file.to_string(),
            error,
        };
        let limit = crate::MAX_INPUT_BYTES as u64;
        let mut buf = Vec::new();
        let mut number = 0u32;
        let mut first = true;
        // Byte offset of the next line in the file.
        let mut offset = 0u64;
        loop {
            buf.clear();
            let read = (&mut reader)
                .take(limit + 1)
                .read_until(b'\n', &mut buf)
                .map_err(|source| FhirFilesError::Io {
                    file: file.to_string(),
                    source,
                })?;
            if read == 0 {
                return Ok(());
            }
            let mut start = offset;
            offset += read as u64;
            number = number.saturating_add(1);
            if read as u64 > limit {
                let error = ParseError::too_large(InputKind::FhirNdjson);
                return Err(fail(error.at(number, 1)));
            }
            let mut line = buf.strip_suffix(b"\n").unwrap_or(&buf);
            line = line.strip_suffix(b"\r").unwrap_or(line);
            if number == 1 {
                if let Some(rest) = line.strip_prefix(b"\xEF\xBB\xBF") {
                    line = rest;
                    start += 3;
                }
            }
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if first {
                first = false;
                let detection = crate::detect(line);
                let fhir = matches!(detection.kind, InputKind::FhirJson | InputKind::FhirNdjson);
                if !fhir || !crate::reads_fhir(&detection) {
                    return Err(fail(crate::detect::refusal(&detection).at(number, 1)));
                }
                if let Some(f) = self.files.get_mut(index) {
                    f.version = detection.version;
                }
            }
            let (text, base) = match std::str::from_utf8(line) {
                Ok(t) => (std::borrow::Cow::Borrowed(t), disk.map(|_| start)),
                Err(_) => (String::from_utf8_lossy(line), None),
            };
            let lossy = matches!(text, std::borrow::Cow::Owned(_));
            let tree = json::parse(&text)
                .map_err(|e| fail(syntax(e, &text, number, InputKind::FhirNdjson)))?;
            self.add_tree(index, &tree, &text, (number, base), lossy)
                .map_err(|e| fail(e.at(number, 1)))?;
        }
    }

    /// Reads one JSON input; `disk` is the file `input` holds whole, when the resources'
    /// text is to be left there.
    fn json(
        &mut self,
        file: &str,
        disk: Option<&Path>,
        input: &[u8],
    ) -> Result<(), FhirFilesError> {
        let fail = |error: ParseError| FhirFilesError::Parse {
            file: file.to_string(),
            error,
        };
        let detection = crate::detect(input);
        if input.len() > crate::MAX_INPUT_BYTES {
            return Err(fail(ParseError::too_large(detection.kind)));
        }
        match detection.kind {
            InputKind::FhirJson if crate::reads_fhir(&detection) => {}
            InputKind::FhirNdjson if crate::reads_fhir(&detection) => {
                return self.lines(file, disk, input);
            }
            _ => return Err(fail(crate::detect::refusal(&detection))),
        }
        let index = self.file(file, false, disk);
        if let Some(f) = self.files.get_mut(index) {
            f.version = detection.version;
        }
        let (text, lossy) = decode(input);
        // UTF-8 text is the end of the input (after any byte order mark): its offsets are
        // the file's. Decoded UTF-16, or replaced bytes, are kept.
        let base = match (&text, disk) {
            (std::borrow::Cow::Borrowed(t), Some(_)) => {
                Some(input.len().saturating_sub(t.len()) as u64)
            }
            _ => None,
        };
        let tree =
            json::parse(&text).map_err(|e| fail(syntax(e, &text, 1, InputKind::FhirJson)))?;
        self.add_tree(index, &tree, &text, (1, base), lossy)
            .map_err(fail)
    }

    /// Registers a file and returns its index.
    fn file(&mut self, name: &str, ndjson: bool, disk: Option<&Path>) -> usize {
        self.files.push(File {
            name: name.to_string(),
            ndjson,
            version: None,
            disk: disk.map(Path::to_path_buf),
        });
        self.files.len() - 1
    }

    /// Lists the resources of one JSON value (a resource or a Bundle) and routes each.
    /// `text` starts at `first_line`, and at byte `base` of its file when its resources'
    /// text is to be left there.
    fn add_tree(
        &mut self,
        file: usize,
        tree: &Json<'_>,
        text: &str,
        (first_line, base): (u32, Option<u64>),
        lossy: bool,
    ) -> Result<(), ParseError> {
        let Some(root) = tree.as_object() else {
            return Err(not_a_resource(InputKind::FhirJson));
        };
        let mut positions = Positions::new(text, first_line);
        let mut resources = Vec::new();
        collect(root, (None, None), text, &mut positions, &mut resources, 0);
        for res in resources {
            let at = base.and_then(|base| {
                let len = u32::try_from(res.obj.end.saturating_sub(res.obj.start)).ok()?;
                let offset = base.checked_add(u64::try_from(res.obj.start).ok()?)?;
                Some(Text::At { offset, len })
            });
            let text = at.unwrap_or_else(|| Text::Held(res.raw.into()));
            self.route(file, &res, text, lossy);
        }
        Ok(())
    }

    /// Keeps one resource (its text, or where it is) with its patient, with the shared
    /// ones, or with those of no patient.
    fn route(&mut self, file: usize, res: &Resource<'_>, text: Text, lossy: bool) {
        let mut refs = Vec::new();
        references(res.obj, &mut refs);
        let entry = (res.path.is_some() || res.full_url.is_some()).then(|| {
            Box::new(Entry {
                path: res.path.as_deref().map(Into::into),
                full_url: res.full_url.map(Into::into),
            })
        });
        let stored = Stored {
            text,
            file: u32::try_from(file).unwrap_or(u32::MAX),
            line: res.line,
            column: res.column,
            unwrapped: res.unwrapped,
            lossy,
            patient: res.kind == "Patient",
            seq: self.seq,
            entry,
            refs: refs.into(),
        };
        self.seq += 1;
        if stored.patient {
            let id = res.obj.str("id");
            let key = match (id, res.full_url) {
                (Some(id), _) => id.to_string(),
                (None, Some(url)) => patient_key(url).unwrap_or_else(|| url.to_string()),
                (None, None) => format!("#{}", stored.seq),
            };
            if let Some(url) = res.full_url.and_then(patient_key) {
                self.aliases.push((url, key.clone()));
            }
            if let Some(id) = id {
                self.aliases.push((format!("urn:uuid:{id}"), key.clone()));
            }
            self.add_to(key, stored);
        } else if let Some(key) = patient_of(res.obj) {
            self.add_to(key, stored);
        } else if SHARED.contains(&res.kind) {
            let index = self.shared.len();
            if let Some(id) = res.obj.str("id") {
                self.shared_by_ref
                    .insert(format!("{}/{id}", res.kind), index);
            }
            if let Some(url) = res.full_url {
                self.shared_by_ref.insert(url.to_string(), index);
            }
            self.shared.push(stored);
        } else {
            self.loose.push(stored);
        }
    }

    /// Adds a resource to the group of a patient key, made when new.
    fn add_to(&mut self, key: String, stored: Stored) {
        match self.by_key.get(&key).and_then(|&i| self.groups.get_mut(i)) {
            Some(group) => group.parts.push(stored),
            None => {
                self.by_key.insert(key, self.groups.len());
                self.groups.push(Group {
                    parts: vec![stored],
                    needed: Vec::new(),
                });
            }
        }
    }

    /// Moves the resources referring to a Patient by another key (its `fullUrl`) to the
    /// Patient's group, keeping input order.
    fn merge_aliases(&mut self) {
        for (alias, key) in std::mem::take(&mut self.aliases) {
            let (Some(&from), Some(&to)) = (self.by_key.get(&alias), self.by_key.get(&key)) else {
                continue;
            };
            if from == to {
                continue;
            }
            let moved = self
                .groups
                .get_mut(from)
                .map(|g| std::mem::take(&mut g.parts))
                .unwrap_or_default();
            if let Some(target) = self.groups.get_mut(to) {
                target.parts.extend(moved);
                target.parts.sort_by_key(|p| p.seq);
            }
            self.by_key.insert(alias, to);
        }
    }
}

//! The records of a [`FhirPatients`], built one at a time: each patient's resources, with
//! the shared ones they refer to, mapped as one input.

use super::super::json::{self, Json};
use super::super::{map_all, place, Ctx, Resource};
use super::routing::needed;
use super::{FhirPatients, File, Group, Stored, Text};
use bluebutton_model::{FormatKind, HealthRecord, Prune, Warning, WarningCode};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

impl FhirPatients {
    /// The records read so far, one per patient, built one at a time as the iterator is
    /// advanced: patients in the order their Patient resources came, then the patients
    /// referred to without a Patient resource, then (when there are any) the record of the
    /// resources that name no patient.
    pub fn records(mut self) -> FhirPatientRecords {
        self.merge_aliases();
        let mut used = vec![false; self.shared.len()];
        for group in &mut self.groups {
            group.needed = needed(&self.shared, &self.shared_by_ref, &group.parts);
            for &i in &group.needed {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
            }
        }
        let mut groups: Vec<Group> = self
            .groups
            .into_iter()
            .filter(|g| !g.parts.is_empty())
            .collect();
        // Patients with a Patient resource first, in its order; then the others.
        groups.sort_by_key(|g| {
            let first = g.parts.first().map_or(0, |p| p.seq);
            match g.parts.iter().find(|p| p.patient) {
                Some(p) => (0, p.seq),
                None => (1, first),
            }
        });
        let unused = used.iter().filter(|u| !**u).count();
        let loose_count = self.loose.len() + unused;
        if loose_count > 0 {
            let mut parts = self.loose;
            parts.extend(
                self.shared
                    .iter()
                    .zip(&used)
                    .filter(|(_, u)| !**u)
                    .map(|(s, _)| s.clone()),
            );
            parts.sort_by_key(|p| p.seq);
            // The unused shared resources are mapped here already.
            let needed = needed(&self.shared, &self.shared_by_ref, &parts)
                .into_iter()
                .filter(|&i| used.get(i).copied().unwrap_or_default())
                .collect();
            groups.push(Group { parts, needed });
        }
        FhirPatientRecords {
            files: self.files,
            groups: groups.into_iter(),
            shared: self.shared,
            loose: (loose_count > 0).then_some(loose_count),
        }
    }
}

/// The records of [`FhirPatients`], one per patient, each built when asked for.
#[derive(Debug)]
pub struct FhirPatientRecords {
    files: Vec<File>,
    groups: std::vec::IntoIter<Group>,
    shared: Vec<Stored>,
    /// How many resources the last group, of no patient, holds (when there is one).
    loose: Option<usize>,
}

impl Iterator for FhirPatientRecords {
    type Item = HealthRecord;

    fn next(&mut self) -> Option<HealthRecord> {
        let group = self.groups.next()?;
        let last = self.groups.len() == 0;
        let mut record = self.build(&group);
        if let (true, Some(count)) = (last, self.loose) {
            record.warnings.push(Warning {
                code: WarningCode::MissingElement,
                message: format!(
                    "this record has no patient: it holds the {count} resource(s) of the \
                     input that name none (by patient, subject or beneficiary), other than \
                     the shared ones (practitioners, organizations, locations, medications) \
                     that a patient's resources refer to"
                ),
                ..Default::default()
            });
        } else if !group.parts.iter().any(|p| p.patient) {
            record.warnings.push(Warning {
                code: WarningCode::MissingElement,
                message: "this record's resources name a patient whose Patient resource is \
                          not in the input"
                    .into(),
                ..Default::default()
            });
        }
        Some(record)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.groups.size_hint()
    }
}

impl ExactSizeIterator for FhirPatientRecords {}

impl FhirPatientRecords {
    /// Maps a group's resources, with the shared ones they need, into a record.
    fn build(&self, group: &Group) -> HealthRecord {
        let needed = group.needed.iter().filter_map(|&i| self.shared.get(i));
        let items: Vec<(&Stored, bool)> = group
            .parts
            .iter()
            .map(|p| (p, false))
            .chain(needed.map(|s| (s, true)))
            .collect();
        // Each text was read once already; it is read again (from its file when it was
        // left there).
        let mut disk = Disk::default();
        let texts: Vec<Option<Cow<'_, str>>> = items
            .iter()
            .map(|(s, _)| match &s.text {
                Text::Held(text) => Some(Cow::Borrowed(&**text)),
                Text::At { offset, len } => {
                    let path = self.files.get(s.file as usize)?.disk.as_deref()?;
                    disk.read(s.file, path, *offset, *len).map(Cow::Owned)
                }
            })
            .collect();
        drop(disk);
        let trees: Vec<Option<Json<'_>>> = texts
            .iter()
            .map(|t| json::parse(t.as_deref()?).ok())
            .collect();
        let mut resources = Vec::new();
        let mut lossy = Vec::new();
        let mut unreadable = 0;
        for (((stored, reference_only), tree), text) in items.iter().zip(&trees).zip(&texts) {
            let (Some(obj), Some(text)) = (tree.as_ref().and_then(Json::as_object), text) else {
                unreadable += 1;
                continue;
            };
            if stored.lossy && !reference_only {
                lossy.push(resources.len());
            }
            resources.push(Resource {
                obj,
                kind: obj.str("resourceType").unwrap_or_default(),
                raw: text,
                path: stored
                    .entry
                    .as_ref()
                    .and_then(|e| e.path.as_deref().map(str::to_string)),
                line: stored.line,
                column: stored.column,
                full_url: stored.entry.as_ref().and_then(|e| e.full_url.as_deref()),
                unwrapped: stored.unwrapped,
                file: self
                    .files
                    .get(stored.file as usize)
                    .map(|f| f.name.as_str()),
                reference_only: *reference_only,
            });
        }
        let mut ctx = Ctx::new();
        for res in lossy.iter().filter_map(|&i| resources.get(i)) {
            ctx.here = (place(res), Some(res.line), Some(res.column));
            ctx.warn(
                WarningCode::InvalidEncoding,
                "the resource's bytes are not valid UTF-8; invalid bytes were replaced".into(),
            );
        }
        if unreadable > 0 {
            ctx.warn(
                WarningCode::Other,
                format!("{unreadable} resource(s) could not be read again; left out"),
            );
        }
        map_all(&mut ctx, &resources);
        let mut record = ctx.record;
        let files = group
            .parts
            .iter()
            .filter_map(|p| self.files.get(p.file as usize));
        let ndjson = files.clone().any(|f| f.ndjson);
        record.format.kind = if ndjson {
            FormatKind::FhirNdjson
        } else {
            FormatKind::FhirJson
        };
        record.format.version = files.filter_map(|f| f.version.clone()).next();
        record.prune();
        record
    }
}

/// The files a record's resources are read again from, each opened once per record.
#[derive(Default)]
struct Disk {
    open: HashMap<u32, std::fs::File>,
}

impl Disk {
    /// The `len` bytes at `offset` of a file, as UTF-8; `None` when they cannot be read
    /// (the file changed or went away since it was read).
    fn read(&mut self, file: u32, path: &Path, offset: u64, len: u32) -> Option<String> {
        let handle = match self.open.entry(file) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(std::fs::File::open(path).ok()?)
            }
        };
        handle.seek(SeekFrom::Start(offset)).ok()?;
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        handle.read_exact(&mut bytes).ok()?;
        String::from_utf8(bytes).ok()
    }
}

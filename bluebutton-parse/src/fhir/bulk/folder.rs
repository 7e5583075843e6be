//! A folder of FHIR files into one record per patient.

use super::{FhirFilesError, FhirPatients};
use bluebutton_model::HealthRecord;
use std::path::Path;

/// Reads every `.json`, `.ndjson` and `.jsonl` file under `dir` (recursively, in sorted
/// order, hidden files and folders left out; other files are not FHIR and are skipped)
/// into one record per patient, as [`FhirPatients`] does. Files are named (in provenance
/// and errors) by their path: `dir` joined with their path below it. Only an index of the
/// files' resources is kept while reading ([`FhirPatients::add_file`]); the records
/// returned are all held, so iterate [`FhirPatients::records`] to handle one at a time.
///
/// # Errors
/// The first file that cannot be read ([`FhirFilesError`] names it, and the line for
/// NDJSON); a folder that cannot be listed.
pub fn parse_fhir_folder(dir: &Path) -> Result<Vec<HealthRecord>, FhirFilesError> {
    let mut reader = FhirPatients::new();
    let mut stack = vec![dir.to_path_buf()];
    let mut files = Vec::new();
    while let Some(folder) = stack.pop() {
        let unlistable = |source| FhirFilesError::Io {
            file: folder.display().to_string(),
            source,
        };
        let mut entries = Vec::new();
        for entry in std::fs::read_dir(&folder).map_err(unlistable)? {
            let path = entry.map_err(unlistable)?.path();
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if !hidden {
                entries.push(path);
            }
        }
        entries.sort();
        // Folders go on the stack in reverse, so they come out in sorted order.
        for path in entries.iter().rev() {
            if path.is_dir() {
                stack.push(path.clone());
            }
        }
        let fhir = |p: &Path| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                ["json", "ndjson", "jsonl"]
                    .iter()
                    .any(|x| e.eq_ignore_ascii_case(x))
            })
        };
        files.extend(entries.into_iter().filter(|p| p.is_file() && fhir(p)));
    }
    for path in &files {
        reader.add_file(path)?;
    }
    Ok(reader.records().collect())
}

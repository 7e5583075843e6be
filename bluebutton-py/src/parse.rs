//! `parse()`, `parse_file()`, `parse_files()` and `parse_fhir_folder()`.

use std::path::{Path, PathBuf};

use bluebutton_model::HealthRecord;
use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;

use crate::error::{file_parse_error, parse_error};
use crate::input::with_bytes;

/// Reads a health record in any supported format.
///
/// The format (C-CDA, C32, VA or CMS text, FHIR R4 JSON) is detected from the input itself.
/// The GIL is released while parsing.
///
/// Args:
///     data: The document's bytes, or its text (a str is encoded as UTF-8).
///
/// Returns:
///     HealthRecord: The record; `to_dict()` gives the same data as the CLI's JSON.
///
/// Raises:
///     ParseError: The input is empty, malformed, or not a supported health record.
///     TypeError: `data` is not bytes, bytearray or str.
///
/// Example:
///     >>> import bluebutton
///     >>> rec = bluebutton.parse(open("record.xml", "rb").read())  # doctest: +SKIP
///     >>> rec.format.kind  # doctest: +SKIP
///     FormatKind.Ccda
#[pyfunction]
#[pyo3(signature = (data, /), text_signature = "(data, /)")]
pub(crate) fn parse(data: &Bound<'_, PyAny>) -> PyResult<HealthRecord> {
    let py = data.py();
    with_bytes(data, bluebutton_parse::parse)?.map_err(|e| parse_error(py, &e))
}

/// Reads the health record in a file, in any supported format.
///
/// The GIL is released while reading and parsing.
///
/// Args:
///     path: The file's path (str or os.PathLike).
///
/// Returns:
///     HealthRecord: The record.
///
/// Raises:
///     ParseError: The file is empty, malformed, or not a supported health record.
///     OSError: The file cannot be read (FileNotFoundError, PermissionError, ...).
#[pyfunction]
#[pyo3(signature = (path, /), text_signature = "(path, /)")]
pub(crate) fn parse_file(py: Python<'_>, path: PathBuf) -> PyResult<HealthRecord> {
    let result = py.detach(|| std::fs::read(&path).map(|bytes| bluebutton_parse::parse(&bytes)));
    match result {
        Ok(parsed) => parsed.map_err(|e| parse_error(py, &e)),
        Err(io) => Err(os_error(&io, &path)),
    }
}

/// Reads many files at once, in parallel, and returns their records in input order.
///
/// The GIL is released for the whole batch, and the files are read and parsed on `jobs`
/// threads. A file that cannot be read or parsed does not stop the batch: its place in
/// the result holds the exception (a `ParseError` or an `OSError`, not raised), so
/// `isinstance(item, Exception)` tells failures apart.
///
/// Args:
///     paths: The files' paths (str or os.PathLike), in the order wanted.
///     jobs: How many files to parse at once; 0 (the default) means one per CPU.
///
/// Returns:
///     list[HealthRecord | Exception]: One item per path, in input order.
///
/// Example:
///     >>> import bluebutton, glob
///     >>> results = bluebutton.parse_files(sorted(glob.glob("records/*.xml")), jobs=4)  # doctest: +SKIP
///     >>> records = [r for r in results if not isinstance(r, Exception)]  # doctest: +SKIP
#[pyfunction]
#[pyo3(signature = (paths, /, jobs = 0), text_signature = "(paths, /, jobs=0)")]
pub(crate) fn parse_files(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    jobs: usize,
) -> PyResult<Vec<Py<PyAny>>> {
    use rayon::prelude::*;
    let threads = match jobs {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| pyo3::exceptions::PyRuntimeError::new_err(e.to_string()))?;
    let results = py.detach(|| {
        pool.install(|| {
            paths
                .par_iter()
                .map(|path| std::fs::read(path).map(|bytes| bluebutton_parse::parse(&bytes)))
                .collect::<Vec<_>>()
        })
    });
    paths
        .iter()
        .zip(results)
        .map(|(path, result)| match result {
            Ok(Ok(record)) => Ok(Bound::new(py, record)?.into_any().unbind()),
            Ok(Err(e)) => Ok(parse_error(py, &e).into_value(py).into_any()),
            Err(io) => Ok(os_error(&io, path).into_value(py).into_any()),
        })
        .collect()
}

/// Reads a folder of FHIR R4 files into one record per patient.
///
/// Every `.json` (a resource or a Bundle), `.ndjson` and `.jsonl` file under the folder
/// (a bulk-data export: one file per resource type) is read, NDJSON line by line, and
/// each resource goes to the patient its `patient`, `subject` or `beneficiary` names.
/// Practitioners, organizations, locations and medications that name no patient resolve
/// references in every record that refers to them; other resources that name no patient
/// make one last record with no patient, which says so in its warnings. Entries name
/// their file (the folder's path joined with the file's path in it) in `source.file`.
/// The GIL is released while reading.
///
/// Args:
///     path: The folder's path (str or os.PathLike).
///
/// Returns:
///     list[HealthRecord]: One record per patient, in the order of their Patient
///     resources.
///
/// Raises:
///     ParseError: A file is not FHIR R4 or is malformed; the message names the file, and
///         `line` the NDJSON line.
///     OSError: A file or folder cannot be read.
///
/// Example:
///     >>> import bluebutton
///     >>> records = bluebutton.parse_fhir_folder("export/")  # doctest: +SKIP
///     >>> [len(r.problems) for r in records]  # doctest: +SKIP
#[pyfunction]
#[pyo3(signature = (path, /), text_signature = "(path, /)")]
pub(crate) fn parse_fhir_folder(py: Python<'_>, path: PathBuf) -> PyResult<Vec<HealthRecord>> {
    use bluebutton_parse::FhirFilesError;
    py.detach(|| bluebutton_parse::parse_fhir_folder(&path))
        .map_err(|error| match error {
            FhirFilesError::Io { file, source } => os_error(&source, Path::new(&file)),
            FhirFilesError::Parse { file, error } => file_parse_error(py, &file, &error),
            other => pyo3::exceptions::PyRuntimeError::new_err(other.to_string()),
        })
}

/// An `OSError` with errno and file name, so Python picks the subclass
/// (`FileNotFoundError`, `PermissionError`, `IsADirectoryError`, ...).
fn os_error(err: &std::io::Error, path: &std::path::Path) -> PyErr {
    match err.raw_os_error() {
        Some(errno) => {
            let text = err.to_string();
            let strerror = text
                .strip_suffix(&format!(" (os error {errno})"))
                .unwrap_or(&text)
                .to_string();
            PyOSError::new_err((errno, strerror, path.as_os_str().to_os_string()))
        }
        None => PyOSError::new_err(err.to_string()),
    }
}

//! `bluebutton parse`: every input read into a record and printed as JSON, in input
//! order, in parallel when asked.

use crate::inputs::{expand, is_single_file, Input};
use crate::output::{report, Outcome, Output};
use crate::progress::Progress;
use crate::{ParseArgs, ParseFormat, ParseTarget};
use bluebutton_parse::{FhirFilesError, FhirPatients, HealthRecord};
use rayon::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// How the records are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// One record for the one input.
    Single,
    /// A JSON array of records.
    Array,
    /// One compact record per line.
    Lines,
}

/// Parses every input and prints the records.
pub(crate) fn run(args: &ParseArgs, output: &mut Output) -> Outcome {
    if args.fhir_patients {
        return run_patients(args, output);
    }
    let layout = match args.format {
        ParseFormat::Ndjson => Layout::Lines,
        ParseFormat::Json if is_single_file(&args.paths) => Layout::Single,
        ParseFormat::Json => Layout::Array,
    };
    let pretty = args.pretty && layout != Layout::Lines;
    let inputs = expand(&args.paths);
    let jobs = match args.jobs {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let mut printer = Printer {
        layout,
        written: 0,
        failed: 0,
        outcome: Outcome::OK,
        progress: Progress::new(inputs.len()),
    };
    if jobs <= 1 {
        let mut scratch = Scratch::default();
        for input in &inputs {
            let result = render(input, args.to, pretty, &mut scratch);
            printer.print(output, &input.label(), written(&result, &mut scratch.json));
            scratch.done_with_json();
            if printer.outcome.stopped {
                break;
            }
        }
    } else {
        let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
            Ok(pool) => pool,
            Err(e) => {
                report("--jobs", &e.to_string());
                return Outcome::FAILED;
            }
        };
        // A few batches' worth at a time: parallel, but printed in input order and
        // without holding every record in memory.
        for batch in inputs.chunks(jobs * 4) {
            let rendered: Vec<Result<Vec<u8>, String>> = pool.install(|| {
                batch
                    .par_iter()
                    .map_init(Scratch::default, |scratch, i| {
                        render(i, args.to, pretty, scratch)
                            .map(|()| std::mem::take(&mut scratch.json))
                    })
                    .collect()
            });
            for (input, mut result) in batch.iter().zip(rendered) {
                let json = result.as_mut().map_err(|e| e.as_str());
                printer.print(output, &input.label(), json);
                if printer.outcome.stopped {
                    break;
                }
            }
            if printer.outcome.stopped {
                break;
            }
        }
    }
    printer.progress.finish();
    printer.finish(output)
}

/// Reads every input as FHIR into one record per patient and prints the records (an
/// array for `--format json`). A failed input is reported and nothing is printed.
fn run_patients(args: &ParseArgs, output: &mut Output) -> Outcome {
    let layout = match args.format {
        ParseFormat::Ndjson => Layout::Lines,
        ParseFormat::Json => Layout::Array,
    };
    let pretty = args.pretty && layout != Layout::Lines;
    let inputs = expand_fhir(&args.paths);
    let mut reader = FhirPatients::new();
    let mut outcome = Outcome::OK;
    for input in &inputs {
        let added = match input {
            Input::File(path) => reader.add_file(path).map_err(why),
            _ => input
                .read()
                .and_then(|bytes| reader.add_json("-", &bytes).map_err(why)),
        };
        if let Err(e) = added {
            report(&input.label(), &e);
            outcome = Outcome::FAILED;
        }
    }
    if outcome != Outcome::OK {
        return outcome;
    }
    let mut printer = Printer {
        layout,
        written: 0,
        failed: 0,
        outcome,
        progress: Progress::new(0),
    };
    let mut json = Vec::new();
    for record in reader.records() {
        json.clear();
        let result = serialize(&record, args.to, pretty, &mut json);
        printer.print(output, "record", written(&result, &mut json));
        if printer.outcome.stopped {
            break;
        }
    }
    printer.finish(output)
}

/// What went wrong with a FHIR file, without its name (the report names it).
fn why(error: FhirFilesError) -> String {
    match error {
        FhirFilesError::Io { source, .. } => source.to_string(),
        FhirFilesError::Parse { error, .. } => error.to_string(),
        other => other.to_string(),
    }
}

/// The inputs the paths name, as for `parse`, but keeping only the FHIR files of folders.
fn expand_fhir(paths: &[std::path::PathBuf]) -> Vec<Input> {
    let named: Vec<_> = paths.iter().filter(|p| !p.is_dir()).collect();
    expand(paths)
        .into_iter()
        .filter(|input| match input {
            Input::File(path) => named.contains(&path) || is_fhir_name(path),
            _ => true,
        })
        .collect()
}

/// Whether a file's name says FHIR JSON or NDJSON.
fn is_fhir_name(path: &std::path::Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["json", "ndjson", "jsonl"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// The buffers one worker reuses from input to input (the bytes read, the JSON written),
/// so that a batch does not allocate, and fault in, fresh memory for every file. A buffer
/// that a large input grew past [`KEEP`] is let go, as each buffer was before.
#[derive(Default)]
struct Scratch {
    input: Vec<u8>,
    json: Vec<u8>,
}

/// The largest buffer kept for the next input.
const KEEP: usize = 4 * 1024 * 1024;

impl Scratch {
    /// Empties `buffer`, letting it go when it is larger than [`KEEP`].
    fn reset(buffer: &mut Vec<u8>) {
        if buffer.capacity() > KEEP {
            *buffer = Vec::new();
        } else {
            buffer.clear();
        }
    }

    /// The JSON has been written out: a large buffer goes now, not after the next input.
    fn done_with_json(&mut self) {
        Self::reset(&mut self.json);
    }
}

/// Reads, parses and serializes one input (the record, or its FHIR Bundle) into
/// `scratch.json`; a panic in the reader is a failure too.
fn render(
    input: &Input,
    to: ParseTarget,
    pretty: bool,
    scratch: &mut Scratch,
) -> Result<(), String> {
    input.read_into(&mut scratch.input)?;
    let parsed = catch_unwind(AssertUnwindSafe(|| bluebutton_parse::parse(&scratch.input)))
        .map_err(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            format!("internal error: the reader failed ({what}); please report this")
        })?;
    // The record owns everything it needs: a large input goes before the JSON is written,
    // so peak memory holds two of the three, never all of them.
    Scratch::reset(&mut scratch.input);
    let record = parsed.map_err(|e| e.to_string())?;
    scratch.json.clear();
    serialize(&record, to, pretty, &mut scratch.json)
}

/// The JSON that [`render`] or [`serialize`] wrote into `json`, or why there is none.
fn written<'j>(
    result: &'j Result<(), String>,
    json: &'j mut Vec<u8>,
) -> Result<&'j mut Vec<u8>, &'j str> {
    match result {
        Ok(()) => Ok(json),
        Err(e) => Err(e),
    }
}

/// A record's JSON, or its FHIR Bundle, appended to `out`.
///
/// The record is written by sonic-rs, whose string escaping runs many bytes at a time
/// (strings are most of a record's JSON). Its output is byte for byte serde_json's, as the
/// tests check on every golden vector.
fn serialize(
    record: &HealthRecord,
    to: ParseTarget,
    pretty: bool,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    if to == ParseTarget::Fhir {
        let bundle = if pretty {
            bluebutton_parse::to_fhir_pretty(record)
        } else {
            bluebutton_parse::to_fhir(record)
        };
        out.extend_from_slice(bundle.as_bytes());
        return Ok(());
    }
    let written = if pretty {
        sonic_rs::to_writer_pretty(&mut *out, record)
    } else {
        sonic_rs::to_writer(&mut *out, record)
    };
    written.map_err(|e| e.to_string())
}

/// Writes records in the chosen layout, reports failures, and counts progress.
struct Printer {
    layout: Layout,
    written: usize,
    failed: usize,
    outcome: Outcome,
    progress: Progress,
}

impl Printer {
    /// Prints one record's JSON (which it may append to), or reports why there is none.
    fn print(&mut self, output: &mut Output, label: &str, result: Result<&mut Vec<u8>, &str>) {
        let json = match result {
            Ok(json) => json,
            Err(e) => {
                // What came before goes out first, so the report follows it.
                self.outcome = self.outcome.and(output.flush()).and(Outcome::FAILED);
                self.failed += 1;
                self.progress.suspend(|| report(label, e));
                self.progress.advance(self.failed);
                return;
            }
        };
        self.progress.advance(self.failed);
        let step = match self.layout {
            Layout::Single | Layout::Lines => {
                // The line end goes in the same write: standard output, line-buffered,
                // looks for the last line end from the end of each write, and finds it at
                // once instead of scanning the whole record.
                json.push(b'\n');
                output.write(&json[..])
            }
            Layout::Array => {
                let opening = if self.written == 0 { "[\n" } else { ",\n" };
                let indented;
                let json = if json.contains(&b'\n') {
                    // Pretty: indent every line of the record inside the array. JSON
                    // strings hold no raw line breaks, so this cannot change a value.
                    let mut lines = Vec::with_capacity(json.len() + json.len() / 8);
                    for (i, line) in json.split(|&b| b == b'\n').enumerate() {
                        if i > 0 {
                            lines.push(b'\n');
                        }
                        lines.extend_from_slice(b"  ");
                        lines.extend_from_slice(line);
                    }
                    indented = lines;
                    &indented
                } else {
                    json
                };
                output.write(opening).and(output.write(json))
            }
        };
        self.written += 1;
        self.outcome = self.outcome.and(step);
    }

    fn finish(self, output: &mut Output) -> Outcome {
        if self.outcome.stopped || self.layout != Layout::Array {
            return self.outcome;
        }
        let closing = if self.written == 0 { "[]\n" } else { "\n]\n" };
        self.outcome.and(output.write(closing))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The command's JSON is serde_json's, byte for byte (compact and pretty), on every
    /// golden vector.
    #[test]
    fn records_are_written_as_serde_json_writes_them() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let cases = std::fs::read_to_string(root.join("testdata/golden/cases.tsv")).unwrap();
        let mut checked = 0;
        for line in cases
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (name, path) = line.split_once('\t').unwrap();
            let bytes = std::fs::read(root.join(path)).unwrap();
            let record = bluebutton_parse::parse(&bytes).unwrap();
            for pretty in [false, true] {
                let mut ours = Vec::new();
                serialize(&record, ParseTarget::Record, pretty, &mut ours).unwrap();
                let expected = if pretty {
                    serde_json::to_vec_pretty(&record)
                } else {
                    serde_json::to_vec(&record)
                }
                .unwrap();
                assert!(
                    ours == expected,
                    "{name}: the JSON differs (pretty: {pretty})"
                );
            }
            checked += 1;
        }
        assert!(checked >= 10, "only {checked} golden vectors");
    }
}
